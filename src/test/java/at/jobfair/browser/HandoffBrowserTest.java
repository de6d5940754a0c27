package at.jobfair.browser;

import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.InBrowser;
import at.jobfair.support.TestApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hand-off shown to the person (issue 16): booth staff hand the appointment to a colleague on the schedule page, and
 * the person's open appointments page names the new interviewer without a reload.
 */
@InBrowser
class HandoffBrowserTest {

  static TestApp app;
  static Fixtures fx;
  static Playwright playwright;
  static Browser browser;
  static long booth;
  static long booking;
  static String person;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    booth = fx.booth(fx.fair("Übergabe-Börse", true, 0), hotel);
    long colleague = app.insert("insert into account (email, name, password_hash, employer_id) select 'greta@demo.test', "
        + "'Greta Gasser', password_hash, ? from account where email = 'employer@demo.test' returning id", hotel);
    fx.exec("insert into account_role values (?, 'EMPLOYER')", colleague);
    fx.exec("insert into booth_staff (booth_id, account_id) values (?, ?), (?, ?)", booth, fx.accountId("employer@demo.test"), booth, colleague);
    person = fx.jobseekers("handoff", 1).get(0);
    booking = fx.booking(booth, fx.accountId(person), Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS), 30);
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
  }

  @AfterAll
  static void stop() {
    browser.close();
    playwright.close();
    app.close();
  }

  @Test
  void thePersonsAppointmentsPageShowsTheNewInterviewerWithoutReload() {
    try (BrowserContext staff = Browsers.context(browser); BrowserContext seeker = Browsers.context(browser)) {
      Page mine = Browsers.signIn(seeker, app.baseUrl(), person, Fixtures.PASSWORD);
      mine.navigate(app.baseUrl() + "/me/appointments");
      mine.waitForSelector("body[data-live-ready]", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
      mine.evaluate("window.__sameDocument = true");
      String card = "article.appointment[data-booking='" + booking + "']";
      assertThat(mine.locator(card + " .interviewer")).hasCount(0);

      Page schedule = Browsers.signIn(staff, app.baseUrl(), "employer@demo.test", "demo");
      schedule.navigate(app.baseUrl() + "/booths/" + booth + "/schedule");
      schedule.locator("#handoff-" + booking).selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Greta Gasser"));
      schedule.locator("form.handoff button").click();
      assertThat(schedule.locator(".notice").first()).hasText("Der Termin ist übergeben. Die Person wurde informiert.");
      assertThat(schedule.locator(".candidate[data-booking='" + booking + "'] .interviewer")).containsText("Greta Gasser");

      assertThat(mine.locator(card + " .interviewer")).hasText("Gespräch mit: Greta Gasser");
      assertEquals(true, mine.evaluate("window.__sameDocument === true"), "the page was not reloaded");
    }
  }
}
