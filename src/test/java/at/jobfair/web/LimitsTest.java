package at.jobfair.web;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one address may take of a node: open WebSockets at once, sign-ins and registrations per minute; 429 beyond. */
class LimitsTest {

  static final int SOCKETS = 5;
  static final int SIGN_INS = 4;
  static TestApp app;
  static Vertx vertx;
  static WebSocketClient ws;

  @BeforeAll
  static void start() {
    // The balancer is at 127.0.0.2 (trusted); the tests themselves connect from 127.0.0.1 (not trusted).
    app = TestApp.start(Map.of("limits.websocketsPerAddress", SOCKETS, "limits.signInsPerMinute", SIGN_INS,
        "http.trustedProxies", "127.0.0.2"));
    vertx = Vertx.vertx();
    ws = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
  }

  private static WebSocket live() throws Exception {
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live"))
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void oneAddressHoldsAtMostTheConfiguredWebSocketsAndAClosedOneFreesItsPlace() throws Exception {
    List<WebSocket> open = new ArrayList<>();
    for (int i = 0; i < SOCKETS; i++) open.add(live());
    Exception refused = assertThrows(Exception.class, LimitsTest::live);
    assertTrue(String.valueOf(refused.getMessage()).contains("429"), String.valueOf(refused));
    open.remove(0).close().await(10, TimeUnit.SECONDS);
    // the place is free once the server saw the close
    WebSocket again = null;
    for (int attempt = 0; attempt < 50 && again == null; attempt++) {
      try {
        again = live();
      } catch (Exception e) {
        Thread.sleep(100);
      }
    }
    assertNotNull(again, "a closed socket frees its place");
    open.add(again);
    for (WebSocket w : open) w.close().await(10, TimeUnit.SECONDS);
    assertEquals(200, app.client().get("/health").status());
  }

  @Test
  void signInAttemptsBeyondTheLimitAreAnswered429WithRetryAfterAndAMessage() {
    String body = new JsonObject().put("email", "nobody@demo.test").put("password", "wrong").encode();
    TestClient c = app.client().language("en");
    int refused = 0;
    TestClient.Response last = null;
    for (int i = 0; i < SIGN_INS + 2; i++) {
      last = c.postWith("/api/session", "application/json", body, "X-Forwarded-For", "203.0.113." + i);
      if (last.status() == 429) refused++;
    }
    // X-Forwarded-For from an untrusted peer changes nothing: all came from one address
    assertEquals(2, refused);
    assertEquals("too_many_requests", last.json().getString("error"));
    assertTrue(last.json().getString("message").contains("seconds"), last.body());
    int retryAfter = Integer.parseInt(last.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    // a sign-in limit leaves other routes alone
    assertEquals(200, c.get("/api/fairs").status());
  }

  @Test
  void behindATrustedBalancerEachClientAddressCountsOnItsOwn() throws Exception {
    for (int client = 0; client < 3; client++) {
      for (int i = 0; i < SIGN_INS; i++) {
        String body = new JsonObject().put("email", "nobody-" + client + "-" + i + "@demo.test").put("password", "wrong").encode();
        String answer = viaBalancer("POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "X-Forwarded-For: 10.9.9.9, 198.51.100." + client + "\r\nConnection: close\r\nContent-Length: " + body.length()
            + "\r\n\r\n" + body);
        assertTrue(answer.startsWith("HTTP/1.1 401"), "client " + client + " attempt " + i + ": " + answer);
      }
    }
  }

  /** A request sent from 127.0.0.2, the trusted balancer's address. */
  private static String viaBalancer(String request) throws Exception {
    try (var s = new java.net.Socket(java.net.InetAddress.getByName("127.0.0.1"), app.app().port(),
        java.net.InetAddress.getByName("127.0.0.2"), 0)) {
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
