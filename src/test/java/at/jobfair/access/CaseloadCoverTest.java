package at.jobfair.access;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deputies, teams and municipalities' areas: kept by organisers, audited, and what they grant (and no more). */
class CaseloadCoverTest {

  static TestApp app;
  static Fixtures fx;
  static CascadeTestData data;
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Vienna"));

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    data = new CascadeTestData(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

  private static long person(String benefit) {
    long id = fx.accountId(fx.jobseekers("cover" + SEQ.incrementAndGet(), 1).get(0));
    fx.exec("update jobseeker set caseworker_id = ?, benefit_type = ? where account_id = ?", fx.accountId("sfa@demo.test"), benefit, id);
    return id;
  }

  private static TestClient self(long person) {
    TestClient self = app.client();
    self.signIn(fx.email(person), Fixtures.PASSWORD);
    return self;
  }

  private static JsonArray accessLog(long person) {
    return self(person).get("/api/me/data-access").json().getJsonArray("items");
  }

  @Test
  void aDeputyActsForTheCaseworkerOnlyWithinTheDatesAndThePersonSeesItWasADeputy() {
    long person = person("UNEMPLOYMENT_BENEFIT");
    long caseworker = fx.accountId("sfa@demo.test");
    String deputyEmail = data.staff("sfa-deputy", "SFA");
    long deputy = fx.accountId(deputyEmail);
    TestClient stranger = data.as(deputyEmail);
    TestClient org = app.as("organizer@demo.test");
    assertEquals(404, stranger.get("/api/jobseekers/" + person).status(), "not yet a deputy");

    var later = org.post("/api/caseworkers/" + caseworker + "/deputies", new JsonObject().put("deputyId", deputy).put("from", TODAY.plusDays(1).toString()));
    assertEquals(201, later.status(), later.body());
    assertEquals(404, stranger.get("/api/jobseekers/" + person).status(), "the period starts tomorrow");
    assertEquals(204, org.delete("/api/deputies/" + later.json().getLong("id")).status());

    var now = org.post("/api/caseworkers/" + caseworker + "/deputies", new JsonObject().put("deputyId", deputy)
        .put("from", TODAY.minusDays(3).toString()).put("until", TODAY.toString()));
    assertEquals(201, now.status(), now.body());
    var read = stranger.get("/api/jobseekers/" + person);
    assertEquals(200, read.status(), read.body());
    assertEquals("UNEMPLOYMENT_BENEFIT", read.json().getString("benefitType"));
    assertEquals(200, stranger.put("/api/jobseekers/" + person, new JsonObject().put("region", "Wien")).status(), "a deputy writes as the caseworker");
    JsonObject entry = accessLog(person).getJsonObject(0);
    assertEquals("DEPUTY", entry.getString("why"), entry.encode());
    assertEquals("record", entry.getString("what"));
    String page = self(person).get("/me/data-access?lang=de").body();
    assertTrue(page.contains("als Vertretung Ihrer Beraterin oder Ihres Beraters"), page);

    JsonObject cover = org.get("/api/caseload-cover").json();
    assertTrue(cover.getJsonArray("deputies").stream().map(JsonObject.class::cast)
        .anyMatch(d -> d.getJsonObject("deputy").getLong("id") == deputy && TODAY.toString().equals(d.getString("until"))), cover.encode());
    assertEquals(204, org.delete("/api/deputies/" + now.json().getLong("id")).status());
    assertEquals(404, stranger.get("/api/jobseekers/" + person).status(), "removed: nothing any more");
    assertEquals(404, org.delete("/api/deputies/" + now.json().getLong("id")).status());
    assertEquals(4, app.count("select count(*) from audit_log where subject = 'account:" + caseworker + "' and event in ('DEPUTY_ADDED', 'DEPUTY_REMOVED')"
        + " and at > now() - interval '1 minute'") , "every change is in the audit trail");
  }

  @Test
  void membersOfOneTeamActForEachOthersPeopleUntilTheyLeaveIt() {
    long person = person("EMERGENCY_ASSISTANCE");
    long caseworker = fx.accountId("sfa@demo.test");
    String colleagueEmail = data.staff("sfa-team", "SFA");
    long colleague = fx.accountId(colleagueEmail);
    TestClient org = app.as("organizer@demo.test");
    TestClient colleagueClient = data.as(colleagueEmail);
    assertEquals(404, colleagueClient.get("/api/jobseekers/" + person).status());
    assertEquals(200, org.put("/api/caseworkers/" + colleague + "/team", new JsonObject().put("team", "Wien Nord")).status());
    assertEquals(404, colleagueClient.get("/api/jobseekers/" + person).status(), "the caseworker is in no team yet");
    assertEquals(200, org.put("/api/caseworkers/" + caseworker + "/team", new JsonObject().put("team", "Wien Nord")).status());
    assertEquals(200, colleagueClient.get("/api/jobseekers/" + person).status());
    assertEquals("DEPUTY", accessLog(person).getJsonObject(0).getString("why"));
    assertEquals(200, org.put("/api/caseworkers/" + colleague + "/team", new JsonObject().putNull("team")).status());
    assertEquals(404, colleagueClient.get("/api/jobseekers/" + person).status(), "out of the team");
    assertEquals(200, org.put("/api/caseworkers/" + caseworker + "/team", new JsonObject().putNull("team")).status());
  }

  @Test
  void aDeputyDecidesTheCaseworkersCaseAndTheAuditTrailNamesTheDeputy() {
    long caseworker = fx.accountId("sfa@demo.test");
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, hotel, "Koch");
    long person = data.person(vacancy, "BINDING", caseworker, "UNEMPLOYMENT_BENEFIT");
    long id = data.declineBoth(fair, vacancy, person).getLong("id");
    TestClient checker = data.as(data.staff("sfa-check", "SFA"));
    data.next(checker, data.stations(app.as("sfu@demo.test"), fair).getLong("SANCTION_CHECK"));
    data.event(checker, id, CascadeTestData.ev("STATEMENT").put("reasons", "Ich will nicht."));
    data.event(checker, id, CascadeTestData.ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Keine Gründe."));
    String deputyEmail = data.staff("sfa-decides", "SFA");
    long deputy = fx.accountId(deputyEmail);
    TestClient stranger = data.as(deputyEmail);
    JsonObject impose = CascadeTestData.ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Zumutbare Stelle ohne Grund abgelehnt.");
    CascadeTestData.assertRefused(stranger.post("/api/cascades/" + id + "/events", impose), 403, "not_responsible_decider");
    assertTrue(tasks(stranger).noneMatch(t -> t == id));

    var entry = app.as("organizer@demo.test").post("/api/caseworkers/" + caseworker + "/deputies", new JsonObject().put("deputyId", deputy));
    assertEquals(201, entry.status(), entry.body());
    try {
      assertTrue(tasks(stranger).anyMatch(t -> t == id), "in the deputy's decisions");
      assertTrue(stranger.get("/staff/cascades/" + id).body().contains("class=\"stack decide panel\""), "the case page offers the decision");
      assertEquals("IMPOSED", data.event(stranger, id, impose).getString("state"));
      assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'DECIDE' and actor_id = " + deputy),
          "the audit trail names the deputy who decided");
    } finally {
      app.as("organizer@demo.test").delete("/api/deputies/" + entry.json().getLong("id"));
    }
  }

  private static java.util.stream.Stream<Long> tasks(TestClient c) {
    return c.get("/api/cascade-tasks").json().getJsonArray("items").stream().map(t -> ((JsonObject) t).getLong("cascade"));
  }

  @Test
  void theMunicipalityReadsOnlyMinimumIncomeRecipientsOfItsArea() {
    long person = person("MINIMUM_INCOME");
    TestClient kommune = app.as("kommune@demo.test");
    TestClient org = app.as("organizer@demo.test");
    long municipality = fx.accountId("kommune@demo.test");
    assertEquals(200, kommune.get("/api/jobseekers/" + person).status(), "Vienna is the demo municipality's area");
    fx.exec("update jobseeker set region = 'Graz' where account_id = ?", person);
    assertEquals(404, kommune.get("/api/jobseekers/" + person).status(), "Graz is not");
    var area = org.put("/api/municipalities/" + municipality + "/area", new JsonObject().put("regions", new JsonArray().add("Wien").add(" Graz ").add("Graz")));
    assertEquals(200, area.status(), area.body());
    assertEquals(new JsonArray().add("Wien").add("Graz"), area.json().getJsonArray("regions"));
    assertEquals(200, kommune.get("/api/jobseekers/" + person).status());
    assertEquals("MUNICIPALITY", accessLog(person).getJsonObject(0).getString("why"));
    fx.exec("update jobseeker set benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", person);
    assertEquals(404, kommune.get("/api/jobseekers/" + person).status(), "in the area, but not on minimum income");
    assertEquals(200, org.put("/api/municipalities/" + municipality + "/area", new JsonObject().put("regions", new JsonArray().add("Wien"))).status());
  }

  @Test
  void badCoverInputIsA400WithAMessageAndOnlyOrganisersChangeIt() {
    TestClient org = app.as("organizer@demo.test");
    long caseworker = fx.accountId("sfa@demo.test");
    long sfu = fx.accountId("sfu@demo.test");
    String path = "/api/caseworkers/" + caseworker + "/deputies";
    assertError(org.post(path, new JsonObject().put("deputyId", sfu)), "deputy_not_sfa");
    assertError(org.post(path, new JsonObject().put("deputyId", caseworker)), "deputy_self");
    assertError(org.post(path, new JsonObject().put("deputyId", fx.accountId(data.staff("sfa-d", "SFA"))).put("from", "2026-12-24").put("until", "2026-12-01")), "deputy_dates_invalid");
    assertError(org.post(path, new JsonObject().put("deputyId", "x")), "deputy_not_sfa");
    assertError(org.post(path, new JsonObject().put("deputyId", caseworker + 1000000).put("from", "morgen")), "deputy_dates_invalid");
    assertError(org.post("/api/caseworkers/" + sfu + "/deputies", new JsonObject().put("deputyId", caseworker)), "deputy_not_sfa");
    assertError(org.put("/api/caseworkers/" + caseworker + "/team", new JsonObject().put("team", "t".repeat(101))), "team_invalid");
    assertError(org.put("/api/caseworkers/" + caseworker + "/team", new JsonObject()), "team_invalid");
    assertError(org.put("/api/municipalities/" + fx.accountId("kommune@demo.test") + "/area", new JsonObject().put("regions", "Wien")), "area_invalid");
    assertError(org.put("/api/municipalities/" + caseworker + "/area", new JsonObject().put("regions", new JsonArray())), "municipality_not_found");
    for (String who : new String[] {"sfa@demo.test", "kommune@demo.test", "seeker@demo.test"}) {
      assertEquals(403, app.as(who).get("/api/caseload-cover").status(), who);
      assertEquals(403, app.as(who).put("/api/municipalities/" + fx.accountId("kommune@demo.test") + "/area",
          new JsonObject().put("regions", new JsonArray().add("Graz"))).status(), who);
    }
    // the page's forms: saved, or back with the message
    TestClient forms = app.as("organizer@demo.test");
    String token = "X-XSRF-TOKEN=" + forms.cookie("XSRF-TOKEN");
    var bad = forms.postRaw("/admin/cover/deputies", "application/x-www-form-urlencoded",
        token + "&caseworkerId=" + caseworker + "&deputyId=" + caseworker);
    assertEquals(303, bad.status(), bad.body());
    assertEquals("/admin/cover?error=deputy_self", bad.header("location"));
    assertTrue(forms.get("/admin/cover?error=deputy_self").body().contains("Niemand kann sich selbst vertreten."));
    var area = forms.postRaw("/admin/cover/municipalities/" + fx.accountId("kommune@demo.test") + "/area", "application/x-www-form-urlencoded",
        token + "&regions=Wien%2C+Wien");
    assertEquals("/admin/cover?saved=1", area.header("location"));
    for (String lang : new String[] {"de", "en"}) {
      var page = app.as("organizer@demo.test").get("/admin/cover?lang=" + lang);
      assertEquals(200, page.status());
      assertTrue(page.body().contains(lang.equals("de") ? "Vertretungen" : "Deputies"), page.body());
    }
  }

  private static void assertError(TestClient.Response r, String code) {
    assertEquals(400, r.status(), r.body());
    assertEquals(code, r.json().getString("error"), r.body());
    assertTrue(r.json().getString("message").length() > 5, r.body());
  }
}
