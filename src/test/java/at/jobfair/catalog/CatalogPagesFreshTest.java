package at.jobfair.catalog;

import at.jobfair.support.Await;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The booth and fair pages read through short-lived copies (CatalogCache) and still show what changed: a seat taken
 * anywhere (announced by the database), a text changed on this node at once, and one person's booking never on
 * another person's page.
 */
class CatalogPagesFreshTest {

  static TestApp app;
  static Fixtures fx;
  static long fair;
  static long booth;
  static List<Long> slots;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Frisch-Börse", true, 0);
    booth = fx.booth(fair, hotel);
    slots = fx.slots(booth, Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS), 4, Duration.ofMinutes(30), 1);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aSeatTakenInTheDatabaseShowsOnTheBoothAndFairPages() {
    var anyone = app.client();
    String slot = "data-slot=\"" + slots.get(0) + "\" data-free=\"1\"";
    assertTrue(anyone.get("/booths/" + booth).body().contains(slot));
    String fairPage = anyone.get("/fairs/" + fair).body();
    long person = fx.accountId(fx.jobseekers("frisch-a", 1).get(0));
    fx.exec("insert into booking (slot_id, booth_id, jobseeker_id, during) select id, booth_id, ?, tstzrange(starts_at, ends_at) from slot where id = ?",
        person, slots.get(0));
    Await.waitFor(() -> anyone.get("/booths/" + booth).body().contains("data-slot=\"" + slots.get(0) + "\" data-free=\"0\""));
    Await.waitFor(() -> !anyone.get("/fairs/" + fair).body().equals(fairPage));
  }

  @Test
  void aTextChangedOnThisNodeShowsAtOnce() {
    var anyone = app.client();
    assertFalse(anyone.get("/booths/" + booth).body().contains("Frisch gestrichen"));
    var employer = app.client().signedIn("employer@demo.test");
    assertEquals(200, employer.put("/api/booths/" + booth, new JsonObject().put("headline", "Frisch gestrichen")).status());
    assertTrue(anyone.get("/booths/" + booth).body().contains("Frisch gestrichen"), "no copy from before the change");
  }

  @Test
  void onePersonsBookingIsNeverOnAnothersPage() {
    var holder = app.client();
    String email = fx.jobseekers("frisch-b", 1).get(0);
    holder.signIn(email, Fixtures.PASSWORD);
    var other = app.client();
    other.signIn(fx.jobseekers("frisch-c", 1).get(0), Fixtures.PASSWORD);
    assertFalse(other.get("/booths/" + booth).body().contains("Ihr Termin an diesem Stand"));
    // The holder's own part of the page is kept a moment too: their booking drops it, before its notice is back.
    assertFalse(holder.get("/booths/" + booth).body().contains("Ihr Termin an diesem Stand"));
    var r = holder.post("/api/slots/" + slots.get(2) + "/bookings", "");
    assertEquals(201, r.status(), r.body());
    assertTrue(holder.get("/booths/" + booth).body().contains("Ihr Termin an diesem Stand"));
    String otherPage = other.get("/booths/" + booth).body();
    assertFalse(otherPage.contains("Ihr Termin an diesem Stand") || otherPage.contains("class=\"mine\""), otherPage);
    assertTrue(otherPage.contains("Diesen Termin buchen"), "the other person may still book here");
  }

  @Test
  void aBookingEndedByAnyoneElseLeavesThePersonsPage() {
    var holder = app.client();
    String email = fx.jobseekers("frisch-d", 1).get(0);
    holder.signIn(email, Fixtures.PASSWORD);
    var r = holder.post("/api/slots/" + slots.get(3) + "/bookings", "");
    assertEquals(201, r.status(), r.body());
    assertTrue(holder.get("/booths/" + booth).body().contains("Ihr Termin an diesem Stand"));
    // Ended in the database (as the booth's staff, a slot's removal or another node would): announced, and so dropped.
    fx.exec("update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'SYSTEM' where id = ?", r.json().getLong("id"));
    Await.waitFor(() -> !holder.get("/booths/" + booth).body().contains("Ihr Termin an diesem Stand"));
  }
}
