package at.jobfair.demo;

import at.jobfair.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void anEJobmeetingRunsTodayInViennaWithOrientationBoothsVacanciesAndSlots() throws Exception {
    try (var c = app.jdbc(); var st = c.createStatement();
         var rs = st.executeQuery("select id, format, status, (starts_at at time zone 'Europe/Vienna')::date, "
             + "orientation_starts_at is not null and orientation_minutes > 0 from fair where format = 'E_JOBMEETING'")) {
      assertTrue(rs.next());
      assertEquals("E_JOBMEETING", rs.getString(2));
      assertEquals("PUBLISHED", rs.getString(3));
      assertEquals(LocalDate.now(ZoneId.of("Europe/Vienna")), rs.getObject(4, LocalDate.class));
      assertTrue(rs.getBoolean(5));
      assertFalse(rs.next(), "one e-Jobmeeting");
    }
    assertTrue(app.count("select count(*) from booth") >= 3);
    assertEquals(0, app.count("select count(*) from booth b where (select count(*) from vacancy v where v.booth_id = b.id) < 1"));
    assertEquals(0, app.count("select count(*) from booth b join fair f on f.id = b.fair_id join employer e on e.id = b.employer_id "
        + "where f.ends_at > now() and not (f.format = 'E_JOBMEETING' and e.name = '" + DemoData.FULL_BOOTH_EMPLOYER + "') "
        + "and (select count(*) from slot s where s.booth_id = b.id "
        + "and s.starts_at > now() and s.booked < s.capacity) < 8"), "every booth of a fair still to come has at least eight bookable slots");
    // but one, fully booked with two people on its waitlist
    assertEquals(0, app.count("select coalesce(sum(s.capacity - s.booked - s.held), 0) from slot s join booth b on b.id = s.booth_id "
        + "join fair f on f.id = b.fair_id join employer e on e.id = b.employer_id where f.format = 'E_JOBMEETING' and e.name = '"
        + DemoData.FULL_BOOTH_EMPLOYER + "'"), "the waitlist demo's booth is full");
    assertEquals(2, app.count("select count(*) from waitlist_entry w join account a on a.id = w.jobseeker_id where w.status = 'WAITING' "
        + "and a.email in ('wait@demo.test', 'seeker2@demo.test')"));
    assertEquals(0, app.count("select count(*) from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id "
        + "where s.starts_at < f.starts_at or s.ends_at > f.ends_at"), "slots lie inside the fair");
  }

  @Test
  void aSupraRegionalAndARegionalFairAreReadyForTheCascadeWithBindingAndVoluntaryPeople() {
    assertEquals(1, app.count("select count(*) from fair where format = 'SUPRA_REGIONAL' and status = 'PUBLISHED'"));
    assertEquals(1, app.count("select count(*) from fair where format = 'REGIONAL' and status = 'PUBLISHED'"));
    assertEquals(8, app.count("select count(*) from cascade_station s join fair f on f.id = s.fair_id where f.format in ('SUPRA_REGIONAL', 'REGIONAL')"));
    assertEquals(1, app.count("select count(*) from cascade_station s join fair f on f.id = s.fair_id "
        + "where f.format = 'SUPRA_REGIONAL' and s.station = 'SANCTION_CHECK' and s.roles = '{SFA}'"), "the SfA checks on site");
    assertEquals(2, app.count("select count(*) from booking k join account a on a.id = k.jobseeker_id "
        + "where a.email in ('anna@demo.test', 'ben@demo.test') and k.legal_basis = 'BINDING' and k.invitation_id is not null"));
    assertEquals(1, app.count("select count(*) from booking k join account a on a.id = k.jobseeker_id "
        + "where a.email = 'clara@demo.test' and k.legal_basis = 'VOLUNTARY'"));
    assertEquals(1, app.count("select count(*) from jobseeker j join account a on a.id = j.account_id "
        + "where a.email = 'ben@demo.test' and j.benefit_type = 'MINIMUM_INCOME'"), "the municipality decides for Ben");
  }

  @Test
  void theDemoShowsACascadeEndingInADecisionLetterKeptWithTheCaseAndMailed() {
    assertEquals(1, app.count("select count(*) from letter l join account a on a.id = l.jobseeker_id join cascade c on c.id = l.cascade_id "
        + "join cascade_step s on s.id = l.cascade_step_id join mail_outbox o on o.id = l.outbox_id "
        + "where a.email = 'dora@demo.test' and l.kind = 'DECISION' and l.outcome = 'IMPOSED' and l.languages = '{en,de}' "
        + "and c.state = 'IMPOSED' and s.event = 'DECIDE' and o.kind = 'LETTER' and o.to_address = 'dora@demo.test'"));
    var r = app.as("dora@demo.test").get("/api/me/letters");
    assertEquals(200, r.status(), r.body());
    assertEquals("DECISION", r.json().getJsonArray("items").getJsonObject(0).getString("kind"));
  }

  @Test
  void everyRoleHasADemoAccountAndEmployersStaffTheirBooths() {
    assertEquals(DemoData.LOGINS.size(), app.count("select count(*) from account where email like '%@demo.test'"));
    assertEquals(8, app.count("select count(distinct role) from account_role"));
    // Eva Huber and her colleague Julia Moser at Hotel Alpenblick's booth (hand-off), Jonas Wimmer at Gasthof Donaublick's
    assertEquals(3, app.count("select count(*) from booth_staff s join account a on a.id = s.account_id "
        + "join booth b on b.id = s.booth_id where a.employer_id = b.employer_id"));
  }

  @Test
  void theOrganiserSeesAPendingSignUpAndAPendingApplicationToExhibit() {
    var organiser = app.as("organizer@demo.test");
    var pending = organiser.get("/api/employer-signups");
    assertEquals(200, pending.status(), pending.body());
    assertEquals("Bäckerei Morgenrot", pending.array().getJsonObject(0).getString("company"));
    assertTrue(organiser.get("/admin/employer-signups").body().contains("Bäckerei Morgenrot"));
    long fair = app.count("select id from fair where name = 'e-Jobmeeting Tourismus & Gastronomie'");
    var applications = organiser.get("/api/fairs/" + fair + "/exhibitor-applications");
    assertEquals("Stadtgärtnerei Grün", applications.array().getJsonObject(0).getString("employerName"));
    assertEquals("PENDING", applications.array().getJsonObject(0).getString("status"));
    assertTrue(organiser.get("/admin/fairs/" + fair).body().contains("Stadtgärtnerei Grün"));
  }

  @Test
  void seedingTwiceChangesNothing() {
    long before = app.count("select count(*) from slot");
    var hasher = new at.jobfair.account.PasswordHasher(1024, 1);
    boolean seeded = DemoData.seedIfEmpty(app.app().pool(), hasher, ZoneId.of("Europe/Vienna"), java.time.Clock.systemUTC(), app.app().services().cases().legal())
        .toCompletionStage().toCompletableFuture().join();
    assertFalse(seeded);
    assertEquals(before, app.count("select count(*) from slot"));
  }

  @Test
  void theDemoShowsAnOpenRequestForReasonsAndAnAnsweredOneForTheMunicipality() {
    assertEquals(1, app.count("select count(*) from reasons_request r join account a on a.id = r.jobseeker_id "
        + "where a.email = 'seeker@demo.test' and r.state = 'ASKED' and r.basis_code = 'AT_ALVG_10' and r.decider = 'CASEWORKER'"));
    assertEquals(1, app.count("select count(*) from reasons_request r join account a on a.id = r.jobseeker_id "
        + "where a.email = 'seeker2@demo.test' and r.state = 'ANSWERED' and r.basis_code = 'AT_MINDESTSICHERUNG' and r.decider = 'MUNICIPALITY'"));
    assertEquals(2, app.count("select count(*) from letter l join account a on a.id = l.jobseeker_id "
        + "where a.email in ('seeker@demo.test', 'seeker2@demo.test') and l.kind = 'REASONS_REQUESTED'"));
    var mine = app.as("seeker@demo.test").get("/me/reasons");
    assertEquals(200, mine.status());
    assertTrue(mine.body().contains("Jetzt antworten"), mine.body());
    var kommune = app.as("kommune@demo.test").get("/api/reasons").json().getJsonArray("items");
    assertEquals(1, kommune.size());
    assertEquals("ANSWERED", kommune.getJsonObject(0).getString("state"));
  }
}
