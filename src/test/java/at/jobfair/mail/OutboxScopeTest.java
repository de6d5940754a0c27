package at.jobfair.mail;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static at.jobfair.mail.MailFixtures.enqueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox holds everyone's letters: SfA and SfU see only mails to people they relate to; organisers see every
 * message, but the text and files of a case letter only staff who may read the person's benefit data (logged).
 */
class OutboxScopeTest {

  static TestApp app;
  static Fixtures fx;
  static long ownPerson;
  static long stranger;
  static long booking;
  static long letter;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    ownPerson = fx.accountId(fx.jobseekers("outbox-own", 1).get(0));
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", fx.accountId("sfa@demo.test"), ownPerson);
    stranger = fx.accountId(fx.jobseekers("outbox-stranger", 1).get(0));
    Outbox outbox = new Outbox(new OutboxStore(app.app().pool()), false);
    booking = enqueue(app.app().pool(), outbox, Mail.text(fx.email(stranger), "Fremd", "Ihr Termin", "Termin am Montag", "BOOKING_CONFIRMED", "booking:scope"));
    letter = enqueue(app.app().pool(), outbox, new Mail(fx.email(ownPerson), "Eigen", "Bescheid", "Leistung wird gemindert", null,
        List.of(new Mail.Attachment("bescheid.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))), "LETTER", "letter:scope"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static List<Long> ids(TestClient c) {
    JsonArray all = c.get("/api/outbox?limit=500").array();
    return all.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  @Test
  void aCaseworkerSeesOnlyMailsToTheirOwnPeopleAndTheSfuWithoutAStationNone() {
    TestClient sfa = app.as("sfa@demo.test");
    assertTrue(ids(sfa).contains(letter));
    assertFalse(ids(sfa).contains(booking), "not the caseworker's person");
    assertEquals(404, sfa.get("/admin/outbox/" + booking).status());
    assertFalse(sfa.get("/admin/outbox").body().contains("Termin am Montag"));
    TestClient sfu = app.as("sfu@demo.test");
    assertFalse(ids(sfu).contains(letter));
    assertFalse(ids(sfu).contains(booking));
    assertEquals(404, sfu.get("/admin/outbox/" + letter + "/attachments/0").status());
    TestClient org = app.as("organizer@demo.test");
    assertTrue(ids(org).containsAll(List.of(letter, booking)), "organisers administer every message");
  }

  @Test
  void aCaseLettersTextIsForTheCaseworkerAndTheReadIsLoggedOrganisersSeeItsEnvelope() {
    String asOrganiser = app.as("organizer@demo.test").get("/admin/outbox/" + letter).body();
    assertTrue(asOrganiser.contains("Bescheid"), "the subject");
    assertFalse(asOrganiser.contains("Leistung wird gemindert"), "not the text");
    assertTrue(asOrganiser.contains("body-hidden"));
    assertEquals(404, app.as("organizer@demo.test").get("/admin/outbox/" + letter + "/attachments/0").status());
    assertTrue(app.as("organizer@demo.test").get("/admin/outbox/" + booking).body().contains("Termin am Montag"), "not a case mail");

    long before = app.count("select count(*) from data_access where jobseeker_id = " + ownPerson + " and what = 'case_mail' and why = 'CASEWORKER'");
    TestClient sfa = app.as("sfa@demo.test");
    assertTrue(sfa.get("/admin/outbox/" + letter).body().contains("Leistung wird gemindert"));
    assertEquals(200, sfa.get("/admin/outbox/" + letter + "/attachments/0").status());
    assertEquals(before + 2, app.count("select count(*) from data_access where jobseeker_id = " + ownPerson + " and what = 'case_mail' and why = 'CASEWORKER'"),
        "each read is in the person's access log");
  }
}
