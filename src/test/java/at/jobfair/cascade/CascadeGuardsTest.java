package at.jobfair.cascade;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static at.jobfair.cascade.CascadeTestData.assertRefused;
import static at.jobfair.cascade.CascadeTestData.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each guard of the cascade, enforced by the service and backed by the database: no sanction step for voluntary
 * participation, after an employer's no-show or in an outage window; only the staff of a station; only the responsible
 * decider; no skipped station; racing staff get different people; the playbook only as the law allows.
 */
class CascadeGuardsTest {

  static TestApp app;
  static CascadeTestData data;
  static long sfa;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "cascade.waiverDays", 10));
    data = new CascadeTestData(app);
    sfa = data.fx().accountId("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void voluntaryParticipationNeverReachesASanctionCheckAndTheDatabaseRefusesOne() {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "VOLUNTARY", sfa, "UNEMPLOYMENT_BENEFIT");
    JsonObject c = data.declineBoth(fair, vacancy, person);
    assertEquals("ENDED_NO_SANCTION_CHECK", c.getString("state"));
    assertEquals("VOLUNTARY", c.getString("legalBasis"));
    assertEquals(0, app.count("select count(*) from cascade where id = " + c.getLong("id") + " and station is not null"));
    // Written around the service, straight into the table: the CHECK constraint refuses it.
    assertEquals("23514", data.sqlState("update cascade set state = 'WAITING', station = 'SANCTION_CHECK' where id = ?", c.getLong("id")));
    long other = data.admit(data.as("sfu@demo.test"), fair, data.person(vacancy, "VOLUNTARY", sfa, "UNEMPLOYMENT_BENEFIT"));
    assertNull(data.sqlState("update cascade set station = 'LOCAL_OFFER' where id = ?", other));
    String refused = data.sqlError("update cascade set station = 'SANCTION_CHECK' where id = ?", other);
    assertTrue(refused != null && refused.startsWith("23514") && refused.contains("cascade_sanction_only_binding"), refused);
  }

  @Test
  void anEmployersNoShowBarsTheSanctionCheck() {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long booking = app.count("select id from booking where jobseeker_id = " + person);
    data.fx().exec("insert into attendance (booking_id, outcome, outcome_source, outcome_at) values (?, 'EMPLOYER_NO_SHOW', 'EMPLOYER', now())", booking);
    JsonObject c = data.declineBoth(fair, vacancy, person);
    assertEquals("ENDED_NO_SANCTION_CHECK", c.getString("state"));
    assertTrue(c.getBoolean("employerNoShow"));
    assertEquals("23514", data.sqlState("update cascade set state = 'WAITING', station = 'SANCTION_CHECK' where id = ?", c.getLong("id")));
  }

  @Test
  void anOutageWindowBarsTheSanctionCheck() {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    data.fx().exec("insert into fair_outage (fair_id, during, reason, recorded_by) values (?, tstzrange(now() - interval '3 days', now()), "
        + "'Videodienst ausgefallen', ?)", fair, data.fx().accountId("organizer@demo.test"));
    JsonObject c = data.declineBoth(fair, vacancy, person);
    assertEquals("ENDED_NO_SANCTION_CHECK", c.getString("state"));
    assertTrue(c.getBoolean("outage"));
  }

  @Test
  void onlyTheStaffOfAStationActThereAndTheDatabaseRefusesAnyoneElse() {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    JsonObject c = data.declineBoth(fair, vacancy, person);
    long id = c.getLong("id");
    JsonObject st = data.stations(data.as("sfu@demo.test"), fair);
    // At a supra-regional fair the SfA checks on site: the inquiry service and the SfU do not staff that station.
    for (String who : List.of("erhebung@demo.test", "sfu@demo.test", "provider@demo.test")) {
      assertRefused(data.as(who).post("/api/stations/" + st.getLong("SANCTION_CHECK") + "/next", new JsonObject()), 403, "not_staff_of_station");
    }
    data.next(data.as("sfa@demo.test"), st.getLong("SANCTION_CHECK"));
    assertRefused(data.as("erhebung@demo.test").post("/api/cascades/" + id + "/events", ev("STATEMENT").put("reasons", "x")), 403, "not_staff_of_station");
    assertEquals(403, data.as("seeker@demo.test").post("/api/cascades/" + id + "/events", ev("STATEMENT").put("reasons", "x")).status());
    // Around the service: a step recorded for a role that does not staff the station is refused by a trigger.
    long seq = app.count("select max(seq) from audit_log");
    assertEquals("23514", data.sqlState("insert into cascade_step (cascade_id, event, from_state, from_station, to_state, to_station, actor_role, audit_seq, at) "
        + "values (?, 'FINDING', 'AT_STATION', 'SANCTION_CHECK', 'SANCTION_PROPOSED', 'DECISION', 'ERHEBUNG', ?, now())", id, seq));
    // And no station is skipped: straight from the offer to the decision is refused.
    long p2 = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long id2 = data.admit(data.as("sfu@demo.test"), fair, p2);
    String skipped = data.sqlError("update cascade set state = 'WAITING', station = 'SANCTION_CHECK' where id = ?", id2);
    assertTrue(skipped != null && skipped.startsWith("23514") && skipped.contains("skip"), skipped);
    assertEquals("23514", data.sqlState("update cascade set state = 'SANCTION_PROPOSED', station = 'DECISION' where id = ?", id2));
    assertNull(data.sqlState("update cascade set state = 'WAITING', station = 'LOCAL_OFFER' where id = ?", id2), "the next station is fine");
    // The steps are append-only for the application's role.
    assertEquals(0, app.count("select count(*) from (select 1 where has_table_privilege('jobfair_app', 'cascade_step', 'UPDATE') "
        + "or has_table_privilege('jobfair_app', 'cascade_step', 'DELETE')) x"));
    assertEquals("42501", data.sqlState("update cascade_step set reasons = 'geändert' where cascade_id = ?", id));
  }

  @Test
  void theMunicipalityDecidesForMinimumIncomeAndNobodyElse() {
    long fair = data.fair("REGIONAL");
    long vacancy = data.vacancy(fair, null, "Lagerarbeiter:in");
    long person = data.person(vacancy, "BINDING", sfa, "MINIMUM_INCOME");
    TestClient provider = data.as("provider@demo.test");
    TestClient sfu = data.as("sfu@demo.test");
    TestClient erhebung = data.as("erhebung@demo.test");
    JsonObject st = data.stations(sfu, fair);
    assertEquals(List.of("TRAINING_SCREENING", "OFFER", "SANCTION_CHECK", "DECISION"), new ArrayList<>(st.fieldNames()));
    long id = data.admit(sfu, fair, person);
    assertRefused(sfu.post("/api/stations/" + st.getLong("TRAINING_SCREENING") + "/next", new JsonObject()), 403, "not_staff_of_station");
    data.next(provider, st.getLong("TRAINING_SCREENING"));
    data.event(provider, id, ev("COURSE_DECLINED").put("reasons", "Ich möchte arbeiten, keinen Kurs."));
    data.next(sfu, st.getLong("OFFER"));
    data.event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", vacancy).put("reasons", "Zu schwer."));
    data.next(erhebung, st.getLong("SANCTION_CHECK"));
    data.event(erhebung, id, ev("STATEMENT").put("reasons", "Ich habe Rückenschmerzen."));
    JsonObject c = data.event(erhebung, id, ev("FINDING").put("finding", "UNCLEAR").put("reasons", "Ärztliche Bestätigung fehlt."));
    assertEquals("DECISION_PENDING", c.getString("state"));
    assertEquals("KOMMUNE", c.getString("decider"));
    JsonObject decide = ev("DECIDE").put("decision", "SEND_BACK").put("reasons", "Bitte Befund einholen.");
    assertRefused(data.as("sfa@demo.test").post("/api/cascades/" + id + "/events", decide), 403, "not_responsible_decider");
    assertRefused(erhebung.post("/api/cascades/" + id + "/events", decide), 403, "not_responsible_decider");
    assertTrue(data.as("kommune@demo.test").get("/api/cascade-tasks").json().getJsonArray("items").stream()
        .anyMatch(t -> ((JsonObject) t).getLong("cascade") == id));
    assertTrue(data.as("sfa@demo.test").get("/api/cascade-tasks").json().getJsonArray("items").stream()
        .noneMatch(t -> ((JsonObject) t).getLong("cascade") == id));
    // Around the service: a decision recorded for the caseworker is refused by the database.
    long seq = app.count("select max(seq) from audit_log");
    assertEquals("23514", data.sqlState("insert into cascade_step (cascade_id, event, from_state, from_station, to_state, actor_id, actor_role, audit_seq, at) "
        + "values (?, 'DECIDE', 'DECISION_PENDING', 'DECISION', 'IMPOSED', ?, 'SFA', ?, now())", id, sfa, seq));
    // the municipality decides only for people of its area
    data.fx().exec("update jobseeker set region = 'Graz' where account_id = ?", person);
    assertRefused(data.as("kommune@demo.test").post("/api/cascades/" + id + "/events", decide), 403, "not_responsible_decider");
    assertTrue(data.as("kommune@demo.test").get("/api/cascade-tasks").json().getJsonArray("items").stream()
        .noneMatch(t -> ((JsonObject) t).getLong("cascade") == id), "nor is it in its list");
    data.fx().exec("update jobseeker set region = 'Wien' where account_id = ?", person);
    c = data.event(data.as("kommune@demo.test"), id, decide);
    assertEquals("SENT_BACK", c.getString("state"));
    assertEquals("SANCTION_CHECK", c.getString("station"), "back in the check's queue");
    assertEquals(id, data.next(erhebung, st.getLong("SANCTION_CHECK")).getLong("id"));
  }

  @Test
  void aTrainingCourseAcceptedEndsTheCascade() {
    long fair = data.fair("REGIONAL");
    long vacancy = data.vacancy(fair, null, "Verkäufer:in");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient provider = data.as("provider@demo.test");
    JsonObject st = data.stations(provider, fair);
    long id = data.admit(data.as("sfu@demo.test"), fair, person);
    data.next(provider, st.getLong("TRAINING_SCREENING"));
    JsonObject c = data.event(provider, id, ev("COURSE_ACCEPTED"));
    assertEquals("ENDED_COURSE_ACCEPTED", c.getString("state"));
    assertRefused(data.as("sfu@demo.test").post("/api/stations/" + st.getLong("OFFER") + "/next", new JsonObject()), 404, "queue_empty");
    // The caseworker follows up on the course from the worklist; recording the result closes the item.
    TestClient caseworker = data.as("sfa@demo.test");
    JsonObject item = caseworker.get("/api/worklist").json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(i -> "COURSE_FOLLOW_UP".equals(i.getString("kind")) && i.getLong("cascade") == id).findFirst().orElseThrow();
    assertTrue(caseworker.get("/staff/worklist").body().contains("data-kind=\"COURSE_FOLLOW_UP\""));
    var done = caseworker.post("/api/worklist/" + item.getLong("id") + "/result", new JsonObject().put("result", "NO_ACTION").put("note", "Kursplatz fixiert"));
    assertEquals(200, done.status(), done.body());
    assertTrue(caseworker.get("/api/worklist").json().getJsonArray("items").stream()
        .noneMatch(i -> "COURSE_FOLLOW_UP".equals(((JsonObject) i).getString("kind")) && ((JsonObject) i).getLong("cascade") == id));
  }

  @Test
  void staffRacingForTheNextPersonEachGetADifferentOne() throws Exception {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    TestClient sfu = data.as("sfu@demo.test");
    long offer = data.stations(sfu, fair).getLong("OFFER");
    int people = 12;
    Set<Long> admitted = new HashSet<>();
    for (int i = 0; i < people; i++) admitted.add(data.admit(sfu, fair, data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT")));
    int clients = 16;
    List<TestClient> staff = new ArrayList<>();
    for (int i = 0; i < clients; i++) staff.add(data.as(i % 2 == 0 ? "sfu@demo.test" : data.staff("sfu", "SFU")));
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TestClient.Response>> answers = new ArrayList<>();
    for (TestClient c : staff) {
      answers.add(pool.submit((Callable<TestClient.Response>) () -> {
        go.await();
        return c.post("/api/stations/" + offer + "/next", new JsonObject());
      }));
    }
    go.countDown();
    Set<Long> taken = new HashSet<>();
    int empty = 0;
    for (var f : answers) {
      TestClient.Response r = f.get();
      if (r.status() == 200) assertTrue(taken.add(r.json().getLong("id")), "taken twice: " + r.body());
      else {
        assertRefused(r, 404, "queue_empty");
        empty++;
      }
    }
    pool.shutdown();
    assertEquals(admitted, taken, "everybody taken once");
    assertEquals(clients - people, empty);
    assertEquals(people, app.count("select count(*) from cascade where fair_id = " + fair + " and state = 'AT_STATION' and taken_by is not null"));
    assertEquals(people, app.count("select count(*) from cascade_step s join cascade c on c.id = s.cascade_id where c.fair_id = " + fair + " and s.event = 'TAKE'"));
  }

  @Test
  void theOrganiserAdjustsThePlaybookOnlyAsTheLawAllowsAndOnlyBeforeAnyoneIsInIt() {
    long fair = data.fair("E_JOBMEETING");
    long vacancy = data.vacancy(fair, null, "Servicekraft");
    TestClient organiser = data.as("organizer@demo.test");
    JsonObject s = organiser.get("/api/fairs/" + fair + "/stations").json();
    assertEquals(1, s.getJsonArray("stations").size(), "offer only unless escalation is enabled");
    assertEquals(403, data.as("sfu@demo.test").put("/api/fairs/" + fair + "/playbook", new JsonObject().put("escalation", true)).status());
    JsonObject bad = new JsonObject().put("stations", new JsonArray()
        .add(new JsonObject().put("station", "OFFER").put("roles", new JsonArray().add("SFU")))
        .add(new JsonObject().put("station", "SANCTION_CHECK").put("roles", new JsonArray().add("ERHEBUNG")))
        .add(new JsonObject().put("station", "DECISION").put("roles", new JsonArray().add("SFA"))))
        .put("decisionDays", 14).put("waiverDays", 0);
    assertRefused(organiser.put("/api/fairs/" + fair + "/playbook", bad), 400, "playbook_decision_staff");
    JsonObject order = new JsonObject().put("stations", new JsonArray()
        .add(new JsonObject().put("station", "SANCTION_CHECK").put("roles", new JsonArray().add("ERHEBUNG")))
        .add(new JsonObject().put("station", "OFFER").put("roles", new JsonArray().add("SFU"))))
        .put("decisionDays", 14).put("waiverDays", 0);
    assertRefused(organiser.put("/api/fairs/" + fair + "/playbook", order), 400, "playbook_order");
    JsonObject noOffer = new JsonObject().put("stations", new JsonArray()
        .add(new JsonObject().put("station", "SANCTION_CHECK").put("roles", new JsonArray().add("ERHEBUNG")))
        .add(new JsonObject().put("station", "DECISION").put("roles", new JsonArray().add("SFA").add("KOMMUNE"))))
        .put("decisionDays", 14).put("waiverDays", 0);
    assertRefused(organiser.put("/api/fairs/" + fair + "/playbook", noOffer), 400, "playbook_offer_missing");
    // The page's form: a refusal comes back as a message on the page, a valid playbook is saved.
    var refused = organiser.postRaw("/staff/fairs/" + fair + "/cascade/playbook", "application/x-www-form-urlencoded",
        "include.OFFER=on&roles.OFFER=SFU&include.DECISION=on&roles.DECISION=SFA&roles.DECISION=KOMMUNE&decisionDays=14&waiverDays=0");
    assertEquals(303, refused.status());
    assertTrue(refused.header("Location").endsWith("?error=playbook_decision_without_check"), refused.header("Location"));
    assertTrue(organiser.get(refused.header("Location")).body().contains("Eine Entscheidung braucht eine Sanktionsprüfung davor."));
    var form = organiser.postRaw("/staff/fairs/" + fair + "/cascade/playbook", "application/x-www-form-urlencoded",
        "include.OFFER=on&roles.OFFER=SFU&roles.OFFER=EMPLOYER&place.OFFER=Raum+7&decisionDays=0&waiverDays=0");
    assertEquals(303, form.status());
    assertTrue(organiser.get("/staff/fairs/" + fair + "/cascade").body().contains("Raum 7"));
    var ok = organiser.put("/api/fairs/" + fair + "/playbook", new JsonObject().put("escalation", true));
    assertEquals(200, ok.status(), ok.body());
    assertEquals(3, ok.json().getJsonArray("stations").size());
    assertEquals("Raum 7", ok.json().getJsonArray("stations").getJsonObject(0).getString("place"), "places of stations that stay are kept");
    assertEquals(10, ok.json().getInteger("waiverDays"), "cascade.waiverDays");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    data.admit(data.as("sfu@demo.test"), fair, person);
    assertRefused(organiser.put("/api/fairs/" + fair + "/playbook", new JsonObject().put("escalation", false)), 409, "playbook_in_use");
  }

  @Test
  void aJobStartWithinTheWaiverDeadlinePutsConsiderWaiverOnTheCaseworkersList() {
    long fair = data.fair("CAMPAIGN");
    long vacancy = data.vacancy(fair, null, "Reinigungskraft 30 Stunden");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient sfu = data.as("sfu@demo.test");
    TestClient erhebung = data.as("erhebung@demo.test");
    TestClient caseworker = data.as("sfa@demo.test");
    JsonObject st = data.stations(sfu, fair);
    long id = data.admit(sfu, fair, person);
    data.next(sfu, st.getLong("OFFER"));
    data.event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", vacancy).put("reasons", "Ich will nur 10 Stunden."));
    data.next(erhebung, st.getLong("SANCTION_CHECK"));
    data.event(erhebung, id, ev("STATEMENT").put("reasons", "Mehr Stunden will ich nicht."));
    data.event(erhebung, id, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Kein Grund."));
    JsonObject c = data.event(caseworker, id, ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Ohne Grund abgelehnt."));
    assertEquals("IMPOSED", c.getString("state"));
    assertNotNull(c.getString("waiverDeadline"));
    assertRefused(caseworker.post("/api/cascades/" + id + "/events", ev("JOB_START").put("jobStart", Instant.now().plus(Duration.ofDays(2)).toString())),
        400, "job_start_in_future");
    c = data.event(caseworker, id, ev("JOB_START").put("jobStart", Instant.now().minus(Duration.ofMinutes(5)).toString()));
    assertEquals("WAIVER_CONSIDERATION", c.getString("state"));
    JsonArray items = caseworker.get("/api/worklist").json().getJsonArray("items");
    assertTrue(items.stream().anyMatch(i -> "CONSIDER_WAIVER".equals(((JsonObject) i).getString("kind")) && ((JsonObject) i).getLong("cascade") == id),
        items.encode());
    String page = caseworker.get("/staff/worklist").body();
    assertTrue(page.contains("data-kind=\"CONSIDER_WAIVER\""), page);
    assertFalse(data.as("kommune@demo.test").get("/api/cascade-tasks").body().contains("\"cascade\":" + id + ","));
    c = data.event(caseworker, id, ev("WAIVE").put("reasons", "Arbeit begonnen."));
    assertEquals("WAIVED", c.getString("state"));
  }

  @Test
  void anEmployerStaffsTheOfferOnlyAtTheirOwnBoothAndLearnsOnlyThatTheAnswerWasRecorded() {
    long hotel = data.fx().accountId("employer@demo.test");
    long hotelEmployer = app.count("select employer_id from account where id = " + hotel);
    long fair = data.fair("E_JOBMEETING");
    long own = data.vacancy(fair, hotelEmployer, "Rezeption");
    long others = data.vacancy(fair, null, "Hausmeister");
    TestClient organiser = data.as("organizer@demo.test");
    assertEquals(200, organiser.put("/api/fairs/" + fair + "/playbook", new JsonObject().put("escalation", true)).status());
    long person = data.person(own, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long id = data.admit(data.as("sfu@demo.test"), fair, person);
    long offer = data.stations(organiser, fair).getLong("OFFER");

    TestClient stranger = data.as("employer2@demo.test");
    assertRefused(stranger.post("/api/stations/" + offer + "/next", new JsonObject()), 403, "not_staff_of_station");
    assertRefused(stranger.post("/api/cascades/" + id + "/events", ev("TAKE")), 403, "not_staff_of_station");

    TestClient employer = data.as("employer@demo.test");
    var taken = employer.post("/api/stations/" + offer + "/next", new JsonObject());
    assertEquals(200, taken.status(), taken.body());
    assertEquals(new JsonObject().put("id", id).put("recorded", true), taken.json());
    assertRefused(employer.post("/api/cascades/" + id + "/events", ev("OFFER_DECLINED").put("vacancyId", others).put("reasons", "x")),
        403, "not_your_vacancy");
    var declined = employer.post("/api/cascades/" + id + "/events", ev("OFFER_DECLINED").put("vacancyId", own).put("reasons", "Schichtdienst geht nicht."));
    assertEquals(200, declined.status(), declined.body());
    assertFalse(declined.body().contains("SANCTION_CHECK") || declined.body().contains("BINDING"), "nothing of what follows: " + declined.body());
    assertEquals("SANCTION_CHECK", data.as("sfa@demo.test").get("/api/cascades/" + id).json().getString("station"));
  }

  @Test
  void aStaleVersionIsAClearConflictAndAForgedPostIsRefused() {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient sfu = data.as("sfu@demo.test");
    long offer = data.stations(sfu, fair).getLong("OFFER");
    long id = data.admit(sfu, fair, person);
    assertEquals(403, sfu.postWithoutCsrf("/api/stations/" + offer + "/next", new JsonObject()).status(), "no CSRF token, no step");
    assertEquals(403, sfu.postWithoutCsrf("/api/cascades/" + id + "/events", ev("TAKE")).status());
    int seen = data.next(sfu, offer).getInteger("version");
    data.event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", vacancy).put("reasons", "Zu weit.").put("version", seen));
    assertRefused(sfu.post("/api/cascades/" + id + "/events", ev("OFFER_ACCEPTED").put("vacancyId", vacancy).put("version", seen)),
        409, "cascade_changed");
    assertEquals(1, app.count("select count(*) from cascade_step where cascade_id = " + id + " and event like 'OFFER_%'"), "nothing half-written");
  }
}
