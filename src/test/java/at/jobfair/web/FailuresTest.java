package at.jobfair.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a failure from PostgreSQL becomes for the person: the one mapping in {@link Failures}, on a real HTTP server.
 * Two changes that met and were undone by the database (deadlock, serialisation failure) are a "try again", never a
 * 500; the places that can meet take turns themselves (e.g. the hand-off test), this is the net below them.
 */
class FailuresTest {

  static Vertx vertx;
  static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route("/api/fail/:state").handler(ctx ->
        ctx.fail(new PgException("from the database", "ERROR", ctx.pathParam("state"), null)));
    router.route().failureHandler(new Failures(new Pages(new Messages(), ZoneId.of("Europe/Vienna"))));
    server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @CsvSource({
      "40P01, 409, concurrent_change, Someone changed this at the same moment",
      "40001, 409, concurrent_change, Someone changed this at the same moment",
      "23505, 409, conflict, exists already",
      "23514, 400, invalid_value, ''",
      "22001, 400, invalid_value, ''",
      "XX000, 500, internal, ''"})
  void aDatabaseRefusalBecomesAnAnswerAPersonUnderstands(String state, int status, String code, String says) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.actualPort() + "/api/fail/" + state + "?lang=en"))
            .timeout(java.time.Duration.ofSeconds(20)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    JsonObject body = new JsonObject(r.body());
    assertEquals(status, r.statusCode(), body.encode());
    assertEquals(code, body.getString("error"));
    assertTrue(body.getString("message").contains(says), body.encode());
    assertFalse(body.encode().contains("from the database"), "nothing of the database's own text leaves");
  }
}
