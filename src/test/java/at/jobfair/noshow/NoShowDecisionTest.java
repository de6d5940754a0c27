package at.jobfair.noshow;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decider's steps: reasons accepted, a case opened after the deadline, decisions only with reasons and only with an
 * outcome the basis lists, by the right decider only; a control appointment never reaches a § 10 decision, also not by
 * hand-written SQL; every step in the audit trail, which stays whole.
 */
class NoShowDecisionTest {

  static TestApp app;
  static NoShowTestData data;
  static TestClient sfa;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "noshow.pollSeconds", 3600));
    data = new NoShowTestData(app);
    sfa = app.as("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long asked(String email, String legalBasis, String basisCode) throws Exception {
    long booking = data.noShow(email, legalBasis, basisCode);
    data.run();
    return data.request(booking);
  }

  static String error(TestClient.Response r) {
    return r.json().getString("error");
  }

  @Test
  void aTeamMemberOfTheCaseworkerSeesAndDecidesTheRequestAnotherSfaDoesNot() throws Exception {
    String email = data.person("team");
    long r = asked(email, "BINDING", null);
    long caseworker = data.id("sfa@demo.test");
    long colleague = data.fx.accountId(new at.jobfair.cascade.CascadeTestData(app).staff("sfa-team-reasons", "SFA"));
    TestClient other = app.as(data.fx.email(colleague));
    assertEquals(404, other.get("/api/reasons/" + r).status());
    assertTrue(other.get("/api/reasons").json().getJsonArray("items").stream().noneMatch(o -> ((JsonObject) o).getLong("id") == r));
    TestClient org = app.as("organizer@demo.test");
    assertEquals(200, org.put("/api/caseworkers/" + caseworker + "/team", new JsonObject().put("team", "Anhörungen")).status());
    assertEquals(200, org.put("/api/caseworkers/" + colleague + "/team", new JsonObject().put("team", "Anhörungen")).status());
    try {
      assertTrue(other.get("/api/reasons").json().getJsonArray("items").stream().anyMatch(o -> ((JsonObject) o).getLong("id") == r));
      var ok = other.post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "Gründe glaubhaft"));
      assertEquals(200, ok.status(), ok.body());
      assertEquals(1, app.count("select count(*) from audit_log where subject = 'reasons:" + r + "' and event = 'ACCEPT' and actor_id = " + colleague),
          "the audit trail names the team member who decided");
    } finally {
      org.put("/api/caseworkers/" + caseworker + "/team", new JsonObject().putNull("team"));
      org.put("/api/caseworkers/" + colleague + "/team", new JsonObject().putNull("team"));
    }
  }

  @Test
  void theCaseworkerAcceptsTheReasonsWithReasonsAndNothingFollows() throws Exception {
    String email = data.person("accepted");
    long r = asked(email, "BINDING", null);
    app.as(email).post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "Ich lag im Krankenhaus."));
    assertEquals("decision_reasons_required", error(sfa.post("/api/reasons/" + r + "/accept", new JsonObject())));
    var ok = sfa.post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "Krankenhausaufenthalt glaubhaft"));
    assertEquals(200, ok.status(), ok.body());
    assertEquals("REASONS_ACCEPTED", ok.json().getString("state"));
    assertEquals("reasons_closed", error(sfa.post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "nochmal"))));
    assertEquals("reasons_closed", error(app.as(email).post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "Nachtrag"))));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'reasons:" + r + "' and event = 'ACCEPT' and actor_role = 'SFA'"));
  }

  @Test
  void aCaseOpensOnlyAfterTheDeadlineAndIsDecidedWithAnOutcomeTheBasisLists() throws Exception {
    String email = data.person("case");
    long r = asked(email, "BINDING", null);
    app.as(email).post("/api/reasons/" + r + "/answers", new JsonObject().put("text", "Ich hatte keine Lust."));
    assertEquals("reasons_deadline_running", error(sfa.post("/api/reasons/" + r + "/case", new JsonObject().put("reasons", "Kein wichtiger Grund"))));
    data.deadlinePassed(r);
    var opened = sfa.post("/api/reasons/" + r + "/case", new JsonObject().put("reasons", "Kein wichtiger Grund genannt"));
    assertEquals(200, opened.status(), opened.body());
    assertEquals("CASE_OPEN", opened.json().getString("state"));
    assertEquals("[\"SANCTION_IMPOSED\",\"SANCTION_NOT_IMPOSED\"]", opened.json().getJsonArray("choices").encode());
    assertEquals("reasons_outcome_not_allowed", error(sfa.post("/api/reasons/" + r + "/decision",
        new JsonObject().put("outcome", "PAYMENT_SUSPENDED").put("reasons", "Auszahlung einstellen"))));
    assertEquals("reasons_outcome_not_allowed", error(sfa.post("/api/reasons/" + r + "/decision",
        new JsonObject().put("outcome", "SANCTION_WAIVED").put("reasons", "Nachsicht"))), "a waiver only after a sanction");
    assertEquals("decision_reasons_required", error(sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", "SANCTION_IMPOSED"))));
    var decided = sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", "SANCTION_IMPOSED")
        .put("reasons", "Verbindlicher Termin ohne wichtigen Grund versäumt; § 10 AlVG, sechs Wochen"));
    assertEquals(200, decided.status(), decided.body());
    assertEquals("IMPOSED", decided.json().getString("state"));
    var waived = sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", "SANCTION_WAIVED").put("reasons", "Arbeitsaufnahme am 1. des Monats"));
    assertEquals(200, waived.status(), waived.body());
    assertEquals("WAIVED", waived.json().getString("state"));

    assertEquals("REASONS_REQUESTED,CASE_OPENED,DECISION/IMPOSED,WAIVER/GRANTED", letters(r), "a letter at each step");
    assertEquals(1, app.count("select count(*) from letter where case_ref = 'noshow:" + r + "' and kind = 'DECISION' and decided_by = "
        + data.id("sfa@demo.test") + " and decided_role = 'SFA' and basis_code = 'AT_ALVG_10'"));
    JsonObject dossier = sfa.get("/api/reasons/" + r + "/dossier").json();
    assertEquals("NO_SHOW", dossier.getJsonObject("booking").getJsonObject("attendance").getString("outcome"));
    assertEquals("Ich hatte keine Lust.", dossier.getJsonObject("request").getJsonArray("answers").getJsonObject(0).getString("text"));
    assertEquals(false, dossier.getBoolean("noAnswerWithinDeadline"));
    assertEquals(5, dossier.getJsonObject("request").getJsonArray("steps").size(), "ask, answer, open, decide, waive");
    assertEquals(403, app.as(email).get("/api/reasons/" + r + "/dossier").status());
    assertTrue(sfa.get("/staff/reasons/" + r + "/dossier").body().contains("Ich hatte keine Lust."));
    assertEquals(2, app.count("select count(*) from data_access where what = 'reasons_dossier' and why = 'CASEWORKER' and staff_id = "
        + data.id("sfa@demo.test")), "each read of the dossier is in the person's access log");
    assertTrue(app.as("sfa@demo.test").get("/api/audit/verify").json().getBoolean("ok"));
  }

  @Test
  void aControlAppointmentsCaseSuspendsPaymentUntilThePersonReportsAgainAndNeverMore() throws Exception {
    String email = data.person("control");
    long r = asked(email, "CONTROL", "AT_ALVG_49");
    data.deadlinePassed(r);
    data.run();
    assertEquals("NO_ANSWER", data.state(r));
    assertEquals(200, sfa.post("/api/reasons/" + r + "/case", new JsonObject().put("reasons", "Kontrolltermin ohne Nachricht versäumt")).status());
    for (String outcome : new String[] {"SANCTION_IMPOSED", "SANCTION_NOT_IMPOSED", "SANCTION_WAIVED", "PAYMENT_RESUMED"}) {
      var refused = sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", outcome).put("reasons", "Versuch")
          .put("reportedOn", "PAYMENT_RESUMED".equals(outcome) ? LocalDate.now().toString() : null));
      assertEquals("reasons_outcome_not_allowed", error(refused), outcome);
    }
    var suspended = sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", "PAYMENT_SUSPENDED").put("reasons", "§ 49 AlVG: bis zur Meldung"));
    assertEquals(200, suspended.status(), suspended.body());
    assertEquals("reasons_reported_on", error(sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", "PAYMENT_RESUMED").put("reasons", "gemeldet"))));
    assertEquals("reasons_reported_on_future", error(sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", "PAYMENT_RESUMED")
        .put("reasons", "gemeldet").put("reportedOn", LocalDate.now().plusDays(3).toString()))));
    String day = LocalDate.now().minusDays(1).toString();
    var resumed = sfa.post("/api/reasons/" + r + "/decision", new JsonObject().put("outcome", "PAYMENT_RESUMED").put("reasons", "Hat sich persönlich gemeldet").put("reportedOn", day));
    assertEquals(200, resumed.status(), resumed.body());
    assertEquals(day, resumed.json().getString("resumedOn"));
    assertEquals("RESUMED", data.state(r));
    assertEquals(1, app.count("select count(*) from reasons_step where request_id = " + r + " and outcome = 'PAYMENT_RESUMED' and reported_on = '" + day + "'"));
    assertEquals("REASONS_REQUESTED,CASE_OPENED,PAYMENT_SUSPENDED,PAYMENT_RESUMED", letters(r));
  }

  @Test
  void theDatabaseRefusesASection10DecisionOnAControlCaseWhateverTheSql() throws Exception {
    String email = data.person("control-sql");
    long r = asked(email, "CONTROL", "AT_ALVG_49");
    data.deadlinePassed(r);
    data.run();
    assertEquals(200, sfa.post("/api/reasons/" + r + "/case", new JsonObject().put("reasons", "Kontrolltermin versäumt")).status());
    long caseworker = data.id("sfa@demo.test");
    assertRefused("reasons_outcome_of_basis", "update reasons_request set state = 'IMPOSED', outcome = 'SANCTION_IMPOSED' where id = " + r);
    assertRefused("reasons_outcome_of_basis", "insert into reasons_step (request_id, event, from_state, to_state, outcome, actor_id, actor_role, reasons, audit_seq, at) "
        + "values (" + r + ", 'DECIDE', 'CASE_OPEN', 'IMPOSED', 'SANCTION_IMPOSED', " + caseworker + ", 'SFA', '§ 10 AlVG', 99999999, now())");
    assertRefused("reasons_request_fixed", "update reasons_request set basis_code = 'AT_ALVG_10', obligation = 'BINDING' where id = " + r);
    String second = data.person("control-sql-2");
    long another = data.noShow(second, "CONTROL", "AT_ALVG_49");
    assertRefused("reasons_request_record_basis", "insert into reasons_request (kind, jobseeker_id, booking_id, basis_code, basis_version, obligation, decider, deadline) "
        + "values ('NO_SHOW', " + data.id(second) + ", " + another + ", 'AT_ALVG_10', 1, 'BINDING', 'CASEWORKER', now() + interval '7 days')");
    assertRefused("reasons_step_decider", "insert into reasons_step (request_id, event, from_state, to_state, outcome, actor_id, actor_role, reasons, audit_seq, at) "
        + "values (" + r + ", 'DECIDE', 'CASE_OPEN', 'SUSPENDED', 'PAYMENT_SUSPENDED', " + data.id("kommune@demo.test") + ", 'KOMMUNE', 'fremd', 99999998, now())");
    assertRefused("reasons_outcome_order", "insert into reasons_step (request_id, event, from_state, to_state, outcome, actor_id, actor_role, reasons, reported_on, audit_seq, at) "
        + "values (" + r + ", 'DECIDE', 'CASE_OPEN', 'RESUMED', 'PAYMENT_RESUMED', " + caseworker + ", 'SFA', 'gemeldet', current_date, 99999997, now())");
    assertRefused("letter_after_decision", "insert into letter (kind, outcome, jobseeker_id, case_ref, reference, languages, decided_by, decided_role, pdf, sha256, outbox_id, audit_seq) "
        + "select 'DECISION', 'IMPOSED', jobseeker_id, 'noshow:' || id, 'TEST-" + r + "', array['de'], " + caseworker + ", 'SFA', '\\x01'::bytea, encode(sha256('\\x01'::bytea), 'hex'), outbox_id, 99999996 "
        + "from reasons_request where id = " + r);
    assertRefused(null, "update reasons_step set reasons = 'geändert' where request_id = " + r);
    assertRefused(null, "delete from reasons_step where request_id = " + r);
    assertEquals("CASE_OPEN", data.state(r));
  }

  @Test
  void theMunicipalityDecidesMinimumIncomeCasesAndTheCaseworkerDoesNot() throws Exception {
    String email = data.person("minimum");
    data.fx.exec("update jobseeker set benefit_type = 'MINIMUM_INCOME' where account_id = ?", data.id(email));
    long r = asked(email, "BINDING", null);
    assertEquals(404, sfa.post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "Gründe anerkannt")).status());
    assertEquals(403, app.as("erhebung@demo.test").post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "Gründe anerkannt")).status());
    TestClient kommune = app.as("kommune@demo.test");
    // only for people of its area: outside it the municipality neither sees nor decides the request
    data.fx.exec("update jobseeker set region = 'Graz' where account_id = ?", data.id(email));
    assertTrue(kommune.get("/api/reasons").json().getJsonArray("items").stream().noneMatch(o -> ((JsonObject) o).getLong("id") == r));
    assertEquals(404, kommune.get("/api/reasons/" + r).status());
    assertEquals(404, kommune.post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "Gründe anerkannt")).status());
    data.fx.exec("update jobseeker set region = 'Wien' where account_id = ?", data.id(email));
    assertTrue(kommune.get("/api/reasons").json().getJsonArray("items").stream().anyMatch(o -> ((JsonObject) o).getLong("id") == r));
    var ok = kommune.post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "Gründe anerkannt"));
    assertEquals(200, ok.status(), ok.body());
    assertEquals(1, app.count("select count(*) from reasons_step where request_id = " + r + " and event = 'ACCEPT' and actor_role = 'KOMMUNE'"));
  }

  @Test
  void retentionBlanksTheWordsAndDeletesTheFilesOfAnEndedRequestOnlyAndTheChainStillVerifies() throws Exception {
    String ended = data.person("retention-ended");
    String open = data.person("retention-open");
    long r = asked(ended, "BINDING", null);
    long o = asked(open, "BINDING", null);
    for (long id : new long[] {r, o}) {
      String who = id == r ? ended : open;
      assertEquals(201, app.as(who).post("/api/reasons/" + id + "/answers", new JsonObject().put("text", "Ich war beim Arzt.")).status());
      assertEquals(201, app.as(who).postBytes("/api/reasons/" + id + "/evidence?name=Befund.pdf", "application/pdf", EvidenceFileTest.PDF).status());
    }
    assertEquals(200, sfa.post("/api/reasons/" + r + "/accept", new JsonObject().put("reasons", "Arztbesuch belegt")).status());
    // Years pass for both; only the ended one is due.
    data.fx.exec("update reasons_request set updated_at = now() - interval '3000 days' where id in (" + r + "," + o + ")");
    at.jobfair.App.retentionJob(app.app().config(), app.app().pool(), new at.jobfair.audit.AuditLog(app.app().pool())).run().await(30, java.util.concurrent.TimeUnit.SECONDS);

    assertEquals(1, app.count("select count(*) from reasons_answer where request_id = " + r + " and text is null and anonymised_at is not null"));
    assertEquals(0, app.count("select count(*) from reasons_evidence where request_id = " + r));
    assertEquals(1, app.count("select count(*) from reasons_answer where request_id = " + o + " and text = 'Ich war beim Arzt.'"), "an open request keeps everything");
    assertEquals(1, app.count("select count(*) from reasons_evidence where request_id = " + o));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'retention:reasons_request:" + r + "'"));
    assertEquals("REASONS_ACCEPTED", data.state(r), "the steps and the decision stay");
    assertTrue(sfa.get("/staff/reasons/" + r).body().contains("Aufbewahrungsfrist"));
    assertTrue(sfa.get("/api/audit/verify").json().getBoolean("ok"));
    // Only the words may be blanked, once: anything else is refused.
    assertRefused(null, "update reasons_answer set text = 'neu', anonymised_at = null where request_id = " + r);
    assertRefused(null, "update reasons_answer set text = 'anders' where request_id = " + o);
  }

  /** The letters of the request's case, oldest first: kind, or kind/outcome. */
  static String letters(long r) {
    return data.text("select string_agg(kind || coalesce('/' || outcome, ''), ',' order by id) from letter where case_ref = 'noshow:" + r + "'");
  }

  static void assertRefused(String constraint, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = app.jdbc(); var st = c.createStatement()) {
        st.execute(sql);
      }
    }, sql);
    if (constraint != null) assertTrue(e.getMessage().contains(constraint) || constraint.equals(serverConstraint(e)), constraint + ": " + e.getMessage());
  }

  static String serverConstraint(SQLException e) {
    return e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null ? p.getServerErrorMessage().getConstraint() : null;
  }
}
