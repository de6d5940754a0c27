package at.jobfair.account;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import static at.jobfair.support.ApiAssertions.assertBad;
import static at.jobfair.support.ApiAssertions.form;
import static at.jobfair.support.ApiAssertions.withoutKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsApiTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("auth.signInMaxFailures", 3));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @ParameterizedTest
  @CsvSource({
      "seeker@demo.test, JOBSEEKER", "seeker2@demo.test, JOBSEEKER", "employer@demo.test, EMPLOYER",
      "employer2@demo.test, EMPLOYER", "sfu@demo.test, SFU", "sfa@demo.test, SFA", "erhebung@demo.test, ERHEBUNG",
      "provider@demo.test, PROVIDER", "organizer@demo.test, ORGANIZER", "kommune@demo.test, KOMMUNE"})
  void everyDemoRoleSignsIn(String email, String role) {
    TestClient c = app.client();
    assertEquals(401, c.get("/api/me").status());
    var r = c.signIn(email, "demo");
    assertEquals(200, r.status(), r.body());
    var me = c.get("/api/me");
    assertEquals(200, me.status());
    assertEquals(email, me.json().getString("email"));
    assertEquals(new JsonArray().add(role), me.json().getJsonArray("roles"));
    assertNotNull(me.json().getLong("id"));
  }

  @Test
  void employerRepresentativesBelongToTheirEmployer() {
    long one = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long two = app.client().signedIn("employer2@demo.test").get("/api/me").json().getLong("employerId");
    assertNotEquals(one, two);
  }

  @Test
  void wrongPasswordAndUnknownEmailAreRefusedAlike() {
    TestClient c = app.client();
    var wrong = c.signIn("sfu@demo.test", "not-demo");
    var unknown = c.signIn("nobody@demo.test", "demo");
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals("bad_credentials", wrong.json().getString("error"));
    assertEquals(wrong.json(), unknown.json());
    assertEquals(401, c.get("/api/me").status());
  }

  @Test
  void signInStartsANewSessionAndSignOutEndsIt() {
    TestClient c = app.client();
    assertEquals(200, c.get("/signin").status());
    String before = c.cookie("jobfair.session");
    assertNotNull(before, "the sign-in page starts an anonymous session");
    c.signedIn("sfa@demo.test");
    String after = c.cookie("jobfair.session");
    assertNotEquals(before, after, "a new session id at sign-in");

    TestClient attacker = app.client();
    attacker.setCookie("jobfair.session", before);
    assertEquals(401, attacker.get("/api/me").status(), "the id known before sign-in grants nothing");
    TestClient copy = app.client();
    copy.setCookie("jobfair.session", after);
    assertEquals(200, copy.get("/api/me").status(), "the control: the new id is the signed-in one");

    assertEquals(204, c.delete("/api/session").status());
    assertEquals(401, c.get("/api/me").status());
    assertEquals(401, copy.get("/api/me").status(), "signing out ends the session for every holder of the id");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSite() {
    var r = app.client().signIn("sfu@demo.test", "demo");
    String cookies = String.join("\n", r.headers().allValues("set-cookie"));
    assertTrue(cookies.matches("(?s).*jobfair\\.session=[^\n]*HTTPOnly[^\n]*SameSite=Lax.*"), cookies);
    assertTrue(cookies.contains("XSRF-TOKEN="), cookies);
  }

  @Test
  void stateChangingCallsWithoutTheCsrfTokenAreRefused() {
    TestClient c = app.client().signedIn("organizer@demo.test");
    JsonObject user = newUser("csrf@example.org", "SFU");
    var r = c.postWithoutCsrf("/api/users", user);
    assertEquals(403, r.status());
    assertEquals("csrf", r.json().getString("error"));
    assertEquals(0, app.count("select count(*) from account where email = 'csrf@example.org'"));

    String foreign = app.client().signedIn("sfa@demo.test").cookie("XSRF-TOKEN");
    var withForeign = c.postWithToken("/api/users", user, foreign);
    assertEquals(403, withForeign.status(), "another session's token is no good");
    assertEquals(201, c.post("/api/users", user).status(), "with its own token the same call goes through");
  }

  @Test
  void aFormPostWithoutTheTokenIsRefusedWithAPage() {
    TestClient c = app.client().signedIn("organizer@demo.test");
    var r = c.postWithoutCsrf("/signout", "");
    assertEquals(403, r.status());
    assertTrue(r.body().contains("<html"), "a page, not JSON");
    assertEquals(200, c.get("/api/me").status(), "still signed in");
  }

  @Test
  void aJobseekerIsDeniedStaffPagesAndApis() {
    TestClient c = app.client().signedIn("seeker@demo.test");
    var page = c.get("/admin/users");
    assertEquals(403, page.status());
    assertTrue(page.body().contains("für Ihre Rolle nicht freigegeben"), page.body());
    var api = c.get("/api/users");
    assertEquals(403, api.status());
    assertEquals("forbidden_role", api.json().getString("error"));
  }

  @Test
  void anonymousVisitorsAreSentToSignInAndTheApiSays401() {
    TestClient c = app.client();
    var page = c.get("/admin/users");
    assertEquals(303, page.status());
    assertEquals("/signin?next=%2Fadmin%2Fusers", page.header("location"));
    assertEquals(401, c.get("/api/users").status());
  }

  @Test
  void organiserCreatesAccountsOfAnyRoleAndTheyCanSignIn() {
    TestClient org = app.client().signedIn("organizer@demo.test");
    var r = org.post("/api/users", newUser("new.sfu@example.org", "SFU"));
    assertEquals(201, r.status(), r.body());
    assertEquals("new.sfu@example.org", r.json().getString("email"));
    assertTrue(r.json().getLong("id") > 0);

    long employerId = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    var rep = org.post("/api/users", newUser("rep@example.org", "EMPLOYER").put("employerId", employerId));
    assertEquals(201, rep.status(), rep.body());
    assertEquals(employerId, rep.json().getLong("employerId"));

    var me = app.client();
    assertEquals(200, me.signIn("NEW.SFU@example.org", "Passwort-123").status(), "email is case-insensitive");
    assertEquals(409, org.post("/api/users", newUser("new.sfu@example.org", "SFA")).status());
  }

  @Test
  void accountCreationIsRefusedForEveryoneButOrganisers() {
    for (String email : new String[] {"seeker@demo.test", "employer@demo.test", "sfu@demo.test", "sfa@demo.test", "kommune@demo.test"}) {
      var r = app.client().signedIn(email).post("/api/users", newUser("x-" + email, "ORGANIZER"));
      assertEquals(403, r.status(), email);
    }
    assertEquals(0, app.count("select count(*) from account where email like 'x-%'"));
  }

  @Test
  void badAccountInputGetsAClearMessageAndWritesNothing() {
    TestClient org = app.client().signedIn("organizer@demo.test");
    long before = app.count("select count(*) from account");
    assertBad(org.post("/api/users", "{not json"), "invalid_json");
    assertBad(org.post("/api/users", newUser("a@example.org", "SFU").put("roles", new JsonArray())), "roles_missing");
    assertBad(org.post("/api/users", newUser("a@example.org", "SFU").put("roles", new JsonArray().add("KING"))), "role_unknown");
    assertBad(org.post("/api/users", newUser("a@example.org", "EMPLOYER")), "employer_required");
    assertBad(org.post("/api/users", newUser("a@example.org", "SFU").put("employerId", 1)), "employer_not_allowed");
    assertBad(org.post("/api/users", newUser("a@example.org", "EMPLOYER").put("employerId", 999999)), "employer_unknown");
    assertBad(org.post("/api/users", newUser("not-an-email", "SFU")), "email_invalid");
    assertBad(org.post("/api/users", newUser("a@example.org", "SFU").put("password", "short")), "password_too_short");
    assertBad(org.post("/api/users", newUser("a@example.org", "SFU").put("name", 42)), "name_invalid");
    assertBad(org.post("/api/users", newUser("a@example.org", "JOBSEEKER").put("roles", new JsonArray().add("JOBSEEKER").add("SFA"))),
        "jobseeker_role_alone");
    var r = org.post("/api/users?lang=en", newUser("a@example.org", "SFU").put("password", "short"));
    assertEquals("The password must be at least 8 characters long.", r.json().getString("message"));
    assertEquals(before, app.count("select count(*) from account"));
  }

  @Test
  void csvImportIsAllOrNothing() {
    TestClient org = app.client().signedIn("organizer@demo.test");
    long before = app.count("select count(*) from account");
    var bad = org.postRaw("/api/users/import", "text/csv", "email;name;region\nok1@example.org;Ok Eins;Wien\nkaputt;Zwei;Wien\n");
    assertEquals(400, bad.status());
    assertEquals("csv_invalid", bad.json().getString("error"));
    JsonObject problem = bad.json().getJsonArray("problems").getJsonObject(0);
    assertEquals(3, problem.getInteger("line"));
    assertEquals("Zeile 3: „kaputt“ ist keine gültige E-Mail-Adresse.", problem.getString("message"));
    assertEquals(before, app.count("select count(*) from account"), "nothing half-imported");

    var existing = org.postRaw("/api/users/import", "text/csv", "email,name\nok1@example.org,Ok Eins\nseeker@demo.test,Schon da\n");
    assertEquals(400, existing.status());
    assertEquals("csv_email_exists", existing.json().getJsonArray("problems").getJsonObject(0).getString("error"));
    assertEquals(before, app.count("select count(*) from account"));

    var good = org.postRaw("/api/users/import", "text/csv", "email,name,region,languages\nok1@example.org,Ok Eins,Wien,de|tr\nok2@example.org,Ok Zwei,,\n");
    assertEquals(201, good.status(), good.body());
    assertEquals(2, good.json().getInteger("imported"));
    assertEquals(before + 2, app.count("select count(*) from account"));
    assertEquals(1, app.count("select count(*) from jobseeker j join account a on a.id = j.account_id "
        + "join account_role r on r.account_id = a.id where a.email = 'ok1@example.org' and r.role = 'JOBSEEKER' "
        + "and j.region = 'Wien' and j.languages = '{de,tr}'"));
    assertEquals(401, app.client().signIn("ok1@example.org", "").status(), "imported people have no password yet");

    assertEquals(403, app.client().signedIn("sfu@demo.test").postRaw("/api/users/import", "text/csv", "email,name\nz@example.org,Z\n").status());
  }

  @Test
  void repeatedFailuresAreThrottledPerEmail() {
    assertEquals(201, app.client().signedIn("organizer@demo.test").post("/api/users", newUser("guessed@example.org", "SFU")).status());
    TestClient c = app.client();
    for (int i = 0; i < 3; i++) assertEquals(401, c.signIn("guessed@example.org", "wrong" + i).status());
    var blocked = c.signIn("guessed@example.org", "Passwort-123");
    assertEquals(429, blocked.status(), "even the right password waits");
    assertEquals("too_many_attempts", blocked.json().getString("error"));
    assertNotNull(blocked.header("retry-after"));
    assertEquals(200, app.client().signIn("kommune@demo.test", "demo").status(), "other people are not affected");
  }

  @Test
  void errorsNeverLeakInternals() {
    TestClient c = app.client().signedIn("organizer@demo.test");
    var r = c.postRaw("/api/users", "application/json", "[1,2,3]");
    assertEquals(400, r.status());
    assertFalse(r.body().contains("Exception"), r.body());
    assertFalse(r.body().contains("at.jobfair"), r.body());
    var notFound = c.get("/api/does-not-exist");
    assertEquals(404, notFound.status());
    assertEquals("not_found", notFound.json().getString("error"));
  }

  @Test
  void readingPagesStartsNoSessionAFormDoes() {
    for (String path : new String[] {"/", "/fairs", "/fairs/1", "/booths/1", "/api/fairs"}) {
      var r = app.client().get(path);
      assertEquals(200, r.status(), path);
      assertTrue(r.headers().allValues("set-cookie").stream().noneMatch(c -> c.startsWith("jobfair.session=")), path);
    }
    var form = app.client().get("/signin");
    assertTrue(form.headers().allValues("set-cookie").stream().anyMatch(c -> c.startsWith("jobfair.session=")));
    assertTrue(form.body().contains("name=\"X-XSRF-TOKEN\" value=\"" + form.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split(";")[0].substring("XSRF-TOKEN=".length()) + "\""));
  }

  @Test
  void pagesCarrySecurityHeaders() {
    var r = app.client().get("/signin");
    assertTrue(r.header("content-security-policy").contains("frame-ancestors 'none'"));
    assertEquals("nosniff", r.header("x-content-type-options"));
    assertEquals("DENY", r.header("x-frame-options"));
    assertNotNull(r.header("referrer-policy"));
  }

  @Test
  void pagesAreGermanWithAnEnglishSwitch() {
    TestClient c = app.client();
    assertTrue(c.get("/signin").body().contains("<html lang=\"de\">"));
    var en = c.get("/signin?lang=en");
    assertTrue(en.body().contains("<html lang=\"en\">"));
    assertTrue(en.body().contains("Email address"));
    assertTrue(c.get("/").body().contains("Welcome to the job fair"), "the choice is remembered");
  }

  private static JsonObject newUser(String email, String role) {
    return new JsonObject().put("email", email).put("name", "Neue Person").put("password", "Passwort-123")
        .put("roles", new JsonArray().add(role));
  }
}
