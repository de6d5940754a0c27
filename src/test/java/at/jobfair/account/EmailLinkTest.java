package at.jobfair.account;

import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways in by email, through a real SMTP server: a jobseeker without a password signs in by a one-time link, anyone
 * sets a new password by a reset link; each link works once and for a while, asking answers the same for every address,
 * asks are limited, and of many clicks on one link at once exactly one signs in.
 */
class EmailLinkTest {

  private static final Pattern SIGN_IN_LINK = Pattern.compile("https://jobs\\.example\\.org(/signin/link/[A-Za-z0-9_-]{43})");
  private static final Pattern RESET_LINK = Pattern.compile("https://jobs\\.example\\.org(/password-reset/[A-Za-z0-9_-]{43})");
  private static final int VALID_MINUTES = 7;

  static GreenMail smtp;
  static TestApp app;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 50));
    settings.put("auth.emailLinkMinutes", VALID_MINUTES);
    settings.put("auth.secondFactorRoles", "SFA");
    app = TestApp.start(settings);
    fx = new Fixtures(app);
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  /** A jobseeker as staff import them: an email address, no password. */
  static String imported(String name) {
    String email = name + "@example.org";
    long id = app.insert("insert into account (email, name) values (?, ?) returning id", email, "Person " + name);
    fx.exec("insert into account_role values (?, 'JOBSEEKER')", id);
    fx.exec("insert into jobseeker (account_id) values (?)", id);
    return email;
  }

  static List<MimeMessage> mailsTo(String to) {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to)) out.add(m);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  static String text(MimeMessage m) {
    try {
      Object content = m.getContent();
      return (content instanceof String s ? s : ((Multipart) content).getBodyPart(0).getContent().toString()).replace("\r\n", "\n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The path of the link in the {@code n}-th mail to the address (from 1), waiting for it to arrive. */
  static String link(String to, int n, Pattern pattern) {
    waitUntil(n + " mails to " + to, () -> mailsTo(to).size() >= n);
    Matcher m = pattern.matcher(text(mailsTo(to).get(n - 1)));
    assertTrue(m.find(), text(mailsTo(to).get(n - 1)));
    return m.group(1);
  }

  static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A browser's first visit: a session and its CSRF token (from the page that offers the form). */
  static TestClient browser(String page) {
    TestClient c = app.client();
    assertEquals(200, c.get(page).status(), page);
    return c;
  }

  static TestClient.Response form(TestClient c, String path, String... fields) {
    StringBuilder body = new StringBuilder("X-XSRF-TOKEN=").append(enc(c.cookie("XSRF-TOKEN")));
    for (int i = 0; i + 1 < fields.length; i += 2) body.append('&').append(fields[i]).append('=').append(enc(fields[i + 1]));
    return c.postRaw(path, "application/x-www-form-urlencoded", body.toString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static long signedInAs(TestClient c) {
    TestClient.Response me = c.get("/api/me");
    return me.status() == 200 ? me.json().getLong("id") : -1;
  }

  @Test
  void aJobseekerWithoutPasswordSignsInOnceByTheMailedLinkAndLandsWhereTheyWereGoing() {
    String email = imported("no-password");
    TestClient c = browser("/signin?next=/me/appointments");
    var asked = form(c, "/signin/link", "email", email, "next", "/me/appointments");
    assertEquals(200, asked.status(), asked.body());
    assertTrue(asked.body().contains("Bitte sehen Sie in Ihre E-Mails"), asked.body());
    String path = link(email, 1, SIGN_IN_LINK);
    String mail = text(mailsTo(email).get(0));
    assertTrue(mail.contains(VALID_MINUTES + " Minuten"), mail);
    // only the token's hash is kept
    String token = path.substring(path.lastIndexOf('/') + 1);
    assertEquals(1, app.count("select count(*) from email_link where token_hash = sha256(convert_to('" + token + "', 'UTF8'))"));
    assertEquals(0, app.count("select count(*) from email_link where position(convert_to('" + token + "', 'UTF8') in token_hash) > 0"));

    // opening the link does not sign in yet (mail scanners open links): it asks for a tap
    TestClient phone = browser(path);
    assertEquals(-1, signedInAs(phone));
    var used = form(phone, path);
    assertEquals(303, used.status(), used.body());
    assertEquals("/me/appointments", used.header("Location"));
    assertEquals(fx.accountId(email), signedInAs(phone));

    // a second use is refused with a clear page, and signs nobody in
    TestClient other = app.client();
    var again = other.get(path);
    assertEquals(410, again.status());
    assertTrue(again.body().contains("schon verwendet"), again.body());
    assertTrue(again.body().contains("Neuen Link anfordern"), again.body());
    TestClient otherBrowser = browser("/signin");
    var usedAgain = form(otherBrowser, path);
    assertEquals(410, usedAgain.status(), usedAgain.body());
    assertEquals(-1, signedInAs(otherBrowser));
    // the person who used it, opening it again, is told they are signed in rather than sent away
    var reopened = phone.get(path);
    assertEquals(410, reopened.status());
    assertTrue(reopened.body().contains("Sie sind angemeldet"), reopened.body());
    assertFalse(again.body().contains("Sie sind angemeldet"), again.body());
    // and in English
    var english = app.client().language("en").get(path);
    assertTrue(english.body().contains("was used already"), english.body());
  }

  @Test
  void anExpiredLinkIsRefusedAndTheConfiguredMinutesDecideWhenItExpires() {
    String email = imported("late");
    assertEquals(202, app.client().post("/api/session/link", new JsonObject().put("email", email)).status());
    String path = link(email, 1, SIGN_IN_LINK);
    long seconds = app.count("""
        select round(extract(epoch from expires_at - created_at))::bigint from email_link
         where account_id = (select id from account where email = '%s')""".formatted(email));
    assertTrue(Math.abs(seconds - VALID_MINUTES * 60) <= 5, seconds + " s");
    assertEquals(Duration.ofMinutes(20), TestApp.config().auth().emailLinkValid(), "the default");
    // the minutes pass
    fx.exec("update email_link set expires_at = now() - interval '1 second' where account_id = ?", fx.accountId(email));
    TestClient c = app.client();
    var page = c.get(path);
    assertEquals(410, page.status());
    assertTrue(page.body().contains("abgelaufen"), page.body());
    TestClient b = browser("/signin");
    assertEquals(410, form(b, path).status());
    assertEquals(-1, signedInAs(b));
    // a link that never was
    assertEquals(404, app.client().get("/signin/link/" + "A".repeat(43)).status());
    assertEquals(404, app.client().get("/signin/link/x").status());
  }

  @Test
  void theAnswerIsTheSameForAnUnknownAddressAndMailsOnlyJobseekers() {
    String known = imported("known");
    String unknown = "nobody-here@example.org";
    var a = app.client().post("/api/session/link", new JsonObject().put("email", known));
    var b = app.client().post("/api/session/link", new JsonObject().put("email", unknown));
    // staff sign in with password (and code): no sign-in link for them, and no hint of that either
    var staff = app.client().post("/api/session/link", new JsonObject().put("email", "sfa@demo.test"));
    var c = app.client().post("/api/password-reset", new JsonObject().put("email", unknown));
    var d = app.client().post("/api/password-reset", new JsonObject().put("email", known));
    for (var r : List.of(b, staff, c, d)) {
      assertEquals(a.status(), r.status(), r.body());
      assertEquals(a.body(), r.body());
    }
    assertEquals(202, a.status());
    // pages: the same text, only the address given differs
    TestClient pageKnown = browser("/signin");
    TestClient pageUnknown = browser("/signin");
    var p1 = form(pageKnown, "/signin/link", "email", known, "next", "/");
    var p2 = form(pageUnknown, "/signin/link", "email", unknown, "next", "/");
    assertEquals(p1.status(), p2.status());
    assertEquals(main(p1.body()).replace(known, "@"), main(p2.body()).replace(unknown, "@"));
    var r1 = form(pageKnown, "/password-reset", "email", known);
    var r2 = form(pageUnknown, "/password-reset", "email", unknown);
    assertEquals(r1.status(), r2.status());
    assertEquals(main(r1.body()).replace(known, "@"), main(r2.body()).replace(unknown, "@"));

    // a page to go to that is too long to keep: the start page instead, not a failure
    TestClient longNext = browser("/signin");
    assertEquals(200, form(longNext, "/signin/link", "email", known, "next", "/" + "x".repeat(5000)).status());
    waitUntil("the known person's five mails", () -> mailsTo(known).size() == 5);
    assertEquals(0, mailsTo(unknown).size());
    assertEquals(0, mailsTo("sfa@demo.test").stream().filter(m -> SIGN_IN_LINK.matcher(text(m)).find()).count());
    // not an address at all: told so (that says nothing about accounts)
    assertEquals(400, app.client().post("/api/session/link", new JsonObject().put("email", "not-an-address")).status());
  }

  /** The page's main part (the header and footer carry per-session tokens). */
  static String main(String html) {
    int start = html.indexOf("<h1");
    int end = html.lastIndexOf("</main>");
    return html.substring(start, end < 0 ? html.length() : end);
  }

  @Test
  void asksAreLimitedPerEmailAddressAliveOrNotAndPerClientAddress() {
    String known = imported("often");
    String unknown = "often-unknown@example.org";
    for (String email : List.of(known, unknown)) {
      for (int i = 0; i < 5; i++) {
        var r = app.client().post(i % 2 == 0 ? "/api/session/link" : "/api/password-reset", new JsonObject().put("email", email.toUpperCase()));
        assertEquals(202, r.status(), i + " " + r.body());
      }
      var sixth = app.client().post("/api/session/link", new JsonObject().put("email", email));
      assertEquals(429, sixth.status(), sixth.body());
      assertEquals("email_links_too_many", sixth.json().getString("error"));
      assertNotNull(sixth.header("Retry-After"));
      TestClient page = browser("/signin");
      var sixthPage = form(page, "/signin/link", "email", email);
      assertEquals(429, sixthPage.status());
      assertTrue(sixthPage.body().contains("zu viele Links"), sixthPage.body());
    }
    waitUntil("five mails", () -> mailsTo(known).size() >= 5);
    assertEquals(5, mailsTo(known).size());

    // per client address: the route's limit, as for signing in
    Map<String, Object> strict = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 50));
    strict.put("limits.signInsPerMinute", 3);
    try (TestApp node = app.another(strict)) {
      TestClient c = node.client();
      for (int i = 0; i < 3; i++) {
        assertEquals(202, c.post("/api/password-reset", new JsonObject().put("email", "spread-" + i + "@example.org")).status());
      }
      var fourth = c.post("/api/password-reset", new JsonObject().put("email", "spread-9@example.org"));
      assertEquals(429, fourth.status());
      assertEquals("too_many_requests", fourth.json().getString("error"));
    }
  }

  @Test
  void ofManyClicksOnOneLinkAtOnceExactlyOneSignsIn() throws Exception {
    String email = imported("racer");
    assertEquals(202, app.client().post("/api/session/link", new JsonObject().put("email", email)).status());
    String path = link(email, 1, SIGN_IN_LINK);
    int n = 16;
    List<TestClient> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) clients.add(browser(path));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (TestClient c : clients) answers.add(pool.submit(() -> {
        go.await();
        return form(c, path).status();
      }));
      go.countDown();
      int ok = 0;
      int refused = 0;
      for (Future<Integer> a : answers) {
        int status = a.get();
        if (status == 303) ok++;
        else if (status == 410) refused++;
        else throw new AssertionError("unexpected " + status);
      }
      assertEquals(1, ok);
      assertEquals(n - 1, refused);
    } finally {
      pool.shutdownNow();
    }
    long id = fx.accountId(email);
    assertEquals(1, clients.stream().filter(c -> signedInAs(c) == id).count());
  }

  @Test
  void aForgottenPasswordIsSetAnewByTheLinkWhichVoidsTheOthersAndIsAudited() {
    String email = fx.jobseekers("forgetful", 1).get(0);
    long id = fx.accountId(email);
    // somewhere else, someone is signed in with the old password
    TestClient elsewhere = app.as(email);
    assertEquals(id, signedInAs(elsewhere));
    TestClient c = browser("/signin?next=/fairs");
    assertTrue(c.get("/signin").body().contains("href=\"/password-reset?next="));
    assertEquals(200, c.get("/password-reset?next=/fairs").status());
    var asked = form(c, "/password-reset", "email", email, "next", "/fairs");
    assertEquals(200, asked.status(), asked.body());
    assertEquals(200, form(c, "/password-reset", "email", email, "next", "/fairs").status());
    String first = link(email, 1, RESET_LINK);
    String second = link(email, 2, RESET_LINK);
    assertNotEquals(first, second);

    TestClient phone = browser(second);
    assertTrue(phone.get(second).body().contains("autocomplete=\"new-password\""));
    var tooShort = form(phone, second, "password", "kurz");
    assertEquals(400, tooShort.status());
    assertTrue(tooShort.body().contains("mindestens 8 Zeichen"), tooShort.body());
    var set = form(phone, second, "password", "Ein-neues-Passwort");
    assertEquals(303, set.status(), set.body());
    assertEquals("/fairs", set.header("Location"));
    assertEquals(id, signedInAs(phone));

    // the session with the old password has ended
    assertEquals(-1, signedInAs(elsewhere));
    // the other link of the account is void, the used one too
    assertEquals(410, app.client().get(first).status());
    assertEquals(410, app.client().get(second).status());
    // the old password is gone, the new one works
    assertEquals(401, app.client().signIn(email, Fixtures.PASSWORD).status());
    assertEquals(200, app.client().signIn(email, "Ein-neues-Passwort").status());
    assertEquals(1, app.count("select count(*) from audit_log where event = 'PASSWORD_RESET' and subject = 'account:" + id + "' and actor_id = " + id));
  }

  @Test
  void aNewPasswordThroughTheApiSignsNobodyInAndAStaffRoleStillPassesItsSecondFactor() {
    // API: ask, confirm, then sign in with the new password
    String email = fx.jobseekers("api-reset", 1).get(0);
    assertEquals(202, app.client().post("/api/password-reset", new JsonObject().put("email", email)).status());
    String token = link(email, 1, RESET_LINK).substring("/password-reset/".length());
    TestClient api = app.client();
    var shortOne = api.post("/api/password-reset/confirm", new JsonObject().put("token", token).put("password", "kurz"));
    assertEquals(400, shortOne.status());
    assertEquals("password_too_short", shortOne.json().getString("error"));
    var done = api.post("/api/password-reset/confirm", new JsonObject().put("token", token).put("password", "Neues-Passwort-1"));
    assertEquals(204, done.status(), done.body());
    assertEquals(-1, signedInAs(api));
    var again = api.post("/api/password-reset/confirm", new JsonObject().put("token", token).put("password", "Neues-Passwort-2"));
    assertEquals(410, again.status());
    assertEquals("email_link_used", again.json().getString("error"));
    assertEquals(404, api.post("/api/password-reset/confirm", new JsonObject().put("token", "nothing").put("password", "Neues-Passwort-2")).status());
    assertEquals(200, app.client().signIn(email, "Neues-Passwort-1").status());

    // a member of staff whose role has a second factor: a new password, and still the code before anything
    String sfa = "sfa@demo.test";
    assertEquals(202, app.client().post("/api/password-reset", new JsonObject().put("email", sfa)).status());
    waitUntil("a reset link to " + sfa, () -> mailsTo(sfa).stream().anyMatch(m -> RESET_LINK.matcher(text(m)).find()));
    Matcher found = RESET_LINK.matcher(text(mailsTo(sfa).stream().filter(m -> RESET_LINK.matcher(text(m)).find()).reduce((a, b) -> b).orElseThrow()));
    assertTrue(found.find());
    String path = found.group(1);
    TestClient staff = browser(path);
    var set = form(staff, path, "password", "Sicheres-Passwort-9");
    assertEquals(303, set.status(), set.body());
    assertTrue(set.header("Location").startsWith("/signin/second-factor"), set.header("Location"));
    assertEquals(-1, signedInAs(staff));
    var viaApi = app.client().signIn(sfa, "Sicheres-Passwort-9");
    assertEquals(200, viaApi.status());
    assertFalse(viaApi.json().containsKey("id"), "the code is still asked for: " + viaApi.body());
    assertEquals("ENROL", viaApi.json().getString("secondFactor"));
  }

  @Test
  void theSignInAndFairPagesSayWhereToRegister() {
    var signin = app.client().get("/signin");
    assertTrue(signin.body().contains("id=\"register-link\" href=\"/fairs\""), signin.body());
    assertTrue(signin.body().contains("Anmelde-Link schicken"));
    assertTrue(signin.body().contains("Passwort vergessen?"));
    long fair = fx.fair("Offene Börse", true, 0);
    var fromFair = app.client().get("/signin?next=" + enc("/fairs/" + fair));
    assertTrue(fromFair.body().contains("href=\"/fairs/" + fair + "/register\""), fromFair.body());
    var english = app.client().language("en").get("/signin");
    assertTrue(english.body().contains("Send me a sign-in link"));
    assertTrue(english.body().contains("No account yet?"));

    var anonymous = app.client().get("/fairs/" + fair);
    assertEquals(200, anonymous.status());
    assertTrue(anonymous.body().contains("href=\"/fairs/" + fair + "/register\""), anonymous.body());
    var catalogue = app.client().get("/fairs");
    assertTrue(catalogue.body().contains("href=\"/fairs/" + fair + "/register\""), catalogue.body());
    TestClient signedIn = app.as(fx.jobseekers("visitor", 1).get(0));
    assertFalse(signedIn.get("/fairs/" + fair).body().contains("/fairs/" + fair + "/register"));
    assertFalse(signedIn.get("/fairs").body().contains("/fairs/" + fair + "/register"));
  }
}
