package at.jobfair.cascade;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The cascade through its API against the real database: a supra-regional fair end to end, who may do what, what
 * employers and the person see, the dossier, the audit trail, and the second of two decisions.
 */
class CascadeApiTest {

  static TestApp app;
  static CascadeTestData data;
  static long hotel;
  static long sfa;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600));
    data = new CascadeTestData(app);
    hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    sfa = data.fx().accountId("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aSupraRegionalFairRunsFromOfferToDecisionWithEveryStepAudited() throws Exception {
    long fair = data.fair("SUPRA_REGIONAL");
    long seasonal = data.vacancy(fair, hotel, "Koch (Saison, mit Unterkunft)");
    long local = data.vacancy(fair, null, "Küchenhilfe in Wien");
    long person = data.person(seasonal, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long auditBefore = app.count("select count(*) from audit_log");

    TestClient sfu = data.as("sfu@demo.test");
    TestClient caseworker = data.as("sfa@demo.test");
    TestClient otherSfa = data.as(data.staff("sfa-other", "SFA"));
    TestClient kommune = data.as("kommune@demo.test");
    TestClient employer = data.as("employer@demo.test");
    TestClient seeker = data.as(data.email(person));

    var stationsR = sfu.get("/api/fairs/" + fair + "/stations");
    assertEquals(200, stationsR.status(), stationsR.body());
    var stationList = stationsR.json().getJsonArray("stations");
    assertEquals(List.of("OFFER", "LOCAL_OFFER", "SANCTION_CHECK", "DECISION"),
        stationList.stream().map(o -> ((JsonObject) o).getString("station")).toList());
    assertEquals(new JsonArray().add("SFA"), stationList.getJsonObject(2).getJsonArray("roles"), "SfA staff check on site");
    JsonObject st = CascadeTestData.stationIds(stationList);

    long id = data.admit(sfu, fair, person);
    JsonObject c = caseworker.get("/api/cascades/" + id).json();
    assertEquals("WAITING", c.getString("state"));
    assertEquals("OFFER", c.getString("station"));
    assertEquals("BINDING", c.getString("legalBasis"));

    // The offer station is the SfU's: the SfA may not take people from it.
    assertRefused(caseworker.post("/api/stations/" + st.getLong("OFFER") + "/next", new JsonObject()), 403, "not_staff_of_station");
    assertRefused(sfu.post("/api/cascades/" + id + "/events", ev("OFFER_DECLINED").put("vacancyId", seasonal).put("reasons", "x")), 409, "not_taken");
    assertEquals(id, data.next(sfu, st.getLong("OFFER")).getLong("id"));
    assertRefused(sfu.post("/api/cascades/" + id + "/events", ev("OFFER_DECLINED").put("vacancyId", seasonal)), 400, "reasons_required");
    c = data.event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", seasonal).put("reasons", "Ich kann wegen meiner Kinder nicht nach Tirol ziehen."));
    assertEquals("WAITING", c.getString("state"));
    assertEquals("LOCAL_OFFER", c.getString("station"), "straight into the next station's queue");

    // No station is skipped: the sanction check's queue is empty while the person waits for the local offer.
    assertRefused(caseworker.post("/api/stations/" + st.getLong("SANCTION_CHECK") + "/next", new JsonObject()), 404, "queue_empty");
    data.next(sfu, st.getLong("LOCAL_OFFER"));
    c = data.event(sfu, id, ev("LOCAL_OFFER_DECLINED").put("vacancyId", local).put("reasons", "Die Arbeitszeiten passen nicht."));
    assertEquals("SANCTION_CHECK", c.getString("station"));

    data.next(otherSfa, st.getLong("SANCTION_CHECK"));
    assertRefused(otherSfa.post("/api/cascades/" + id + "/events", ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "r")), 400, "statement_missing");
    data.event(otherSfa, id, ev("STATEMENT").put("reasons", "Ich will einfach nicht in der Küche arbeiten."));
    c = data.event(otherSfa, id, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Keine wichtigen Gründe genannt."));
    assertEquals("SANCTION_PROPOSED", c.getString("state"));
    assertNotNull(c.getString("decisionDue"));

    // Only the person's own caseworker decides: not another SfA, not the municipality, never an employer.
    JsonObject impose = ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Zumutbare Stellen ohne Grund abgelehnt.");
    assertRefused(otherSfa.post("/api/cascades/" + id + "/events", impose), 403, "not_responsible_decider");
    assertRefused(kommune.post("/api/cascades/" + id + "/events", impose), 403, "not_responsible_decider");
    assertEquals(403, employer.post("/api/cascades/" + id + "/events", impose).status());
    assertRefused(caseworker.post("/api/cascades/" + id + "/events", ev("DECIDE").put("decision", "IMPOSE")), 400, "reasons_required");
    JsonArray tasks = caseworker.get("/api/cascade-tasks").json().getJsonArray("items");
    assertTrue(tasks.stream().anyMatch(t -> ((JsonObject) t).getLong("cascade") == id), tasks.encode());
    assertTrue(otherSfa.get("/api/cascade-tasks").json().getJsonArray("items").stream().noneMatch(t -> ((JsonObject) t).getLong("cascade") == id));

    // The meeting room's log is part of the dossier (a call-back request and its number are not).
    long booking = app.count("select k.id from booking k join booth b on b.id = k.booth_id join cascade c on c.jobseeker_id = k.jobseeker_id "
        + "and c.fair_id = b.fair_id where c.id = " + id);
    try (var jdbc = app.jdbc(); var statement = jdbc.createStatement()) {
      statement.execute("insert into meeting_event (booking_id, role, kind, provider, at) values "
          + "(" + booking + ", 'EMPLOYER', 'JOIN', 'BUILTIN', now() - interval '30 minutes'), "
          + "(" + booking + ", 'JOBSEEKER', 'JOIN', 'BUILTIN', now() - interval '29 minutes'), "
          + "(" + booking + ", 'EMPLOYER', 'ADMIT', 'BUILTIN', now() - interval '28 minutes'), "
          + "(" + booking + ", 'JOBSEEKER', 'CALLBACK', 'PHONE', now() - interval '27 minutes'), "
          + "(" + booking + ", 'JOBSEEKER', 'LEAVE', 'BUILTIN', now() - interval '10 minutes')");
    }

    // The dossier: invitation side, bookings, both offers with the person's words, statement and finding.
    JsonObject dossier = caseworker.get("/api/cascades/" + id + "/dossier").json();
    JsonArray meetingLog = dossier.getJsonArray("bookings").getJsonObject(0).getJsonArray("meetingLog");
    assertEquals(List.of("JOIN", "JOIN", "ADMIT", "LEAVE"), meetingLog.stream().map(e -> ((JsonObject) e).getString("kind")).toList());
    assertEquals("EMPLOYER", meetingLog.getJsonObject(0).getString("role"));
    assertEquals(2, dossier.getJsonArray("offers").size());
    assertEquals("Ich kann wegen meiner Kinder nicht nach Tirol ziehen.", dossier.getJsonArray("offers").getJsonObject(0).getString("reasons"));
    // the statement lives in the hearing record it became (the step names the record, the audit trail its hash)
    assertEquals("Ich will einfach nicht in der Küche arbeiten.", dossier.getJsonObject("hearing").getString("statement"));
    assertEquals("NOT_JUSTIFIED", dossier.getJsonObject("finding").getString("finding"));
    assertTrue(dossier.getBoolean("proposal"));
    assertEquals(1, dossier.getJsonArray("bookings").size());
    String page = caseworker.get("/staff/cascades/" + id + "/dossier").body();
    assertTrue(page.contains("data-print") && page.contains("Ich will einfach nicht in der Küche arbeiten."), page);
    assertTrue(page.contains("hereingelassen (Arbeitgeber)") && !page.contains("CALLBACK"), page);
    assertFalse(page.contains("<style") || page.contains("onclick"), "the CSP allows no inline styles or handlers");
    assertTrue(app.client().get("/static/css/app.css").body().contains("@media print"), "print CSS");
    assertEquals(403, employer.get("/api/cascades/" + id + "/dossier").status());
    assertEquals(403, sfu.get("/api/cascades/" + id + "/dossier").status());
    assertEquals(403, seeker.get("/api/cascades/" + id + "/dossier").status());

    // Two decisions at once: one wins, the other is told clearly that the case has moved on.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    TestClient caseworker2 = data.as("sfa@demo.test");
    List<Future<TestClient.Response>> answers = new ArrayList<>();
    for (TestClient cl : List.of(caseworker, caseworker2)) {
      JsonObject body = cl == caseworker ? impose : ev("DECIDE").put("decision", "DO_NOT_IMPOSE").put("reasons", "Gründe glaubhaft.");
      answers.add(pool.submit((Callable<TestClient.Response>) () -> {
        go.await();
        return cl.post("/api/cascades/" + id + "/events", body);
      }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (var f : answers) statuses.add(f.get().status());
    pool.shutdown();
    assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), statuses.toString());
    for (var f : answers) if (f.get().status() == 409) assertRefused(f.get(), 409, "event_not_allowed");
    assertEquals(1, app.count("select count(*) from cascade_step where cascade_id = " + id + " and event = 'DECIDE'"));

    // The person reads their own history, without staff names; nobody else's.
    JsonObject mine = seeker.get("/api/cascades/" + id).json();
    assertTrue(List.of("IMPOSED", "NOT_IMPOSED").contains(mine.getString("state")), mine.encode());
    assertFalse(mine.encode().contains("Sabine Fuchs"), "no staff names: " + mine.encode());
    assertTrue(mine.encode().contains("Ich kann wegen meiner Kinder nicht nach Tirol ziehen."));
    assertNull(mine.getValue("decisionDue"), "the decision is taken: no deadline left to show " + mine.encode());
    if (!"IMPOSED".equals(mine.getString("state"))) assertNull(mine.getValue("waiverDeadline"), "no sanction, no waiver period");
    assertEquals(1, seeker.get("/api/me/cascades").json().getJsonArray("cascades").size());
    assertEquals(404, data.as("seeker@demo.test").get("/api/cascades/" + id).status());
    String minePage = seeker.get("/me/cascade").body();
    assertTrue(minePage.contains("Sie haben die Stelle abgelehnt"), minePage);

    // Employers: only the answers to their own vacancies, never findings, statements or sanctions.
    assertEquals(403, employer.get("/api/cascades/" + id).status());
    var answersR = employer.get("/api/employers/" + hotel + "/answers");
    assertEquals(200, answersR.status(), answersR.body());
    JsonArray hotelAnswers = answersR.json().getJsonArray("answers");
    assertEquals(1, hotelAnswers.size(), hotelAnswers.encode());
    assertEquals("DECLINED", hotelAnswers.getJsonObject(0).getString("answer"));
    assertEquals(seasonal, hotelAnswers.getJsonObject(0).getJsonObject("vacancy").getLong("id"));
    for (String secret : List.of("NOT_JUSTIFIED", "IMPOSE", "Küche arbeiten", "Kinder", "finding", "decision")) {
      assertFalse(answersR.body().contains(secret), secret + " leaked: " + answersR.body());
    }
    String answersPage = employer.get("/employer/answers").body();
    assertTrue(answersPage.contains("Koch (Saison, mit Unterkunft)") && answersPage.contains("abgelehnt"), answersPage);
    assertFalse(answersPage.contains("Küchenhilfe in Wien") || answersPage.contains("Tirol ziehen") || answersPage.contains("Sanktion verhängt"), answersPage);
    long otherEmployer = app.count("select e.id from employer e join booth b on b.employer_id = e.id join vacancy v on v.booth_id = b.id where v.id = " + local);
    assertEquals(403, employer.get("/api/employers/" + otherEmployer + "/answers").status());

    // Every transition is in the audit trail, named by the step, and the chain is whole.
    long steps = app.count("select count(*) from cascade_step where cascade_id = " + id);
    assertEquals(10, steps, "book, check-in, take, decline, take, decline, take, statement, finding, decide");
    // two more than the steps: the hearing record's own audit record (HEARING, its hash) and the decision's letter (LETTER)
    assertEquals(12, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "'"));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'HEARING'"));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'LETTER'"), "the decision's letter");
    assertEquals(10, app.count("select count(*) from cascade_step s join audit_log a on a.seq = s.audit_seq and a.event = s.event where s.cascade_id = " + id));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'OFFER_DECLINED' "
        + "and actor_role = 'SFU' and from_state = 'AT_STATION@OFFER' and to_state = 'WAITING@LOCAL_OFFER' and reasons like '%" + at.jobfair.audit.AuditChain.words("Ich kann wegen meiner Kinder nicht nach Tirol ziehen.") + "'"));
    assertEquals(0, app.count("select count(*) from audit_log where reasons like '%Tirol%'"), "the person's words stay out of the trail");
    assertTrue(app.count("select count(*) from audit_log") >= auditBefore + 10);
    // The board's funnel counts the run.
    JsonObject funnel = data.as("organizer@demo.test").get("/api/fairs/" + fair + "/board").json().getJsonObject("funnel");
    assertEquals(new JsonObject().put("invited", 1L).put("attended", 1L).put("offer", 1L).put("accepted", 0L).put("declined", 1L)
        .put("localOffer", 1L).put("sanctionCheck", 1L).put("decided", 1L), funnel);
    // Refusals read in the reader's language (the account's is German; the reader chose English).
    var refusedEn = kommune.post("/api/cascades/" + id + "/events?lang=en", ev("DECIDE").put("decision", "IMPOSE").put("reasons", "x"));
    assertTrue(refusedEn.status() == 403 || refusedEn.status() == 409, refusedEn.body());
    assertTrue(refusedEn.json().getString("message").startsWith("Only the responsible person decides")
        || refusedEn.json().getString("message").startsWith("This step does not"), refusedEn.body());
    JsonObject verify = caseworker.get("/api/audit/verify").json();
    assertTrue(verify.getBoolean("ok"), verify.encode());
    assertNull(verify.getValue("firstBad"));
  }
}
