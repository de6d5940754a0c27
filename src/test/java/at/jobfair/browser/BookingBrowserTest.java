package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The booking story in real browsers: one person books, another person's open booth page loses the slot, the
 * employer's schedule shows the booking, the employer cancels with a reason, and the person's page says so —
 * all without anyone reloading.
 */
class BookingBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long booth;
  static List<Long> slots;

  @BeforeAll
  static void fixtures() {
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Browserbörse", true, 0);
    booth = fx.booth(fair, hotel);
    slots = fx.slots(booth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 4, Duration.ofMinutes(30), 1);
    fx.jobseekers("browser", 4);
  }

  /** Opens a page and waits until its live connection has subscribed, marking the window to prove no reload. */
  private Page openLive(Page page, String path) {
    page.navigate(app.baseUrl() + path);
    page.waitForSelector("body[data-live-ready]", new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
    page.evaluate("window.__sameDocument = true");
    return page;
  }

  private static void assertNoReload(Page page) {
    assertEquals(true, page.evaluate("window.__sameDocument === true"), "the page was not reloaded");
  }

  @Test
  void bookingIsSeenByEveryoneAtOnceAndTheEmployersCancellationReachesThePerson() {
    try (BrowserContext a = Browsers.context(browser); BrowserContext b = Browsers.context(browser);
         BrowserContext e = Browsers.context(browser)) {
      Page other = openLive(signedIn(b, "browser-1@example.org", Fixtures.PASSWORD), "/booths/" + booth);
      Page employer = openLive(signedIn(e, "employer@demo.test", "demo"), "/booths/" + booth + "/schedule");
      String slot = "[data-slot='" + slots.get(0) + "']";
      assertThat(other.locator(slot)).isVisible();
      String row = "#schedule tr[data-slot='" + slots.get(0) + "']";
      assertThat(employer.locator(row)).not().containsText("Person browser 0");

      Page person = signedIn(a, "browser-0@example.org", Fixtures.PASSWORD);
      person.navigate(app.baseUrl() + "/booths/" + booth);
      person.locator(slot + " button").click();
      assertThat(person.locator(".notice")).containsText("Ihr Termin ist gebucht. Sie bekommen eine Bestätigung per E-Mail.");
      assertThat(person.locator(".appointment h3").first()).hasText("Hotel Alpenblick GmbH");
      assertThat(person.locator("a[href$='/ics']").first()).hasText("In meinen Kalender");

      assertThat(other.locator(slot)).isHidden();
      assertNoReload(other);
      assertThat(employer.locator(row)).containsText("Person browser 0");
      assertNoReload(employer);

      openLive(person, "/me/appointments");
      employer.locator(row + " .candidate input[name=reason]").fill("Stelle ist bereits vergeben");
      employer.locator(row + " .candidate button").click();
      assertThat(employer.locator(".notice")).hasText("Der Termin ist abgesagt.");

      assertThat(person.locator("#my-appointments")).containsText("Hotel Alpenblick GmbH hat diesen Termin abgesagt.");
      assertThat(person.locator("#my-appointments")).containsText("Stelle ist bereits vergeben");
      assertThat(person.getByText("Anderen Termin buchen")).isVisible();
      assertNoReload(person);
      assertThat(other.locator(slot)).isVisible();
      assertNoReload(other);
    }
  }

  @Test
  void aPageWithoutLiveUpdatesStillGetsAClearAnswerForATakenSlot() {
    try (BrowserContext a = Browsers.context(browser); BrowserContext b = Browsers.context(browser)) {
      b.route("**/live.js*", route -> route.abort()); // this person's live connection is down
      Page first = signedIn(a, "browser-2@example.org", Fixtures.PASSWORD);
      Page second = signedIn(b, "browser-3@example.org", Fixtures.PASSWORD);
      String slot = "[data-slot='" + slots.get(3) + "']";
      second.navigate(app.baseUrl() + "/booths/" + booth);
      first.navigate(app.baseUrl() + "/booths/" + booth);
      first.locator(slot + " button").click();
      assertThat(first.locator(".notice")).isVisible();

      assertThat(second.locator(slot)).isVisible();
      second.locator(slot + " button").click();
      assertThat(second.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
          .hasText("Dieser Termin ist leider gerade vergeben worden. Bitte wählen Sie einen anderen.");
      assertThat(second.locator(slot)).isHidden();
      assertThat(second.locator("li.slot:visible")).not().hasCount(0);
    }
  }

  @Test
  void onAPhoneTheFirstScreenOfABoothShowsItsFreeTimes() {
    String person = fx.jobseekers("phonebooth", 1).get(0);
    for (int[] size : new int[][] {{390, 844}, {1366, 900}}) {
      try (BrowserContext ctx = browser.newContext(new Browser.NewContextOptions().setLocale("de-AT").setTimezoneId("Europe/Vienna")
          .setViewportSize(size[0], size[1]).setIsMobile(size[0] < 800).setHasTouch(size[0] < 800))) {
        ctx.setDefaultTimeout(10_000);
        Page page = signedIn(ctx, person, Fixtures.PASSWORD);
        for (String lang : new String[] {"de", "en"}) {
          // The demo booth, with its company text and vacancies: the first free time to book is on the first screen.
          page.navigate(app.baseUrl() + "/booths/1?lang=" + lang);
          double top = ((Number) page.locator("li.slot:not([hidden]) form.book button").first()
              .evaluate("e => e.getBoundingClientRect().top")).doubleValue();
          assertTrue(top < size[1], size[0] + " px, " + lang + ": the first free time's button starts at " + top);
          page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/booth-" + size[0] + "-" + lang + ".png")));
        }
        // The vacancies and the company text still follow, one link or tap away.
        assertThat(page.locator("#vacancies-title")).isAttached();
        page.locator("p.jump a").click();
        assertThat(page.locator("#vacancies-title")).isInViewport();
      }
    }
  }
}
