package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The waitlist in real browsers: two people join a full booth's waitlist from its page; the holder cancels; the seat is
 * offered to the first, live on their appointments page, and they take it; the second gets nothing and moves up; the
 * booth's staff see the line shrink — nobody reloads.
 */
class WaitlistBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long booth;
  static long slot;
  static long booking;
  static TestClient holder;

  @BeforeAll
  static void fixtures() {
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    booth = fx.booth(fx.fair("Wartelistenbörse", true, 0), hotel);
    slot = fx.slots(booth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 1, Duration.ofMinutes(30), 1).get(0);
    fx.jobseekers("wl", 2);
    holder = app.client();
    holder.signIn(fx.jobseekers("wl-holder", 1).get(0), Fixtures.PASSWORD);
    booking = holder.post("/api/slots/" + slot + "/bookings", "").json().getLong("id");
  }

  private Page openLive(Page page, String path) {
    page.navigate(app.baseUrl() + path);
    page.waitForSelector("body[data-live-ready]", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
    page.evaluate("window.__sameDocument = true");
    return page;
  }

  private static void assertNoReload(Page page) {
    assertEquals(true, page.evaluate("window.__sameDocument === true"), "the page was not reloaded");
  }

  @Test
  void aFreedSlotIsOfferedToTheFirstOnTheWaitlistWhoTakesItAndTheSecondGetsNothing() {
    try (BrowserContext a = Browsers.context(browser); BrowserContext b = Browsers.context(browser);
         BrowserContext e = Browsers.context(browser)) {
      Page first = signedIn(a, "wl-0@example.org", Fixtures.PASSWORD);
      first.navigate(app.baseUrl() + "/booths/" + booth);
      assertThat(first.locator(".waitlist-join h2")).hasText("Dieser Stand ist ausgebucht");
      first.locator(".waitlist-join button").click();
      assertThat(first.locator(".notice")).hasText("Sie stehen auf der Warteliste. Wir sagen Ihnen Bescheid, sobald ein Termin für Sie frei ist.");
      assertThat(first.locator("#waitlist .place")).hasText("Sie sind Nummer 1 in der Reihe.");

      Page second = signedIn(b, "wl-1@example.org", Fixtures.PASSWORD);
      second.navigate(app.baseUrl() + "/booths/" + booth);
      second.locator(".waitlist-join button").click();
      assertThat(second.locator("#waitlist .place")).hasText("Sie sind Nummer 2 in der Reihe.");
      openLive(second, "/booths/" + booth);

      Page staff = openLive(signedIn(e, "employer@demo.test", "demo"), "/booths/" + booth + "/schedule");
      assertThat(staff.locator(".waitlist-length")).containsText("Warteliste: 2 wartend");

      openLive(first, "/me/appointments");
      assertThat(first.locator(".waitlist-place")).containsText("Sie sind Nummer 1 in der Reihe.");

      // The holder cancels: the seat is held for the first, at once and live.
      assertEquals(200, holder.send("DELETE", "/api/bookings/" + booking, new JsonObject()).status());
      assertThat(first.locator(".waitlist-place.offer h3")).hasText("Ein Termin ist für Sie frei: Hotel Alpenblick GmbH");
      assertNoReload(first);
      assertThat(second.locator("#waitlist .place")).hasText("Sie sind Nummer 1 in der Reihe.");
      assertThat(second.locator(".waitlist-place.offer")).hasCount(0);
      assertNoReload(second);
      assertThat(staff.locator(".waitlist-length")).containsText("Warteliste: 1 wartend");
      assertNoReload(staff);

      first.locator(".waitlist-place.offer form.accept button").click();
      assertThat(first.locator(".notice")).containsText("Ihr Termin ist gebucht. Sie bekommen eine Bestätigung per E-Mail.");
      assertThat(first.locator(".appointment h3").first()).hasText("Hotel Alpenblick GmbH");
      assertThat(first.locator(".waitlist-place")).hasCount(0);

      // The second got nothing: still waiting, first in line now, no offer.
      assertThat(second.locator("#waitlist .place")).hasText("Sie sind Nummer 1 in der Reihe.");
      assertThat(second.locator(".waitlist-place.offer")).hasCount(0);
      assertEquals(1, app.count("select count(*) from booking k join account a on a.id = k.jobseeker_id where k.booth_id = " + booth
          + " and k.status = 'ACTIVE' and a.email = 'wl-0@example.org'"));
      assertEquals(1, app.count("select count(*) from booking where booth_id = " + booth + " and status = 'ACTIVE'"));
      assertEquals(1, app.count("select count(*) from waitlist_entry w join account a on a.id = w.jobseeker_id where w.booth_id = " + booth
          + " and w.status = 'WAITING' and a.email = 'wl-1@example.org'"));
    }
  }
}
