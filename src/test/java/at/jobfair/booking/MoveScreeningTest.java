package at.jobfair.booking;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way to a seat at a booth asks its required pre-screening questions (issue 16, point 4): moving a booking to a
 * slot of another booth asks that booth's questions as booking does (API and page), a refused move leaves everything as
 * it was, a move within the booth asks nothing and keeps the answers; taking a seat held on the waitlist asks them too.
 */
class MoveScreeningTest {

  static TestApp app;
  static Fixtures fx;
  static long plainBooth;
  static long askingBooth;
  static List<Long> plainSlots;
  static List<Long> askingSlots;
  static long required;
  static long optional;
  static final Instant START = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    long fair = fx.fair("Umbuchen mit Fragen", true, 60);
    plainBooth = fx.booth(fair, fx.employer("Ohne Fragen GmbH"));
    askingBooth = fx.booth(fair, app.as("employer@demo.test").get("/api/me").json().getLong("employerId"));
    plainSlots = fx.slots(plainBooth, START, 6, Duration.ofMinutes(20), 1);
    askingSlots = fx.slots(askingBooth, START.plus(Duration.ofHours(4)), 8, Duration.ofMinutes(20), 1);
    TestClient hotel = app.as("employer@demo.test");
    long vacancy = hotel.post("/api/booths/" + askingBooth + "/vacancies", new JsonObject().put("title", "Rezeption")).json().getLong("id");
    JsonArray asked = hotel.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", new JsonArray()
        .add(new JsonObject().put("text", "Welche Sprachen sprechen Sie?").put("required", true))
        .add(new JsonObject().put("text", "Ab wann können Sie beginnen?")))).array();
    required = asked.getJsonObject(0).getLong("id");
    optional = asked.getJsonObject(1).getLong("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static TestClient seeker(String name) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(fx.jobseekers(name, 1).get(0), Fixtures.PASSWORD).status());
    return c;
  }

  static JsonArray answer(long question, String text) {
    return new JsonArray().add(new JsonObject().put("questionId", question).put("text", text));
  }

  @Test
  void movingToAnotherBoothAsksItsRequiredQuestionAndARefusedMoveChangesNothing() {
    TestClient c = seeker("move-api");
    long person = c.get("/api/me").json().getLong("id");
    long booking = c.post("/api/slots/" + plainSlots.get(0) + "/bookings", "").json().getLong("id");
    long mails = app.count("select count(*) from mail_outbox");
    String rebook = "/api/bookings/" + booking + "/rebook";

    var missing = c.post(rebook, new JsonObject().put("slotId", askingSlots.get(0))
        .put("answers", answer(optional, "Sofort")));
    assertEquals(400, missing.status(), missing.body());
    assertEquals("answer_required", missing.json().getString("error"));
    assertTrue(missing.json().getString("message").contains("Welche Sprachen sprechen Sie?"), missing.body());
    var none = c.post(rebook, new JsonObject().put("slotId", askingSlots.get(0)));
    assertEquals(400, none.status(), none.body());
    assertEquals("answer_required", none.json().getString("error"), "no answers at all: refused as booking refuses");
    var tooLong = c.post(rebook, new JsonObject().put("slotId", askingSlots.get(0)).put("answers", answer(required, "x".repeat(1001))));
    assertEquals(400, tooLong.status(), tooLong.body());
    assertEquals("answer_too_long", tooLong.json().getString("error"));
    assertEquals("ACTIVE", c.get("/api/bookings/" + booking).json().getString("status"), "the old booking stays");
    assertEquals(1, app.count("select count(*) from booking where jobseeker_id = " + person), "no new booking");
    assertEquals(0, app.count("select count(*) from booking_answer a join booking k on k.id = a.booking_id where k.jobseeker_id = " + person));
    assertEquals(0, app.count("select booked from slot where id = " + askingSlots.get(0)), "the seat is not taken");
    assertEquals(mails, app.count("select count(*) from mail_outbox"), "no mail queued by a refused move");

    var moved = c.post(rebook, new JsonObject().put("slotId", askingSlots.get(0))
        .put("answers", answer(required, "Deutsch und Polnisch").add(new JsonObject().put("questionId", optional).put("text", " "))));
    assertEquals(201, moved.status(), moved.body());
    long to = moved.json().getLong("id");
    assertEquals(askingBooth, moved.json().getLong("boothId"));
    assertEquals("CANCELLED", c.get("/api/bookings/" + booking).json().getString("status"));
    assertEquals(1, app.count("select count(*) from booking_answer where booking_id = " + to + " and question_id = " + required
        + " and answer = 'Deutsch und Polnisch' and question = 'Welche Sprachen sprechen Sie?'"), "the answer is written with the move");
    assertEquals(1, app.count("select count(*) from booking_answer where booking_id = " + to), "the blank optional answer is none");
    String schedule = app.as("employer@demo.test").get("/booths/" + askingBooth + "/schedule").body();
    assertTrue(schedule.contains("Deutsch und Polnisch"), "the booth reads the answer on its schedule");

    // Within the booth: nothing new is asked, the answers move along.
    var within = c.post("/api/bookings/" + to + "/rebook", new JsonObject().put("slotId", askingSlots.get(1)));
    assertEquals(201, within.status(), within.body());
    long again = within.json().getLong("id");
    assertEquals(1, app.count("select count(*) from booking_answer where booking_id = " + again + " and answer = 'Deutsch und Polnisch'"));

    // Away to a booth without questions and back: asked again (the answers belong to the booking at that booth).
    long plain = c.post("/api/bookings/" + again + "/rebook", new JsonObject().put("slotId", plainSlots.get(1))).json().getLong("id");
    assertEquals(0, app.count("select count(*) from booking_answer where booking_id = " + plain));
    assertEquals(400, c.post("/api/bookings/" + plain + "/rebook", new JsonObject().put("slotId", askingSlots.get(2))).status());
  }

  @Test
  void theMovePageShowsTheOtherBoothsQuestionsAndMovesOnlyWithTheRequiredAnswer() {
    TestClient c = seeker("move-page");
    long person = c.get("/api/me").json().getLong("id");
    long booking = c.post("/api/slots/" + plainSlots.get(2) + "/bookings", "").json().getLong("id");
    String form = "X-XSRF-TOKEN=" + c.cookie("XSRF-TOKEN") + "&slotId=" + askingSlots.get(3) + "&boothId=" + askingBooth;
    String path = "/bookings/" + booking + "/rebook";

    var asked = c.postRaw(path, "application/x-www-form-urlencoded", form);
    assertEquals(200, asked.status(), asked.body());
    assertTrue(asked.body().contains("Welche Sprachen sprechen Sie?") && asked.body().contains("action=\"" + path + "\""), asked.body());
    assertTrue(asked.body().contains("Ohne Fragen GmbH"), "the page names the appointment being moved");
    assertEquals("ACTIVE", c.get("/api/bookings/" + booking).json().getString("status"), "showing the questions moves nothing");

    var empty = c.postRaw(path, "application/x-www-form-urlencoded", form + "&screening=1&answer-" + required + "=&answer-" + optional + "=bald");
    assertEquals(400, empty.status(), empty.body());
    assertTrue(empty.body().contains("Bitte beantworten Sie die Pflichtfrage"), empty.body());
    assertTrue(empty.body().contains(">bald</textarea>"), "what was typed stays");
    assertEquals("ACTIVE", c.get("/api/bookings/" + booking).json().getString("status"));
    assertEquals(1, app.count("select count(*) from booking where jobseeker_id = " + person));

    var moved = c.postRaw(path, "application/x-www-form-urlencoded", form + "&screening=1&answer-" + required + "="
        + URLEncoder.encode("Deutsch, Türkisch", StandardCharsets.UTF_8));
    assertEquals(303, moved.status(), moved.body());
    assertTrue(moved.header("Location").startsWith("/me/appointments?booked="), moved.header("Location"));
    assertEquals(1, app.count("select count(*) from booking_answer a join booking k on k.id = a.booking_id where k.jobseeker_id = "
        + person + " and k.status = 'ACTIVE' and k.booth_id = " + askingBooth + " and a.answer = 'Deutsch, Türkisch'"));

    // Within the booth the page asks nothing: the move happens at once.
    long current = app.count("select id from booking where jobseeker_id = " + person + " and status = 'ACTIVE'");
    var within = c.postRaw("/bookings/" + current + "/rebook", "application/x-www-form-urlencoded",
        "X-XSRF-TOKEN=" + c.cookie("XSRF-TOKEN") + "&slotId=" + askingSlots.get(4) + "&boothId=" + askingBooth);
    assertEquals(303, within.status(), within.body());
  }

  @Test
  void takingASeatHeldOnTheWaitlistAsksTheBoothsRequiredQuestion() {
    long booth = fx.booth(fx.fair("Warteliste mit Fragen", true, 0), app.as("employer@demo.test").get("/api/me").json().getLong("employerId"));
    long slot = fx.slots(booth, START.plus(Duration.ofDays(1)), 1, Duration.ofMinutes(30), 1).get(0);
    TestClient hotel = app.as("employer@demo.test");
    long vacancy = hotel.post("/api/booths/" + booth + "/vacancies", new JsonObject().put("title", "Küche")).json().getLong("id");
    long question = hotel.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", new JsonArray()
        .add(new JsonObject().put("text", "Haben Sie einen Gesundheitsausweis?").put("required", true)))).array().getJsonObject(0).getLong("id");
    TestClient holder = seeker("wl-q-holder");
    long held = holder.post("/api/slots/" + slot + "/bookings", new JsonObject().put("answers", answer(question, "Ja"))).json().getLong("id");
    TestClient first = seeker("wl-q-first");
    long person = first.get("/api/me").json().getLong("id");
    long entry = first.post("/api/booths/" + booth + "/waitlist", "").json().getLong("id");
    assertEquals(200, holder.send("DELETE", "/api/bookings/" + held, new JsonObject()).status());
    assertEquals("OFFERED", first.get("/api/me/waitlist").array().getJsonObject(0).getString("status"));

    var missing = first.post("/api/waitlist/" + entry + "/accept", "");
    assertEquals(400, missing.status(), missing.body());
    assertEquals("answer_required", missing.json().getString("error"));
    assertEquals("OFFERED", first.get("/api/me/waitlist").array().getJsonObject(0).getString("status"), "the seat stays held");
    assertEquals(0, app.count("select count(*) from booking where jobseeker_id = " + person));

    // The page asks the question first, on the booking's questions page.
    String form = "X-XSRF-TOKEN=" + first.cookie("XSRF-TOKEN") + "&back=%2Fme%2Fappointments";
    var page = first.postRaw("/waitlist/" + entry + "/accept", "application/x-www-form-urlencoded", form);
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("Haben Sie einen Gesundheitsausweis?") && page.body().contains("action=\"/waitlist/" + entry + "/accept\""), page.body());
    assertEquals(0, app.count("select count(*) from booking where jobseeker_id = " + person));

    var taken = first.post("/api/waitlist/" + entry + "/accept", new JsonObject().put("answers", answer(question, "Ja, seit 2020")));
    assertEquals(201, taken.status(), taken.body());
    assertEquals(1, app.count("select count(*) from booking_answer where booking_id = " + taken.json().getLong("id")
        + " and answer = 'Ja, seit 2020'"), "the answer is written with the booking");
  }
}
