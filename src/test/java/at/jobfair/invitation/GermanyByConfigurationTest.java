package at.jobfair.invitation;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static at.jobfair.cascade.CascadeTestData.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A German operator runs the product by configuration alone ({@code jurisdiction=DE}): Germany's benefit types, bases
 * and notices from DE.json, no Austrian authority or law shown to anybody, and the demo makes sense.
 */
class GermanyByConfigurationTest {

  static TestApp app;
  static Fixtures fx;
  static long fair;
  static long booth;
  static long vacancy;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("jurisdiction", "DE", "timezone", "Europe/Berlin"));
    fx = new Fixtures(app);
    fair = fx.fair("Jobmesse Berlin", true, 0);
    booth = fx.booth(fair, fx.employer("Spree Logistik"));
    fx.exec("insert into vacancy (booth_id, title) values (?, 'Lagerist:in')", booth);
    vacancy = app.count("select max(id) from vacancy where booth_id = " + booth);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String person(String prefix, String benefit) {
    String email = fx.jobseekers(prefix, 1).get(0);
    fx.exec("update jobseeker set benefit_type = ? where account_id = ?", benefit, fx.accountId(email));
    // in the demo SfA's caseload: only the caseworker reads and records the benefit type
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", fx.accountId("sfa@demo.test"), fx.accountId(email));
    return email;
  }

  static TestClient.Response invite(JsonObject body) {
    return app.client().signedIn("sfa@demo.test").post("/api/fairs/" + fair + "/invitations",
        body.put("deadline", Instant.now().plus(Duration.ofDays(1)).toString()));
  }

  static String text(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String mail(String email) {
    return text("select body_text from mail_outbox where kind = 'INVITATION' and to_address = '" + email + "' order by id desc limit 1");
  }

  static void noAustrianWording(String what, String text) {
    for (String austrian : List.of("AMS", "AlVG", "Arbeitsmarktservice", "Notstandshilfe", "Mindestsicherung", "Wiener Zeit")) {
      assertFalse(text.contains(austrian), what + " shows \"" + austrian + "\" to a German user: " + text);
    }
  }

  @Test
  void theDemoStartsWithJobseekersReceivingBuergergeldOrArbeitslosengeldAndGermanBases() {
    assertEquals(0, app.count("select count(*) from jobseeker where benefit_type not in ('CITIZENS_BENEFIT', 'UNEMPLOYMENT_BENEFIT')"));
    assertTrue(app.count("select count(*) from jobseeker where benefit_type = 'CITIZENS_BENEFIT'") >= 2);
    assertEquals(0, app.count("select count(*) from invitation where basis_code not like 'DE\\_%'"));
    assertEquals("DE_SGB2_31", text("select i.basis_code from invitation i join account a on a.id = i.jobseeker_id where a.email = 'ben@demo.test'"));
    assertEquals("DE_SGB3_159", text("select i.basis_code from invitation i join account a on a.id = i.jobseeker_id where a.email = 'anna@demo.test'"));
    assertEquals(0, app.count("select count(*) from legal_basis where jurisdiction = 'AT'"), "only Germany's catalogue is stored");
  }

  @Test
  void aProposalToABuergergeldRecipientCarriesTheNoticeOfSection31SgbII() {
    String email = person("buergergeld", "CITIZENS_BENEFIT");
    var r = invite(new JsonObject().put("type", "PLACEMENT_PROPOSAL").put("jobseekerEmail", email).put("vacancyId", vacancy));
    assertEquals(201, r.status(), r.body());
    assertEquals("DE_SGB2_31", r.json().getJsonObject("basis").getString("code"));
    String mail = mail(email);
    assertTrue(mail.startsWith("Guten Tag "), mail);
    assertTrue(mail.contains("Rechtsgrundlage: § 31 Zweites Buch Sozialgesetzbuch (SGB II)"), mail);
    assertTrue(mail.contains("Mit freundlichen Grüßen\nJobcenter / Agentur für Arbeit"), mail);
    noAustrianWording("the proposal mail", mail);

    TestClient seeker = app.client();
    assertEquals(200, seeker.signIn(email, Fixtures.PASSWORD).status());
    String page = seeker.get("/me/invitations").body();
    assertTrue(page.contains("§ 31 Zweites Buch Sozialgesetzbuch"), page);
    noAustrianWording("the invitation page", page);
  }

  @Test
  void aControlAppointmentToAnArbeitslosengeldRecipientRestsOnSection159SgbIII() {
    String email = person("alg", "UNEMPLOYMENT_BENEFIT");
    var r = invite(new JsonObject().put("type", "CONTROL_APPOINTMENT").put("jobseekerEmail", email).put("boothId", booth));
    assertEquals(201, r.status(), r.body());
    assertEquals("DE_SGB3_159_MELDE", r.json().getJsonObject("basis").getString("code"));
    String mail = mail(email);
    assertTrue(mail.contains("Rechtsgrundlage: § 159 Abs. 1 Satz 2 Nr. 6 Drittes Buch Sozialgesetzbuch (SGB III)"), mail);
    noAustrianWording("the control mail", mail);
  }

  @Test
  void theRecordOffersAndAcceptsExactlyGermanysBenefitTypes() {
    String email = person("leistung", null);
    long id = fx.accountId(email);
    TestClient sfa = app.client().signedIn("sfa@demo.test");
    String page = sfa.get("/staff/jobseekers/" + id).body();
    assertTrue(page.contains("value=\"CITIZENS_BENEFIT\""), page);
    assertTrue(page.contains(">Bürgergeld<"), page);
    assertTrue(page.contains("value=\"UNEMPLOYMENT_BENEFIT\""), page);
    assertFalse(page.contains("EMERGENCY_ASSISTANCE") || page.contains("MINIMUM_INCOME"), "Austria's benefits are no German ones");
    noAustrianWording("the jobseeker record", page);
    assertRefused(sfa.put("/api/jobseekers/" + id, new JsonObject().put("benefitType", "MINIMUM_INCOME")), 400, "benefit_type_invalid");
    assertEquals(200, sfa.put("/api/jobseekers/" + id, new JsonObject().put("benefitType", "CITIZENS_BENEFIT")).status());
  }

  @Test
  void staffSeeGermanysBasesOnTheCataloguePageAndTheInvitationForm() {
    TestClient sfa = app.client().signedIn("sfa@demo.test");
    assertEquals("DE", sfa.get("/api/legal-bases").json().getString("jurisdiction"));
    String page = sfa.get("/staff/legal-bases").body();
    for (String s : List.of("Deutschland", "§ 31 Zweites Buch Sozialgesetzbuch", "§ 32 Zweites Buch Sozialgesetzbuch",
        "§ 159 Abs. 1 Satz 2 Nr. 2", "Bürgergeld")) {
      assertTrue(page.contains(s), s);
    }
    noAustrianWording("the catalogue page", page);
    noAustrianWording("the invitation form", sfa.get("/fairs/" + fair + "/invitations").body());
  }
}
