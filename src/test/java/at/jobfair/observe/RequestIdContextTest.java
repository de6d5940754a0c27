package at.jobfair.observe;

import at.jobfair.support.TestApp;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The request id follows a request through what it starts: a line logged after a timer and a database round trip, on
 * an event loop that meanwhile handled other requests, still names its own request; a line logged outside any request
 * names none.
 */
class RequestIdContextTest {

  static final Logger LOG = Logger.getLogger("at.jobfair.observe.probe");
  static final List<JsonObject> lines = new CopyOnWriteArrayList<>();
  static TestApp app;
  static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start();
    JsonLogFormatter json = new JsonLogFormatter("node-1");
    LOG.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(new JsonObject(json.format(record)));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    });
    Router router = Router.router(app.app().vertx());
    router.route().handler(RequestIds::handle);
    // Wait a little (so that requests interleave on the loop), ask the database, then log: all on the request's context.
    router.get("/probe").handler(ctx -> ctx.vertx().setTimer(ThreadLocalRandom.current().nextInt(1, 30), t ->
        app.app().pool().query("select 1").execute().onSuccess(rows -> {
          LOG.info("probe " + RequestIds.of(ctx));
          ctx.end();
        }).onFailure(ctx::fail)));
    server = app.app().vertx().createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    app.close();
  }

  @Test
  void concurrentRequestsEachLogUnderTheirOwnIdAfterATimerAndAQuery() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/probe"))
          .header("X-Request-Id", "probe-" + i).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> f : sent) assertEquals(200, f.get(30, TimeUnit.SECONDS).statusCode());
    List<JsonObject> probes = lines.stream().filter(l -> l.getString("message").startsWith("probe ")).toList();
    assertEquals(40, probes.size());
    for (JsonObject l : probes) {
      assertEquals(l.getString("message").substring("probe ".length()), l.getString("requestId"), l.encode());
      assertEquals("node-1", l.getString("node"));
    }
  }

  @Test
  void aLineLoggedOutsideAnyRequestNamesNone() throws Exception {
    app.app().vertx().runOnContext(v -> LOG.info("outside"));
    at.jobfair.support.Await.waitFor(() -> lines.stream().anyMatch(l -> l.getString("message").equals("outside")));
    JsonObject outside = lines.stream().filter(l -> l.getString("message").equals("outside")).findFirst().orElseThrow();
    assertFalse(outside.containsKey("requestId"), outside.encode());
  }
}
