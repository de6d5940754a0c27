package at.jobfair.letter;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.letter.LetterCases.Case;
import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Await;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static at.jobfair.cascade.CascadeTestData.ev;
import static at.jobfair.letter.LetterCases.pdfText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Letters through the running product: a decision through the API produces the letter, kept with the case, mailed with
 * its PDF (GreenMail), audited; sending back produces none, a waiver its own; who may read it.
 */
class LetterApiTest {

  static GreenMail smtp;
  static TestApp app;
  static CascadeTestData data;
  static LetterCases cases;
  static long sfa;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    var settings = MailFixtures.sendingTo(smtp.getSmtp().getPort(), 200);
    settings.put("attendance.pollSeconds", 3600);
    app = TestApp.start(settings);
    cases = new LetterCases(app);
    data = cases.data;
    sfa = cases.sfa;
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  static Case proposed(String language) {
    return cases.proposed(language);
  }

  static long someone() {
    return cases.someone();
  }

  static String text(String sql) {
    return cases.text(sql);
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
    // staff by relation (a case's letter is sanction data): the caseworker, never the municipality for someone not on
    // minimum income, nor organisers (administration)
    assertEquals(200, data.as("sfa@demo.test").getBytes(pdf).statusCode());
    assertEquals(404, data.as("kommune@demo.test").getBytes(pdf).statusCode());
    assertEquals(404, data.as("organizer@demo.test").getBytes(pdf).statusCode());
    assertEquals(200, data.as("sfa@demo.test").get("/api/cascades/" + id + "/letters").status());
    assertEquals(404, data.as("kommune@demo.test").get("/api/cascades/" + id + "/letters").status());
    CascadeTestData.assertRefused(data.as(data.email(person)).get("/api/letters/999999999/pdf"), 404, "letter_not_found");
  }

}
