package at.jobfair.invitation;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static at.jobfair.cascade.CascadeTestData.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invitations on Austria's catalogue of legal bases: the basis follows the person's benefit type, control appointments
 * stay control appointments, binding letters are formal and carry the notice in the person's language and the binding
 * German, bookings and cascades copy the basis and the decider follows it.
 */
class LegalBasisInvitationTest {

  static TestApp app;
  static Fixtures fx;
  static CascadeTestData data;
  static long fair;
  static long booth;
  static long vacancy;
  static List<Long> slots;
  static final Instant START = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    data = new CascadeTestData(app);
    fair = fx.fair("Rechtsgrundlagenbörse", true, 0);
    booth = fx.booth(fair, fx.employer("Hotel Recht"));
    fx.exec("insert into vacancy (booth_id, title) values (?, 'Rezeptionist:in')", booth);
    vacancy = app.count("select max(id) from vacancy where booth_id = " + booth);
    slots = fx.slots(booth, START, 10, Duration.ofMinutes(30), 10);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String person(String prefix, String benefit, String language) {
    String email = fx.jobseekers(prefix, 1).get(0);
    fx.exec("update jobseeker set benefit_type = ? where account_id = ?", benefit, fx.accountId(email));
    // in the demo SfA's caseload: only the caseworker reads and records the benefit type
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", fx.accountId("sfa@demo.test"), fx.accountId(email));
    fx.exec("update account set language = ? where email = ?", language, email);
    return email;
  }

  static TestClient staff() {
    return app.client().signedIn("sfa@demo.test");
  }

  static TestClient.Response invite(long fairId, JsonObject body) {
    return staff().post("/api/fairs/" + fairId + "/invitations", body.put("deadline", Instant.now().plus(Duration.ofDays(1)).toString()));
  }

  static JsonObject proposal(String email) {
    return new JsonObject().put("type", "PLACEMENT_PROPOSAL").put("jobseekerEmail", email).put("vacancyId", vacancy);
  }

  static JsonObject control(String email) {
    return new JsonObject().put("type", "CONTROL_APPOINTMENT").put("jobseekerEmail", email).put("boothId", booth);
  }

  static String mail(String email) {
    return text("select body_text from mail_outbox where kind = 'INVITATION' and to_address = '" + email + "' order by id desc limit 1");
  }

  static String text(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long invitations(String email) {
    return app.count("select count(*) from invitation where jobseeker_id = " + fx.accountId(email));
  }

  @Test
  void aProposalToSomeoneWithoutARecordedBenefitTypeIsRefusedInPlainWordsAndNothingIsWritten() {
    String email = person("no-benefit", null, "de");
    assertRefused(invite(fair, proposal(email)), 400, "invitation_benefit_missing");
    assertRefused(invite(fair, control(email)), 400, "invitation_benefit_missing");
    assertEquals(0, invitations(email));
    assertEquals(0, app.count("select count(*) from mail_outbox where to_address = '" + email + "'"));
  }

  @Test
  void aProposalToAnUnemploymentBenefitRecipientRestsOnSection10AndTheLetterIsFormal() {
    String email = person("alg", "UNEMPLOYMENT_BENEFIT", "de");
    var r = invite(fair, proposal(email));
    assertEquals(201, r.status(), r.body());
    assertEquals("AT_ALVG_10", r.json().getJsonObject("basis").getString("code"));
    assertEquals("AT_ALVG_10", text("select basis_code from invitation where id = " + r.json().getLong("id")));
    String mail = mail(email);
    assertTrue(mail.startsWith("Guten Tag Person alg 0,"), "a binding notice never opens with \"Hallo\": " + mail);
    assertFalse(mail.contains("Hallo"), mail);
    assertTrue(mail.contains("RECHTSFOLGENBELEHRUNG\nRechtsgrundlage: § 10 Arbeitslosenversicherungsgesetz (AlVG)"), mail);
    assertTrue(mail.contains("(Fassung AT_ALVG_10/1)"), mail);
    assertFalse(mail.contains("Verbindlich ist der deutsche Text"), "a German letter is the binding text itself: " + mail);
  }

  @Test
  void aMinimumIncomeRecipientsProposalCarriesTheLandLawsNoticeNeverTheAlvgAndTheMunicipalityDecides() {
    long cascadeFair = data.fair("SUPRA_REGIONAL");
    long job = data.vacancy(cascadeFair, null, "Küchenhilfe");
    String email = person("mindest", "MINIMUM_INCOME", "de");
    var r = staff().post("/api/fairs/" + cascadeFair + "/invitations", new JsonObject().put("type", "PLACEMENT_PROPOSAL")
        .put("jobseekerEmail", email).put("vacancyId", job).put("deadline", Instant.now().plus(Duration.ofHours(3)).toString()));
    assertEquals(201, r.status(), r.body());
    assertEquals("AT_MINDESTSICHERUNG", r.json().getJsonObject("basis").getString("code"));
    String mail = mail(email);
    assertTrue(mail.contains("Mindestsicherung"), mail);
    assertFalse(mail.contains("AlVG"), "a minimum-income recipient never gets the AlVG notice: " + mail);

    long person = fx.accountId(email);
    long cascade = data.admit(data.as("sfu@demo.test"), cascadeFair, person);
    assertEquals("AT_MINDESTSICHERUNG", text("select basis_code from cascade where id = " + cascade), "the cascade copies the basis");
    assertEquals("t", text("select minimum_income from cascade where id = " + cascade), "the basis's decider is the municipality");
    JsonObject dossier = app.client().signedIn("kommune@demo.test").get("/api/cascades/" + cascade + "/dossier").json();
    JsonObject basis = dossier.getJsonArray("invitations").getJsonObject(0).getJsonObject("basis");
    assertEquals("AT_MINDESTSICHERUNG", basis.getString("code"));
    assertEquals(1, basis.getInteger("version"));
    assertTrue(basis.getString("law").contains("Mindestsicherung"), basis.encode());
    assertTrue(mail.contains(basis.getString("noticeSent")), "the dossier keeps the notice as sent");
    String page = app.client().signedIn("kommune@demo.test").get("/staff/cascades/" + cascade + "/dossier").body();
    assertTrue(page.contains("AT_MINDESTSICHERUNG/1"), page);
    assertTrue(page.contains("Sozialhilfe- bzw. Mindestsicherungsgesetz des Bundeslandes"), page);
  }

  @Test
  void theDeciderFollowsTheBasisOfTheProposalNotABenefitTypeRecordedLater() {
    long cascadeFair = data.fair("SUPRA_REGIONAL");
    long job = data.vacancy(cascadeFair, null, "Abwäscher:in");
    String email = person("later", "UNEMPLOYMENT_BENEFIT", "de");
    var r = staff().post("/api/fairs/" + cascadeFair + "/invitations", new JsonObject().put("type", "PLACEMENT_PROPOSAL")
        .put("jobseekerEmail", email).put("vacancyId", job).put("deadline", Instant.now().plus(Duration.ofHours(3)).toString()));
    assertEquals(201, r.status(), r.body());
    fx.exec("update jobseeker set benefit_type = 'MINIMUM_INCOME' where account_id = ?", fx.accountId(email));
    long cascade = data.admit(data.as("sfu@demo.test"), cascadeFair, fx.accountId(email));
    assertEquals("AT_ALVG_10", text("select basis_code from cascade where id = " + cascade));
    assertEquals("f", text("select minimum_income from cascade where id = " + cascade), "§ 10 AlVG: the caseworker decides");
  }

  @Test
  void aControlAppointmentRestsOnSection49ItsLetterIsFormalAndItsBookingCarriesControl() {
    String email = person("kontrolle", "EMERGENCY_ASSISTANCE", "de");
    var r = invite(fair, control(email));
    assertEquals(201, r.status(), r.body());
    assertEquals("CONTROL_APPOINTMENT", r.json().getString("kind"));
    assertEquals("CONTROL", r.json().getString("legalBasis"));
    assertEquals("AT_ALVG_49", r.json().getJsonObject("basis").getString("code"));
    long invitation = r.json().getLong("id");
    assertEquals("CONTROL_APPOINTMENT CONTROL", text("select event || ' ' || to_state from audit_log where subject = 'invitation:" + invitation + "'"),
        "sending it is a step concerning the person, on the audit trail");
    assertTrue(text("select reasons from audit_log where subject = 'invitation:" + invitation + "'").contains("basis AT_ALVG_49/1"));
    assertTrue(app.client().signedIn("organizer@demo.test").get("/api/audit/verify").json().getBoolean("ok"), "the chain still verifies");
    String mail = mail(email);
    assertTrue(mail.startsWith("Guten Tag Person kontrolle 0,"), mail);
    assertTrue(mail.contains("Kontrolltermin bei Hotel Recht"), mail);
    assertTrue(mail.contains("RECHTSFOLGENBELEHRUNG\nRechtsgrundlage: § 49 Arbeitslosenversicherungsgesetz (AlVG), Kontrollmeldung"), mail);

    TestClient seeker = app.client();
    assertEquals(200, seeker.signIn(email, Fixtures.PASSWORD).status());
    var booked = seeker.post("/api/slots/" + slots.get(0) + "/bookings", "");
    assertEquals(201, booked.status(), booked.body());
    assertEquals("CONTROL", booked.json().getString("legalBasis"));
    assertEquals("CONTROL_APPOINTMENT", booked.json().getString("source"));
    long booking = booked.json().getLong("id");
    assertEquals("AT_ALVG_49/1", text("select basis_code || '/' || basis_version from booking where id = " + booking));
    // by hand: the booking cannot shed the control basis, nor another booking take it up
    CascadeTestData rules = data;
    assertTrue(rules.sqlError("update booking set legal_basis = 'VOLUNTARY', basis_code = null, basis_version = null where id = ?", booking)
        .contains("booking_control_source"));
    assertTrue(rules.sqlError("update booking set legal_basis = 'BINDING' where id = ?", booking).contains("obliges CONTROL"));
    assertTrue(rules.sqlError("update booking set source = 'OWN_INITIATIVE' where id = ?", booking).contains("booking_control_source"));
  }

  @Test
  void aControlAppointmentNeverReachesTheSanctionPartThroughTheApiNorByDirectSql() {
    long cascadeFair = data.fair("SUPRA_REGIONAL");
    long job = data.vacancy(cascadeFair, null, "Hausmeister:in");
    String email = person("nie-sanktion", "UNEMPLOYMENT_BENEFIT", "de");
    long boothId = data.boothOf(job);
    var r = staff().post("/api/fairs/" + cascadeFair + "/invitations", new JsonObject().put("type", "CONTROL_APPOINTMENT")
        .put("jobseekerEmail", email).put("boothId", boothId).put("deadline", Instant.now().plus(Duration.ofHours(3)).toString()));
    assertEquals(201, r.status(), r.body());
    long person = fx.accountId(email);
    JsonObject after = data.declineBoth(cascadeFair, job, person);
    assertNotEquals("SANCTION_CHECK", after.getString("station"), after.encode());
    long cascade = app.count("select id from cascade where fair_id = " + cascadeFair + " and jobseeker_id = " + person);
    assertNotEquals("BINDING", text("select legal_basis from cascade where id = " + cascade));
    assertEquals(0, app.count("select count(*) from cascade where id = " + cascade
        + " and (station in ('SANCTION_CHECK', 'DECISION') or state in ('SANCTION_PROPOSED', 'IMPOSED'))"));

    // by hand: the control basis can never be filed as binding, on the cascade, a booking or a proposal
    String refused = data.sqlError("update cascade set legal_basis = 'BINDING', basis_code = 'AT_ALVG_49', basis_version = 1 where id = ?", cascade);
    assertNotNull(refused);
    assertTrue(refused.contains("obliges CONTROL"), refused);
    assertTrue(data.sqlError("insert into invitation (kind, legal_basis, jobseeker_id, fair_id, booth_id, vacancy_id, vacancy_title, deadline, "
        + "basis_code, basis_version, notice_language) values ('PLACEMENT_PROPOSAL', 'BINDING', ?, ?, ?, ?, 'x', now() + interval '1 day', "
        + "'AT_ALVG_49', 1, 'de')", person, cascadeFair, boothId, job).contains("obliges CONTROL"));
    // and a control appointment names no vacancy: it is no job offer that could be declined
    assertTrue(data.sqlError("insert into invitation (kind, legal_basis, jobseeker_id, fair_id, booth_id, vacancy_id, vacancy_title, deadline, "
        + "basis_code, basis_version, notice_language) values ('CONTROL_APPOINTMENT', 'CONTROL', ?, ?, ?, ?, 'x', now() + interval '1 day', "
        + "'AT_ALVG_49', 1, 'de')", person, cascadeFair, boothId, job).contains("invitation_control_complete"));
  }

  @Test
  void minimumIncomeRecipientsHaveNoControlBasisInAustria() {
    String email = person("mindest-kontrolle", "MINIMUM_INCOME", "de");
    assertRefused(invite(fair, control(email)), 400, "invitation_no_control_basis");
    assertEquals(0, invitations(email));
  }

  @Test
  void theInvitationPageShowsTheNoticeInThePersonsLanguageAndTheGermanTextAsTheBindingOne() {
    String email = person("english", "UNEMPLOYMENT_BENEFIT", "en");
    assertEquals(201, invite(fair, proposal(email)).status());
    TestClient seeker = app.client().language("en");
    assertEquals(200, seeker.signIn(email, Fixtures.PASSWORD).status());
    String page = seeker.get("/me/invitations").body();
    assertTrue(page.contains("Dear Person english 0,"), page);
    assertTrue(page.contains("Legal basis: Section 10 of the Unemployment Insurance Act (AlVG)"), page);
    assertTrue(page.contains("this placement proposal is binding"), page);
    assertTrue(page.contains("The German text is the binding one:"), page);
    assertTrue(page.contains("Dieser Vermittlungsvorschlag ist verbindlich"), page);

    String mail = mail(email);
    assertTrue(mail.startsWith("Dear Person english 0,"), mail);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("/invitations/link/([A-Za-z0-9_.-]+)").matcher(mail);
    assertTrue(m.find(), mail);
    String link = app.client().language("en").get("/invitations/link/" + m.group(1)).body();
    assertTrue(link.contains("Dear Person english 0,"), link);
    assertFalse(link.contains("Hello"), link);
    assertTrue(link.contains("Notice of legal consequences: this placement proposal is binding"), link);
  }

  /**
   * In a further language (Turkish, plain German), the page and the mail show the catalogue's translation marked as an
   * aid and the German text as the binding one; the record keeps the language the notice went out in.
   */
  @Test
  void inEveryFurtherLanguageTheNoticeIsTheTranslationMarkedAsAnAidBesideTheBindingGerman() {
    at.jobfair.web.Messages messages = new at.jobfair.web.Messages();
    at.jobfair.legal.Basis basis = at.jobfair.legal.TranslationAids.builtIn(at.jobfair.legal.CatalogueFile.builtIn("AT"))
        .find("AT_ALVG_10", 1).orElseThrow();
    for (at.jobfair.web.Messages.Lang lang : java.util.List.of(at.jobfair.web.Messages.Lang.TR, at.jobfair.web.Messages.Lang.DE_SIMPLE,
        at.jobfair.web.Messages.Lang.AR)) {
      String email = person("lang-" + lang.code(), "UNEMPLOYMENT_BENEFIT", lang.code());
      var r = invite(fair, proposal(email));
      assertEquals(201, r.status(), r.body());
      assertEquals(lang.code(), text("select notice_language from invitation where id = " + r.json().getLong("id")));
      String translated = basis.notice(lang.code());
      assertFalse(translated.equals(basis.notice("de")), lang + " has its own translation");

      TestClient seeker = app.client().language(lang.code());
      assertEquals(200, seeker.signIn(email, Fixtures.PASSWORD).status());
      String page = unescaped(seeker.get("/me/invitations").body());
      assertTrue(page.contains(messages.get(lang, "invitations.mine.translationAid")), page);
      assertTrue(page.contains("<p lang=\"" + lang.htmlLang() + "\">" + translated + "</p>"), page);
      assertTrue(page.contains(messages.get(lang, "invitations.mine.bindingText")), page);
      assertTrue(page.contains("<p lang=\"de\" class=\"binding-text\">" + basis.notice("de") + "</p>"), page);

      String mail = mail(email);
      int aid = mail.indexOf(messages.get(lang, "invitations.mail.notice.aid"));
      int binding = mail.indexOf(messages.get(lang, "invitations.mail.notice.binding"));
      assertTrue(aid > 0 && mail.indexOf(translated) > aid && binding > mail.indexOf(translated)
          && mail.indexOf(basis.notice("de")) > binding, mail);
    }
  }

  /** A page's text as the browser shows it (Handlebars escapes these in text). */
  static String unescaped(String html) {
    return html.replace("&#x3D;", "=").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#x60;", "`")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  @Test
  void massMailingsRestOnTheVoluntaryBasisAndStayFriendly() {
    String email = person("freiwillig", "UNEMPLOYMENT_BENEFIT", "de");
    fx.exec("update jobseeker set target_group = 'rechtsgruppe' where account_id = ?", fx.accountId(email));
    var r = staff().post("/api/fairs/" + fair + "/invitations", new JsonObject().put("type", "MASS_MAILING")
        .put("criteria", new JsonObject().put("targetGroup", "rechtsgruppe")));
    assertEquals(201, r.status(), r.body());
    assertEquals("AT_VOLUNTARY", text("select basis_code from invitation where jobseeker_id = " + fx.accountId(email)));
    String mail = mail(email);
    assertTrue(mail.startsWith("Hallo Person freiwillig 0,"), mail);
    assertFalse(mail.contains("RECHTSFOLGENBELEHRUNG"), mail);
    assertTrue(mail.contains("Ihr Arbeitsmarktservice (AMS)"), mail);
  }

  @Test
  void theRecordOffersAndAcceptsExactlyAustriasBenefitTypes() {
    String email = person("leistung", null, "de");
    long id = fx.accountId(email);
    TestClient sfa = staff();
    String page = sfa.get("/staff/jobseekers/" + id).body();
    for (String b : List.of("UNEMPLOYMENT_BENEFIT", "EMERGENCY_ASSISTANCE", "MINIMUM_INCOME")) assertTrue(page.contains("value=\"" + b + "\""), b);
    assertTrue(page.contains(">Notstandshilfe<"), page);
    assertFalse(page.contains("CITIZENS_BENEFIT"), "Germany's Bürgergeld is no Austrian benefit");
    assertRefused(sfa.put("/api/jobseekers/" + id, new JsonObject().put("benefitType", "CITIZENS_BENEFIT")), 400, "benefit_type_invalid");
    assertEquals(200, sfa.put("/api/jobseekers/" + id, new JsonObject().put("benefitType", "EMERGENCY_ASSISTANCE")).status());

    TestClient org = app.client().signedIn("organizer@demo.test");
    var bad = org.postRaw("/api/users/import", "text/csv", "email,name,benefit\nimp1@example.org,Imp Eins,CITIZENS_BENEFIT\n");
    assertEquals(400, bad.status(), bad.body());
    assertTrue(bad.body().contains("CITIZENS_BENEFIT"), bad.body());
    var good = org.postRaw("/api/users/import", "text/csv", "email,name,benefit\nimp2@example.org,Imp Zwei,MINIMUM_INCOME\nimp3@example.org,Imp Drei,\n");
    assertEquals(201, good.status(), good.body());
    assertEquals("MINIMUM_INCOME", text("select benefit_type from jobseeker j join account a on a.id = j.account_id where a.email = 'imp2@example.org'"));
    assertEquals(0, app.count("select count(*) from account where email = 'imp1@example.org'"));
  }

  @Test
  void staffReadTheCatalogueOfLegalBasesAndNobodyEditsItThroughTheProduct() {
    TestClient sfa = staff();
    JsonObject api = sfa.get("/api/legal-bases").json();
    assertEquals("AT", api.getString("jurisdiction"));
    JsonArray bases = api.getJsonArray("bases");
    assertEquals(List.of("AT_VOLUNTARY", "AT_ALVG_10", "AT_ALVG_49", "AT_MINDESTSICHERUNG"),
        bases.stream().map(b -> ((JsonObject) b).getString("code")).toList());
    String page = sfa.get("/staff/legal-bases").body();
    for (String s : List.of("Rechtsgrundlagen", "§ 10 Arbeitslosenversicherungsgesetz", "§ 49", "Mindestsicherung", "Rechtsmittelbelehrung",
        "die Gemeinde (Landesrecht)", "Leistung eingestellt bis zur Meldung", "Nachsicht")) {
      assertTrue(page.contains(s), s);
    }
    TestClient seeker = app.client();
    assertEquals(200, seeker.signIn(person("neugierig", null, "de"), Fixtures.PASSWORD).status());
    assertEquals(403, seeker.get("/api/legal-bases").status());
    assertEquals(404, app.client().signedIn("organizer@demo.test").post("/api/legal-bases", new JsonObject()).status());
  }

  @Test
  void theStaffFormsRefuseAProposalWithoutABenefitTypeInPlainWordsAndSendAControlAppointment() {
    String without = person("form-ohne", null, "de");
    String control = person("form-kontrolle", "UNEMPLOYMENT_BENEFIT", "de");
    TestClient c = staff();
    String deadline = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Vienna")).plusDays(2).withNano(0).toString();
    var refused = c.postRaw("/fairs/" + fair + "/invitations/proposal", "application/x-www-form-urlencoded",
        "jobseekerEmail=" + without.replace("@", "%40") + "&vacancyId=" + vacancy + "&deadline=" + deadline);
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("Bitte tragen Sie zuerst den Leistungsbezug der Person ein"), refused.body());
    assertEquals(0, invitations(without));
    var sent = c.postRaw("/fairs/" + fair + "/invitations/control", "application/x-www-form-urlencoded",
        "jobseekerEmail=" + control.replace("@", "%40") + "&boothId=" + booth + "&deadline=" + deadline);
    assertEquals(200, sent.status(), sent.body());
    assertTrue(sent.body().contains("Der Kontrolltermin an " + control + " ist verschickt."), sent.body());
    assertEquals("CONTROL_APPOINTMENT AT_ALVG_49", text("select kind || ' ' || basis_code from invitation where jobseeker_id = " + fx.accountId(control)));
    var noBooth = c.postRaw("/fairs/" + fair + "/invitations/control", "application/x-www-form-urlencoded",
        "jobseekerEmail=" + control.replace("@", "%40") + "&deadline=" + deadline);
    assertEquals(400, noBooth.status());
    assertTrue(noBooth.body().contains("Bitte wählen Sie einen Stand."), noBooth.body());
  }
}
