package at.jobfair.account;

import at.jobfair.support.InBrowser;
import at.jobfair.support.Browsers;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff whose roles decide or read benefit data sign in with a second factor: the password alone signs nobody in, the
 * first sign-in sets up the authenticator, a code counts once, and roles without the requirement are not asked.
 */
class SecondFactorTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("auth.secondFactorRoles", "SFA,KOMMUNE,ERHEBUNG,PROVIDER"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void thePasswordAloneSignsNoDeciderInAndTheFirstSignInSetsUpTheAuthenticator() throws Exception {
    TestClient c = app.client();
    TestClient.Response password = c.signIn("sfa@demo.test", "demo");
    assertEquals(200, password.status(), password.body());
    assertEquals("ENROL", password.json().getString("secondFactor"));
    assertEquals(401, c.get("/api/me").status(), "not signed in by the password alone");
    assertEquals(401, c.get("/api/worklist").status());

    JsonObject enrolment = c.post("/api/session/second-factor/enrolment", new JsonObject()).json();
    String secret = enrolment.getString("secret");
    assertTrue(enrolment.getString("uri").startsWith("otpauth://totp/"), enrolment.encode());
    assertTrue(enrolment.getString("qrSvg").startsWith("<svg"), "a QR code for the app");

    assertEquals(401, c.post("/api/session/second-factor", new JsonObject().put("code", "000000")).status());
    TestClient.Response signedIn = c.post("/api/session/second-factor", new JsonObject().put("code", totp(secret, 0)));
    assertEquals(200, signedIn.status(), signedIn.body());
    assertEquals("sfa@demo.test", c.get("/api/me").json().getString("email"));

    // Next time: the code only; the same code again is refused, also at once from two places.
    TestClient again = app.client();
    assertEquals("CODE", again.signIn("sfa@demo.test", "demo").json().getString("secondFactor"));
    assertEquals(409, again.post("/api/session/second-factor/enrolment", new JsonObject()).status(), "a confirmed one is never replaced here");
    assertEquals(401, again.post("/api/session/second-factor", new JsonObject().put("code", totp(secret, 0))).status(),
        "a code counts once");
    Thread.sleep(msToNextStep() + 50);
    String fresh = totp(secret, 0);
    TestClient other = app.client();
    other.signIn("sfa@demo.test", "demo");
    List<Callable<Integer>> both = List.of(
        () -> again.post("/api/session/second-factor", new JsonObject().put("code", fresh)).status(),
        () -> other.post("/api/session/second-factor", new JsonObject().put("code", fresh)).status());
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : Executors.newFixedThreadPool(2).invokeAll(both)) statuses.add(f.get());
    statuses.sort(null);
    assertEquals(List.of(200, 401), statuses, "one code, one sign-in");
  }

  @Test
  void rolesWithoutTheRequirementSignInWithThePassword() {
    TestClient c = app.client();
    TestClient.Response r = c.signIn("seeker@demo.test", "demo");
    assertEquals("seeker@demo.test", r.json().getString("email"));
    assertFalse(r.json().containsKey("secondFactor"));
    assertEquals(200, c.get("/api/me").status());
  }

  @Test
  void aCodeWithoutAPasswordFirstSignsNobodyIn() {
    TestClient c = app.client();
    // without a session there is no token either (403); with a session but no password given, 401
    assertEquals(403, c.post("/api/session/second-factor", new JsonObject().put("code", "123456")).status());
    c.signIn("seeker@demo.test", "demo");
    c.delete("/api/session");
    c.signIn("nobody@demo.test", "wrong");
    assertEquals(401, c.get("/api/me").status());
  }

  @Test
  @InBrowser
  void inTheBrowserTheMunicipalitySetsUpItsAuthenticatorAndSignsIn() {
    try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright);
         BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(app.baseUrl() + "/signin?next=/");
      page.fill("#email", "kommune@demo.test");
      page.fill("#password", "demo");
      page.click("button[type=submit]");
      page.waitForURL("**/signin/second-factor**");
      assertTrue(page.isVisible(".qr svg"), "the QR code is shown");
      String secret = page.textContent("[data-testid=totp-secret]").strip();
      page.fill("#code", "999999");
      page.click("button[type=submit]");
      assertTrue(page.isVisible("[role=alert]"), "a wrong code says so");
      String secret2 = page.textContent("[data-testid=totp-secret]").strip();
      page.fill("#code", totp(secret2, 0));
      page.click("button[type=submit]");
      page.waitForURL(app.baseUrl() + "/");
      assertFalse(secret.isBlank());
    }
  }

  /** Signs in with the password, sets up an authenticator and confirms it; answers the secret. */
  private static String enrolled(TestClient c, String email) {
    return enrolled(c, email, "demo");
  }

  private static String enrolled(TestClient c, String email, String password) {
    assertEquals("ENROL", c.signIn(email, password).json().getString("secondFactor"));
    String secret = c.post("/api/session/second-factor/enrolment", new JsonObject()).json().getString("secret");
    assertEquals(200, c.post("/api/session/second-factor", new JsonObject().put("code", totp(secret, 0))).status());
    return secret;
  }

  private static long accountId(String email) throws Exception {
    try (var db = app.jdbc(); var st = db.prepareStatement("select id from account where email = ?")) {
      st.setString(1, email);
      var rs = st.executeQuery();
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void theSecretIsKeptSealedNeverInPlainText() throws Exception {
    String secret = enrolled(app.client(), "erhebung@demo.test");
    try (var db = app.jdbc(); var st = db.prepareStatement("select secret, sealed from account_totp where account_id = ?")) {
      st.setLong(1, accountId("erhebung@demo.test"));
      var rs = st.executeQuery();
      assertTrue(rs.next());
      assertNull(rs.getString("secret"));
      assertTrue(rs.getString("sealed").startsWith("v1."), rs.getString("sealed"));
      assertFalse(rs.getString("sealed").contains(secret));
    }
  }

  @Test
  void secretsKeptInPlainTextBeforeAreSealedAtTheNextStartAndStillWork() throws Exception {
    String secret = "JBSWY3DPEHPK3PXPJBSWY3DP";
    long provider = accountId("provider@demo.test");
    try (var db = app.jdbc(); var st = db.prepareStatement(
        "insert into account_totp (account_id, secret, confirmed_at) values (?, ?, now()) on conflict (account_id) do nothing")) {
      st.setLong(1, provider);
      st.setString(2, secret);
      assertEquals(1, st.executeUpdate());
    }
    try (TestApp restarted = app.another(Map.of("auth.secondFactorRoles", "PROVIDER"))) {
      assertEquals(0, app.count("select count(*) from account_totp where secret is not null"), "sealed at the start");
      TestClient c = restarted.client();
      assertEquals("CODE", c.signIn("provider@demo.test", "demo").json().getString("secondFactor"));
      assertEquals(200, c.post("/api/session/second-factor", new JsonObject().put("code", totp(secret, 0))).status());
      assertEquals("provider@demo.test", c.get("/api/me").json().getString("email"));
    }
  }

  /** A new account of the role, made by an organiser; answers its id. */
  private static long newAccount(TestClient organiser, String email, String role) {
    TestClient.Response r = organiser.post("/api/users", new JsonObject().put("email", email).put("name", "Lost Phone")
        .put("password", PASSWORD).put("roles", new io.vertx.core.json.JsonArray().add(role)).put("language", "en"));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static final String PASSWORD = "Passwort-123";

  @Test
  void anotherOrganiserResetsALostAuthenticatorOnTheRecordAndThePersonSetsUpANewOne() throws Exception {
    TestClient organiser = app.as("organizer@demo.test");
    String email = "lost.phone." + System.nanoTime() + "@example.org";
    long id = newAccount(organiser, email, "SFA");
    enrolled(app.client(), email, PASSWORD);

    assertEquals(403, app.as("sfu@demo.test").post("/api/users/" + id + "/second-factor/reset", new JsonObject()).status(),
        "organisers only");
    long own = organiser.get("/api/me").json().getLong("id");
    assertEquals(403, organiser.post("/api/users/" + own + "/second-factor/reset", new JsonObject()).status(), "never one's own");
    assertEquals(204, organiser.post("/api/users/" + id + "/second-factor/reset", new JsonObject()).status());
    assertEquals(404, organiser.post("/api/users/" + id + "/second-factor/reset", new JsonObject()).status(), "nothing left to reset");
    assertEquals(404, organiser.post("/api/users/999999999/second-factor/reset", new JsonObject()).status());

    assertEquals(1, app.count("select count(*) from audit_log where subject = 'account:" + id + "' and event = 'SECOND_FACTOR_RESET'"));
    assertEquals(1, app.count("select count(*) from mail_outbox where kind = 'SECOND_FACTOR_RESET' and to_address = '" + email + "'"));
    assertTrue(organiser.get("/api/audit/verify").json().getBoolean("ok"), "the chain still holds");
    // The person's next sign-in sets up a new authenticator after the password.
    enrolled(app.client(), email, PASSWORD);
  }

  @Test
  void ofTwoOrganisersResettingAtOnceOneResetsAndTheOtherIsToldThereIsNothingLeft() throws Exception {
    TestClient first = app.as("organizer@demo.test");
    String email2 = "organiser.two." + System.nanoTime() + "@example.org";
    newAccount(first, email2, "ORGANIZER");
    TestClient second = app.as(email2);
    for (int round = 0; round < 5; round++) {
      String email = "race." + round + "." + System.nanoTime() + "@example.org";
      long id = newAccount(first, email, "SFA");
      enrolled(app.client(), email, PASSWORD);
      String path = "/api/users/" + id + "/second-factor/reset";
      List<Callable<Integer>> both = List.of(() -> first.post(path, new JsonObject()).status(),
          () -> second.post(path, new JsonObject()).status());
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : Executors.newFixedThreadPool(2).invokeAll(both)) statuses.add(f.get());
      statuses.sort(null);
      assertEquals(List.of(204, 404), statuses);
      assertEquals(1, app.count("select count(*) from audit_log where subject = 'account:" + id + "' and event = 'SECOND_FACTOR_RESET'"));
    }
  }

  @Test
  void aResetAsksTheOrganiserToProveWhoTheyAreWhenTheirSignInIsNotFresh() throws Exception {
    try (TestApp strict = app.another(Map.of("auth.reauthMinutes", 0, "auth.secondFactorRoles", "SFA"))) {
      TestClient organiser = strict.as("organizer@demo.test");
      String email = "strict." + System.nanoTime() + "@example.org";
      long id = newAccount(organiser, email, "SFA");
      enrolled(strict.client(), email, PASSWORD);
      String path = "/api/users/" + id + "/second-factor/reset";
      TestClient.Response asked = organiser.post(path, new JsonObject());
      assertEquals(403, asked.status());
      assertEquals("reauth_required", asked.json().getString("error"));
      assertEquals(401, organiser.post(path, new JsonObject().put("password", "wrong")).status());
      assertEquals(204, organiser.post(path, new JsonObject().put("password", "demo")).status());
    }
  }

  @Test
  @InBrowser
  void inTheBrowserAnOrganiserResetsALostAuthenticatorFromTheAccountsPage() throws Exception {
    TestClient organiser = app.as("organizer@demo.test");
    String email = "browser.lost." + System.nanoTime() + "@example.org";
    long id = newAccount(organiser, email, "SFA");
    enrolled(app.client(), email, PASSWORD);
    try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright);
         BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(app.baseUrl() + "/signin?next=/admin/users");
      page.fill("#email", "organizer@demo.test");
      page.fill("#password", "demo");
      page.click("button[type=submit]");
      page.waitForURL("**/admin/users");
      page.selectOption("#r-account", String.valueOf(id));
      page.click("#second-factor-reset button[type=submit]");
      page.waitForURL("**/admin/users?reset=" + id);
      assertTrue(page.isVisible("[role=status]"), "says it is done");
      assertEquals(0, page.locator("#r-account option[value='" + id + "']").count(), "no longer offered");
    }
    assertEquals(0, app.count("select count(*) from account_totp where account_id = " + id));
  }

  /** RFC 6238 (HMAC-SHA1, 30 s, 6 digits), written here independently of the product's library. */
  static String totp(String base32Secret, int stepOffset) {
    try {
      long step = System.currentTimeMillis() / 1000 / 30 + stepOffset;
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int o = h[h.length - 1] & 0xf;
      int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
      return String.format("%06d", bin % 1_000_000);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long msToNextStep() {
    return 30_000 - System.currentTimeMillis() % 30_000;
  }

  private static byte[] base32(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char ch : s.replace("=", "").toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }
}
