package at.jobfair.observe;

import at.jobfair.support.Await;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /metrics}: Prometheus's own checker accepts it, and the product's figures say what happened. */
class MetricsEndpointTest {

  static TestApp app;
  static Fixtures fx;
  static List<Long> slots;

  @BeforeAll
  static void start() {
    // An SMTP server that is down, and retries an hour apart: what is queued stays queued, as in a real backlog.
    app = TestApp.start(Map.of("metrics.pollSeconds", 1, "mail.smtpHost", "127.0.0.1", "mail.smtpPort", closedPort(),
        "mail.starttls", "DISABLED", "mail.retryMillis", 3_600_000));
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Metrikbörse", true, 60);
    slots = fx.slots(fx.booth(fair, hotel), Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 4,
        Duration.ofMinutes(30), 1);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void theScrapePassesPromtoolAndCountsExactlyTheBookingsAndRefusalsMade() throws Exception {
    String before = scrape();
    double made = value(before, "jobfair_bookings_made_total", "");
    // A refusal's series appears with the first refusal of its kind.
    double taken = before.contains("reason=\"slot_taken\"") ? value(before, "jobfair_booking_refusals_total", "reason=\"slot_taken\"") : 0;

    TestClient a = seeker("metrics-a");
    TestClient b = seeker("metrics-b");
    assertEquals(201, a.post("/api/slots/" + slots.get(0) + "/bookings", "").status());
    assertEquals(201, b.post("/api/slots/" + slots.get(1) + "/bookings", "").status());
    assertEquals(409, seeker("metrics-c").post("/api/slots/" + slots.get(0) + "/bookings", "").status(), "the seat is a's");
    for (int i = 0; i < 3; i++) assertEquals(200, app.client().get("/api/fairs").status());

    String after = scrape();
    assertEquals("", promtool(after), "promtool check metrics finds nothing to complain about");
    assertEquals(made + 2, value(after, "jobfair_bookings_made_total", ""));
    assertEquals(taken + 1, value(after, "jobfair_booking_refusals_total", "reason=\"slot_taken\""));
    // Vert.x's own figures: HTTP by route template, the SQL pools, the event bus, the event loops, WebSockets.
    assertTrue(value(after, "vertx_http_server_requests_total", "route=\"/api/fairs\"") >= 3, "requests by route");
    assertTrue(after.contains("vertx_pool_"), "the database pools");
    assertTrue(after.contains("netty_eventexecutor_tasks_pending{"), "the event loops' queues");
    assertEquals(1, value(after, "jobfair_cluster_members", ""));
    assertTrue(value(after, "jobfair_outbox_backlog", "") >= 0);
    assertTrue(value(after, "jobfair_outbox_oldest_age_seconds", "") >= 0);
    for (String job : List.of("outbox", "reminders", "no_shows", "closing_cascades", "session_sweep", "retention")) {
      assertTrue(value(after, "jobfair_job_since_success_seconds", "job=\"" + job + "\"") >= 0, job);
    }
    assertTrue(value(after, "jobfair_job_run_seconds_count", "job=\"outbox\",outcome=\"success\"") >= 1,
        "the outbox sender looked after the bookings' confirmations");
  }

  @Test
  void liveAndMeetingSocketsOnThisNodeAreCountedWhileOpen() throws Exception {
    // The demo's interview runs now: its employer may open the room's signalling socket.
    long interview = app.count("select k.id from booking k join account a on a.id = k.jobseeker_id where a.email = 'interview@demo.test'");
    TestClient employer = app.client().signedIn("employer@demo.test");
    Vertx vertx = Vertx.vertx();
    try {
      WebSocketClient sockets = vertx.createWebSocketClient();
      WebSocket live = sockets.connect(socket("/live", employer)).await(10, TimeUnit.SECONDS);
      WebSocket room = sockets.connect(socket("/meetings/" + interview + "/signal", employer)).await(10, TimeUnit.SECONDS);
      Await.waitFor(() -> value(scrape(), "jobfair_meeting_peers", "") == 1);
      String open = scrape();
      assertEquals(1, value(open, "jobfair_live_connections", ""));
      assertEquals(1, value(open, "jobfair_meeting_rooms", ""));
      assertEquals(2, value(open, "vertx_http_server_active_ws_connections", ""), "Vert.x counts both WebSockets");

      live.close().await(10, TimeUnit.SECONDS);
      room.close().await(10, TimeUnit.SECONDS);
      Await.waitFor(() -> value(scrape(), "jobfair_live_connections", "") == 0 && value(scrape(), "jobfair_meeting_peers", "") == 0);
      assertEquals(0, value(scrape(), "jobfair_meeting_rooms", ""));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static WebSocketConnectOptions socket(String path, TestClient who) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI(path)
        .addHeader("Cookie", "jobfair.session=" + who.cookie("jobfair.session")).addHeader("Origin", app.baseUrl());
  }

  @Test
  void theOutboxBacklogIsReadFromTheDatabase() {
    // A message queued a day ago and due again in an hour, as after a day of failed tries.
    app.insert("insert into mail_outbox (kind, ref, to_address, subject, body_text, next_attempt_at, created_at)"
        + " values ('TEST', 'metrics', 'x@example.org', 's', 'b', now() + interval '1 hour', now() - interval '1 day')"
        + " returning id");
    Await.waitFor(() -> value(scrape(), "jobfair_outbox_oldest_age_seconds", "") >= 86_400);
    assertTrue(value(scrape(), "jobfair_outbox_backlog", "") >= 1);
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestClient seeker(String name) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(fx.jobseekers(name, 1).get(0), Fixtures.PASSWORD).status());
    return c;
  }

  static String scrape() {
    TestClient.Response r = app.client().get("/metrics");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.header("Content-Type").startsWith("text/plain"), r.header("Content-Type"));
    return r.body();
  }

  /** The sum of a metric's samples that carry these labels (consecutive, as Prometheus orders them; "" = any). */
  static double value(String exposition, String name, String labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name)
        + (labels.isEmpty() ? "(?:\\{[^}]*\\})?" : "\\{(?:[^}]*,)?" + Pattern.quote(labels) + "(?:,[^}]*)?\\}")
        + " (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(exposition);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      found = true;
    }
    if (!found) throw new AssertionError("no series " + name + "{" + labels + "} in\n" + exposition);
    return sum;
  }

  /** Runs Debian's promtool on the text and answers what it printed (nothing when all is well); fails on its exit code. */
  static String promtool(String exposition) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
