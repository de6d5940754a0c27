package at.jobfair.node;

import at.jobfair.App;
import at.jobfair.db.Database;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthTest {

  /** The named check of a health answer. */
  static JsonObject check(TestClient.Response r, String id) {
    for (Object c : r.json().getJsonArray("checks")) {
      if (id.equals(((JsonObject) c).getString("id"))) return (JsonObject) c;
    }
    throw new AssertionError("no check " + id + " in " + r.body());
  }

  @Test
  void readyWhileTheDatabaseAnswersAnd503WhenItDoesNotWhileLiveStaysUp(@TempDir Path dir) {
    // Its own PostgreSQL, so that stopping it harms no other test.
    Database db = Database.embedded(dir.resolve("pg"), 0);
    var o = db.connectOptions();
    App app = App.start(TestApp.config().with(Map.of("http.port", 0, "db.url",
        "postgresql://postgres@" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(), "data.dir", dir.toString(),
        "auth.argon2MemoryKiB", 1024, "auth.argon2Iterations", 1)));
    try {
      TestClient c = new TestClient("http://127.0.0.1:" + app.port());
      for (String path : new String[] {"/health", "/health/ready"}) {
        var up = c.get(path);
        assertEquals(200, up.status(), path);
        assertEquals("UP", up.json().getString("status"));
        assertEquals("UP", check(up, "database").getString("status"));
        assertEquals(app.cluster().nodeId(), check(up, "cluster").getJsonObject("data").getString("node"));
      }

      db.close();
      for (String path : new String[] {"/health", "/health/ready"}) {
        var down = c.get(path);
        assertEquals(503, down.status(), path);
        assertEquals("DOWN", down.json().getString("status"));
        JsonObject database = check(down, "database");
        assertEquals("DOWN", database.getString("status"));
        assertEquals(true, database.getJsonObject("data").getString("reason").startsWith("the database does not answer"), database.encode());
      }
      assertEquals(200, c.get("/health/live").status(), "the process still serves: no reason to restart it");
      var api = c.signIn("organizer@demo.test", "demo");
      assertEquals(503, api.status(), api.body());
      assertEquals("unavailable", api.json().getString("error"));
    } finally {
      app.close();
      db.close();
    }
  }

  @Test
  void aNamedHoldKeepsTheNodeNotReadyUntilItIsReleased() {
    try (TestApp app = TestApp.start()) {
      TestClient c = app.client();
      assertEquals(200, c.get("/health/ready").status());

      app.app().readiness().hold("warm-up", "compiling the hot paths");
      var held = c.get("/health/ready");
      assertEquals(503, held.status(), held.body());
      assertEquals("compiling the hot paths", check(held, "holds").getJsonObject("data").getJsonObject("holds").getString("warm-up"));
      assertEquals(503, c.get("/health").status());
      assertEquals(200, c.get("/health/live").status());

      app.app().readiness().release("warm-up");
      assertEquals(200, c.get("/health/ready").status());
    }
  }
}
