package at.jobfair.handoff;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import at.jobfair.web.WallClock;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page of who met the person ({@code /bookings/{id}/handoffs}): the booth's own employer reads the staff in the
 * call, the hand-offs and the invitations, times in the configured zone, in German and English, linked from the
 * schedule; another employer gets 404 as from the API, a jobseeker no page.
 */
class HandoffPagesTest {

  static TestApp app;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void theBoothsEmployerReadsWhoMetThePersonOthersGetNothing() {
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long eva = fx.accountId("employer@demo.test");
    long kurt = app.insert("insert into account (email, name, password_hash, employer_id) select ?, ?, password_hash, ? from account "
        + "where email = 'employer@demo.test' returning id", "kurt-evidence@demo.test", "Kurt Brandl", hotel);
    fx.exec("insert into account_role values (?, 'EMPLOYER')", kurt);
    long booth = fx.booth(fx.fair("Nachweis-Messe", true, 0), hotel);
    fx.exec("insert into booth_staff (booth_id, account_id) values (?, ?), (?, ?)", booth, eva, booth, kurt);
    String email = fx.jobseekers("evidence", 1).get(0);
    long person = fx.accountId(email);
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    long k = fx.booking(booth, person, start, 30);

    TestClient evaC = app.as("employer@demo.test");
    assertEquals(200, evaC.post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", kurt)).status());
    Instant joined = Instant.parse("2026-03-29T00:45:00Z");
    fx.exec("insert into meeting_event (booking_id, account_id, role, kind, provider, at) values (?, ?, 'EMPLOYER', 'JOIN', 'BUILTIN', ?)",
        k, kurt, Timestamp.from(joined));
    fx.exec("insert into meeting_invite (booking_id, invitee_id, invited_by) values (?, ?, ?)", k, eva, kurt);

    // linked from the schedule, where the booth's staff see the booking
    String schedule = evaC.get("/booths/" + booth + "/schedule").body();
    assertTrue(schedule.contains("href=\"/bookings/" + k + "/handoffs\""), "the schedule links the page");

    TestClient.Response page = evaC.get("/bookings/" + k + "/handoffs");
    assertEquals(200, page.status(), page.body());
    String html = page.body();
    assertTrue(html.contains("Wer die Person getroffen hat"), html);
    String name = app.app().services().pool().preparedQuery("select name from account where id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(person)).map(r -> r.iterator().next().getString(0)).toCompletionStage().toCompletableFuture().join();
    assertTrue(html.contains(name), "the person's name: " + name);
    assertTrue(html.contains("an Kurt Brandl übergeben") || html.contains("von Eva Huber an Kurt Brandl übergeben"), html);
    assertTrue(html.contains("Kurt Brandl hat Eva Huber ins Gespräch geholt"), html);
    ZoneId zone = app.app().services().config().zone();
    assertTrue(html.contains(WallClock.clock(start, zone)), "the appointment in the configured zone: " + WallClock.clock(start, zone));
    assertTrue(html.contains(WallClock.clock(joined, zone)), "joined in the configured zone: " + WallClock.clock(joined, zone));
    assertFalse(html.contains(fx.email(person)), "no address of the person");

    String english = evaC.get("/bookings/" + k + "/handoffs?lang=en").body();
    assertTrue(english.contains("Who met the person") && english.contains("asked Eva Huber into the call"), english);

    // another employer: not found, as from the API; a jobseeker (even the person) gets no staff page
    long other = fx.employer("Andere Firma Nachweis");
    long stranger = app.insert("insert into account (email, name, password_hash, employer_id) select ?, ?, password_hash, ? from account "
        + "where email = 'employer@demo.test' returning id", "fremd-evidence@demo.test", "Fremde Person", other);
    fx.exec("insert into account_role values (?, 'EMPLOYER')", stranger);
    TestClient strangerC = app.as("fremd-evidence@demo.test");
    assertEquals(404, strangerC.get("/api/bookings/" + k + "/handoffs").status());
    TestClient.Response refused = strangerC.get("/bookings/" + k + "/handoffs");
    assertEquals(404, refused.status());
    assertFalse(refused.body().contains("Kurt Brandl"));
    assertEquals(404, evaC.get("/bookings/99999999/handoffs").status());
    TestClient.Response seeker = app.as(email).get("/bookings/" + k + "/handoffs");
    assertTrue(seeker.status() == 403 || seeker.status() == 404, "no page for a jobseeker: " + seeker.status());
    assertFalse(seeker.body().contains("Kurt Brandl"));
  }
}
