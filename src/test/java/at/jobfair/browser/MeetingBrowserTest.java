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

  @Test
  void beforeTheStartThePageWaitsCalmlyAndCountsDownWithUnits() {
    long fair = fx.fair("Video-Börse warten", true, 0);
    long booth = fx.booth(fair, hotel);
    long js = fx.accountId(fx.jobseekers("waits", 1).get(0));
    // The room opens 10 minutes before the start: 8 h 31 min 30 s from now, and a second one in 4 min 30 s.
    long later = fx.booking(booth, js, Instant.now().plus(Duration.ofMinutes(8 * 60 + 41)).plusSeconds(30), 30);
    long soon = fx.booking(fx.booth(fx.fair("Video-Börse gleich", true, 0), hotel), js,
        Instant.now().plus(Duration.ofMinutes(14)).plusSeconds(30), 30);
    fx.exec("update fair set orientation_starts_at = now() + interval '2 hours 40 minutes', orientation_minutes = 30 where id = ?", fair);
    fx.booking(fx.booth(fx.fair("Video-Börse übermorgen", true, 0), hotel), js,
        Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofMinutes(5 * 60 + 10)), 30);
    try (BrowserContext ctx = Browsers.context(browser)) {
      Page seeker = signedIn(ctx, "waits-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/meetings/" + later + "?lang=de");
      seeker.waitForFunction("() => /^in \\d/.test(document.querySelector('.waiting [data-countdown]').textContent)");
      assertEquals(0, seeker.locator("[role=alert], .error").count(), "waiting is no error");
      assertTrue(seeker.locator(".waiting").textContent().contains("Bis dahin: Suchen Sie einen ruhigen Platz"));
      assertTrue(seeker.locator("h1").textContent().contains("Noch etwas Geduld"));
      String de = seeker.locator(".waiting [data-countdown]").textContent();
      assertTrue(de.matches("in 8 Std\\. 3[01] Min\\."), de);
      assertTrue(seeker.locator("a[href='/me/appointments']").count() > 0, "the way to the appointments");

      seeker.navigate(app.baseUrl() + "/meetings/" + later + "?lang=en");
      seeker.waitForFunction("() => /^in \\d/.test(document.querySelector('.waiting [data-countdown]').textContent)");
      String en = seeker.locator(".waiting [data-countdown]").textContent();
      assertTrue(en.matches("in 8 h 3[01] min"), en);

      seeker.navigate(app.baseUrl() + "/meetings/" + soon + "?lang=de");
      seeker.waitForFunction("() => /^in \\d/.test(document.querySelector('.waiting [data-countdown]').textContent)");
      String minutes = seeker.locator(".waiting [data-countdown]").textContent();
      assertTrue(minutes.matches("in 4 Min\\. \\d{1,2} Sek\\.|in 4 Min\\.|in 3 Min\\. \\d{1,2} Sek\\."), minutes);

      // Days ahead, on the appointments page: days and hours.
      seeker.navigate(app.baseUrl() + "/me/appointments?lang=de");
      seeker.waitForFunction("() => /^in \\d/.test(document.querySelector('[data-countdown]').textContent)");
      java.util.List<String> all = seeker.locator("[data-countdown]").allTextContents();
      assertTrue(all.contains("in 2 Tagen 5 Std.") || all.contains("in 2 Tagen 4 Std."), all.toString());
      assertTrue(all.stream().anyMatch(t -> t.matches("in 8 Std\\. 3[01] Min\\.")), all.toString());

      // The orientation part before it starts: the same calm waiting, in its own words.
      seeker.navigate(app.baseUrl() + "/fairs/" + fair + "/orientation?lang=en");
      seeker.waitForFunction("() => /^in \\d/.test(document.querySelector('.waiting [data-countdown]').textContent)");
      assertEquals(0, seeker.locator("[role=alert], .error").count(), "waiting is no error");
      assertTrue(seeker.locator(".waiting").textContent().contains("The orientation opens at"));
      String group = seeker.locator(".waiting [data-countdown]").textContent();
      assertTrue(group.matches("in 2 h (29|30) min"), group);
    }
  }

  static BrowserContext sized(int width, int height) {
    BrowserContext ctx = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("de-AT")
        .setTimezoneId("Europe/Vienna").setViewportSize(width, height).setIsMobile(width < 800).setHasTouch(width < 800));
    ctx.setDefaultTimeout(10_000);
    return ctx;
  }

  static double controlsBottom(Page page) {
    return ((Number) page.evaluate("() => Math.max(...['btn-mute', 'btn-camera', 'btn-leave']"
        + ".map(id => document.getElementById(id).getBoundingClientRect().bottom))")).doubleValue();
  }

  @Test
  void inACallOnAPhoneMuteCameraAndLeaveStayOnScreen() {
    long booking = runningBooking("thumb")[0];
    try (BrowserContext employerCtx = Browsers.context(browser); BrowserContext seekerCtx = sized(390, 844)) {
      Page employer = signedIn(employerCtx, "employer@demo.test", "demo");
      employer.navigate(app.baseUrl() + "/meetings/" + booking);
      employer.waitForSelector("#meeting[data-state='in-call']");
      Page seeker = signedIn(seekerCtx, "thumb-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/meetings/" + booking + "?lang=de");
      employer.waitForSelector("#lobby-list li.waiting");
      employer.locator("#lobby-list button.admit").click();
      seeker.waitForFunction(REMOTE_PLAYS, null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      for (int[] size : new int[][] {{390, 844}, {360, 740}}) {
        seeker.setViewportSize(size[0], size[1]);
        seeker.evaluate("() => window.scrollTo(0, 0)");
        double bottom = controlsBottom(seeker);
        assertTrue(bottom <= size[1], size[0] + "x" + size[1] + ": the controls end at " + bottom);
        assertTrue(seeker.locator("#remotes video").isVisible(), "the other side is still seen");
        assertEquals(Boolean.FALSE, seeker.evaluate("() => document.documentElement.scrollWidth > window.innerWidth"));
      }
      seeker.setViewportSize(390, 844);
      seeker.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/meeting-390-de.png")));
      seeker.navigate(app.baseUrl() + "/meetings/" + booking + "?lang=en");
      seeker.waitForFunction(REMOTE_PLAYS, null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      assertTrue(controlsBottom(seeker) <= 844, "in English too");
      seeker.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/meeting-390-en.png")));
      employer.setViewportSize(1366, 900);
      employer.waitForFunction(REMOTE_PLAYS, null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      assertTrue(controlsBottom(employer) <= 900, "on a desktop too");
      employer.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/meeting-1366-de.png")));
      seeker.locator("#btn-leave").click();
      seeker.waitForSelector("#meeting[data-state='left']");
    }
  }

  @Test
  void beforeTheDayTheDeviceCheckShowsTheOwnCameraAndTheMicrophoneLevel() {
    fx.jobseekers("check", 1);
    for (int width : new int[] {390, 1366}) {
      try (BrowserContext ctx = sized(width, width < 800 ? 844 : 900)) {
        Page seeker = signedIn(ctx, "check-0@example.org", Fixtures.PASSWORD);
        for (String lang : new String[] {"de", "en"}) {
          seeker.navigate(app.baseUrl() + "/me/appointments?lang=" + lang);
          seeker.locator("a[href='/me/device-check']").click();
          seeker.waitForURL(app.baseUrl() + "/me/device-check");
          seeker.waitForFunction("() => { const v = document.getElementById('check-video');"
              + " return !!v.srcObject && v.videoWidth > 0 && !v.hidden && v.getBoundingClientRect().height > 0; }");
          seeker.waitForSelector("#device-check[data-state='ok']");
          seeker.waitForFunction("() => document.getElementById('check-level').value > 0");
          String status = seeker.locator("#check-status").textContent();
          assertTrue(status.contains(lang.equals("de") ? "Kamera und Mikrofon funktionieren" : "Camera and microphone work"), status);
          assertTrue(seeker.locator("#check-noscript").isHidden());
          seeker.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/device-check-" + width + "-" + lang + ".png")));
          seeker.navigate(app.baseUrl() + "/me/appointments?lang=" + lang);
          seeker.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/appointments-" + width + "-" + lang + ".png")));
        }
      }
    }
    // Refused access: the page says so, and what to do.
    try (BrowserContext ctx = sized(390, 844)) {
      ctx.addInitScript("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));");
      Page seeker = signedIn(ctx, "check-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/me/device-check?lang=de");
      seeker.waitForSelector("#device-check[data-state='denied']");
      assertTrue(seeker.locator("#check-status[role=alert]").textContent().contains("erlaubt keinen Zugriff auf Kamera oder Mikrofon"));
      assertTrue(seeker.locator("#check-video").isHidden());
      assertTrue(seeker.getByText("Rückruf per Telefon anfordern").isVisible());
      seeker.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/device-check-denied-390-de.png")));
    }
    // Employers may test too.
    try (BrowserContext ctx = Browsers.context(browser)) {
      Page employer = signedIn(ctx, "employer@demo.test", "demo");
      employer.navigate(app.baseUrl() + "/me/device-check");
      employer.waitForSelector("#device-check[data-state='ok']");
    }
  }
}
