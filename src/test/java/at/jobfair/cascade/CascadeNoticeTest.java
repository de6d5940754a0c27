package at.jobfair.cascade;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static at.jobfair.cascade.CascadeTestData.assertRefused;
import static at.jobfair.cascade.CascadeTestData.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's defects of the cascade's legal path, each against the running service and the database's own guard: a
 * decline leads to a sanction check only for a vacancy proposed with a provably delivered notice (the mail sent, or
 * handed over at the station); admission only while the fair runs.
 */
class CascadeNoticeTest {

  static TestApp app;
  static CascadeTestData data;
  static long sfa;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600));
    data = new CascadeTestData(app);
    sfa = data.fx().accountId("sfa@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A binding person at a campaign fair (offer, check, decision) whose placement proposal was the cook's job. */
  private record Anna(long fair, long koch, long backstube, long person) {
  }

  private Anna anna(String proposalMail) {
    long fair = data.fair("CAMPAIGN");
    long backstube = data.vacancy(fair, null, "Backstubenhelfer:in");
    long koch = data.vacancy(fair, null, "Koch / Köchin");
    // the person's booking is binding; the proposal (if any) is given below with its own mail status
    long person = data.person(koch, "VOLUNTARY", sfa, "UNEMPLOYMENT_BENEFIT");
    data.fx().exec("update booking set legal_basis = 'BINDING' where jobseeker_id = ?", person);
    if (proposalMail != null) data.proposal(koch, person, proposalMail);
    return new Anna(fair, koch, backstube, person);
  }

  private long taken(Anna a) {
    TestClient sfu = data.as("sfu@demo.test");
    long id = data.admit(sfu, a.fair(), a.person());
    data.next(sfu, data.stations(sfu, a.fair()).getLong("OFFER"));
    return id;
  }

  @Test
  void theDeclineOfAVacancyThatWasNotProposedIsRecordedButLeadsToNoSanctionCheck() {
    Anna a = anna("SENT");
    long id = taken(a);
    JsonObject c = data.event(data.as("sfu@demo.test"), id, ev("OFFER_DECLINED").put("vacancyId", a.backstube()).put("reasons", "Nachtschicht"));
    assertEquals("ENDED_NO_SANCTION_CHECK", c.getString("state"));
    assertEquals(1, app.count("select count(*) from cascade_step where cascade_id = " + id + " and event = 'OFFER_DECLINED' and vacancy_id = "
        + a.backstube()));
    assertEquals(0, app.count("select count(*) from cascade where id = " + id + " and notice_declined"));
  }

  @Test
  void theDeclineOfTheProposedVacancyWithItsMailSentLeadsToTheSanctionCheck() {
    Anna a = anna("SENT");
    long id = taken(a);
    JsonObject c = data.event(data.as("sfu@demo.test"), id, ev("OFFER_DECLINED").put("vacancyId", a.koch()).put("reasons", "Zu weit"));
    assertEquals("WAITING", c.getString("state"));
    assertEquals("SANCTION_CHECK", c.getString("station"));
  }

  @Test
  void aProposalWhoseMailIsStillQueuedOrFailedIsNoProvableNoticeAndLeadsToNoSanctionCheck() {
    for (String status : new String[] {"QUEUED", "FAILED", "UNCERTAIN"}) {
      Anna a = anna(status);
      long id = taken(a);
      JsonObject c = data.event(data.as("sfu@demo.test"), id, ev("OFFER_DECLINED").put("vacancyId", a.koch()).put("reasons", "Zu weit"));
      assertEquals("ENDED_NO_SANCTION_CHECK", c.getString("state"), status);
    }
  }

  @Test
  void aProposalHandedOverAtTheStationIsTheProvableDeliveryAndGoesIntoTheDossier() {
    Anna a = anna(null);
    long id = taken(a);
    TestClient sfu = data.as("sfu@demo.test");
    var r = sfu.post("/api/cascades/" + id + "/handovers", new JsonObject().put("vacancyId", a.koch()));
    assertEquals(200, r.status(), r.body());
    // again: nothing new
    assertEquals(200, sfu.post("/api/cascades/" + id + "/handovers", new JsonObject().put("vacancyId", a.koch())).status());
    assertEquals(1, app.count("select count(*) from cascade_handover where cascade_id = " + id));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'cascade:" + id + "' and event = 'HANDOVER'"));
    JsonObject c = data.event(sfu, id, ev("OFFER_DECLINED").put("vacancyId", a.koch()).put("reasons", "Zu weit"));
    assertEquals("SANCTION_CHECK", c.getString("station"));
    JsonObject d = data.as("sfa@demo.test").get("/api/cascades/" + id + "/dossier").json();
    JsonObject h = d.getJsonArray("handovers").getJsonObject(0);
    assertEquals(a.koch(), h.getJsonObject("vacancy").getLong("id"));
    assertEquals(1, h.getInteger("noticeVersion"));
    assertEquals("Sabine Fuchs", h.getJsonObject("by").getString("name"));
  }

  @Test
  void aProposalMadeUnderTheCatalogueWithItsMailSentCountsAsANoticedProposal() {
    Anna a = anna(null);
    String[] basis = new String[2];
    try (var c = app.jdbc(); var s = c.createStatement();
         var rs = s.executeQuery("select code, version from legal_basis where obligation = 'BINDING' order by code, version limit 1")) {
      rs.next();
      basis[0] = rs.getString(1);
      basis[1] = rs.getString(2);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    long outbox = app.insert("insert into mail_outbox (kind, ref, to_address, subject, body_text, status, sent_at) values "
        + "('INVITATION', 'catalogue-proposal:' || ?, ?, 'Vermittlungsvorschlag', 'Text', 'SENT', now()) returning id", a.person(), data.email(a.person()));
    app.insert("insert into invitation (kind, legal_basis, jobseeker_id, fair_id, booth_id, vacancy_id, vacancy_title, deadline, outbox_id, "
        + "basis_code, basis_version, notice_language) select 'PLACEMENT_PROPOSAL', 'BINDING', ?, b.fair_id, b.id, v.id, v.title, "
        + "now() + interval '1 day', ?, ?, ?, 'de' from vacancy v join booth b on b.id = v.booth_id where v.id = ? returning id",
        a.person(), outbox, basis[0], Integer.parseInt(basis[1]), a.koch());
    long id = taken(a);
    JsonObject c = data.event(data.as("sfu@demo.test"), id, ev("OFFER_DECLINED").put("vacancyId", a.koch()).put("reasons", "Zu weit"));
    assertEquals("SANCTION_CHECK", c.getString("station"));
  }

  @Test
  void aHandOverIsRefusedForVoluntaryParticipantsOthersThanTheSfuAndAVacancyOfAnotherFair() {
    long fair = data.fair("CAMPAIGN");
    long vacancy = data.vacancy(fair, null, "Koch");
    long person = data.person(vacancy, "VOLUNTARY", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient sfu = data.as("sfu@demo.test");
    long id = data.admit(sfu, fair, person);
    assertRefused(sfu.post("/api/cascades/" + id + "/handovers", new JsonObject().put("vacancyId", vacancy)), 409, "handover_not_here");
    data.next(sfu, data.stations(sfu, fair).getLong("OFFER"));
    assertRefused(sfu.post("/api/cascades/" + id + "/handovers", new JsonObject().put("vacancyId", vacancy)), 409, "handover_not_binding");
    assertEquals(403, data.as("sfa@demo.test").post("/api/cascades/" + id + "/handovers", new JsonObject().put("vacancyId", vacancy)).status());
    Anna a = anna(null);
    long other = taken(a);
    assertRefused(sfu.post("/api/cascades/" + other + "/handovers", new JsonObject().put("vacancyId", vacancy)), 400, "vacancy_not_at_fair");
    assertRefused(sfu.post("/api/cascades/" + other + "/handovers", new JsonObject()), 400, "vacancy_required");
  }

  @Test
  void theDatabaseRefusesASanctionCheckWithoutANoticedDeclineWhateverTheCode() {
    Anna a = anna("QUEUED");
    long id = taken(a);
    data.event(data.as("sfu@demo.test"), id, ev("OFFER_DECLINED").put("vacancyId", a.backstube()).put("reasons", "Nachtschicht"));
    // straight into the table, around the service: a case at the offer station may not enter the sanction check
    long atOffer = taken(anna("QUEUED"));
    String refused = data.sqlError("update cascade set state = 'WAITING', station = 'SANCTION_CHECK' where id = ?", atOffer);
    assertTrue(refused != null && refused.startsWith("23514") && refused.contains("no sanction check without"), refused);
    // nor may the flag be set without a declined vacancy that was proposed with a delivered notice (checked at commit)
    String flag = data.sqlError("update cascade set notice_declined = true where id = ?", id);
    assertTrue(flag != null && flag.startsWith("23514") && flag.contains("delivered notice"), flag);
    // once the proposal's mail was sent, the same decline (of the proposed vacancy) would carry it
    Anna b = anna("SENT");
    long ok = taken(b);
    data.event(data.as("sfu@demo.test"), ok, ev("OFFER_DECLINED").put("vacancyId", b.backstube()).put("reasons", "Nachtschicht"));
    assertEquals("23514", data.sqlState("update cascade set notice_declined = true where id = ?", ok), "the declined vacancy was not proposed");
  }

  @Test
  void admissionWaitsForTheFairAndEndsWithIt() {
    TestClient sfu = data.as("sfu@demo.test");
    long later = data.fair("CAMPAIGN");
    data.fx().exec("update fair set starts_at = '2027-03-10 08:00+01', ends_at = '2027-03-10 16:00+01' where id = ?", later);
    long vacancy = data.vacancy(later, null, "Koch");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    assertRefused(sfu.post("/api/fairs/" + later + "/cascades", new JsonObject().put("jobseekerId", person)), 409, "fair_not_started");
    assertEquals(0, app.count("select count(*) from cascade where fair_id = " + later));
    long over = data.fair("CAMPAIGN");
    data.fx().exec("update fair set starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' where id = ?", over);
    long p2 = data.person(data.vacancy(over, null, "Koch"), "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    assertRefused(sfu.post("/api/fairs/" + over + "/cascades", new JsonObject().put("jobseekerId", p2)), 409, "fair_over");
    // the database refuses it too: a cascade checked in for a fair in March 2027
    String refused = data.sqlError("insert into cascade (fair_id, jobseeker_id, state, station, legal_basis) values (?, ?, 'WAITING', 'OFFER', 'BINDING')",
        later, person);
    assertTrue(refused != null && refused.startsWith("23514") && refused.contains("while the fair runs"), refused);
    // and no station step before the start: a case of a fair moved to later cannot be taken
    long now = data.fair("CAMPAIGN");
    long p3 = data.person(data.vacancy(now, null, "Koch"), "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    long id = data.admit(sfu, now, p3);
    data.fx().exec("update fair set starts_at = now() + interval '1 day', ends_at = now() + interval '2 days' where id = ?", now);
    assertRefused(sfu.post("/api/stations/" + data.stations(sfu, now).getLong("OFFER") + "/next", new JsonObject()), 409, "fair_not_started");
    assertNull(data.sqlState("update cascade set station = 'OFFER' where id = ?", id), "unchanged station is fine");
    assertEquals("23514", data.sqlState("update cascade set state = 'AT_STATION' where id = ?", id));
  }
}
