package at.jobfair.profile;

import at.jobfair.support.Fixtures;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile, the CV, what a booth sees of them and the pre-screening questions, over the API. */
class ProfileApiTest {

  static TestApp app;
  static Fixtures fx;
  static long booth;
  static long secondHotelBooth;
  static long otherBooth;
  static List<Long> slots;
  static List<Long> otherSlots;
  static final Instant START = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long gasthof = app.as("employer2@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Profilbörse", true, 60);
    booth = fx.booth(fair, hotel);
    otherBooth = fx.booth(fair, gasthof);
    secondHotelBooth = fx.booth(fx.fair("Zweite Börse", true, 60), hotel);
    slots = fx.slots(booth, START, 12, Duration.ofMinutes(20), 1);
    otherSlots = fx.slots(otherBooth, START, 4, Duration.ofMinutes(20), 1);
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

  static long id(TestClient c) {
    return c.get("/api/me").json().getLong("id");
  }

  static JsonObject full() {
    return new JsonObject().put("skills", new JsonArray().add("Kochen").add("Service").add("kochen"))
        .put("languages", new JsonArray().add(new JsonObject().put("code", "de").put("level", "C1"))
            .add(new JsonObject().put("code", "tr").put("level", "NATIVE")))
        .put("licences", new JsonArray().add("B")).put("availableFrom", "2027-01-04").put("hoursPerWeek", 30)
        .put("shifts", new JsonArray().add("MORNING").add("WEEKEND")).put("maxCommuteMinutes", 45).put("maxCommuteKm", 30)
        .put("relocate", true).put("shared", new JsonArray().add("SKILLS").add("CV"));
  }

  static byte[] pdf() throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.addPage(new PDPage());
      doc.save(out);
      return out.toByteArray();
    }
  }

  static byte[] png() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void theProfileIsSavedAndReadBackAndBadInputIsRefusedWithNothingWritten() {
    TestClient c = seeker("profile");
    JsonObject empty = c.get("/api/me/job-profile").json();
    assertEquals(0, empty.getJsonArray("skills").size());
    assertEquals(0, empty.getJsonArray("shared").size(), "nothing is shared until the person chooses");

    var saved = c.put("/api/me/job-profile", full());
    assertEquals(200, saved.status(), saved.body());
    JsonObject p = c.get("/api/me/job-profile").json();
    assertEquals(new JsonArray().add("Kochen").add("Service"), p.getJsonArray("skills"), "each skill once, whatever its case");
    assertEquals("NATIVE", p.getJsonArray("languages").getJsonObject(1).getString("level"));
    assertEquals("2027-01-04", p.getString("availableFrom"));
    assertEquals(30, p.getInteger("hoursPerWeek"));
    assertTrue(p.getBoolean("relocate"));
    assertNull(p.getValue("benefitType"));

    JsonArray many = new JsonArray();
    for (int i = 0; i < 21; i++) many.add("Fähigkeit " + i);
    refused(c, full().put("skills", many), "profile_skills");
    refused(c, full().put("skills", new JsonArray().add("x".repeat(41))), "profile_skills");
    refused(c, full().put("hoursPerWeek", 99), "profile_hours");
    refused(c, full().put("languages", new JsonArray().add(new JsonObject().put("code", "de").put("level", "Z9"))), "profile_languages");
    refused(c, full().put("availableFrom", "2027-02-30"), "profile_available_from");
    refused(c, full().put("licences", new JsonArray().add("Q")), "profile_licences");
    refused(c, full().put("shared", new JsonArray().add("BENEFIT")), "profile_shared");
    refused(c, full().put("maxCommuteKm", 0), "profile_commute_km");
    assertEquals(p, c.get("/api/me/job-profile").json(), "a refused save changes nothing");
  }

  static void refused(TestClient c, JsonObject body, String error) {
    var r = c.put("/api/me/job-profile", body);
    assertEquals(400, r.status(), r.body());
    assertEquals(error, r.json().getString("error"), r.body());
  }

  @Test
  void aRealPdfIsStoredReplacedAndDeletedAnImageNamedPdfAndAFileTooLargeAreRefused() throws IOException {
    TestClient c = seeker("cv");
    byte[] pdf = pdf();
    var stored = c.postBytes("/api/me/cv?name=Lebenslauf%20M%C3%BCller.pdf", "application/pdf", pdf);
    assertEquals(201, stored.status(), stored.body());
    assertEquals("Lebenslauf Muller.pdf", stored.json().getString("name"));
    HttpResponse<byte[]> got = c.getBytes("/api/me/cv");
    assertEquals(200, got.statusCode());
    assertArrayEquals(pdf, got.body());
    assertEquals("application/pdf", got.headers().firstValue("Content-Type").orElse(""));
    assertTrue(got.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
    assertEquals("nosniff", got.headers().firstValue("X-Content-Type-Options").orElse(""));

    var image = c.postBytes("/api/me/cv?name=cv.pdf", "application/pdf", png());
    assertEquals(415, image.status(), image.body());
    assertEquals("cv_type", image.json().getString("error"));
    byte[] big = Arrays.copyOf(pdf, 5 * 1024 * 1024 + 1);
    var tooBig = c.postBytes("/api/me/cv?name=cv.pdf", "application/pdf", big);
    assertEquals(413, tooBig.status(), tooBig.body());
    assertArrayEquals(pdf, c.getBytes("/api/me/cv").body(), "a refused upload leaves the CV as it was");

    byte[] second = Arrays.copyOf(pdf, pdf.length + 10);
    assertEquals(201, c.postBytes("/api/me/cv?name=neu.pdf", "application/pdf", second).status());
    assertArrayEquals(second, c.getBytes("/api/me/cv").body(), "a new upload replaces the CV");
    assertEquals(204, c.delete("/api/me/cv").status());
    assertEquals(404, c.get("/api/me/cv").status());
    assertNull(c.get("/api/me/job-profile").json().getValue("cv"));
  }

  @Test
  void theBookedBoothSeesOnlyWhatIsSharedAndAnotherBoothNothing() throws IOException {
    TestClient c = seeker("shared");
    long person = id(c);
    assertEquals(200, c.put("/api/me/job-profile", full()).status());
    byte[] pdf = pdf();
    assertEquals(201, c.postBytes("/api/me/cv?name=cv.pdf", "application/pdf", pdf).status());
    TestClient hotel = app.as("employer@demo.test");
    TestClient gasthof = app.as("employer2@demo.test");
    String own = "/api/booths/" + booth + "/candidates/" + person;
    assertEquals(404, hotel.get(own).status(), "no relation before a booking");

    var booked = c.post("/api/slots/" + slots.get(0) + "/bookings", new JsonObject());
    assertEquals(201, booked.status(), booked.body());
    JsonObject seen = hotel.get(own).json();
    assertEquals(new JsonArray().add("Kochen").add("Service"), seen.getJsonArray("skills"));
    assertFalse(seen.containsKey("languages"), "languages are not shared");
    assertFalse(seen.containsKey("relocate"), "mobility is not shared");
    assertFalse(seen.containsKey("benefitType"));
    assertArrayEquals(pdf, hotel.getBytes(own + "/cv").body());
    assertEquals("nosniff", hotel.getBytes(own + "/cv").headers().firstValue("X-Content-Type-Options").orElse(""));

    assertEquals(404, gasthof.get("/api/booths/" + otherBooth + "/candidates/" + person).status(), "another booth: nothing");
    assertEquals(404, gasthof.get("/api/booths/" + otherBooth + "/candidates/" + person + "/cv").status());
    assertEquals(404, gasthof.get(own).status(), "another employer at the booked booth: nothing");
    assertEquals(404, hotel.get("/api/booths/" + secondHotelBooth + "/candidates/" + person).status(), "the same employer's other booth: nothing");
    assertEquals(403, app.as("organizer@demo.test").get(own).status(), "staff read none of it here");
    assertEquals(403, app.as("sfa@demo.test").get(own + "/cv").status());

    assertEquals(200, c.put("/api/me/job-profile", full().put("shared", new JsonArray().add("LANGUAGES"))).status());
    assertEquals(404, hotel.get(own + "/cv").status(), "the CV no longer shared");
    assertTrue(hotel.get(own).json().containsKey("languages"));
    assertNull(hotel.get(own).json().getValue("cv"));

    assertEquals(200, c.delete("/api/bookings/" + booked.json().getLong("id")).status());
    assertEquals(404, hotel.get(own).status(), "a cancelled booking ends the relation");
  }

  @Test
  void aBoothsQuestionsAreAskedWhenBookingARequiredOneIsEnforcedAndTheAnswersAreOnTheSchedule() {
    TestClient hotel = app.as("employer@demo.test");
    var v = hotel.post("/api/booths/" + booth + "/vacancies", new JsonObject().put("title", "Koch (m/w/d)"));
    assertEquals(201, v.status(), v.body());
    long vacancy = v.json().getLong("id");
    JsonArray four = new JsonArray();
    for (int i = 0; i < 4; i++) four.add(new JsonObject().put("text", "Frage " + i));
    var tooMany = hotel.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", four));
    assertEquals(400, tooMany.status(), tooMany.body());
    assertEquals("questions_too_many", tooMany.json().getString("error"));
    assertEquals(403, app.as("employer2@demo.test").put("/api/vacancies/" + vacancy + "/questions",
        new JsonObject().put("questions", new JsonArray())).status(), "another employer's vacancy");
    var set = hotel.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", new JsonArray()
        .add(new JsonObject().put("text", "Seit wann kochen Sie?").put("required", true))
        .add(new JsonObject().put("text", "Haben Sie einen Gesundheitsausweis?"))));
    assertEquals(200, set.status(), set.body());
    JsonArray asked = app.client().get("/api/booths/" + booth + "/questions").array();
    assertEquals(2, asked.size());
    long required = asked.getJsonObject(0).getLong("id");
    long optional = asked.getJsonObject(1).getLong("id");

    TestClient c = seeker("questions");
    long person = id(c);
    long slot = slots.get(5);
    var missing = c.post("/api/slots/" + slot + "/bookings", new JsonObject().put("answers", new JsonArray()
        .add(new JsonObject().put("questionId", optional).put("text", "Ja"))));
    assertEquals(400, missing.status(), missing.body());
    assertEquals("answer_required", missing.json().getString("error"));
    assertTrue(missing.json().getString("message").contains("Seit wann kochen Sie?"), missing.body());
    assertEquals(0, app.count("select count(*) from booking where jobseeker_id = " + person), "nothing booked");
    var tooLong = c.post("/api/slots/" + slot + "/bookings", new JsonObject().put("answers", new JsonArray()
        .add(new JsonObject().put("questionId", required).put("text", "x".repeat(1001)))));
    assertEquals(400, tooLong.status(), tooLong.body());
    assertEquals(0, app.count("select count(*) from booking where jobseeker_id = " + person));

    var booked = c.post("/api/slots/" + slot + "/bookings", new JsonObject().put("answers", new JsonArray()
        .add(new JsonObject().put("questionId", required).put("text", "Seit 2015 in der Hotelküche"))
        .add(new JsonObject().put("questionId", optional).put("text", "  "))));
    assertEquals(201, booked.status(), booked.body());
    assertEquals(1, app.count("select count(*) from booking_answer where booking_id = " + booked.json().getLong("id")),
        "the blank optional answer is no answer");
    String schedule = hotel.get("/booths/" + booth + "/schedule").body();
    assertTrue(schedule.contains("Seit wann kochen Sie?") && schedule.contains("Seit 2015 in der Hotelküche"), "the answer is on the schedule");
    assertTrue(schedule.contains("/booths/" + booth + "/candidates/" + person), "the schedule links the candidate's profile");

    // A booth without questions books as before, without a body.
    TestClient plain = seeker("plain");
    assertEquals(201, plain.post("/api/slots/" + otherSlots.get(0) + "/bookings", "").status());
    hotel.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", new JsonArray()));
  }

  @Test
  void fortyPeopleAnsweringRaceForTheLastSeatOneIsBookedWithItsAnswersAndNoOtherAnswerIsWritten() throws Exception {
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long raceBooth = fx.booth(fx.fair("Fragen im Ansturm", true, 60), hotel);
    long slot = fx.slots(raceBooth, START.plus(Duration.ofDays(1)), 1, Duration.ofMinutes(20), 1).get(0);
    TestClient employer = app.as("employer@demo.test");
    long vacancy = employer.post("/api/booths/" + raceBooth + "/vacancies", new JsonObject().put("title", "Etage")).json().getLong("id");
    long question = employer.put("/api/vacancies/" + vacancy + "/questions", new JsonObject().put("questions", new JsonArray()
        .add(new JsonObject().put("text", "Warum wir?").put("required", true)))).array().getJsonObject(0).getLong("id");
    List<RawSession> people = new ArrayList<>();
    for (String email : fx.jobseekers("answering", 40)) people.add(RawSession.signIn(app.baseUrl(), email, Fixtures.PASSWORD));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(40);
    List<Future<TestClient.Response>> tries = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      RawSession p = people.get(i);
      String body = new JsonObject().put("answers", new JsonArray().add(new JsonObject().put("questionId", question)
          .put("text", "Antwort " + i))).encode();
      tries.add(pool.submit((Callable<TestClient.Response>) () -> {
        go.await();
        return p.post("/api/slots/" + slot + "/bookings", body);
      }));
    }
    go.countDown();
    int created = 0;
    for (Future<TestClient.Response> f : tries) {
      TestClient.Response r = f.get();
      if (r.status() == 201) created++;
      else assertEquals(409, r.status(), r.body());
    }
    pool.shutdown();
    assertEquals(1, created);
    assertEquals(1, app.count("select count(*) from booking where booth_id = " + raceBooth));
    assertEquals(1, app.count("select count(*) from booking_answer a join booking k on k.id = a.booking_id where k.booth_id = " + raceBooth),
        "only the booked person's answer is written");
  }
}
