package at.jobfair.node;

import at.jobfair.App;
import at.jobfair.booking.BookingRehearsal;
import at.jobfair.config.Config;
import at.jobfair.support.TestApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node warms its hot paths up over loopback before it is ready, and leaves nothing a person could see. */
class WarmupTest {

  /** Rows of every table a booking attempt could write to (bookings, seats, mails, the audit trail). */
  private static final String WRITES = "select (select count(*) from booking) + (select coalesce(sum(booked), 0) from slot)"
      + " + (select count(*) from mail_outbox) + (select count(*) from audit_log)";

  @Test
  void theWarmUpTakesTheSignedInBookingPathAndReadsTheCatalogueWithoutWritingAnything() throws Exception {
    try (TestApp t = TestApp.start()) {
      var app = t.app();
      long writesBefore = t.count(WRITES);
      long sessionsBefore = t.count("select count(*) from http_session");

      Warmup.Report report = Warmup.run(app.vertx(), "127.0.0.1", app.port(),
          app.services().web().sessions(), app.services().web().sessionSecret(),
          new BookingRehearsal(app.pool(), app.services().fair().bookings())::run, 5)
          .await(60, TimeUnit.SECONDS);

      // Every booking attempt passed the session and CSRF checks and was refused by the booking service itself
      // (no such slot): not 401 (no session), not 403 (CSRF), never 5xx.
      Map<String, Long> answers = report.answers();
      assertTrue(answers.getOrDefault("POST 404", 0L) > 30, "booking attempts refused by the service: " + answers);
      assertTrue(answers.getOrDefault("GET 200", 0L) > 10, "catalogue reads: " + answers);
      assertEquals(answers.getOrDefault("POST 404", 0L) + answers.getOrDefault("GET 200", 0L), report.requests(),
          "no other answer: " + answers);
      // Checked every 2 s, then the requests under way are answered.
      assertTrue(report.seconds() <= 20, "stopped on time: " + report.seconds());
      assertTrue(report.rehearsals() > 0, "bookings rehearsed");
      // As in a storm, many people's sessions, each read from the database (the node keeps no copy of them).
      assertTrue(report.sessions() > 30, "sessions of the warm-up's own: " + report.sessions());
      assertEquals(writesBefore, t.count(WRITES), "nothing written");
      assertEquals(0, t.count("select count(*) from account where email like '%@warmup.invalid'"), "the rehearsals' rows rolled back");
      assertEquals(sessionsBefore, t.count("select count(*) from http_session"), "the warm-up's sessions are gone");
      // Its attempts are not people's: the node's booking figures do not count them.
      String metrics = t.client().get("/metrics").body();
      assertFalse(metrics.contains("jobfair_booking_refusals_total{"), "no refusal counted: " +
          metrics.lines().filter(l -> l.startsWith("jobfair_booking")).toList());
    }
  }

  @Test
  void aNodeIsNotReadyWhileItWarmsUpAndReadyAfterwardsWithTheWarmUpsSessionGone() throws Exception {
    try (TestApp t = TestApp.start(Map.of("warmup.enabled", true, "warmup.seconds", 3))) {
      var warming = t.client().get("/health/ready");
      assertEquals(503, warming.status(), warming.body());
      assertTrue(warming.body().contains(App.WARM_UP), warming.body());
      assertEquals(200, t.client().get("/health/live").status());
      // At most 3 s of warm-up, checked every 2 s, then the requests under way are answered (slow on a busy machine).
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (t.client().get("/health/ready").status() != 200) {
        assertTrue(System.nanoTime() < until, "ready after the warm-up");
        Thread.sleep(100);
      }
      assertEquals(0, t.count("select count(*) from http_session"));
      assertEquals(200, t.client().get("/fairs").status());
    }
  }

  @Test
  void theWarmUpIsOffByDefaultOnInTheProductionConfigurationAndDocumented() throws Exception {
    assertFalse(TestApp.config().warmup().enabled());
    Config production = Config.load(Path.of("config", "application.json"), Map.of(Config.ENV_CONFIG_FILE, "config/production.json"));
    assertTrue(production.warmup().enabled());
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    for (String key : new String[] {"warmup.enabled", "warmup.seconds"}) {
      assertTrue(readme.contains("| `" + key + "` | `" + Config.envName(key) + "` |"), key + " in the README's table");
    }
  }
}
