package at.jobfair.cascade;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static at.jobfair.cascade.CascadeTestData.assertRefused;
import static at.jobfair.cascade.CascadeTestData.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hearing record (Niederschrift) of the sanction check through the API, append-only in the database and kept out
 * of the audit trail's text; and the dossier's account of where the sanction stands, for every end state.
 */
class CascadeHearingTest {

  static TestApp app;
  static CascadeTestData data;
  static long sfa;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "cascade.closePollSeconds", 3600, "cascade.waiverDays", 10));
    data = new CascadeTestData(app);
    sfa = data.fx().accountId("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** A binding person at a campaign fair who declined the proposed vacancy and was taken at the sanction check. */
  private static long atCheck() {
    long fair = data.fair("CAMPAIGN");
    long vacancy = data.vacancy(fair, null, "Koch / Köchin");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient sfu = data.as("sfu@demo.test");
    JsonObject st = data.stations(sfu, fair);
    long id = data.admit(sfu, fair, person);
    data.next(sfu, st.getLong("OFFER"));
    data.event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", vacancy).put("reasons", "Zu weit weg"));
    data.next(data.as("erhebung@demo.test"), st.getLong("SANCTION_CHECK"));
    return id;
  }

  private static JsonObject record() {
    return new JsonObject().put("language", "tr").put("interpreter", "Ayşe Demir").put("confirmed", true)
        .put("statement", "Ich habe zwei Kinder und keine Betreuung am Abend.")
        .put("items", new JsonArray()
            .add(new JsonObject().put("topic", "HOURS").put("words", "Die Schicht endet um 23 Uhr.").put("finding", "NOT_REASONABLE"))
            .add(new JsonObject().put("topic", "CARE").put("words", "Meine Kinder sind 4 und 7.").put("finding", "UNCLEAR"))
            .add(new JsonObject().put("topic", "PAY").put("words", "Der Lohn ist in Ordnung.").put("finding", "REASONABLE")));
  }

  @Test
  void theHearingRecordIsRequiredBeforeTheFindingAndShowsInTheDossierWithoutItsWordsInTheAuditTrail() {
    long id = atCheck();
    TestClient erhebung = data.as("erhebung@demo.test");
    assertRefused(erhebung.post("/api/cascades/" + id + "/events", ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "x")),
        400, "statement_missing");
    var r = erhebung.post("/api/cascades/" + id + "/hearing", record());
    assertEquals(200, r.status(), r.body());
    assertTrue(r.json().getBoolean("statementGiven"));
    data.event(erhebung, id, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Kinderbetreuung nicht belegt"));
    JsonObject d = data.as("sfa@demo.test").get("/api/cascades/" + id + "/dossier").json();
    JsonObject h = d.getJsonObject("hearing");
    assertEquals("tr", h.getString("language"));
    assertEquals("Ayşe Demir", h.getString("interpreter"));
    assertTrue(h.getBoolean("confirmed"));
    assertEquals("Petra Gruber", h.getJsonObject("heardBy").getString("name"));
    assertEquals("ERHEBUNG", h.getJsonObject("heardBy").getString("role"));
    JsonArray items = h.getJsonArray("items");
    assertEquals("PAY", items.getJsonObject(0).getString("topic"), "in the order of the items");
    assertEquals("HOURS", items.getJsonObject(1).getString("topic"));
    assertEquals("Die Schicht endet um 23 Uhr.", items.getJsonObject(1).getString("words"));
    assertEquals("NOT_REASONABLE", items.getJsonObject(1).getString("finding"));
    // the audit trail and the step hold the record's hash and number, never the person's words
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'HEARING' and reasons = "
        + "'hearing record; sha256 " + h.getString("contentHash") + "' and seq = " + h.getLong("auditSeq")));
    assertEquals(0, app.count("select count(*) from audit_log where reasons like '%Schicht endet%' or reasons like '%Kinder sind%'"));
    assertEquals(1, app.count("select count(*) from cascade_step where cascade_id = " + id + " and event = 'STATEMENT' and reasons = "
        + "'hearing record " + h.getLong("id") + "'"));
    // the page shows it too, and the history names the record, not its words
    String page = data.as("sfa@demo.test").get("/staff/cascades/" + id + "/dossier").body();
    assertTrue(page.contains("Meine Kinder sind 4 und 7.") && page.contains("Ayşe Demir"), page);
    assertTrue(page.contains("Niederschrift der Anhörung Nr. " + h.getLong("id")), page);
    JsonObject statement = data.as("sfa@demo.test").get("/api/cascades/" + id).json().getJsonArray("steps").stream()
        .map(JsonObject.class::cast).filter(s -> "STATEMENT".equals(s.getString("event"))).findFirst().orElseThrow();
    assertEquals(h.getLong("id"), statement.getLong("hearing"));
  }

  @Test
  void aHearingRecordIsAppendOnlyAndOnlyItsWordsMayBeBlankedWithTheirTime() {
    long id = atCheck();
    assertEquals(200, data.as("erhebung@demo.test").post("/api/cascades/" + id + "/hearing", record()).status());
    long rec = app.count("select id from hearing_record where cascade_id = " + id);
    assertEquals("42501", data.sqlState("update hearing_item set words = 'anders' where record_id = ?", rec));
    assertEquals("42501", data.sqlState("update hearing_item set finding = 'REASONABLE' where record_id = ?", rec));
    assertEquals("42501", data.sqlState("delete from hearing_item where record_id = ?", rec));
    assertEquals("42501", data.sqlState("update hearing_record set language = 'de' where id = ?", rec));
    assertEquals("42501", data.sqlState("update hearing_record set statement = null where id = ?", rec), "not without saying when");
    assertEquals("42501", data.sqlState("delete from hearing_record where id = ?", rec));
    assertNull(data.sqlState("update hearing_item set words = null, anonymised_at = now() where record_id = ?", rec));
    assertNull(data.sqlState("update hearing_record set statement = null, anonymised_at = now() where id = ?", rec));
    assertEquals("42501", data.sqlState("update hearing_record set statement = 'neu', anonymised_at = null where id = ?", rec));
  }

  @Test
  void anIncompleteHearingRecordIsRefusedWithAMessage() {
    long id = atCheck();
    TestClient erhebung = data.as("erhebung@demo.test");
    String path = "/api/cascades/" + id + "/hearing";
    assertRefused(erhebung.post(path, record().put("language", "Türkisch")), 400, "hearing_language_required");
    assertRefused(erhebung.post(path, record().putNull("confirmed")), 400, "hearing_confirmed_required");
    assertRefused(erhebung.post(path, record().putNull("statement").put("items", new JsonArray())), 400, "hearing_empty");
    assertRefused(erhebung.post(path, record().put("items", new JsonArray().add(new JsonObject().put("topic", "WEATHER").put("words", "x")
        .put("finding", "UNCLEAR")))), 400, "hearing_topic_invalid");
    JsonObject pay = new JsonObject().put("topic", "PAY").put("words", "zu wenig").put("finding", "UNCLEAR");
    assertRefused(erhebung.post(path, record().put("items", new JsonArray().add(pay).add(pay.copy()))), 400, "hearing_topic_twice");
    assertRefused(erhebung.post(path, record().put("items", new JsonArray().add(pay.copy().putNull("finding")))), 400, "hearing_finding_required");
    assertRefused(erhebung.post(path, record().put("items", new JsonArray().add(pay.copy().put("words", " ")))), 400, "hearing_words_required");
    assertRefused(erhebung.post(path, record().put("items", new JsonArray().add(pay.copy().put("words", "x".repeat(2001))))), 400,
        "hearing_words_too_long");
    // the SfU does not staff the check; nothing was written by any of these
    assertEquals(403, data.as("sfu@demo.test").post(path, record()).status());
    assertEquals(0, app.count("select count(*) from hearing_record where cascade_id = " + id));
  }

  @Test
  void theFreeTextStatementStillWorksThroughTheHearingRecord() {
    long id = atCheck();
    data.event(data.as("erhebung@demo.test"), id, ev("STATEMENT").put("reasons", "Ich muss meine Mutter pflegen."));
    JsonObject h = data.as("sfa@demo.test").get("/api/cascades/" + id + "/dossier").json().getJsonObject("hearing");
    assertEquals("Ich muss meine Mutter pflegen.", h.getString("statement"));
    assertFalse(h.getBoolean("confirmed"));
    assertEquals("de", h.getString("language"), "the person's own language");
    assertEquals(0, app.count("select count(*) from audit_log where reasons like '%Mutter pflegen%'"));
  }

  // ---- the dossier says where the sanction stands ----

  private static JsonObject sanction(long id) {
    return data.as("sfa@demo.test").get("/api/cascades/" + id + "/dossier").json().getJsonObject("sanction");
  }

  private static long proposed() {
    long id = atCheck();
    TestClient erhebung = data.as("erhebung@demo.test");
    assertEquals(200, erhebung.post("/api/cascades/" + id + "/hearing", record()).status());
    data.event(erhebung, id, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Keine triftigen Gründe"));
    return id;
  }

  @Test
  void theDossierSaysProposedUntilTheDecisionThenWhoDecidedWhatWhenAndWhy() {
    long id = proposed();
    JsonObject d = data.as("sfa@demo.test").get("/api/cascades/" + id + "/dossier").json();
    assertEquals("PROPOSED", d.getJsonObject("sanction").getString("status"));
    assertTrue(d.getBoolean("proposal"));
    data.event(data.as("sfa@demo.test"), id, ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Vereitelung ohne triftigen Grund"));
    d = data.as("sfa@demo.test").get("/api/cascades/" + id + "/dossier").json();
    JsonObject s = d.getJsonObject("sanction");
    assertEquals("IMPOSED", s.getString("status"));
    assertFalse(d.getBoolean("proposal"), "no longer only proposed");
    assertEquals("IMPOSE", s.getJsonObject("decision").getString("decision"));
    assertEquals("Markus Lehner", s.getJsonObject("decision").getJsonObject("by").getString("name"));
    assertEquals("SFA", s.getJsonObject("decision").getJsonObject("by").getString("role"));
    assertEquals("Vereitelung ohne triftigen Grund", s.getJsonObject("decision").getString("reasons"));
    String page = data.as("sfa@demo.test").get("/staff/cascades/" + id + "/dossier").body();
    assertTrue(page.contains("data-status=\"IMPOSED\"") && page.contains("Sanktion verhängt.") && !page.contains("schlägt eine Sanktion vor"), page);
    // a job start within the waiver period, then the waiver
    data.event(data.as("sfa@demo.test"), id, ev("JOB_START").put("jobStart", java.time.Instant.now().minusSeconds(60).toString()));
    assertEquals("WAIVER_CONSIDERATION", sanction(id).getString("status"));
    data.event(data.as("sfa@demo.test"), id, ev("WAIVE").put("reasons", "Arbeit aufgenommen"));
    s = sanction(id);
    assertEquals("WAIVED", s.getString("status"));
    assertEquals("WAIVE", s.getJsonObject("waiver").getString("event"));
    assertEquals("IMPOSE", s.getJsonObject("decision").getString("decision"), "the decision it waived stays shown");
  }

  @Test
  void theDossierSaysNotImposedNoSanctionAndClosedWithWhatItWasClosedFrom() throws Exception {
    long notImposed = proposed();
    data.event(data.as("sfa@demo.test"), notImposed, ev("DECIDE").put("decision", "DO_NOT_IMPOSE").put("reasons", "Betreuung glaubhaft"));
    assertEquals("NOT_IMPOSED", sanction(notImposed).getString("status"));
    long justified = atCheck();
    TestClient erhebung = data.as("erhebung@demo.test");
    assertEquals(200, erhebung.post("/api/cascades/" + justified + "/hearing", record()).status());
    data.event(erhebung, justified, ev("FINDING").put("finding", "JUSTIFIED").put("reasons", "Betreuung belegt"));
    JsonObject s = sanction(justified);
    assertEquals("NO_SANCTION", s.getString("status"));
    assertNull(s.getValue("decision"));
    await(app.app().services().cases().cascades().closeDue(Duration.ZERO));
    s = sanction(notImposed);
    assertEquals("CLOSED", s.getString("status"));
    assertEquals("NOT_IMPOSED", s.getString("closedFrom"));
    assertEquals("DO_NOT_IMPOSE", s.getJsonObject("decision").getString("decision"));
    assertTrue(s.getString("closedAt") != null);
    assertEquals("NO_SANCTION", sanction(justified).getString("closedFrom"));
    String page = data.as("sfa@demo.test").get("/staff/cascades/" + notImposed + "/dossier").body();
    assertTrue(page.contains("Sanktion nicht verhängt. Abgeschlossen."), page);
  }
}
