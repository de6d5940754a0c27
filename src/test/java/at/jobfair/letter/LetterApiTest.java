package at.jobfair.letter;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Await;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static at.jobfair.cascade.CascadeTestData.ev;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Letters through the running product: a decision through the API produces the letter, kept with the case, mailed with
 * its PDF (GreenMail), audited; no decision letter without a decision (service and direct SQL); who may read it.
 */
class LetterApiTest {

  static GreenMail smtp;
  static TestApp app;
  static CascadeTestData data;
  static long hotel;
  static long sfa;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    var settings = MailFixtures.sendingTo(smtp.getSmtp().getPort(), 200);
    settings.put("attendance.pollSeconds", 3600);
    app = TestApp.start(settings);
    data = new CascadeTestData(app);
    hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    sfa = data.fx().accountId("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  /** A case: the person and their cascade. */
  record Case(long person, long id) {
  }

  /**
   * A new binding person (reading {@code language}) whose cascade was taken to a proposed sanction: both offers declined,
   * statement and finding by another SfA; their caseworker is sfa@demo.test.
   */
  static Case proposed(String language) {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, hotel, "Koch / Köchin");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    data.fx().exec("update account set language = ? where id = ?", language, person);
    JsonObject c = data.declineBoth(fair, vacancy, person);
    assertEquals("SANCTION_CHECK", c.getString("station"), c.encode());
    TestClient checker = data.as(data.staff("sfa-check", "SFA"));
    long id = c.getLong("id");
    data.next(checker, data.stations(checker, fair).getLong("SANCTION_CHECK"));
    data.event(checker, id, ev("STATEMENT").put("reasons", "Die Küche ist mir zu heiß."));
    c = data.event(checker, id, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Kein wichtiger Grund."));
    assertEquals("SANCTION_PROPOSED", c.getString("state"));
    return new Case(person, id);
  }

  /** A jobseeker of their own, with nothing else. */
  static long someone() {
    return data.fx().accountId(data.fx().jobseekers("someone" + System.nanoTime(), 1).get(0));
  }

  static String pdfText(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  static MimeMessage mailTo(String address) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address)) && m.getSubject().contains("JB-")) return m;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no letter reached " + address);
  }

  static BodyPart pdfPart(MimeMessage m) throws Exception {
    Multipart mp = (Multipart) m.getContent();
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.getContentType().startsWith("application/pdf")) return p;
    }
    throw new AssertionError("no PDF attached");
  }

  @Test
  void aDecisionThroughTheApiMailsTheLetterWithItsPdfAndKeepsItWithTheCaseAudited() throws Exception {
    Case k = proposed("en");
    long person = k.person();
    long id = k.id();
    assertEquals(0, app.count("select count(*) from letter where cascade_id = " + id), "a proposal is no decision: no letter yet");
    TestClient caseworker = data.as("sfa@demo.test");
    data.event(caseworker, id, ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Zumutbare Stelle ohne wichtigen Grund abgelehnt."));

    long step = app.count("select id from cascade_step where cascade_id = " + id + " and event = 'DECIDE'");
    assertEquals(1, app.count("select count(*) from letter where cascade_id = " + id + " and kind = 'DECISION' and outcome = 'IMPOSED' "
        + "and cascade_step_id = " + step + " and decided_by = " + sfa + " and decided_role = 'SFA' and languages = '{en,de}' "
        + "and basis_code = 'AT_ALVG_10' and sha256 = encode(sha256(pdf), 'hex')"));
    assertEquals(1, app.count("select count(*) from audit_log a join letter l on l.audit_seq = a.seq where l.cascade_id = " + id
        + " and a.subject = 'cascade:" + id + "' and a.event = 'LETTER' and a.to_state = 'DECISION/IMPOSED'"));
    assertTrue(caseworker.get("/api/audit/verify").json().getBoolean("ok"));

    MimeMessage mail = mailTo(data.email(person));
    assertTrue(mail.getSubject().startsWith("Decision: sanction imposed (JB-"), mail.getSubject());
    BodyPart attachment = pdfPart(mail);
    assertTrue(attachment.getFileName().matches("Schreiben-JB-\\d{4}-\\d{6}\\.pdf"), attachment.getFileName());
    byte[] mailed = attachment.getInputStream().readAllBytes();
    String text = pdfText(mailed);
    assertTrue(text.contains("Public Employment Service Austria (AMS)") && text.contains("Arbeitsmarktservice (AMS)") && text.contains("Decision: sanction imposed") && text.contains("Bescheid: Sanktion verhängt"), text);
    assertTrue(text.contains("Only the German text is legally binding.") && text.contains("Nur der deutsche Text ist rechtsverbindlich."), text);
    assertTrue(text.contains("Zumutbare Stelle ohne wichtigen Grund abgelehnt.") && text.contains("Bundesverwaltungsgericht"), text);
    assertTrue(text.contains("Service für Arbeitssuchende"), "names the role of who decided: " + text);
    String name = text("select name from account where id = " + sfa);
    assertTrue(text.contains(name), "names who decided (" + name + "): " + text);

    // The person finds the same file on their page and through the API.
    TestClient seeker = data.as(data.email(person));
    JsonArray mine = seeker.get("/api/me/letters?lang=en").json().getJsonArray("items");
    assertEquals(1, mine.size(), mine.encode());
    JsonObject letter = mine.getJsonObject(0);
    assertEquals("DECISION", letter.getString("kind"));
    assertEquals("Decision: sanction imposed", letter.getString("subject"));
    HttpResponse<byte[]> download = seeker.getBytes(letter.getString("download"));
    assertEquals(200, download.statusCode());
    assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(mailed, download.body(), "the kept letter is the mailed one");
    String page = seeker.get("/me/letters?lang=de").body();
    assertTrue(page.contains("Bescheid: Sanktion verhängt") && page.contains(letter.getString("reference")), page);

    // Staff who read the dossier see it there; the decider's name and role with it.
    JsonArray ofCase = caseworker.get("/api/cascades/" + id + "/letters").json().getJsonArray("items");
    assertEquals(letter.getLong("id"), ofCase.getJsonObject(0).getLong("id"));
    JsonObject dossier = caseworker.get("/api/cascades/" + id + "/dossier").json();
    assertEquals(1, dossier.getJsonArray("letters").size());
    String dossierPage = caseworker.get("/staff/cascades/" + id + "/dossier").body();
    assertTrue(dossierPage.contains("data-letter=\"" + letter.getLong("id") + "\""), dossierPage);
    assertEquals(200, caseworker.getBytes(letter.getString("download")).statusCode());
  }

  @Test
  void sendingBackProducesNoLetterADecisionNotToImposeDoes() {
    Case k = proposed("de");
    long id = k.id();
    TestClient caseworker = data.as("sfa@demo.test");
    data.event(caseworker, id, ev("DECIDE").put("decision", "SEND_BACK").put("reasons", "Bitte die Arbeitszeiten klären."));
    assertEquals(0, app.count("select count(*) from letter where cascade_id = " + id), "sending back decides nothing");
    long fair = app.count("select fair_id from cascade where id = " + id);
    TestClient checker = data.as(data.staff("sfa-again", "SFA"));
    data.next(checker, data.stations(checker, fair).getLong("SANCTION_CHECK"));
    data.event(checker, id, ev("STATEMENT").put("reasons", "Ich arbeite nur vormittags, wegen der Kinder."));
    data.event(checker, id, ev("FINDING").put("finding", "UNCLEAR").put("reasons", "Arbeitszeiten nicht geklärt."));
    data.event(caseworker, id, ev("DECIDE").put("decision", "DO_NOT_IMPOSE").put("reasons", "Gründe glaubhaft."));
    assertEquals(1, app.count("select count(*) from letter where cascade_id = " + id + " and kind = 'DECISION' and outcome = 'NOT_IMPOSED' "
        + "and languages = '{de}'"));
    assertEquals(1, app.count("select count(*) from letter where cascade_id = " + id));
  }

  @Test
  void aWaiverGrantedAfterAJobStartProducesAWaiverLetterAfterTheDecisionLetter() throws Exception {
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
    data.event(caseworker, id, ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Ohne Grund abgelehnt."));
    data.event(caseworker, id, ev("JOB_START").put("jobStart", Instant.now().minusSeconds(300).toString()));
    assertEquals(1, app.count("select count(*) from letter where cascade_id = " + id), "a job start is no decision");
    data.event(caseworker, id, ev("WAIVE").put("reasons", "Arbeit begonnen."));
    assertEquals(1, app.count("select count(*) from letter l join cascade_step s on s.id = l.cascade_step_id where l.cascade_id = " + id
        + " and l.kind = 'WAIVER' and l.outcome = 'GRANTED' and s.event = 'WAIVE'"));
    JsonArray mine = data.as(data.email(person)).get("/api/me/letters").json().getJsonArray("items");
    assertEquals(java.util.List.of("WAIVER", "DECISION"), mine.stream().map(o -> ((JsonObject) o).getString("kind")).toList(), "newest first");
    long waiver = mine.getJsonObject(0).getLong("id");
    String text = pdfText(data.as(data.email(person)).getBytes("/api/letters/" + waiver + "/pdf").body());
    assertTrue(text.contains("Bescheid: Nachsicht gewährt") && text.contains("Arbeit begonnen.") && text.contains("Rechtsmittelbelehrung"), text);
  }

  @Test
  void noDecisionLetterWithoutTheDecisionNeitherThroughTheServiceNorByDirectSql() {
    Case k = proposed("de");
    long person = k.person();
    long id = k.id();
    long statement = app.count("select id from cascade_step where cascade_id = " + id + " and event = 'STATEMENT'");
    long checker = app.count("select actor_id from cascade_step where id = " + statement);
    Letters letters = app.app().services().letters();
    LetterRequest pretended = LetterRequest.ofCascade(LetterKind.DECISION, "IMPOSED", person, id, statement, letters.basis("AT_ALVG_10", 1).orElseThrow(),
        checker, "SFA", "Börse", "Vorgriff", Instant.now());
    Throwable refused = assertFails(app.app().pool().withTransaction(tx -> letters.issue(tx, pretended)));
    assertTrue(refused instanceof PgException pg && "23514".equals(pg.getSqlState()) && pg.getMessage().contains("DECISION"), String.valueOf(refused));
    assertEquals(0, app.count("select count(*) from letter where cascade_id = " + id));
    assertEquals(0, app.count("select count(*) from mail_outbox where kind = 'LETTER' and to_address = '" + data.email(person) + "'"),
        "the refused letter's email went with its transaction");

    // By hand: no step, a step that is no decision, a decision of another outcome, or someone else named as decider.
    long outbox = app.count("select id from mail_outbox order by id limit 1");
    String insert = "insert into letter (kind, outcome, jobseeker_id, case_ref, cascade_id, cascade_step_id, reference, languages, "
        + "decided_by, decided_role, pdf, sha256, outbox_id, audit_seq) values ('DECISION', ?, ?, ?, ?, ?, ?, '{de}', ?, 'SFA', "
        + "'\\x25504446'::bytea, encode(sha256('\\x25504446'::bytea), 'hex'), ?, ?)";
    assertEquals("23514", data.sqlState(insert, "IMPOSED", person, "cascade:" + id, id, null, "X-1", sfa, outbox, -1L));
    assertEquals("23514", data.sqlState(insert, "IMPOSED", person, "cascade:" + id, id, statement, "X-2", checker, outbox, -2L));
    TestClient caseworker = data.as("sfa@demo.test");
    data.event(caseworker, id, ev("DECIDE").put("decision", "DO_NOT_IMPOSE").put("reasons", "Gründe glaubhaft."));
    long decide = app.count("select id from cascade_step where cascade_id = " + id + " and event = 'DECIDE'");
    assertEquals("23514", data.sqlState(insert, "IMPOSED", person, "cascade:" + id, id, decide, "X-3", sfa, outbox, -3L),
        "the letter must report the decision taken");
    assertEquals("23514", data.sqlState(insert, "NOT_IMPOSED", person, "cascade:" + id, id, decide, "X-4", checker, outbox, -4L),
        "the letter must name who decided");
    String error = data.sqlError(insert, "NOT_IMPOSED", person, "cascade:" + id, id, decide, "X-5", sfa, outbox, -5L);
    assertTrue(error != null && error.contains("letter_step_unique") || error != null && error.startsWith("23505"),
        "one letter per decision: the product already wrote it: " + error);

    // Kept as written: no change, no removal.
    assertEquals("42501", data.sqlState("update letter set reference = 'X' where cascade_id = ?", id));
    assertEquals("42501", data.sqlState("delete from letter where cascade_id = ?", id));
  }

  @Test
  void aLetterWhoseStepRollsBackIsNeitherKeptNorMailed() {
    long person = someone();
    Letters letters = app.app().services().letters();
    long before = app.count("select count(*) from mail_outbox where kind = 'LETTER'");
    LetterRequest r = new LetterRequest(LetterKind.CASE_OPENED, null, person, "noshow:991", null, null, letters.basis("AT_ALVG_10", 1).orElseThrow(),
        null, null, "Termin", null, null, Instant.now());
    Throwable e = assertFails(app.app().pool().withTransaction(tx -> letters.issue(tx, r)
        .compose(idLetter -> Future.failedFuture(new IllegalStateException("the step failed after its letter")))));
    assertEquals("the step failed after its letter", e.getMessage());
    assertEquals(0, app.count("select count(*) from letter where case_ref = 'noshow:991'"));
    assertEquals(before, app.count("select count(*) from mail_outbox where kind = 'LETTER'"));

    // The start's warm-up render writes nothing.
    await(letters.warmUp());
    assertEquals(0, app.count("select count(*) from letter where case_ref in ('noshow:991', 'cascade:0')"));
    // Committed, the same letter is kept and mailed: the no-show path's case points here by its reference.
    long id = await(app.app().pool().withTransaction(tx -> letters.issue(tx, r)));
    assertEquals(1, app.count("select count(*) from letter where id = " + id + " and case_ref = 'noshow:991' and cascade_id is null "
        + "and outbox_id is not null and decided_by is null"));
  }

  @Test
  void onlyThePersonAndStaffWhoReadCasesGetALetterNeverAnotherPersonOrAnEmployer() {
    Case k = proposed("de");
    long person = k.person();
    long id = k.id();
    data.event(data.as("sfa@demo.test"), id, ev("DECIDE").put("decision", "IMPOSE").put("reasons", "Ohne Grund abgelehnt."));
    long letter = app.count("select id from letter where cascade_id = " + id);
    String pdf = "/api/letters/" + letter + "/pdf";
    assertEquals(200, data.as(data.email(person)).getBytes(pdf).statusCode());
    TestClient other = data.as(data.email(someone()));
    var r = other.get(pdf);
    CascadeTestData.assertRefused(r, 404, "letter_not_found");
    assertTrue(other.get("/api/me/letters").json().getJsonArray("items").isEmpty());
    CascadeTestData.assertRefused(data.as("employer@demo.test").get(pdf), 403, "forbidden_role");
    CascadeTestData.assertRefused(data.as("employer@demo.test").get("/api/cascades/" + id + "/letters"), 403, "forbidden_role");
    assertEquals(403, data.as("sfu@demo.test").get(pdf).status(), "the employer service reads no dossier");
    assertEquals(401, app.client().get(pdf).status());
    assertEquals(200, data.as("kommune@demo.test").getBytes(pdf).statusCode());
    CascadeTestData.assertRefused(data.as(data.email(person)).get("/api/letters/999999999/pdf"), 404, "letter_not_found");
  }

  static String text(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable assertFails(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("succeeded");
  }
}
