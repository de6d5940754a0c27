package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A video interview with the built-in provider between two headless Chromiums with fake camera and microphone: the
 * jobseeker waits in the lobby, the employer admits, each side receives the other's video, leaving is recorded.
 */
class MeetingBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long hotel;

  @BeforeAll
  static void data() {
    fx = new Fixtures(app);
    hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
  }

  /** A booking of a new jobseeker at a new Hotel Alpenblick booth that started a minute ago. */
  static long[] runningBooking(String prefix) {
    long fair = fx.fair("Video-Börse " + prefix, true, 0);
    long booth = fx.booth(fair, hotel);
    long js = fx.accountId(fx.jobseekers(prefix, 1).get(0));
    return new long[] {fx.booking(booth, js, Instant.now().minus(Duration.ofMinutes(1)), 30), js};
  }

  static final String REMOTE_PLAYS = "() => { const v = document.querySelector('#remotes video');"
      + " return !!v && v.videoWidth > 0 && v.videoHeight > 0 && !v.paused && v.readyState >= 2"
      + " && v.getBoundingClientRect().width > 0 && v.getBoundingClientRect().height > 0; }";

  @Test
  void jobseekerAndEmployerHoldAVideoInterview() {
    long[] b = runningBooking("video");
    long booking = b[0];
    try (BrowserContext employerCtx = Browsers.context(browser); BrowserContext seekerCtx = Browsers.context(browser)) {
      Page employer = signedIn(employerCtx, "employer@demo.test", "demo");
      employer.navigate(app.baseUrl() + "/meetings/" + booking);
      employer.waitForSelector("#meeting[data-state='in-call']");

      Page seeker = signedIn(seekerCtx, "video-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/me/appointments");
      seeker.getByText("Zum Videogespräch").click();
      seeker.waitForURL(app.baseUrl() + "/meetings/" + booking);
      seeker.waitForSelector("#meeting[data-state='waiting']");
      assertTrue(seeker.locator("#meeting-status").textContent().contains("Bitte warten"));
      seeker.waitForFunction("() => { const v = document.getElementById('local-video'); return v.srcObject && v.videoWidth > 0; }");

      // The employer sees who waits, live, and lets them in.
      employer.waitForSelector("#lobby-list li.waiting");
      assertTrue(employer.locator("#lobby-list li.waiting").textContent().contains("Person video 0"));
      employer.locator("#lobby-list button.admit").click();

      seeker.waitForFunction(REMOTE_PLAYS, null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      employer.waitForFunction(REMOTE_PLAYS, null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      assertTrue(employer.locator("#remotes figcaption").textContent().contains("Person video 0"));
      assertTrue(seeker.locator("#remotes figcaption").textContent().contains("Eva Huber"));
      employer.waitForFunction("() => document.querySelectorAll('#lobby-list li.waiting').length === 0");

      // Mute and camera off work on the local tracks.
      seeker.locator("#btn-mute").click();
      assertEquals("Mikrofon ein", seeker.locator("#btn-mute").textContent());
      assertEquals(Boolean.FALSE, seeker.evaluate("() => document.getElementById('local-video').srcObject.getAudioTracks()[0].enabled"));
      seeker.locator("#btn-camera").click();
      assertEquals(Boolean.FALSE, seeker.evaluate("() => document.getElementById('local-video').srcObject.getVideoTracks()[0].enabled"));

      seeker.locator("#btn-leave").click();
      seeker.waitForSelector("#meeting[data-state='left']");
      employer.waitForFunction("() => !document.querySelector('#remotes video')");
      assertTrue(employer.locator("#meeting-status").textContent().contains("verlassen"));
    }
    waitFor(() -> app.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'EMPLOYER' and booking_id = " + booking) == 1);
    assertEquals(1, app.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'JOBSEEKER' and booking_id = " + booking));
    assertEquals(1, app.count("select count(*) from meeting_event where kind = 'ADMIT' and booking_id = " + booking));
    assertEquals(2, app.count("select count(*) from meeting_event where kind = 'JOIN' and booking_id = " + booking));
    assertEquals(1, app.count("select count(*) from attendance where checked_in_at is not null and booking_id = " + booking),
        "the jobseeker who came into the room is checked in");
  }

  @Test
  void aDeniedCameraGetsAClearMessageAndThePhoneNumber() {
    long[] b = runningBooking("denied");
    fx.exec("update booth set phone = '+43 1 555 0199' where id = (select booth_id from booking where id = ?)", b[0]);
    try (BrowserContext ctx = Browsers.context(browser)) {
      ctx.addInitScript("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));");
      Page seeker = signedIn(ctx, "denied-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/meetings/" + b[0]);
      seeker.waitForSelector("#media-error:not([hidden])");
      assertTrue(seeker.locator("#media-error").textContent().contains("erlaubt keinen Zugriff auf Kamera oder Mikrofon"));
      assertTrue(seeker.locator(".phone-fallback a[href='tel:+43 1 555 0199']").isVisible());
      seeker.waitForSelector("#meeting[data-state='waiting']");
    }
  }

  @Test
  void theRoomPageFitsAPhone() {
    long[] b = runningBooking("phone");
    try (BrowserContext ctx = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("de-AT")
        .setTimezoneId("Europe/Vienna").setViewportSize(360, 740).setIsMobile(true).setHasTouch(true))) {
      Page seeker = signedIn(ctx, "phone-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/meetings/" + b[0] + "?lang=en");
      seeker.waitForSelector("#meeting[data-state='waiting']");
      assertTrue(seeker.locator("#meeting-status").textContent().contains("Please wait"));
      Object overflow = seeker.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
      assertEquals(Boolean.FALSE, overflow, "no sideways scrolling on a phone");
      double height = ((Number) seeker.evaluate("() => document.getElementById('btn-leave').getBoundingClientRect().height")).doubleValue();
      assertTrue(height >= 44, "a button big enough for a thumb: " + height);
    }
  }
}
