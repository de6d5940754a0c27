package at.jobfair.access;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Staff reach a person's bookings, calendar files and the outbox only through their relation or their work. */
class StaffRelationsTest {

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
  void aBookingAndItsCalendarFileAreThePersonsTheBoothsTheOrganisersAndTheCaseworkersOnly() {
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Beziehungen", true, 0);
    long booth = fx.booth(fair, hotel);
    long slot = fx.slots(booth, Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS), 1, Duration.ofMinutes(30), 1).get(0);
    String email = fx.jobseekers("relation", 1).get(0);
    long person = fx.accountId(email);
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", fx.accountId("sfa@demo.test"), person);
    TestClient seeker = app.client();
    seeker.signIn(email, Fixtures.PASSWORD);
    long booking = seeker.post("/api/slots/" + slot + "/bookings", new JsonObject()).json().getLong("id");

    for (String reader : List.of("employer@demo.test", "organizer@demo.test", "sfu@demo.test", "sfa@demo.test")) {
      TestClient c = app.client().signedIn(reader);
      assertEquals(200, c.get("/api/bookings/" + booking).status(), reader);
      assertEquals(200, c.get("/api/bookings/" + booking + "/ics").status(), reader);
    }
    fx.exec("update jobseeker set caseworker_id = null where account_id = ?", person);
    for (String stranger : List.of("provider@demo.test", "kommune@demo.test", "erhebung@demo.test", "sfa@demo.test", "employer2@demo.test")) {
      TestClient c = app.client().signedIn(stranger);
      assertEquals(404, c.get("/api/bookings/" + booking).status(), stranger);
      assertEquals(404, c.get("/api/bookings/" + booking + "/ics").status(), stranger);
    }
  }

  @Test
  void theOutboxHoldsEveryonesLettersAndIsNotForProvidersTheMunicipalityOrTheInquiryService() {
    for (String stranger : List.of("provider@demo.test", "kommune@demo.test", "erhebung@demo.test")) {
      TestClient c = app.client().signedIn(stranger);
      assertEquals(403, c.get("/api/outbox").status(), stranger);
      assertEquals(403, c.get("/admin/outbox").status(), stranger);
    }
    assertEquals(200, app.client().signedIn("organizer@demo.test").get("/api/outbox").status());
  }
}
