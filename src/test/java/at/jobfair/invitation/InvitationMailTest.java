package at.jobfair.invitation;

import at.jobfair.App;
import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invitation emails over SMTP: a mass mailing sent again (also after a restart) mails nobody twice; delivery is recorded. */
class InvitationMailTest {

  GreenMail smtp;

  @BeforeEach
  void smtp() {
    smtp = MailFixtures.smtp();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  Map<String, Object> settings() {
    return new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 100));
  }

  long received(String to) {
    long n = 0;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to)) n++;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return n;
  }

  MimeMessage first(String to) throws Exception {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to)) return m;
    }
    throw new AssertionError("nothing to " + to);
  }

  static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    String text = content instanceof String s ? s : ((Multipart) content).getBodyPart(0).getContent().toString();
    return text.replace("\r\n", "\n");
  }

  @Test
  void aMassMailingSentAgainAfterARestartMailsNobodyTwice() throws Exception {
    TestApp app = TestApp.start(settings());
    long fair;
    List<String> people;
    JsonObject mailing = new JsonObject().put("type", "MASS_MAILING").put("criteria", new JsonObject().put("targetGroup", "Jugend"));
    try {
      Fixtures fx = new Fixtures(app);
      fair = fx.fair("Jugendbörse", true, 0);
      people = fx.jobseekers("youth", 4);
      for (String p : people) fx.exec("update jobseeker set target_group = 'Jugend' where account_id = ?", fx.accountId(p));
      var r = app.client().signedIn("sfu@demo.test").post("/api/fairs/" + fair + "/invitations", mailing);
      assertEquals(201, r.status(), r.body());
      assertEquals(4, r.json().getInteger("count"));
      ReminderMailTest.waitUntil("four invitations", () -> people.stream().allMatch(p -> received(p) == 1));
    } finally {
      app.close();
    }
    try (App second = ReminderMailTest.another(app, settings())) {
      TestClient staff = new TestClient("http://127.0.0.1:" + second.port()).signedIn("organizer@demo.test");
      var again = staff.post("/api/fairs/" + fair + "/invitations", mailing);
      assertEquals(201, again.status(), again.body());
      assertEquals(0, again.json().getInteger("count"));
      Thread.sleep(1_000);
    }
    for (String p : people) assertEquals(1, received(p), p);
    // nobody else got an invitation (the demo's own letter to its person is no invitation)
    assertEquals(4, people.stream().mapToLong(this::received).sum());
    long toOthers = 0;
    for (var m : smtp.getReceivedMessages()) {
      if (!((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress().endsWith("@demo.test")) toOthers++;
    }
    // the demo's own mails (its decision letter, its requests for reasons and their letters) go to its own people
    assertEquals(4, toOthers, "the four invitations and nothing else");
    String text = text(first(people.get(0)));
    assertTrue(text.contains("freiwillig"), text);
    assertTrue(text.contains("https://jobs.example.org/invitations/link/"), text);
  }

  @Test
  void aProposalArrivesInThePersonsLanguageWithTheNoticeAndItsDeliveryIsRecorded() throws Exception {
    try (TestApp app = TestApp.start(settings())) {
      Fixtures fx = new Fixtures(app);
      long fair = fx.fair("Proposal fair", true, 0);
      long booth = fx.booth(fair, fx.employer("Alpine Jobs"));
      fx.exec("insert into vacancy (booth_id, title) values (?, 'Waiter')", booth);
      long vacancy = app.count("select max(id) from vacancy where booth_id = " + booth);
      String email = fx.jobseekers("english", 1).get(0);
      fx.exec("update account set language = 'en' where email = ?", email);
      fx.exec("update jobseeker set benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", fx.accountId(email));
      var r = app.client().signedIn("sfa@demo.test").post("/api/fairs/" + fair + "/invitations", new JsonObject()
          .put("type", "PLACEMENT_PROPOSAL").put("jobseekerEmail", email).put("vacancyId", vacancy)
          .put("deadline", Instant.now().plus(Duration.ofDays(3)).toString()));
      assertEquals(201, r.status(), r.body());
      long id = r.json().getLong("id");
      ReminderMailTest.waitUntil("the proposal", () -> received(email) == 1);
      MimeMessage m = first(email);
      assertEquals("Placement proposal: Waiter at Alpine Jobs", m.getSubject());
      String text = text(m);
      assertTrue(text.startsWith("Dear Person english 0,"), "a binding notice opens formally: " + text);
      assertFalse(text.contains("Hello"), text);
      assertTrue(text.contains("NOTICE OF LEGAL CONSEQUENCES\nLegal basis: Section 10 of the Unemployment Insurance Act (AlVG)"), text);
      assertTrue(text.contains("version AT_ALVG_10/1"), text);
      assertTrue(text.contains("you lose your unemployment benefit or emergency assistance for at least six weeks"), text);
      assertTrue(text.contains("The German text is the binding one:\nRechtsfolgenbelehrung: Dieser Vermittlungsvorschlag ist verbindlich."), text);
      assertTrue(text.contains("https://jobs.example.org/invitations/link/"), text);
      ReminderMailTest.waitUntil("delivery recorded", () -> app.count(
          "select count(*) from invitation i join mail_outbox o on o.id = i.outbox_id where o.status = 'SENT' and i.id = " + id) == 1);
      TestClient person = app.client();
      person.signIn(email, Fixtures.PASSWORD);
      JsonObject mine = person.get("/api/me/invitations").array().getJsonObject(0);
      assertNotNull(mine.getString("deliveredAt"));
      assertNull(mine.getString("firstOpenedAt"));
      assertEquals("BINDING", mine.getString("legalBasis"));
      assertEquals("Waiter", mine.getJsonObject("vacancy").getString("title"));
    }
  }

  @Test
  void aControlAppointmentArrivesAsAFormalLetterWithItsNoticeUnderAHeading() throws Exception {
    try (TestApp app = TestApp.start(settings())) {
      Fixtures fx = new Fixtures(app);
      long fair = fx.fair("Kontrollbörse", true, 0);
      long booth = fx.booth(fair, fx.employer("Donau Bau"));
      String email = fx.jobseekers("kontrolle", 1).get(0);
      fx.exec("update jobseeker set benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", fx.accountId(email));
      var r = app.client().signedIn("sfa@demo.test").post("/api/fairs/" + fair + "/invitations", new JsonObject()
          .put("type", "CONTROL_APPOINTMENT").put("jobseekerEmail", email).put("boothId", booth)
          .put("deadline", Instant.now().plus(Duration.ofDays(3)).toString()));
      assertEquals(201, r.status(), r.body());
      ReminderMailTest.waitUntil("the control appointment", () -> received(email) == 1);
      MimeMessage m = first(email);
      assertTrue(m.getSubject().startsWith("Kontrolltermin bei Donau Bau: bitte bis "), m.getSubject());
      String text = text(m);
      assertTrue(text.startsWith("Guten Tag Person kontrolle 0,\n"), "never \"Hallo\" before a binding notice: " + text);
      assertFalse(text.contains("Hallo"), text);
      assertTrue(text.contains("\nRECHTSFOLGENBELEHRUNG\nRechtsgrundlage: § 49 Arbeitslosenversicherungsgesetz (AlVG), Kontrollmeldung (Fassung AT_ALVG_49/1)\n"), text);
      assertTrue(text.contains("Dieser Termin ist eine Kontrollmeldung nach § 49 AlVG."), text);
      assertTrue(text.endsWith("Mit freundlichen Grüßen\nArbeitsmarktservice (AMS)") || text.contains("Mit freundlichen Grüßen\nArbeitsmarktservice (AMS)\n"), text);
    }
  }
}
