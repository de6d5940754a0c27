package at.jobfair.browser;

import at.jobfair.support.InBrowser;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
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
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An organiser's open live board changes without reload when a jobseeker checks in on their appointments page. */
@InBrowser
class BoardBrowserTest {

  static TestApp app;
  static Fixtures fx;
  static Playwright playwright;
  static Browser browser;
  static long fair;
  static long booking;
  static String person;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600));
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Live-Board-Börse", true, 0);
    long booth = fx.booth(fair, hotel);
    person = fx.jobseekers("board", 1).get(0);
    booking = fx.booking(booth, fx.accountId(person), Instant.now().minus(Duration.ofMinutes(2)), 30, "BINDING");
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
  void theBoardShowsTheCheckInWithoutReload() {
    try (BrowserContext staff = Browsers.context(browser); BrowserContext seeker = Browsers.context(browser)) {
      Page board = Browsers.signIn(staff, app.baseUrl(), "organizer@demo.test", "demo");
      board.navigate(app.baseUrl() + "/staff/fairs/" + fair + "/board");
      board.waitForSelector("body[data-live-ready]", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
      board.evaluate("window.__sameDocument = true");
      String row = "#board tr[data-booking='" + booking + "']";
      assertThat(board.locator("#board [data-count=checkedIn]")).hasText("0");
      assertThat(board.locator("#board [data-count=late]")).hasText("1");
      assertThat(board.locator(row)).hasAttribute("data-state", "LATE");
      assertThat(board.locator(row + " .state")).hasText("verspätet");

      Page page = Browsers.signIn(seeker, app.baseUrl(), person, Fixtures.PASSWORD);
      page.navigate(app.baseUrl() + "/me/appointments");
      page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ich bin da")).click();
      assertThat(page.locator(".notice").first()).hasText("Danke, Sie sind eingecheckt. Das Gespräch beginnt gleich.");
      assertThat(page.locator(".checked-in")).isVisible();

      assertThat(board.locator("#board [data-count=checkedIn]")).hasText("1");
      assertThat(board.locator("#board [data-count=late]")).hasText("0");
      assertThat(board.locator("#board [data-count=inMeeting]")).hasText("1");
      assertThat(board.locator(row)).hasAttribute("data-state", "IN_MEETING");
      assertThat(board.locator(row + " .state")).hasText("im Gespräch");
      assertEquals(true, board.evaluate("window.__sameDocument === true"), "the board was not reloaded");
    }
  }
}
