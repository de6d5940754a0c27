package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walk-up queue in three headless Chromiums (fake camera and microphone): a person without a booking queues from
 * the booth page and follows their place live; the board counts the queue live; the booth's representative presses
 * "next" and both land in one room at once, each receiving the other's video.
 */
class QueueBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long hotel;

  @BeforeAll
  static void data() {
    fx = new Fixtures(app);
    hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
  }

  @Test
  void aPersonQueuesStaffPressNextAndBothAreInOneRoomWithVideo() {
    long fair = fx.fair("Warteschlange im Browser", true, 0);
    long booth = fx.booth(fair, hotel);
    fx.exec("insert into booth_queue (booth_id, open) values (?, true)", booth);
    fx.jobseekers("walkup", 1);
    try (BrowserContext boardCtx = Browsers.context(browser); BrowserContext employerCtx = Browsers.context(browser);
         BrowserContext seekerCtx = Browsers.context(browser)) {
      Page board = signedIn(boardCtx, "organizer@demo.test", "demo");
      board.navigate(app.baseUrl() + "/staff/fairs/" + fair + "/board");
      board.waitForSelector("body[data-live-ready]");
      String row = "tr[data-queue-booth='" + booth + "'] .queue-waiting";
      assertEquals("0", board.locator(row).textContent().strip());

      Page seeker = signedIn(seekerCtx, "walkup-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/booths/" + booth);
      assertTrue(seeker.locator("#queue").textContent().contains("Warteschlange offen"));
      seeker.locator("#queue button[type=submit]").click();
      seeker.waitForURL(app.baseUrl() + "/me/queue");
      assertEquals("1", seeker.locator("[data-queue-position]").textContent().strip());
      assertTrue(seeker.locator(".queue-status").textContent().contains("Hotel Alpenblick"));
      seeker.waitForSelector("body[data-queue-live]");

      // The board hears of it without a reload.
      board.waitForFunction("s => document.querySelector(s).textContent.trim() === '1'", row);

      Page employer = signedIn(employerCtx, "employer@demo.test", "demo");
      employer.navigate(app.baseUrl() + "/booths/" + booth + "/schedule");
      assertTrue(employer.locator(".queue-people").textContent().contains("Person walkup 0"));
      employer.locator("form.queue-next button").click();
      employer.waitForURL(java.util.regex.Pattern.compile(".*/meetings/\\d+$"));
      String room = employer.url();

      // The person's page goes into the same room by itself; they were let in by the call.
      seeker.waitForURL(room, new Page.WaitForURLOptions().setTimeout(15_000));
      seeker.waitForFunction(MeetingBrowserTest.REMOTE_PLAYS, null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      employer.waitForFunction(MeetingBrowserTest.REMOTE_PLAYS, null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      assertTrue(seeker.locator("#remotes figcaption").textContent().contains("Eva Huber"));
      assertTrue(employer.locator("#remotes figcaption").textContent().contains("Person walkup 0"));
      board.waitForFunction("s => document.querySelector(s).textContent.trim() === '0'", row);
    }
    long booking = app.count("select booking_id from queue_place where booth_id = " + booth + " and status = 'CALLED'");
    assertEquals(1, app.count("select count(*) from booking where id = " + booking + " and source = 'WALK_UP'"));
    assertEquals(2, app.count("select count(distinct role) from meeting_event where kind = 'JOIN' and booking_id = " + booking));
    assertEquals(1, app.count("select count(*) from attendance where checked_in_at is not null and booking_id = " + booking),
        "the person who came into the room is checked in, as for a booked interview");
  }
}
