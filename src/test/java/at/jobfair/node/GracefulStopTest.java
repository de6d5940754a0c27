package at.jobfair.node;

import at.jobfair.support.Ports;

import at.jobfair.live.LiveHub;
import at.jobfair.support.Await;
import at.jobfair.support.Fixtures;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stop a rolling restart relies on, in one process: SIGTERM runs exactly {@code App.stopGracefully()}. */
class GracefulStopTest {

  @Test
  void aStoppingNodeTurnsNotReadySendsItsSocketsElsewhereAndFinishesTheRequestInFlight() throws Exception {
    TestApp app = TestApp.start(Map.of("shutdown.readyDelaySeconds", 3, "shutdown.drainSeconds", 20));
    Vertx clientVertx = Vertx.vertx();
    try (Connection lock = app.jdbc()) {
      Fixtures fx = new Fixtures(app);
      long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
      long booth = fx.booth(fx.fair("Drain", true, 0), hotel);
      long slot = fx.slots(booth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 1, Duration.ofMinutes(30), 1).get(0);
      RawSession person = RawSession.signIn(app.baseUrl(), fx.jobseekers("drain", 1).get(0), Fixtures.PASSWORD);

      // A page's live socket.
      CompletableFuture<Short> closedWith = new CompletableFuture<>();
      // Kept in a variable: Vert.x closes a client nobody holds any more, with its connections.
      WebSocketClient wsClient = clientVertx.createWebSocketClient();
      WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live"))
          .await(10, TimeUnit.SECONDS);
      ws.closeHandler(v -> closedWith.complete(ws.closeStatusCode()));

      // A request in flight: the booking waits for the slot row, which this transaction holds.
      lock.setAutoCommit(false);
      try (var st = lock.prepareStatement("select id from slot where id = ? for update")) {
        st.setLong(1, slot);
        st.executeQuery().close();
      }
      CompletableFuture<TestClient.Response> booking = CompletableFuture.supplyAsync(
          () -> person.post("/api/slots/" + slot + "/bookings", ""));
      Await.waitFor(() -> app.count("select count(*) from pg_stat_activity where datname = current_database() "
          + "and wait_event_type = 'Lock'") == 1); // the booking waits for the slot's lock

      HttpClient fresh = HttpClient.newHttpClient(); // new connections, as the load balancer's checks make them
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> app.app().stopGracefully());

      // At once: not ready, so the balancer takes the node out; but alive, so nobody restarts it.
      long asked = System.nanoTime();
      Await.waitFor(() -> status(fresh, app, "/health/ready") == 503);
      assertTrue(System.nanoTime() - asked < Duration.ofSeconds(2).toNanos(), "not ready at once, well within the ready delay");
      assertEquals(503, status(fresh, app, "/health"));
      assertEquals(200, status(fresh, app, "/health/live"), "live while draining");
      assertFalse(closedWith.isDone(), "sockets stay until the balancer has had its ready delay");

      // After the ready delay: the socket is told to reconnect elsewhere ("service restart").
      assertEquals(LiveHub.SERVICE_RESTART, closedWith.get(5, TimeUnit.SECONDS));
      assertFalse(booking.isDone(), "the request in flight is still waiting");
      assertFalse(stopping.isDone(), "the stop waits for the request in flight");

      // New connections are refused now, while the request in flight finishes and is answered.
      Await.waitFor(() -> refused(app)); // no new connections once the servers shut down
      lock.commit();
      TestClient.Response booked = booking.get(10, TimeUnit.SECONDS);
      assertEquals(201, booked.status(), booked.body());
      stopping.get(20, TimeUnit.SECONDS);
      assertEquals(1, app.count("select count(*) from booking where slot_id = " + slot));
      assertTrue(app.app().vertx().deploymentIDs().isEmpty(), "every verticle undeployed");
    } finally {
      clientVertx.close();
      app.close();
    }
  }

  @Test
  void aStoppingNodeLeavesItsClusterAtOnceAndTheOtherNodeStaysReady() throws Exception {
    int[] ports = {Ports.free(), Ports.free()};
    String name = "stop-" + java.util.UUID.randomUUID();
    Map<String, Object> fast = Map.of("shutdown.readyDelaySeconds", 0, "shutdown.drainSeconds", 10);
    try (TestApp a = TestApp.start(with(TestApp.clusterMember(0, ports, name), fast));
         TestApp b = a.another(with(TestApp.clusterMember(1, ports, name), fast))) {
      assertEquals(2, b.app().cluster().members());
      a.app().stopGracefully();
      // Gone from the cluster at once, not after the 10 s in which a silent member is dropped.
      long stopped = System.nanoTime();
      Await.waitFor(() -> b.app().cluster().members() == 1);
      assertTrue(System.nanoTime() - stopped < Duration.ofSeconds(3).toNanos(), "left, not timed out");
      TestClient.Response ready = b.client().get("/health/ready");
      assertEquals(200, ready.status(), ready.body());
      assertEquals(1, HealthTest.check(ready, "cluster").getJsonObject("data").getInteger("members"));
    }
  }


  private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> all = new java.util.HashMap<>(a);
    all.putAll(b);
    return all;
  }

  private static int status(HttpClient http, TestApp app, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether a new connection goes unserved (a client of its own: a kept-alive connection would not show it): refused,
   * or, while the listener closes, accepted by the kernel and closed without an answer.
   */
  private static boolean refused(TestApp app) {
    try {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/health/live")).build(),
          HttpResponse.BodyHandlers.discarding());
      return false;
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
