package at.jobfair.booking;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing to get wrong for a jobseeker (issue 15): cancelling asks first and says what it means, can be undone for a
 * while (the same seat, if it is still free), the booth page shows one's own booking there and offers to move it, the
 * start page shows the next appointment and the binding invitations still to book, and an invitation never says
 * "please book" and "you have booked" at once.
 */
class BookingSafetyPagesTest {

  static TestApp app;
  static Fixtures fx;
  static long fair;
  static long booth;
  static long vacancy;
  static List<Long> slots;
  static final Instant START = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
  static final String FORM = "application/x-www-form-urlencoded";

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Sicher-Börse", true, 60);
    booth = fx.booth(fair, hotel);
    fx.exec("insert into vacancy (booth_id, title) values (?, 'Rezeption')", booth);
    vacancy = app.count("select max(id) from vacancy where booth_id = " + booth);
    slots = fx.slots(booth, START, 12, Duration.ofMinutes(30), 1);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String person(String name) {
    String email = fx.jobseekers(name, 1).get(0);
    fx.exec("update jobseeker set benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", fx.accountId(email));
    return email;
  }

  private static TestClient signedIn(String email) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(email, Fixtures.PASSWORD).status());
    return c;
  }

  private static TestClient seeker(String name) {
    return signedIn(person(name));
  }

  private static long book(TestClient c, long slot) {
    var r = c.post("/api/slots/" + slot + "/bookings", "");
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static void propose(String email) {
    var r = app.client().signedIn("sfu@demo.test").post("/api/fairs/" + fair + "/invitations", new JsonObject()
        .put("type", "PLACEMENT_PROPOSAL").put("jobseekerEmail", email).put("vacancyId", vacancy)
        .put("deadline", Instant.now().plus(Duration.ofDays(1)).toString()));
    assertEquals(201, r.status(), r.body());
  }

  private static String status(long booking) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery("select status from booking where id = " + booking)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- 1. confirm before cancelling, undo after

  @Test
  void theAppointmentsPageAsksBeforeCancellingOnAPageThatSaysWhatIsCancelled() {
    TestClient c = seeker("confirm");
    long id = book(c, slots.get(0));
    String list = c.get("/me/appointments").body();
    assertFalse(list.contains("action=\"/bookings/" + id + "/cancel\""), "no one-tap cancel on the list: " + list);
    assertTrue(list.contains("href=\"/bookings/" + id + "/cancel\""), list);

    var page = c.get("/bookings/" + id + "/cancel");
    assertEquals(200, page.status(), page.body());
    String html = page.body();
    assertTrue(html.contains("Diesen Termin absagen?"), html);
    assertTrue(html.contains("action=\"/bookings/" + id + "/cancel\""), "the confirming form: " + html);
    assertTrue(html.contains("Ja, Termin absagen") && html.contains("Nein, Termin behalten"), html);
    assertTrue(html.contains("Dieser Termin ist freiwillig"), "a voluntary appointment says cancelling has no consequences");
    assertTrue(html.contains("10 Minuten"), "it says the cancellation can be undone for the configured time: " + html);
    assertEquals("ACTIVE", status(id), "looking at the question cancels nothing");

    String en = c.get("/bookings/" + id + "/cancel?lang=en").body();
    assertTrue(en.contains("Cancel this appointment?") && en.contains("Yes, cancel the appointment"), en);

    // Someone else's booking has no confirmation page
    TestClient stranger = seeker("stranger");
    assertEquals(404, stranger.get("/bookings/" + id + "/cancel").status());
  }

  @Test
  void aBindingAppointmentSaysWhatCancellingItMeansWithTheLegalBasisTextAndTheCounsellor() {
    String email = person("binding");
    fx.exec("update jobseeker set caseworker_id = (select id from account where email = 'sfa@demo.test') where account_id = ?",
        fx.accountId(email));
    propose(email);
    TestClient c = signedIn(email);
    long id = book(c, slots.get(1));
    String html = c.get("/bookings/" + id + "/cancel").body();
    assertTrue(html.contains("Dieser Termin ist verbindlich"), html);
    assertTrue(html.contains("anderen Termin an diesem Stand buchen"), "what the person must do then: " + html);
    assertTrue(html.contains("Was die Rechtsgrundlage dazu sagt") && html.contains("Rechtsfolgenbelehrung: Dieser Vermittlungsvorschlag"), "the catalogue's consequence text: " + html);
    assertTrue(html.contains("sfa@demo.test") && html.contains("Markus Lehner"), "the counsellor's contact: " + html);
    String en = c.get("/bookings/" + id + "/cancel?lang=en").body();
    assertTrue(en.contains("This appointment is binding") && en.contains("The German text is the binding one"), en);
  }

  @Test
  void cancellingOffersAnUndoThatRestoresTheSameBooking() {
    TestClient c = seeker("undo");
    long id = book(c, slots.get(2));
    var cancelled = c.postRaw("/bookings/" + id + "/cancel", FORM, "back=%2Fme%2Fappointments");
    assertEquals(303, cancelled.status(), cancelled.body());
    assertEquals("/me/appointments?cancelled=" + id, cancelled.header("Location"));
    assertEquals("CANCELLED", status(id));
    assertEquals(1, app.count("select capacity - booked from slot where id = " + slots.get(2)), "the seat is free again");

    String page = c.get("/me/appointments?cancelled=" + id).body();
    assertTrue(page.contains("Der Termin ist abgesagt."), page);
    assertTrue(page.contains("action=\"/bookings/" + id + "/restore\""), "the undo is offered: " + page);
    assertTrue(page.contains("Absage rückgängig machen"), page);

    var undone = c.postRaw("/bookings/" + id + "/restore", FORM, "");
    assertEquals(303, undone.status(), undone.body());
    assertEquals("/me/appointments?restored=" + id, undone.header("Location"));
    assertEquals("ACTIVE", status(id));
    assertEquals(0, app.count("select capacity - booked from slot where id = " + slots.get(2)), "the seat is taken again");
    assertEquals(0, app.count("select count(*) from booking where id = " + id + " and (cancelled_at is not null or cancelled_as is not null)"));
    assertTrue(c.get("/me/appointments?restored=" + id).body().contains("Ihr Termin ist wieder gebucht"));
    assertEquals(1, app.count("select count(*) from mail_outbox where ref = 'booking:" + id + "/confirmed/2'"),
        "the person is told by mail that the appointment stands again");

    // A second tap answers the booking as it is; the API says the same
    var again = c.post("/api/bookings/" + id + "/restore", "");
    assertEquals(200, again.status(), again.body());
    assertEquals("ACTIVE", again.json().getString("status"));

    // Cancelled again after the undo: a new cancellation mail, not swallowed as a duplicate of the first
    assertEquals(200, c.delete("/api/bookings/" + id).status());
    assertEquals(2, app.count("select count(*) from mail_outbox where kind = 'BOOKING_CANCELLED' and ref like 'booking:" + id + "/cancelled%'"));
  }

  @Test
  void theUndoEndsAfterTheConfiguredTimeAndIsOnlyForOnesOwnCancellation() {
    TestClient c = seeker("late");
    long id = book(c, slots.get(3));
    assertEquals(200, c.delete("/api/bookings/" + id).status());
    fx.exec("update booking set cancelled_at = now() - interval '11 minutes' where id = ?", id);
    assertFalse(c.get("/me/appointments").body().contains("/bookings/" + id + "/restore"), "no undo offered after 10 minutes");
    var late = c.post("/api/bookings/" + id + "/restore", "");
    assertEquals(409, late.status(), late.body());
    assertEquals("undo_closed", late.json().getString("error"));
    var form = c.postRaw("/bookings/" + id + "/restore", FORM, "");
    assertEquals("/me/appointments?error=undo_closed", form.header("Location"));
    assertTrue(c.get("/me/appointments?error=undo_closed").body().contains("nicht mehr rückgängig"));

    // Someone else cannot undo it, and the employer's cancellation is not undone by the person
    assertEquals(404, seeker("other").post("/api/bookings/" + id + "/restore", "").status());
    long byEmployer = book(c, slots.get(4));
    var r = app.client().signedIn("employer@demo.test").send("DELETE", "/api/bookings/" + byEmployer,
        new JsonObject().put("reason", "Gesprächspartnerin erkrankt"));
    assertEquals(200, r.status(), r.body());
    assertEquals("undo_closed", c.post("/api/bookings/" + byEmployer + "/restore", "").json().getString("error"));
  }

  @Test
  void whenTheSeatWasTakenTheUndoSaysSoAndShowsTheBoothsFreeTimes() {
    TestClient c = seeker("slow");
    long id = book(c, slots.get(5));
    assertEquals(200, c.delete("/api/bookings/" + id).status());
    book(seeker("quick"), slots.get(5));

    var api = c.post("/api/bookings/" + id + "/restore", "");
    assertEquals(409, api.status(), api.body());
    assertEquals("undo_seat_taken", api.json().getString("error"));
    assertFalse(api.json().getJsonArray("alternatives").isEmpty(), "the booth's free slots: " + api.body());
    assertEquals("CANCELLED", status(id));

    var form = c.postRaw("/bookings/" + id + "/restore", FORM, "");
    assertEquals(303, form.status());
    assertEquals("/booths/" + booth + "?error=undo_seat_taken", form.header("Location"));
    String boothPage = c.get("/booths/" + booth + "?error=undo_seat_taken").body();
    assertTrue(boothPage.contains("Jemand anderer hat diese Zeit inzwischen gebucht"), boothPage);
    assertTrue(boothPage.contains("data-slot=\"" + slots.get(6) + "\""), "the free times are there to choose");
  }

  // ---- 2. the booth page with one's own booking

  @Test
  void theBoothPageShowsOnesOwnBookingThereAndOffersToMoveItInsteadOfBookingAgain() {
    TestClient c = seeker("holder");
    String before = c.get("/booths/" + booth).body();
    assertTrue(before.contains("Diesen Termin buchen"), "without a booking there, slots are booked");

    long id = book(c, slots.get(7));
    String html = c.get("/booths/" + booth).body();
    assertTrue(html.contains("Ihr Termin an diesem Stand"), html);
    assertTrue(html.contains("data-booking=\"" + id + "\""), html);
    assertTrue(html.contains("Auf eine andere Zeit verschieben"), html);
    assertFalse(html.contains("Diesen Termin buchen"), "no slot offers to book a second time: " + html);
    assertFalse(html.contains("action=\"/bookings\""), html);
    assertTrue(html.contains("action=\"/bookings/" + id + "/rebook\""), "every slot offers to move here: " + html);
    assertTrue(html.contains("Auf diesen Termin umbuchen"), html);
    String en = c.get("/booths/" + booth + "?lang=en").body();
    assertTrue(en.contains("Your appointment at this booth") && en.contains("Move to another time"), en);

    // Moving from the booth page works and the page then shows the moved booking
    var moved = c.postRaw("/bookings/" + id + "/rebook", FORM, "slotId=" + slots.get(8) + "&boothId=" + booth);
    assertEquals(303, moved.status(), moved.body());
    assertEquals("CANCELLED", status(id));
    Matcher m = Pattern.compile("booked=(\\d+)").matcher(moved.header("Location"));
    assertTrue(m.find(), moved.header("Location"));
    assertTrue(c.get("/booths/" + booth).body().contains("data-booking=\"" + m.group(1) + "\""));
  }

  @Test
  void aBookingThatCanNoLongerBeMovedIsShownWithoutAnyBookingButtons() {
    String email = person("locked");
    long id = fx.booking(booth, fx.accountId(email), Instant.now().plus(Duration.ofMinutes(20)), 15);
    String html = signedIn(email).get("/booths/" + booth).body();
    assertTrue(html.contains("Ihr Termin an diesem Stand") && html.contains("data-booking=\"" + id + "\""), html);
    assertTrue(html.contains("kann nicht mehr verschoben werden"), html);
    assertFalse(html.contains("Diesen Termin buchen") || html.contains("Auf diesen Termin umbuchen"), html);
  }

  // ---- 3. the start page

  @Test
  void theStartPageShowsTheNextAppointmentAndTheBindingInvitationsStillToBook() {
    String email = person("start");
    TestClient c = signedIn(email);
    String empty = c.get("/").body();
    assertFalse(empty.contains("Ihr nächster Termin") || empty.contains("Verbindliche Einladungen"), empty);

    propose(email);
    String invited = c.get("/").body();
    assertTrue(invited.contains("Verbindliche Einladungen: bitte Termin buchen"), invited);
    assertTrue(invited.contains("Rezeption") && invited.contains("href=\"/booths/" + booth + "\""), invited);
    assertTrue(invited.indexOf("Verbindliche Einladungen") < invited.indexOf("Termine bei Arbeitgebern"), "first on the page");

    long id = book(c, slots.get(9));
    String booked = c.get("/").body();
    assertTrue(booked.contains("Ihr nächster Termin"), booked);
    assertTrue(booked.contains("data-booking=\"" + id + "\"") && booked.contains("href=\"/me/appointments\""), booked);
    assertTrue(booked.contains("href=\"/me/appointments/" + id + "/confirmation\""), "the printable confirmation one click away: " + booked);
    assertFalse(booked.contains("Verbindliche Einladungen"), "a booked invitation is no longer open: " + booked);
    String en = c.get("/?lang=en").body();
    assertTrue(en.contains("Your next appointment") && en.contains("Details and changes"), en);
  }

  // ---- 4. no contradictions

  @Test
  void aBookedInvitationNoLongerAsksToBook() {
    String email = person("invited");
    propose(email);
    TestClient c = signedIn(email);
    String open = c.get("/me/invitations").body();
    assertTrue(open.contains("Bitte buchen Sie rechtzeitig einen Termin") && open.contains("Bitte buchen Sie einen Termin bis"), open);
    assertFalse(open.contains("Sie haben an diesem Stand einen Termin gebucht"), open);

    book(c, slots.get(10));
    String booked = c.get("/me/invitations").body();
    assertTrue(booked.contains("Sie haben an diesem Stand einen Termin gebucht"), booked);
    // (the notice of legal consequences is the law's text and stays as it is)
    assertFalse(booked.contains("Bitte buchen Sie rechtzeitig") || booked.contains("Bitte buchen Sie einen Termin bis"),
        "never 'please book' and 'you have booked' at once: " + booked);
    assertFalse(booked.contains("Zum Stand und Termin buchen"), booked);
    assertTrue(booked.contains("Meinen Termin ansehen"), booked);
    String en = c.get("/me/invitations?lang=en").body();
    assertTrue(en.contains("You have booked an appointment") && !en.contains("Please book an appointment in time")
        && !en.contains("Please book an appointment by"), en);
  }

  @Test
  void aBindingInvitationNamesTheCounsellorItsNoticeAsksToTell() {
    String email = person("notice");
    propose(email);
    assertFalse(signedIn(email).get("/me/invitations").body().contains("class=\"counsellor\""), "nobody assigned: no contact to show");
    fx.exec("update jobseeker set caseworker_id = (select id from account where email = 'sfa@demo.test') where account_id = ?",
        fx.accountId(email));
    String html = signedIn(email).get("/me/invitations").body();
    assertTrue(html.contains("href=\"mailto:sfa@demo.test\"") && html.contains("Markus Lehner"), html);
  }

  @Test
  void aLockedAppointmentNamesTheCounsellorToContact() {
    String email = person("counsel");
    fx.exec("update jobseeker set caseworker_id = (select id from account where email = 'sfa@demo.test') where account_id = ?",
        fx.accountId(email));
    fx.booking(booth, fx.accountId(email), Instant.now().plus(Duration.ofMinutes(40)), 15);
    String html = signedIn(email).get("/me/appointments").body();
    assertTrue(html.contains("Beraterin oder Ihrem Berater"), html);
    assertTrue(html.contains("href=\"mailto:sfa@demo.test\"") && html.contains("Markus Lehner"), html);
  }
}
