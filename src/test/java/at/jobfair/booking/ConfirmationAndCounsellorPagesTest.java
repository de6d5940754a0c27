package at.jobfair.booking;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import at.jobfair.web.WallClock;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing to get wrong (issue 15): a booking's printable confirmation with what happens next, only for its person; the
 * counsellor's contact wherever a page says to contact them; the camera and microphone check for the booth's staff.
 */
class ConfirmationAndCounsellorPagesTest {

  static TestApp app;
  static Fixtures fx;
  static long fair;
  static long booth;
  static long vacancy;
  static List<Long> slots;
  static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
  static final Instant START = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);

  @BeforeAll
  static void start() {
    // reminders looked for every second, so that a due one goes out while the test waits
    app = TestApp.start(java.util.Map.of("reminders.pollSeconds", 1));
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Druck-Börse", true, 60);
    booth = fx.booth(fair, hotel);
    fx.exec("insert into vacancy (booth_id, title) values (?, 'Rezeption')", booth);
    vacancy = app.count("select max(id) from vacancy where booth_id = " + booth);
    slots = fx.slots(booth, START, 6, Duration.ofMinutes(30), 1);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String person(String name, boolean counsellor) {
    String email = fx.jobseekers(name, 1).get(0);
    fx.exec("update jobseeker set benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", fx.accountId(email));
    if (counsellor) {
      fx.exec("update jobseeker set caseworker_id = (select id from account where email = 'sfa@demo.test') where account_id = ?",
          fx.accountId(email));
    }
    return email;
  }

  private static TestClient signedIn(String email) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(email, Fixtures.PASSWORD).status());
    return c;
  }

  private static long book(TestClient c, long slot) {
    var r = c.post("/api/slots/" + slot + "/bookings", "");
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  // ---- the confirmation

  @Test
  void theConfirmationShowsWhoWhatWhenWhereTheBasisTheReferenceAndTheNextStepsForAnOnlineAppointment() {
    String email = person("owner", false);
    TestClient c = signedIn(email);
    long id = book(c, slots.get(0));

    // Straight after booking and on the list: the way to the confirmation
    assertTrue(c.get("/me/appointments?booked=" + id).body().contains("href=\"/me/appointments/" + id + "/confirmation\""));

    var page = c.get("/me/appointments/" + id + "/confirmation");
    assertEquals(200, page.status(), page.body());
    String html = page.body();
    assertTrue(html.contains("Terminbestätigung"), html);
    assertTrue(html.contains("Person owner 0"), "who: " + html);
    assertTrue(html.contains("Druck-Börse") && html.contains("Hotel Alpenblick"), "what: " + html);
    assertTrue(html.contains(WallClock.clock(START, VIENNA) + " – " + WallClock.clock(START.plus(Duration.ofMinutes(30)), VIENNA)), "when: " + html);
    assertTrue(html.contains("/meetings/" + id + "\""), "where: the meeting link: " + html);
    assertTrue(html.contains("Dieser Termin ist freiwillig"), "the legal basis: " + html);
    assertTrue(html.contains("Buchungsnummer") && html.contains(">" + fair + "-" + String.format("%05d", id) + "<"), "the reference: " + html);
    assertTrue(html.contains("Wie es weitergeht"), html);
    assertTrue(html.contains("1 Tag und 1 Stunde vor dem Termin"), "the reminders still to come: " + html);
    assertTrue(html.contains("/me/device-check\""), "the camera check: " + html);
    assertTrue(html.contains("„Zum Videogespräch“"), "joining with the button on the appointments page: " + html);
    assertTrue(html.contains("data-print"), "a print button: " + html);
    assertTrue(html.contains("print-head") && html.contains("Hotline"), "operator and hotline on paper: " + html);
    assertTrue(html.indexOf("<li>") < html.indexOf("Zum Videogespräch"), "the steps are a numbered list");

    String en = c.get("/me/appointments/" + id + "/confirmation?lang=en").body();
    assertTrue(en.contains("Appointment confirmation") && en.contains("What happens next") && en.contains("Booking number")
        && en.contains("1 day and 1 hour before the appointment") && en.contains("This appointment is voluntary"), en);
  }

  @Test
  void anotherPersonsConfirmationIsNotFound() {
    long id = book(signedIn(person("holder", false)), slots.get(1));
    assertEquals(404, signedIn(person("nosy", false)).get("/me/appointments/" + id + "/confirmation").status());
    assertEquals(404, signedIn(person("guess", false)).get("/me/appointments/999999999/confirmation").status());
    assertEquals(403, app.client().signedIn("employer@demo.test").get("/me/appointments/" + id + "/confirmation").status());
  }

  @Test
  void aBindingConfirmationSaysComeOrCancelInTimeAndNamesTheCounsellor() {
    String email = person("bound", true);
    var r = app.client().signedIn("sfu@demo.test").post("/api/fairs/" + fair + "/invitations", new JsonObject()
        .put("type", "PLACEMENT_PROPOSAL").put("jobseekerEmail", email).put("vacancyId", vacancy)
        .put("deadline", Instant.now().plus(Duration.ofDays(1)).toString()));
    assertEquals(201, r.status(), r.body());
    TestClient c = signedIn(email);
    long id = book(c, slots.get(2));
    String html = c.get("/me/appointments/" + id + "/confirmation").body();
    assertTrue(html.contains("Verbindlich.") && html.contains("Dieser Termin ist verbindlich"), html);
    assertTrue(html.contains("Rezeption"), "the vacancy: " + html);
    assertTrue(html.contains("Rechtsfolgenbelehrung"), "the law's own text: " + html);
    assertTrue(html.contains("Bitte kommen Sie zu diesem Termin") && html.contains("sagen Sie ihn bis"), html);
    assertTrue(html.contains("Wenn Sie krank sind"), html);
    assertTrue(html.contains("href=\"mailto:sfa@demo.test\"") && html.contains("Markus Lehner"), "the counsellor: " + html);
  }

  @Test
  void anOnSiteFairSaysWhereAndToCheckInInsteadOfTheVideoCall() {
    long onSite = fx.fair("Vor-Ort-Börse", true, 60);
    fx.exec("update fair set format = 'REGIONAL', region = 'Wien-Favoriten' where id = ?", onSite);
    long b = fx.booth(onSite, fx.employer("Bäckerei Test"));
    long slot = fx.slots(b, START.plus(Duration.ofDays(1)), 1, Duration.ofMinutes(30), 1).get(0);
    TestClient c = signedIn(person("onsite", false));
    long id = book(c, slot);
    String html = c.get("/me/appointments/" + id + "/confirmation").body();
    assertTrue(html.contains("Vor Ort: Wien-Favoriten") && html.contains("/fairs/" + onSite + "\""), html);
    assertTrue(html.contains("checken Sie bei Ihrem Termin"), html);
    assertFalse(html.contains("/meetings/" + id) || html.contains("/me/device-check"), "no video call: " + html);
  }

  @Test
  void theRepeatedHourOfTheOctoberChangeCarriesItsOffsets() {
    String email = person("october", false);
    // 31 October 2027, 02:30 summer time to 02:30 winter time in Vienna
    long id = fx.booking(booth, fx.accountId(email), Instant.parse("2027-10-31T00:30:00Z"), 60);
    String html = signedIn(email).get("/me/appointments/" + id + "/confirmation").body();
    assertTrue(html.contains("02:30 (UTC+2) – 02:30 (UTC+1)"), html);
  }

  // ---- the counsellor wherever a page says to contact them

  @Test
  void theCascadeAndReasonsPagesNameTheCounsellorWhenOneIsKnown() {
    CascadeTestData data = new CascadeTestData(app);
    long supra = data.fair("SUPRA_REGIONAL");
    long sfa = fx.accountId("sfa@demo.test");
    long person = data.person(data.vacancy(supra, null, "Koch"), "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    data.admit(data.as("sfu@demo.test"), supra, person);
    TestClient me = signedIn(data.email(person));
    String cascade = me.get("/me/cascade").body();
    assertTrue(cascade.contains("Ihre Beraterin oder Ihr Berater hilft Ihnen"), cascade);
    assertTrue(cascade.contains("href=\"mailto:sfa@demo.test\"") && cascade.contains("Markus Lehner"), cascade);

    String reasons = me.get("/me/reasons").body();
    assertTrue(reasons.contains("Wenden Sie sich an Ihre Beraterin oder Ihren Berater"), reasons);
    assertTrue(reasons.contains("href=\"mailto:sfa@demo.test\"") && reasons.contains("Markus Lehner"), reasons);

    // the demo's open request for reasons: its page names the counsellor under "Questions?"
    TestClient seeker = app.as("seeker@demo.test");
    long request = seeker.get("/api/me/reasons").json().getJsonArray("items").getJsonObject(0).getLong("id");
    String answer = seeker.get("/me/reasons/" + request).body();
    assertTrue(answer.contains("href=\"mailto:sfa@demo.test\""), answer);

    TestClient nobody = signedIn(person("alone", false));
    assertFalse(nobody.get("/me/reasons").body().contains("class=\"counsellor\""), "nobody assigned: no contact to show");
  }

  @Test
  void anExpiredLinkNamesTheCounsellorItAsksToContact() {
    String email = person("expired", true);
    long id = fx.booking(booth, fx.accountId(email), Instant.now().minus(Duration.ofHours(3)), 30);
    String token = app.app().services().fair().invitations().signer()
        .sign("confirm:" + id + ":" + fx.accountId(email) + ":" + (Instant.now().getEpochSecond() - 60));
    var page = app.client().get("/appointments/confirm/" + token);
    assertEquals(410, page.status(), page.body());
    assertTrue(page.body().contains("Dieser Link ist abgelaufen"), page.body());
    assertTrue(page.body().contains("href=\"mailto:sfa@demo.test\"") && page.body().contains("Markus Lehner"), page.body());
  }

  @Test
  void aBindingAppointmentsReminderNamesTheCounsellorAndLinksTheConfirmation() throws Exception {
    String email = person("reminded", true);
    long id = fx.booking(booth, fx.accountId(email), Instant.now().plus(Duration.ofMinutes(50)), 20, "BINDING");
    // booked before the hour-before reminder fell due, so that it is sent
    fx.exec("update booking set created_at = now() - interval '2 hours' where id = ?", id);
    String ref = "booking:" + id + "/reminder/60";
    for (int i = 0; i < 100 && app.count("select count(*) from mail_outbox where ref = '" + ref + "'") == 0; i++) Thread.sleep(200);
    String text;
    try (var c = app.jdbc(); var st = c.prepareStatement("select body_text from mail_outbox where ref = ?")) {
      st.setString(1, ref);
      try (var rs = st.executeQuery()) {
        assertTrue(rs.next(), "the reminder was queued");
        text = rs.getString(1);
      }
    }
    assertTrue(text.contains("melden Sie sich bei Ihrer Beraterin oder Ihrem Berater"), text);
    assertTrue(text.contains("Markus Lehner, E-Mail: sfa@demo.test"), "the counsellor it asks to contact: " + text);
    assertTrue(text.contains("/me/appointments/" + id + "/confirmation"), "the confirmation with the next steps: " + text);
  }

  // ---- the camera and microphone check for the booth's staff

  @Test
  void theEmployersScheduleLinksTheDeviceCheckWhichLeadsBackToIt() {
    TestClient employer = app.client().signedIn("employer@demo.test");
    String schedule = employer.get("/booths/" + booth + "/schedule").body();
    assertTrue(schedule.contains("href=\"/me/device-check?back=/booths/" + booth + "/schedule\""), schedule);
    var check = employer.get("/me/device-check?back=/booths/" + booth + "/schedule");
    assertEquals(200, check.status(), check.body());
    assertTrue(check.body().contains("id=\"device-check\""), check.body());
    assertTrue(check.body().contains("href=\"/booths/" + booth + "/schedule\"") && check.body().contains("Zurück zum Terminplan"), check.body());
    assertTrue(employer.get("/me/device-check?back=//evil.example").body().contains("href=\"/\""), "only a local way back");
    // Staff who may sit in an interview (the caseworker, organisers) can test too
    assertEquals(200, app.client().signedIn("sfa@demo.test").get("/me/device-check").status());
    assertEquals(3, app.client().get("/me/device-check").status() / 100, "signed out: to the sign-in page");
  }
}
