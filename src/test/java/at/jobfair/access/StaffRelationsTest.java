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
  void theDossierIsForTheCaseworkerAndTheSanctionCheckAndEachReadIsInThePersonsAccessLog() {
    var data = new at.jobfair.cascade.CascadeTestData(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, hotel, "Koch");
    long person = data.person(vacancy, "BINDING", fx.accountId("sfa@demo.test"), "UNEMPLOYMENT_BENEFIT");
    long id = data.admit(data.as("sfu@demo.test"), fair, person);
    assertEquals(200, app.client().signedIn("sfa@demo.test").get("/api/cascades/" + id + "/dossier").status());
    TestClient otherSfa = data.as(data.staff("sfa-other", "SFA"));
    assertEquals(404, otherSfa.get("/api/cascades/" + id + "/dossier").status(), "an SfA who is not the caseworker");
    assertEquals(404, app.client().signedIn("kommune@demo.test").get("/api/cascades/" + id + "/dossier").status(),
        "the municipality, for someone on unemployment benefit");
    assertEquals(403, app.client().signedIn("organizer@demo.test").get("/api/cascades/" + id + "/dossier").status());
    // the person sees who read it, when and why
    TestClient self = app.client();
    self.signIn(data.email(person), Fixtures.PASSWORD);
    var log = self.get("/api/me/data-access").json().getJsonArray("items");
    assertEquals(1, log.size(), log.encode());
    assertEquals("dossier", log.getJsonObject(0).getString("what"));
    assertEquals("CASEWORKER", log.getJsonObject(0).getString("why"));
    assertEquals("Markus Lehner", log.getJsonObject(0).getString("by"));
    assertEquals(200, self.get("/me/data-access").status());
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
