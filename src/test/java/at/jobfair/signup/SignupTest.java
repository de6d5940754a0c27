package at.jobfair.signup;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Employers who sign up themselves, through a real SMTP server: sign-up, the confirmation link, the organiser's
 * approval or rejection (one decision of many at once), signing in only once approved, colleagues invited by
 * single-use expiring links, and applying to exhibit (one application of many at once) until the booth opens.
 */
class SignupTest {

  private static final Pattern CONFIRM = Pattern.compile("https://jobs\\.example\\.org(/employers/signup/confirm/[A-Za-z0-9_-]{43})");
  private static final Pattern INVITE = Pattern.compile("https://jobs\\.example\\.org(/employers/invitation/[A-Za-z0-9_-]{43})");

  static GreenMail smtp;
  static TestApp app;
  static Fixtures fx;
  static TestClient organiser;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 50));
    settings.put("auth.secondFactorRoles", "SFA");
    app = TestApp.start(settings);
    fx = new Fixtures(app);
    organiser = app.as("organizer@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  static JsonObject signup(String company, String email) {
    return new JsonObject().put("company", company).put("address", "Hauptstraße 1, 1010 Wien").put("region", "Wien")
        .put("phone", "+43 1 234").put("name", "Rita " + company).put("email", email);
  }

  /** Signs the company up and confirms its address by the mailed link (through the pages); answers the employer's id. */
  static long signedUpAndConfirmed(String company, String email) {
    assertEquals(202, app.client().post("/api/employer-signups", signup(company, email)).status());
    String path = link(email, 1, CONFIRM);
    TestClient c = app.client();
    assertEquals(200, c.get(path).status());
    var confirmed = form(c, path, "password", "geheim1234");
    assertEquals(200, confirmed.status(), confirmed.body());
    assertTrue(confirmed.body().contains("Ihre Adresse ist bestätigt"), confirmed.body());
    return app.count("select employer_id from account where email = '" + email + "'");
  }

  @Test
  void aCompanySignsUpConfirmsIsApprovedSignsInAppliesAndItsBoothOpens() {
    String email = "rita@hotel-sonne.example";
    long employer = signedUpAndConfirmed("Hotel Sonne", email);
    assertEquals("PENDING", str("select status from employer where id = " + employer));
    // the right password before the approval: a clear word, no session
    TestClient rep = app.client();
    var early = rep.signIn(email, "geheim1234");
    assertEquals(403, early.status(), early.body());
    assertEquals("employer_pending", early.json().getString("error"));
    assertEquals(401, app.client().signIn(email, "wrong-password").status());
    // the organisers are told by mail that an application waits, with the way to it
    waitUntil("the organiser's mail", () -> mailsTo("organizer@demo.test").stream().anyMatch(m -> text(m).contains("Hotel Sonne hat ein Unternehmenskonto beantragt")));
    assertTrue(mailsTo("organizer@demo.test").stream().map(SignupTest::text)
        .anyMatch(t -> t.contains("Hotel Sonne hat") && t.contains("https://jobs.example.org/admin/employer-signups")));
    // the organiser sees it and approves
    var pending = organiser.get("/api/employer-signups");
    assertEquals(200, pending.status());
    assertTrue(pending.body().contains("Hotel Sonne"), pending.body());
    assertTrue(organiser.get("/admin/employer-signups").body().contains("Hotel Sonne"));
    assertEquals(204, organiser.post("/api/employer-signups/" + employer + "/decision", new JsonObject().put("approve", true)).status());
    waitUntil("the approval mail", () -> mailsTo(email).size() >= 2);
    assertTrue(text(mailsTo(email).get(1)).contains("freigegeben"), text(mailsTo(email).get(1)));
    assertEquals(1, app.count("select count(*) from audit_log where event = 'EMPLOYER_SIGNUP_DECIDED' and subject = 'employer:" + employer + "'"));
    // signed in, it applies to a published fair with one click (once), and not to a draft
    assertEquals(200, rep.signIn(email, "geheim1234").status());
    long fair = fx.fair("Herbstbörse " + employer, true, 60);
    long draft = fx.fair("Entwurf " + employer, false, 60);
    assertTrue(rep.get("/employer").body().contains("Herbstbörse " + employer));
    var applied = form(rep, "/employer/fairs/" + fair + "/apply");
    assertEquals(303, applied.status(), applied.body());
    assertTrue(rep.get("/fairs/" + fair).body().contains("/employer/fairs/" + fair + "/apply"), "one click on the fair page too");
    var again = rep.post("/api/fairs/" + fair + "/exhibitor-applications", new JsonObject());
    assertEquals(409, again.status());
    assertEquals("application_exists", again.json().getString("error"));
    assertEquals(409, rep.post("/api/fairs/" + draft + "/exhibitor-applications", new JsonObject()).status());
    // the organiser approves on the admin fair page: the booth opens, the representative builds it
    long application = app.count("select id from exhibitor_application where fair_id = " + fair);
    assertTrue(organiser.get("/admin/fairs/" + fair).body().contains("approve-application-" + application));
    var decided = form(organiser, "/admin/fairs/" + fair + "/applications/" + application, "decision", "approve");
    assertEquals(303, decided.status(), decided.body());
    long booth = app.count("select id from booth where fair_id = " + fair + " and employer_id = " + employer);
    assertTrue(booth > 0);
    assertEquals(200, rep.get("/booths/" + booth + "/manage").status());
    assertEquals(200, rep.put("/api/booths/" + booth, new JsonObject().put("headline", "Wir suchen Köchinnen")).status());
    assertTrue(rep.get("/employer").body().contains("/booths/" + booth + "/manage"));
    // a second decision on it is refused
    var twice = organiser.post("/api/fairs/" + fair + "/exhibitor-applications/" + application + "/decision", new JsonObject().put("approve", false).put("reason", "zu spät"));
    assertEquals(409, twice.status());
    assertEquals(1, app.count("select count(*) from audit_log where event = 'EXHIBITOR_APPLICATION_DECIDED'"));
  }

  @Test
  void aRejectedSignUpIsToldWhyAndCannotSignIn() {
    String email = "max@baufirma.example";
    long employer = signedUpAndConfirmed("Baufirma Max", email);
    var noReason = organiser.post("/api/employer-signups/" + employer + "/decision", new JsonObject().put("approve", false));
    assertEquals(400, noReason.status());
    assertEquals("decision_reason_missing", noReason.json().getString("error"));
    var rejected = form(organiser, "/admin/employer-signups/" + employer + "/reject", "reason", "Kein Unternehmen in der Region");
    assertEquals(303, rejected.status(), rejected.body());
    waitUntil("the rejection mail", () -> mailsTo(email).size() >= 2);
    assertTrue(text(mailsTo(email).get(1)).contains("Kein Unternehmen in der Region"));
    var signIn = app.client().signIn(email, "geheim1234");
    assertEquals(403, signIn.status());
    assertEquals("employer_rejected", signIn.json().getString("error"));
    assertEquals("REJECTED", str("select status from employer where id = " + employer));
  }

  @Test
  void anUnconfirmedSignUpWaitsAndAKnownAddressAnswersAlikeWithoutWritingAnything() {
    assertEquals(202, app.client().post("/api/employer-signups", signup("Unbestätigt GmbH", "late@unconfirmed.example")).status());
    long employer = app.count("select employer_id from account where email = 'late@unconfirmed.example'");
    var decide = organiser.post("/api/employer-signups/" + employer + "/decision", new JsonObject().put("approve", true));
    assertEquals(409, decide.status());
    assertEquals("signup_unconfirmed", decide.json().getString("error"));

    long employers = app.count("select count(*) from employer");
    var known = app.client().post("/api/employer-signups", signup("Doppelt GmbH", "employer@demo.test"));
    assertEquals(202, known.status(), known.body());
    assertEquals(employers, app.count("select count(*) from employer"));
    waitUntil("the notice to the known address", () -> mailsTo("employer@demo.test").stream().anyMatch(m -> text(m).contains("schon ein Konto")));
    // bad input: a clear 400 naming the field, nothing written
    var bad = app.client().post("/api/employer-signups", signup("", "x@bad.example"));
    assertEquals(400, bad.status(), bad.body());
    assertEquals("company", bad.json().getJsonObject("details", new JsonObject()).getString("field", bad.json().getString("field")));
    assertEquals(employers, app.count("select count(*) from employer"));
    // the page form says the same in words
    TestClient browser = app.client();
    assertEquals(200, browser.get("/employers/signup").status());
    var page = form(browser, "/employers/signup", "company", "Seite GmbH", "address", "", "region", "Wien", "name", "Ana", "email", "ana@page.example");
    assertEquals(400, page.status());
    assertTrue(page.body().contains("Adresse des Unternehmens"), page.body());
    assertEquals(employers, app.count("select count(*) from employer"));
  }

  @Test
  void aRepresentativeInvitesAColleagueWhoseLinkWorksOnceAndNotWhenExpired() {
    String email = "chefin@tischlerei.example";
    long employer = signedUpAndConfirmed("Tischlerei Holz", email);
    assertEquals(204, organiser.post("/api/employer-signups/" + employer + "/decision", new JsonObject().put("approve", true)).status());
    TestClient rep = app.client();
    assertEquals(200, rep.signIn(email, "geheim1234").status());
    var invited = form(rep, "/employer/colleagues", "name", "Karl Kollege", "email", "karl@tischlerei.example");
    assertEquals(303, invited.status(), invited.body());
    String path = link("karl@tischlerei.example", 1, INVITE);
    assertTrue(text(mailsTo("karl@tischlerei.example").get(0)).contains("Tischlerei Holz"));
    TestClient karl = app.client();
    assertEquals(200, karl.get(path).status());
    assertEquals(303, form(karl, path, "password", "holzholz1").status());
    assertEquals(200, karl.signIn("karl@tischlerei.example", "holzholz1").status());
    assertEquals(employer, karl.get("/api/me").json().getLong("employerId"));
    assertTrue(karl.get("/api/me").json().getJsonArray("roles").contains("EMPLOYER"));
    // used twice: refused clearly, the password stays
    TestClient other = app.client();
    var reused = other.get(path);
    assertEquals(410, reused.status());
    assertTrue(reused.body().contains("schon verwendet"), reused.body());
    assertEquals(410, other.post("/api/employer-invitations/accept",
        new JsonObject().put("token", path.substring(path.lastIndexOf('/') + 1)).put("password", "anderes-pw")).status());
    assertEquals(200, app.client().signIn("karl@tischlerei.example", "holzholz1").status());
    // an expired one
    assertEquals(202, rep.post("/api/employer/colleagues", new JsonObject().put("name", "Lena Spät").put("email", "lena@tischlerei.example")).status());
    String late = link("lena@tischlerei.example", 1, INVITE);
    fx.exec("update email_link set expires_at = now() - interval '1 second' where account_id = ?", fx.accountId("lena@tischlerei.example"));
    var expired = app.client().get(late);
    assertEquals(410, expired.status());
    assertTrue(expired.body().contains("abgelaufen"), expired.body());
    assertEquals(401, app.client().signIn("lena@tischlerei.example", "whatever1").status());
    // an address with an account: refused (the representative acts for the company; no new account)
    assertEquals(409, rep.post("/api/employer/colleagues", new JsonObject().put("name", "Karl").put("email", "karl@tischlerei.example")).status());
  }

  @Test
  void organisersSeeAnApplicationOnlyOnceItsAddressIsConfirmedWhereTheRepresentativeSetsThePassword() {
    String email = "olga@werkstatt-nord.example";
    assertEquals(202, app.client().post("/api/employer-signups", signup("Werkstatt Nord", email)).status());
    long employer = app.count("select employer_id from account where email = '" + email + "'");
    // unconfirmed: not on the organisers' list, and nobody can sign in (there is no password yet)
    assertTrue(!organiser.get("/api/employer-signups").body().contains("Werkstatt Nord"));
    assertTrue(!organiser.get("/admin/employer-signups").body().contains("Werkstatt Nord"));
    assertEquals(null, str("select password_hash from account where email = '" + email + "'"));
    assertEquals(401, app.client().signIn(email, "geheim1234").status());
    // the link asks for a password; too short: the form again with the error, the link still unused
    String path = link(email, 1, CONFIRM);
    TestClient c = app.client();
    var page = c.get(path);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("name=\"password\""), page.body());
    var tooShort = form(c, path, "password", "kurz");
    assertEquals(400, tooShort.status(), tooShort.body());
    assertTrue(tooShort.body().contains("Mindestens 8") || tooShort.body().contains("8 Zeichen"), tooShort.body());
    assertEquals(null, str("select email_confirmed_at from employer_signup where employer_id = " + employer));
    String token = path.substring(path.lastIndexOf('/') + 1);
    var apiShort = app.client().post("/api/employer-signups/confirm", new JsonObject().put("token", token).put("password", "kurz"));
    assertEquals(400, apiShort.status());
    assertEquals("password_too_short", apiShort.json().getString("error"));
    assertEquals(204, app.client().post("/api/employer-signups/confirm", new JsonObject().put("token", token).put("password", "nordnord9")).status());
    // once: a second use is refused and does not change the password
    var again = app.client().post("/api/employer-signups/confirm", new JsonObject().put("token", token).put("password", "anderes-pw"));
    assertEquals(410, again.status());
    assertEquals("email_link_used", again.json().getString("error"));
    assertEquals(404, app.client().post("/api/employer-signups/confirm", new JsonObject().put("token", "x" + token.substring(1)).put("password", "anderes-pw")).status());
    // now the organisers see it; the account is not usable before the approval
    assertTrue(organiser.get("/api/employer-signups").body().contains("Werkstatt Nord"));
    var early = app.client().signIn(email, "nordnord9");
    assertEquals(403, early.status());
    assertEquals("employer_pending", early.json().getString("error"));
    assertEquals(401, app.client().signIn(email, "anderes-pw").status());
    assertEquals(1, app.count("select count(*) from audit_log where event = 'EMPLOYER_SIGNUP_CONFIRMED' and subject = 'employer:" + employer + "'"));
    assertEquals(204, organiser.post("/api/employer-signups/" + employer + "/decision", new JsonObject().put("approve", true)).status());
    assertEquals(200, app.client().signIn(email, "nordnord9").status());
  }

  @Test
  void applyingAgainWhileAnApplicationOfTheAddressIsPendingIsAClear409AndAnExpiredUnconfirmedOneGivesWay() {
    String email = "doppelt@antrag.example";
    assertEquals(202, app.client().post("/api/employer-signups", signup("Antrag Eins", email)).status());
    var twice = app.client().post("/api/employer-signups", signup("Antrag Zwei", email.toUpperCase()));
    assertEquals(409, twice.status(), twice.body());
    assertEquals("signup_pending", twice.json().getString("error"));
    assertTrue(twice.json().getString("message").contains("läuft schon ein Antrag"), twice.body());
    // the page says it in words, and keeps what was typed
    TestClient browser = app.client();
    browser.get("/employers/signup");
    var page = form(browser, "/employers/signup", "company", "Antrag Drei", "address", "Weg 1", "region", "Wien", "name", "Ana", "email", email);
    assertEquals(409, page.status());
    assertTrue(page.body().contains("läuft schon ein Antrag") && page.body().contains("Antrag Drei"), page.body());
    assertEquals(1, app.count("select count(*) from account where email = '" + email + "'"));
    assertEquals(1, mailsTo(email).size());
    // its link ran out without being used: a new application replaces it
    fx.exec("update email_link set expires_at = now() - interval '1 second' where account_id = ?", fx.accountId(email));
    long old = app.count("select employer_id from account where email = '" + email + "'");
    assertEquals(202, app.client().post("/api/employer-signups", signup("Antrag Neu", email)).status());
    assertEquals(0, app.count("select count(*) from employer where id = " + old));
    assertEquals("Antrag Neu", str("select e.name from employer e join account a on a.employer_id = e.id where a.email = '" + email + "'"));
    // once confirmed it stays pending (409) even after its link is used
    String path = link(email, 2, CONFIRM);
    assertEquals(200, confirmWith(path, "geheim1234").status());
    assertEquals(409, app.client().post("/api/employer-signups", signup("Antrag Fünf", email)).status());
  }

  @Test
  void ofManyApplicationsWithOneAddressAtOnceExactlyOneIsKept() throws Exception {
    String email = "gleichzeitig@race.example";
    int n = 12;
    List<Integer> statuses = race(n, i -> app.client().post("/api/employer-signups", signup("Gleichzeitig " + i, email)).status());
    assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
    assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    assertEquals(1, app.count("select count(*) from account where email = '" + email + "'"));
    assertEquals(1, app.count("select count(*) from employer_signup s join account a on a.id = s.representative_id where a.email = '" + email + "'"));
    assertEquals(1, app.count("select count(*) from employer where name like 'Gleichzeitig %'"));
    assertEquals(1, app.count("select count(*) from mail_outbox where to_address = '" + email + "'"));
  }

  @Test
  void theApplicantIsToldOfTheDecisionInTheLanguageTheyAppliedIn() {
    String tr = "ayse@firma-tr.example";
    assertEquals(202, app.client().language("tr").post("/api/employer-signups", signup("Firma Ayşe", tr)).status());
    assertEquals(200, confirmWith(link(tr, 1, CONFIRM), "geheim1234").status());
    long employerTr = app.count("select employer_id from account where email = '" + tr + "'");
    assertEquals(204, organiser.post("/api/employer-signups/" + employerTr + "/decision", new JsonObject().put("approve", true)).status());
    waitUntil("the Turkish approval", () -> mailsTo(tr).size() >= 2);
    assertTrue(text(mailsTo(tr).get(0)).contains("Merhaba"), text(mailsTo(tr).get(0)));
    assertTrue(text(mailsTo(tr).get(1)).contains("onaylandı"), text(mailsTo(tr).get(1)));

    String en = "john@company-en.example";
    assertEquals(202, app.client().language("en").post("/api/employer-signups", signup("Company John", en)).status());
    assertEquals(200, confirmWith(link(en, 1, CONFIRM), "geheim1234").status());
    long employerEn = app.count("select employer_id from account where email = '" + en + "'");
    assertEquals(204, organiser.post("/api/employer-signups/" + employerEn + "/decision",
        new JsonObject().put("approve", false).put("reason", "Keine Firmenbuchnummer")).status());
    waitUntil("the English refusal", () -> mailsTo(en).size() >= 2);
    String refusal = text(mailsTo(en).get(1));
    assertTrue(refusal.contains("was rejected") && refusal.contains("Keine Firmenbuchnummer"), refusal);
    assertEquals(403, app.client().signIn(en, "geheim1234").status());
  }

  @Test
  void ofManyOrganisersDecidingOneSignUpAtOnceOneDecidesAndOfManyApplicationsAtOnceOneCounts() throws Exception {
    String email = "rennen@race.example";
    long employer = signedUpAndConfirmed("Rennen AG", email);
    int n = 8;
    List<TestClient> organisers = new ArrayList<>();
    for (int i = 0; i < n; i++) organisers.add(app.as("organizer@demo.test"));
    List<Integer> statuses = race(n, i -> organisers.get(i).post("/api/employer-signups/" + employer + "/decision",
        i % 2 == 0 ? new JsonObject().put("approve", true) : new JsonObject().put("approve", false).put("reason", "Nein")).status());
    assertEquals(1, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
    assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    String decision = str("select decision from employer_signup where employer_id = " + employer);
    assertEquals(decision, str("select status from employer where id = " + employer));
    assertEquals(1, app.count("select count(*) from audit_log where event = 'EMPLOYER_SIGNUP_DECIDED' and subject = 'employer:" + employer + "'"));
    if (!"APPROVED".equals(decision)) fx.exec("update employer set status = 'APPROVED' where id = ?", employer);
    fx.exec("update account set active = true where email = ?", email);

    long fair = fx.fair("Rennbörse", true, 60);
    List<TestClient> reps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TestClient c = app.client();
      assertEquals(200, c.signIn(email, "geheim1234").status());
      reps.add(c);
    }
    List<Integer> applied = race(n, i -> reps.get(i).post("/api/fairs/" + fair + "/exhibitor-applications", new JsonObject()).status());
    assertEquals(1, applied.stream().filter(s -> s == 201).count(), applied.toString());
    assertEquals(n - 1, applied.stream().filter(s -> s == 409).count(), applied.toString());
    assertEquals(1, app.count("select count(*) from exhibitor_application where fair_id = " + fair));
  }

  /** Opens the mailed confirmation link in a fresh client and sets the password there. */
  static TestClient.Response confirmWith(String path, String password) {
    TestClient c = app.client();
    assertEquals(200, c.get(path).status());
    return form(c, path, "password", password);
  }

  static String str(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  interface Call {
    int run(int i) throws Exception;
  }

  static List<Integer> race(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> {
          go.await();
          return call.run(k);
        }));
      }
      go.countDown();
      List<Integer> out = new ArrayList<>();
      for (Future<Integer> f : futures) out.add(f.get());
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- mail and form helpers (as EmailLinkTest)

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

  static TestClient.Response form(TestClient c, String path, String... fields) {
    if (c.cookie("XSRF-TOKEN") == null) c.get("/");
    StringBuilder body = new StringBuilder("X-XSRF-TOKEN=").append(enc(c.cookie("XSRF-TOKEN")));
    for (int i = 0; i + 1 < fields.length; i += 2) body.append('&').append(fields[i]).append('=').append(enc(fields[i + 1]));
    return c.postRaw(path, "application/x-www-form-urlencoded", body.toString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
