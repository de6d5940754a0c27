package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.web.Messages;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fair's orientation part as built-in group session (a WebRTC mesh) between three headless Chromiums with fake
 * camera and microphone: the organiser presents, two jobseekers watch, everybody receives everybody else's video (real,
 * advancing frames), leaving is recorded; with room for two, a third is told plainly that the room is full and gets no
 * stream.
 */
class GroupSessionBrowserTest extends BrowserTestSupport {

  static final Messages MESSAGES = new Messages();

  /** Every remote video of the page plays real frames; as many as expected. */
  static final String REMOTES_PLAY = "n => { const vs = Array.from(document.querySelectorAll('#remotes video'));"
      + " return vs.length === n && vs.every(v => v.videoWidth > 0 && v.videoHeight > 0 && !v.paused && v.readyState >= 2"
      + " && v.getBoundingClientRect().width > 0 && v.getBoundingClientRect().height > 0"
      + " && v.getVideoPlaybackQuality().totalVideoFrames > 0); }";

  /** Resolves true once every remote video has presented a further frame (so the pictures move, not one still). */
  static final String NEW_FRAMES = "() => Promise.race([Promise.all(Array.from(document.querySelectorAll('#remotes video'))"
      + ".map(v => new Promise(r => v.requestVideoFrameCallback(() => r(true))))).then(() => true),"
      + " new Promise(r => setTimeout(() => r(false), 10000))])";

  /** A published fair whose orientation part began a minute ago and lasts half an hour: the session is open. */
  static long openOrientation(Fixtures fx, String name) {
    long fair = fx.fair(name, true, 0);
    fx.exec("update fair set orientation_starts_at = now() - interval '1 minute', orientation_minutes = 30 where id = ?", fair);
    return fair;
  }

  @Test
  void theOrganizerAndTwoJobseekersSeeEachOther() {
    Fixtures fx = new Fixtures(app);
    long fair = openOrientation(fx, "Orientierung im Browser");
    String room = app.baseUrl() + "/fairs/" + fair + "/orientation?lang=de";
    try (BrowserContext orgCtx = Browsers.context(browser); BrowserContext aCtx = Browsers.context(browser);
         BrowserContext bCtx = Browsers.context(browser)) {
      Page organizer = join(orgCtx, app, "organizer@demo.test", room);
      assertEquals(Set.of(), captions(organizer));
      Page alex = join(aCtx, app, "seeker@demo.test", room);
      Page mina = join(bCtx, app, "seeker2@demo.test", room);

      List<Page> all = List.of(organizer, alex, mina);
      for (Page p : all) p.waitForFunction(REMOTES_PLAY, 2, new Page.WaitForFunctionOptions().setTimeout(45_000));
      for (Page p : all) assertEquals(Boolean.TRUE, p.evaluate(NEW_FRAMES), "the remote pictures move");
      assertEquals(Set.of("Alex Berger", "Mina Haddad"), captions(organizer));
      assertEquals(Set.of("Lena Steiner", "Mina Haddad"), captions(alex));
      assertEquals(Set.of("Lena Steiner", "Alex Berger"), captions(mina));
      for (Page p : all) assertEquals("in-call", p.locator("#meeting").getAttribute("data-state"));
      assertEquals(3, app.count("select count(*) from meeting_event where kind = 'JOIN' and group_fair_id = " + fair));

      // One jobseeker leaves: recorded at once; the other two keep each other.
      mina.locator("#btn-leave").click();
      mina.waitForSelector("#meeting[data-state='left']");
      assertEquals(0L, ((Number) mina.evaluate("() => document.querySelectorAll('#remotes video').length")).longValue());
      waitFor(() -> app.count("select count(*) from meeting_event e join account a on a.id = e.account_id"
          + " where e.kind = 'LEAVE' and e.role = 'JOBSEEKER' and a.email = 'seeker2@demo.test' and e.group_fair_id = " + fair) == 1);
      organizer.waitForFunction(REMOTES_PLAY, 1);
      alex.waitForFunction(REMOTES_PLAY, 1);
      assertEquals(Set.of("Alex Berger"), captions(organizer));
      assertEquals(Set.of("Lena Steiner"), captions(alex));
      assertEquals(Boolean.TRUE, alex.evaluate(NEW_FRAMES));

      alex.locator("#btn-leave").click();
      alex.waitForSelector("#meeting[data-state='left']");
      organizer.waitForFunction("() => !document.querySelector('#remotes video')");
      organizer.locator("#btn-leave").click();
      organizer.waitForSelector("#meeting[data-state='left']");
    }
    waitFor(() -> app.count("select count(*) from meeting_event where kind = 'LEAVE' and group_fair_id = " + fair) == 3);
    assertEquals(2, app.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'JOBSEEKER' and group_fair_id = " + fair));
    assertEquals(1, app.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'STAFF' and group_fair_id = " + fair));
    assertEquals(3, app.count("select count(*) from meeting_event where kind = 'JOIN' and group_fair_id = " + fair),
        "nobody joined twice (no reconnect)");
  }

  @Test
  void withRoomForTwoTheThirdIsToldTheRoomIsFull() {
    try (TestApp small = TestApp.start(Map.of("meeting.groupMaxParticipants", 2))) {
      long fair = openOrientation(new Fixtures(small), "Kleine Orientierung");
      String room = small.baseUrl() + "/fairs/" + fair + "/orientation";
      try (BrowserContext orgCtx = Browsers.context(browser); BrowserContext aCtx = Browsers.context(browser);
           BrowserContext deCtx = Browsers.context(browser); BrowserContext enCtx = Browsers.context(browser)) {
        Page organizer = join(orgCtx, small, "organizer@demo.test", room + "?lang=de");
        Page alex = join(aCtx, small, "seeker@demo.test", room + "?lang=de");
        organizer.waitForFunction(REMOTES_PLAY, 1, new Page.WaitForFunctionOptions().setTimeout(45_000));
        alex.waitForFunction(REMOTES_PLAY, 1, new Page.WaitForFunctionOptions().setTimeout(45_000));

        Page sam = open(deCtx, small, "interview@demo.test", room + "?lang=de");
        Page mina = open(enCtx, small, "seeker2@demo.test", room + "?lang=en");
        for (Page p : List.of(sam, mina)) p.waitForSelector("#meeting[data-state='full']");
        assertEquals(text("de", "meeting.js.full"), sam.locator("#meeting-status").textContent());
        assertEquals(text("en", "meeting.js.full"), mina.locator("#meeting-status").textContent());
        assertTrue(sam.locator("#meeting-status").isVisible());

        // Given time to reconnect (the page would retry after a second), it stays full, without any stream, and
        // has let go of its own camera.
        sam.waitForTimeout(2500);
        for (Page p : List.of(sam, mina)) {
          assertEquals("full", p.locator("#meeting").getAttribute("data-state"));
          assertEquals(0L, ((Number) p.evaluate("() => document.querySelectorAll('#remotes video').length")).longValue());
          assertEquals(Boolean.TRUE, p.evaluate("() => document.getElementById('local-video').srcObject === null"));
          assertTrue(p.locator("#after-leave").isVisible(), "the way back");
        }
        // The two inside are undisturbed and never heard of the others.
        organizer.waitForFunction(REMOTES_PLAY, 1);
        alex.waitForFunction(REMOTES_PLAY, 1);
        assertEquals(Set.of("Alex Berger"), captions(organizer));
        assertEquals(2, small.count("select count(*) from meeting_event where kind = 'JOIN' and group_fair_id = " + fair),
            "the ones turned away are not recorded as present");
      }
    }
  }

  /** Signs in on the given app and opens the room; waits until it is in the call with its own camera running. */
  static Page join(BrowserContext ctx, TestApp on, String email, String room) {
    Page page = open(ctx, on, email, room);
    page.waitForSelector("#meeting[data-state='in-call']");
    page.waitForFunction("() => { const v = document.getElementById('local-video'); return v.srcObject && v.videoWidth > 0; }");
    return page;
  }

  static Page open(BrowserContext ctx, TestApp on, String email, String room) {
    Page page = Browsers.signIn(ctx, on.baseUrl(), email, "demo");
    page.navigate(room);
    return page;
  }

  /** The names under the remote videos. */
  static Set<String> captions(Page page) {
    List<String> names = new ArrayList<>(page.locator("#remotes figcaption").allTextContents());
    return new TreeSet<>(names);
  }

  /** A text as the message bundle has it. */
  static String text(String lang, String key) {
    return MESSAGES.get(Messages.Lang.parse(lang), key);
  }
}
