package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Moving an appointment to another booth in a real browser, on a phone (issue 16, point 4): the other booth's required
 * question is asked on the booking's questions page before anything moves; answered, the appointment is moved and the
 * booth reads the answer on its schedule.
 */
class MoveScreeningBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long plainBooth;
  static long askingBooth;
  static List<Long> askingSlots;
  static long booking;

  @BeforeAll
  static void fixtures() {
    fx = new Fixtures(app);
    long fair = fx.fair("Umbuchen im Browser", true, 0);
    plainBooth = fx.booth(fair, fx.employer("Ohne Fragen KG"));
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    askingBooth = fx.booth(fair, hotel);
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    long plainSlot = fx.slots(plainBooth, start, 1, Duration.ofMinutes(30), 1).get(0);
    askingSlots = fx.slots(askingBooth, start.plus(Duration.ofHours(2)), 2, Duration.ofMinutes(30), 1);
    TestClient employer = app.as("employer@demo.test");
    long vacancy = employer.post("/api/booths/" + askingBooth + "/vacancies", new JsonObject().put("title", "Nachtportier")).json().getLong("id");
    assertEquals(200, employer.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", new JsonArray()
        .add(new JsonObject().put("text", "Können Sie Nachtschichten übernehmen?").put("required", true)))).status());
    TestClient person = app.client();
    person.signIn(fx.jobseekers("movebrowser", 1).get(0), Fixtures.PASSWORD);
    booking = person.post("/api/slots/" + plainSlot + "/bookings", "").json().getLong("id");
  }

  @Test
  void movingToAnotherBoothAsksItsQuestionAndTheAnswerReachesTheBooth() {
    try (BrowserContext p = Browsers.context(browser); BrowserContext e = Browsers.context(browser)) {
      Page person = signedIn(p, "movebrowser-0@example.org", Fixtures.PASSWORD);
      person.setViewportSize(390, 844);
      person.navigate(app.baseUrl() + "/booths/" + askingBooth + "?rebook=" + booking);
      person.locator("[data-slot='" + askingSlots.get(0) + "'] button").click();

      assertThat(person.locator("h1")).hasText("Fragen vor dem Termin");
      assertThat(person.locator(".screening-moving")).containsText("Ihr bisheriger Termin bleibt bestehen, bis Sie hier umbuchen.");
      assertThat(person.locator(".screening-moving")).containsText("Ihr Termin bisher: Ohne Fragen KG");
      assertThat(person.locator("form.screening button[type=submit]")).hasText("Auf diesen Termin umbuchen");
      // Still where it was while the question is open.
      assertEquals(1, app.count("select count(*) from booking where id = " + booking + " and status = 'ACTIVE'"));

      person.locator("textarea[name^=answer-]").fill("Ja, bis zu drei Nächte pro Woche");
      person.locator("form.screening button[type=submit]").click();
      assertThat(person.locator(".notice")).containsText("Ihr Termin ist gebucht.");
      assertEquals(1, app.count("select count(*) from booking where id = " + booking + " and status = 'CANCELLED'"));

      Page employer = signedIn(e, "employer@demo.test", "demo");
      employer.navigate(app.baseUrl() + "/booths/" + askingBooth + "/schedule");
      assertThat(employer.locator(".booking-answers")).containsText("Ja, bis zu drei Nächte pro Woche");
    }
  }
}
