package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Profile and CV in real browsers (issue 16): a person fills in the profile on the phone-first page, uploads a CV and
 * shares skills and CV; booking at a booth asks its question; the booked booth sees the answer on its schedule, the
 * shared profile and downloads the CV; another booth is refused.
 */
class ProfileBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long booth;
  static long otherBooth;
  static List<Long> slots;
  static byte[] pdf;

  @BeforeAll
  static void fixtures() throws IOException {
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long gasthof = app.client().signedIn("employer2@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Profil im Browser", true, 0);
    booth = fx.booth(fair, hotel);
    otherBooth = fx.booth(fair, gasthof);
    slots = fx.slots(booth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 2, Duration.ofMinutes(30), 1);
    fx.slots(otherBooth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 1, Duration.ofMinutes(30), 1);
    fx.jobseekers("cvbrowser", 1);
    TestClient employer = app.as("employer@demo.test");
    long vacancy = employer.post("/api/booths/" + booth + "/vacancies", new JsonObject().put("title", "Rezeption")).json().getLong("id");
    assertEquals(200, employer.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", new JsonArray()
        .add(new JsonObject().put("text", "Welche Sprachen sprechen Sie am Telefon?").put("required", true)))).status());
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.addPage(new PDPage());
      doc.save(out);
      pdf = out.toByteArray();
    }
  }

  @Test
  void aCvIsVisibleToTheBookedBoothAndRefusedToAnother() throws IOException {
    try (BrowserContext p = Browsers.context(browser); BrowserContext e = Browsers.context(browser);
         BrowserContext o = Browsers.context(browser)) {
      Page person = signedIn(p, "cvbrowser-0@example.org", Fixtures.PASSWORD);
      person.setViewportSize(390, 844);
      person.navigate(app.baseUrl() + "/me/profile");
      person.locator("#skills").fill("Rezeption, Buchhaltung");
      person.locator("#language1").fill("de");
      person.locator("#level1").selectOption("C2");
      person.locator("input[name=licences][value=B]").check();
      person.locator("#hoursPerWeek").fill("25");
      person.locator("input[name=shared][value=SKILLS]").check();
      person.locator("input[name=shared][value=CV]").check();
      person.locator(".profile-form button[type=submit]").click();
      assertThat(person.locator(".notice")).hasText("Ihr Profil ist gespeichert.");
      person.setInputFiles("#cv-file", new FilePayload("Mein Lebenslauf.pdf", "application/pdf", pdf));
      person.locator("#cv form[enctype] button[type=submit]").click();
      assertThat(person.locator(".notice")).hasText("Ihr Lebenslauf ist gespeichert.");
      assertThat(person.locator("#cv a[download]")).hasText("Mein Lebenslauf.pdf");

      // Booking asks the booth's question first.
      person.navigate(app.baseUrl() + "/booths/" + booth);
      person.locator("[data-slot='" + slots.get(0) + "'] button").click();
      assertThat(person.locator("h1")).hasText("Fragen vor dem Termin");
      person.locator("textarea[name^=answer-]").fill("Deutsch, Englisch und Türkisch");
      person.locator("form.screening button[type=submit]").click();
      assertThat(person.locator(".notice")).containsText("Ihr Termin ist gebucht. Sie bekommen eine Bestätigung per E-Mail.");
      long personId = fx.accountId("cvbrowser-0@example.org");

      Page employer = signedIn(e, "employer@demo.test", "demo");
      employer.navigate(app.baseUrl() + "/booths/" + booth + "/schedule");
      assertThat(employer.locator(".booking-answers")).containsText("Deutsch, Englisch und Türkisch");
      employer.locator("a.candidate-link").first().click();
      assertThat(employer.locator(".candidate-profile")).containsText("Buchhaltung");
      assertThat(employer.locator(".candidate-profile")).not().containsText("C2");
      Download download = employer.waitForDownload(() -> employer.locator("a.cv-download").click());
      assertArrayEquals(pdf, Files.readAllBytes(download.path()));

      Page other = signedIn(o, "employer2@demo.test", "demo");
      Response refused = other.navigate(app.baseUrl() + "/booths/" + booth + "/candidates/" + personId);
      assertEquals(404, refused.status());
      assertEquals(404, other.navigate(app.baseUrl() + "/booths/" + otherBooth + "/candidates/" + personId).status());
      assertEquals(404, other.request().get(app.baseUrl() + "/api/booths/" + otherBooth + "/candidates/" + personId + "/cv").status());
    }
  }
}
