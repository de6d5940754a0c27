package at.jobfair.browser;

import at.jobfair.support.InBrowser;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jitsi provider in the browser: the page loads the IFrame API from the configured domain (here a stand-in
 * external_api.js the test serves for that address), passes the room, the caller's own token, the display name, lobby on
 * and deep linking off; the token is read back with an independent JWT library; joins and leaves reach the server.
 */
@InBrowser
class JitsiBrowserTest {

  static final String DOMAIN = "meet.jobfair.test";
  static final String APP_ID = "jobfair-test";
  static final String SECRET = "a-secret-of-more-than-thirty-two-bytes-for-hs256!";

  /** Records what the page passes and behaves like the IFrame API: listeners, commands, a join soon after. */
  static final String STAND_IN = """
      window.JitsiMeetExternalAPI = function (domain, options) {
        var listeners = {};
        var plain = {};
        Object.keys(options).forEach(function (k) { if (k !== 'parentNode') plain[k] = options[k]; });
        window.__jitsi = { domain: domain, options: JSON.parse(JSON.stringify(plain)),
                           parent: options.parentNode && options.parentNode.id, commands: [] };
        this.addListener = function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); };
        this.on = this.addListener;
        this.executeCommand = function () { window.__jitsi.commands.push(Array.prototype.slice.call(arguments)); };
        this.dispose = function () {};
        window.__jitsiFire = function (name, data) { (listeners[name] || []).forEach(function (fn) { fn(data || {}); }); };
        setTimeout(function () { window.__jitsiFire('videoConferenceJoined', { roomName: options.roomName }); }, 50);
      };
      """;

  static TestApp app;
  static Playwright playwright;
  static Browser browser;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("meeting.provider", "jitsi", "jitsi.domain", DOMAIN, "jitsi.mode", "selfHosted",
        "jitsi.appId", APP_ID, "jitsi.secret", SECRET));
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
    fx = new Fixtures(app);
  }

  @AfterAll
  static void stop() {
    browser.close();
    playwright.close();
    app.close();
  }

  static Page open(BrowserContext context, String email, String password, String path) {
    context.route("https://" + DOMAIN + "/external_api.js", route -> route.fulfill(new Route.FulfillOptions().setStatus(200)
        .setContentType("application/javascript").setBody(STAND_IN)));
    Page page = Browsers.signIn(context, app.baseUrl(), email, password);
    page.navigate(app.baseUrl() + path);
    page.waitForFunction("() => window.__jitsi && document.getElementById('meeting').dataset.state === 'in-call'");
    return page;
  }

  static JsonObject recorded(Page page) {
    return new JsonObject((String) page.evaluate("() => JSON.stringify(window.__jitsi)"));
  }

  static JWTClaimsSet verified(String jwt) throws Exception {
    SignedJWT token = SignedJWT.parse(jwt);
    assertEquals(JWSAlgorithm.HS256, token.getHeader().getAlgorithm());
    assertTrue(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))), "signed with the app secret");
    assertTrue(!token.verify(new MACVerifier("another-secret-of-more-than-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8))));
    return token.getJWTClaimsSet();
  }

  @Test
  void bothSidesLoadTheIframeApiWithTheirOwnTokenAndReportJoinAndLeave() throws Exception {
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long booth = fx.booth(fx.fair("Jitsi-Börse", true, 0), hotel);
    long js = fx.accountId(fx.jobseekers("jitsi", 1).get(0));
    Instant start = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant end = start.plus(Duration.ofMinutes(20));
    long booking = fx.booking(booth, js, start, 20);
    String room = app.client().signedIn("employer@demo.test").get("/api/bookings/" + booking + "/meeting").json().getString("room");

    try (BrowserContext employerCtx = Browsers.context(browser); BrowserContext seekerCtx = Browsers.context(browser)) {
      Page employer = open(employerCtx, "employer@demo.test", "demo", "/meetings/" + booking);
      JsonObject e = recorded(employer);
      assertEquals(DOMAIN, e.getString("domain"));
      assertEquals("jitsi", e.getString("parent"));
      JsonObject options = e.getJsonObject("options");
      assertEquals(room, options.getString("roomName"));
      assertEquals("Eva Huber (Hotel Alpenblick GmbH)", options.getJsonObject("userInfo").getString("displayName"));
      JsonObject config = options.getJsonObject("configOverwrite");
      assertTrue(config.getBoolean("disableDeepLinking"), "deep linking off");
      assertTrue(config.getJsonObject("deeplinking").getBoolean("disabled"));
      assertTrue(config.getJsonObject("lobby").getBoolean("autoKnock"), "the jobseeker knocks at the lobby");
      assertTrue(e.getJsonArray("commands").contains(new io.vertx.core.json.JsonArray(List.of("toggleLobby", true))),
          "the employer turns the lobby on");
      String csp = employer.navigate(app.baseUrl() + "/meetings/" + booking).headers().get("content-security-policy");
      assertTrue(csp.contains("script-src 'self' https://" + DOMAIN) && csp.contains("frame-src https://" + DOMAIN), csp);
      employer.waitForFunction("() => window.__jitsi && document.getElementById('meeting').dataset.state === 'in-call'");

      JWTClaimsSet staff = verified(recorded(employer).getJsonObject("options").getString("jwt"));
      assertEquals(APP_ID, staff.getIssuer());
      assertEquals(List.of(APP_ID), staff.getAudience());
      assertEquals(DOMAIN, staff.getSubject());
      assertEquals(room, staff.getStringClaim("room"));
      Instant now = Instant.now();
      assertTrue(Math.abs(Duration.between(now, staff.getIssueTime().toInstant()).toSeconds()) < 30);
      assertTrue(staff.getNotBeforeTime().toInstant().isBefore(now));
      assertEquals(end.plus(Duration.ofMinutes(15)), staff.getExpirationTime().toInstant(), "valid until 15 minutes after the end");
      Map<String, Object> user = (Map<String, Object>) staff.getJSONObjectClaim("context").get("user");
      assertEquals("true", user.get("moderator"));
      assertEquals("owner", user.get("affiliation"));
      assertEquals("Eva Huber (Hotel Alpenblick GmbH)", user.get("name"));
      assertEquals("employer@demo.test", user.get("email"));
      assertTrue(((String) user.get("id")).matches("p-[a-z2-7]{16}"), "an opaque id, not the account number");

      Page seeker = open(seekerCtx, "jitsi-0@example.org", Fixtures.PASSWORD, "/meetings/" + booking);
      JsonObject s = recorded(seeker);
      assertEquals(room, s.getJsonObject("options").getString("roomName"));
      assertEquals("Person jitsi 0", s.getJsonObject("options").getJsonObject("userInfo").getString("displayName"));
      assertTrue(s.getJsonArray("commands").isEmpty(), "the jobseeker does not moderate");
      JWTClaimsSet guest = verified(s.getJsonObject("options").getString("jwt"));
      assertEquals(room, guest.getStringClaim("room"));
      Map<String, Object> guestUser = (Map<String, Object>) guest.getJSONObjectClaim("context").get("user");
      assertEquals("false", guestUser.get("moderator"));
      assertEquals("member", guestUser.get("affiliation"));
      assertNull(guestUser.get("email"), "the jobseeker's email never goes into a token");
      assertFalse(guestUser.get("id").equals(user.get("id")));

      waitFor(() -> app.count("select count(*) from meeting_event where kind = 'JOIN' and provider = 'JITSI' and booking_id = " + booking) == 3);
      assertEquals(1, app.count("select count(*) from attendance where checked_in_at is not null and booking_id = " + booking),
          "joining the Jitsi room checks the jobseeker in");
      assertEquals(1, app.count("select count(*) from meeting_event where kind = 'ADMIT' and provider = 'JITSI' and booking_id = " + booking),
          "past Jitsi's lobby: the admission is recorded");
      seeker.evaluate("() => window.__jitsiFire('videoConferenceLeft', {})");
      seeker.waitForSelector("#meeting[data-state='left']");
      waitFor(() -> app.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'JOBSEEKER' and provider = 'JITSI' and booking_id = "
          + booking) == 1);
    }
  }

  @Test
  void anUnreachableJitsiIsToldAndRecordedAsAFailure() {
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long booth = fx.booth(fx.fair("Jitsi-Ausfall", true, 0), hotel);
    long js = fx.accountId(fx.jobseekers("jitsidown", 1).get(0));
    long booking = fx.booking(booth, js, Instant.now().minus(Duration.ofMinutes(1)), 20);
    try (BrowserContext ctx = Browsers.context(browser)) {
      ctx.route("https://" + DOMAIN + "/external_api.js", Route::abort);
      Page seeker = Browsers.signIn(ctx, app.baseUrl(), "jitsidown-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(app.baseUrl() + "/meetings/" + booking);
      seeker.waitForSelector("#meeting[data-state='failed']");
      assertTrue(seeker.locator("#meeting-status").textContent().contains("nicht erreichbar"));
    }
    waitFor(() -> app.count("select count(*) from meeting_event where kind = 'FAILURE' and provider = 'JITSI' and booking_id = " + booking) == 1);
  }
}
