package at.jobfair.web;

import at.jobfair.AppRouter;
import at.jobfair.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API description at /api/openapi.json names every API route the router has, and no other. */
class OpenApiTest {

  @Test
  void everyApiRouteIsDescribedAndEveryDescribedRouteExists() {
    try (TestApp app = TestApp.start()) {
      JsonObject doc = app.client().get("/api/openapi.json").json();
      assertEquals("3.0.3", doc.getString("openapi"));
      Set<String> described = new TreeSet<>();
      JsonObject paths = doc.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) described.add(method.toUpperCase(Locale.ROOT) + " " + path);
      }
      Router router = AppRouter.create(app.app().vertx(), app.app().services(), app.app().cluster().nodeId());
      Set<String> routed = new TreeSet<>();
      for (Route r : router.getRoutes()) {
        String path = r.getPath();
        if (path == null || !path.startsWith("/api/") || r.methods() == null) continue;
        for (var m : r.methods()) routed.add(m.name() + " " + path.replaceAll(":([A-Za-z]+)", "{$1}"));
      }
      assertTrue(routed.size() >= 6, routed.toString());
      assertEquals(routed, described);
    }
  }

  @Test
  void everyOperationHasItsOwnOperationId() throws Exception {
    JsonObject doc = new JsonObject(java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/openapi.json")));
    Set<String> ids = new TreeSet<>();
    int operations = 0;
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        operations++;
        String id = paths.getJsonObject(path).getJsonObject(method).getString("operationId");
        assertTrue(id != null && id.matches("[a-z][A-Za-z0-9]*"), method + " " + path + " has no usable operationId: " + id);
        ids.add(id);
      }
    }
    assertEquals(operations, ids.size(), "operationIds are unique");
  }
}
