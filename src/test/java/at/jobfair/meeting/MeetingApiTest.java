package at.jobfair.meeting;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meeting API with the built-in provider: who may enter, when, the lobby's admission under a race, the phone fallback. */
class MeetingApiTest {

  static TestApp app;
  static MeetingTestData data;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    data = new MeetingTestData(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static TestClient as(String email) {
    return app.client().signedIn(email);
  }

  static TestClient person(long accountId) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(data.email(accountId), Fixtures.PASSWORD).status());
    return c;
  }

  @Test
  void bothSidesGetTheSameUnguessableRoomAndOnlyTheBoothModerates() {
    long js = data.jobseeker("both");
    long booking = data.running(js, 5);
    JsonObject mine = person(js).get("/api/bookings/" + booking + "/meeting").json();
    JsonObject theirs = as("employer@demo.test").get("/api/bookings/" + booking + "/meeting").json();
    assertEquals("builtin", mine.getString("provider"));
    assertTrue(mine.getString("room").matches("jf-[a-z2-7]{32}"), mine.getString("room"));
    assertEquals(mine.getString("room"), theirs.getString("room"));
    assertFalse(mine.getString("room").contains(String.valueOf(booking)));
    assertEquals("JOBSEEKER", mine.getString("role"));
    assertFalse(mine.getBoolean("moderator"));
    assertEquals("EMPLOYER", theirs.getString("role"));
    assertTrue(theirs.getBoolean("moderator"));
    assertEquals("/meetings/" + booking + "/signal", mine.getString("signal"));
    assertEquals(new JsonArray(), mine.getJsonArray("iceServers"));
    assertNull(mine.getValue("jwt"), "no token with the built-in provider");
    long other = data.running(data.jobseeker("neighbour"), 5);
    assertFalse(mine.getString("room").equals(as("employer@demo.test").get("/api/bookings/" + other + "/meeting").json().getString("room")),
        "every appointment has a room of its own");
  }

  @Test
  void strangersAreRefusedWithAClearMessageAndLearnNothing() {
    long js = data.jobseeker("stranger");
    long booking = data.running(js, 5);
    long otherPerson = data.jobseeker("intruder");
    for (TestClient c : List.of(person(otherPerson), as("employer2@demo.test"), as("sfu@demo.test"), as("seeker@demo.test"))) {
      TestClient.Response r = c.get("/api/bookings/" + booking + "/meeting");
      assertEquals(403, r.status(), r.body());
      assertEquals("not_your_meeting", r.json().getString("error"));
      assertTrue(r.json().getString("message").contains("nicht für Sie"), r.body());
    }
    TestClient.Response missing = person(otherPerson).get("/api/bookings/999999/meeting");
    assertEquals(403, missing.status(), "a booking that does not exist looks the same");
    assertEquals("not_your_meeting", missing.json().getString("error"));
    assertEquals(401, app.client().get("/api/bookings/" + booking + "/meeting").status());
    TestClient.Response page = person(otherPerson).get("/meetings/" + booking);
    assertEquals(403, page.status());
    assertTrue(page.body().contains("nicht für Sie"));
    assertFalse(page.body().contains("jf-"), "the refusal names no room");
  }

  @Test
  void theCaseworkerAndOrganisersMaySitInAsGuests() {
    long js = data.jobseeker("cared");
    long booking = data.running(js, 5);
    long sfa = data.fx.accountId("sfa@demo.test");
    data.fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", sfa, js);
    JsonObject caseworker = as("sfa@demo.test").get("/api/bookings/" + booking + "/meeting").json();
    assertEquals("STAFF", caseworker.getString("role"));
    assertFalse(caseworker.getBoolean("moderator"));
    assertEquals(200, as("organizer@demo.test").get("/api/bookings/" + booking + "/meeting").status());
    assertEquals(403, as("sfa@demo.test").post("/api/bookings/" + booking + "/meeting/admit", "").status(), "guests do not admit");
  }

  @Test
  void theRoomOpensTenMinutesBeforeTheStartAndClosesAtTheEnd() {
    long js = data.jobseeker("window");
    long booth = data.hotelBooth();
    long soon = data.booking(booth, js, Instant.now().plus(Duration.ofMinutes(8)), 20);
    long later = data.booking(booth, data.jobseeker("later"), Instant.now().plus(Duration.ofMinutes(40)), 20);
    long over = data.booking(booth, data.jobseeker("over"), Instant.now().minus(Duration.ofMinutes(40)), 20);
    assertEquals(200, person(js).get("/api/bookings/" + soon + "/meeting").status(), "8 minutes before: open");
    TestClient.Response early = as("employer@demo.test").get("/api/bookings/" + later + "/meeting");
    assertEquals(409, early.status());
    assertEquals("too_early", early.json().getString("error"));
    Instant opens = Instant.parse(early.json().getString("opensAt"));
    assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofMinutes(30)), opens).toSeconds()) < 60, opens.toString());
    assertTrue(early.json().getString("message").contains("Uhr"), early.body());
    TestClient.Response page = as("employer@demo.test").get("/meetings/" + later);
    assertEquals(409, page.status());
    assertTrue(page.body().contains("data-countdown=\"" + opens + "\""), "the page counts down to the opening");
    assertFalse(page.body().contains("role=\"alert\""), "waiting is no error");
    assertTrue(page.body().contains("class=\"waiting\""), page.body());
    assertTrue(page.body().contains("data-hours=\"{0} Std.\""), "the countdown's units come from the bundle");
    TestClient.Response closed = as("employer@demo.test").get("/api/bookings/" + over + "/meeting");
    assertEquals(409, closed.status());
    assertEquals("closed", closed.json().getString("error"));
    data.fx.exec("update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'JOBSEEKER' where id = ?", soon);
    TestClient.Response cancelled = person(js).get("/api/bookings/" + soon + "/meeting");
    assertEquals(409, cancelled.status());
    assertEquals("booking_cancelled", cancelled.json().getString("error"));
  }

  @Test
  void manyStaffAdmittingAtOnceAdmitOnce() throws Exception {
    long booking = data.running(data.jobseeker("race"), 2);
    List<TestClient> staff = List.of(as("employer@demo.test"), as("employer@demo.test"), as("employer@demo.test"));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Callable<TestClient.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 36; i++) {
        TestClient c = staff.get(i % staff.size());
        calls.add(() -> c.post("/api/bookings/" + booking + "/meeting/admit", ""));
      }
      int won = 0;
      for (Future<TestClient.Response> f : pool.invokeAll(calls)) {
        TestClient.Response r = f.get();
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().getBoolean("admitted"));
        if (r.json().getBoolean("byThisRequest")) won++;
      }
      assertEquals(1, won, "exactly one request admitted");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, app.count("select count(*) from meeting_event where kind = 'ADMIT' and booking_id = " + booking));
    assertEquals(1, app.count("select count(*) from meeting where admitted_at is not null and booking_id = " + booking));
    assertEquals(data.fx.accountId("employer@demo.test"), app.count("select admitted_by from meeting where booking_id = " + booking));
  }

  @Test
  void onlyTheBoothAdmitsAndChoosesAutomaticAdmission() {
    long js = data.jobseeker("notme");
    long booking = data.running(js, 2);
    assertEquals(403, person(js).post("/api/bookings/" + booking + "/meeting/admit", "").status());
    TestClient.Response other = as("employer2@demo.test").post("/api/bookings/" + booking + "/meeting/admit", "");
    assertEquals(403, other.status());
    assertEquals("not_your_meeting", other.json().getString("error"));
    TestClient employer = as("employer@demo.test");
    assertEquals(400, employer.put("/api/bookings/" + booking + "/meeting/auto-admit", new JsonObject().put("autoAdmit", "ja")).status());
    TestClient.Response on = employer.put("/api/bookings/" + booking + "/meeting/auto-admit", new JsonObject().put("autoAdmit", true));
    assertEquals(200, on.status(), on.body());
    assertTrue(person(js).get("/api/bookings/" + booking + "/meeting").json().getBoolean("autoAdmit"));
    assertEquals(403, app.client().signedIn("employer@demo.test").postWithoutCsrf("/api/bookings/" + booking + "/meeting/admit", "").status(),
        "without the CSRF header nothing happens");
    assertEquals(0, app.count("select count(*) from meeting_event where kind = 'ADMIT' and booking_id = " + booking));
  }

  @Test
  void jitsiEventsAreRecordedAndTheJoinChecksTheJobseekerIn() {
    long js = data.jobseeker("events");
    long booking = data.running(js, 3);
    TestClient me = person(js);
    assertEquals(400, me.post("/api/bookings/" + booking + "/meeting/events", new JsonObject().put("event", "danced")).status());
    assertEquals(204, me.post("/api/bookings/" + booking + "/meeting/events", new JsonObject().put("event", "joined")).status());
    assertEquals(204, me.post("/api/bookings/" + booking + "/meeting/events", new JsonObject().put("event", "left")).status());
    assertEquals(204, me.post("/api/bookings/" + booking + "/meeting/events",
        new JsonObject().put("event", "failed").put("detail", "ICE failed")).status());
    assertEquals(1, app.count("select count(*) from attendance where checked_in_at is not null and booking_id = " + booking),
        "joining the room is the check-in");
    JsonArray log = as("employer@demo.test").get("/api/bookings/" + booking + "/meeting/events").array();
    assertEquals(List.of("JOIN", "LEAVE", "FAILURE"), log.stream().map(o -> ((JsonObject) o).getString("kind")).toList());
    assertEquals("ICE failed", log.getJsonObject(2).getString("detail"));
    long fair = app.count("select b.fair_id from booking k join booth b on b.id = k.booth_id where k.id = " + booking);
    JsonObject failures = as("organizer@demo.test").get("/api/fairs/" + fair + "/board").json().getJsonObject("meetingFailures");
    assertEquals(1, failures.getInteger("lastHour"), "the board tells staff of failures, to derive an outage from");
    assertTrue(as("organizer@demo.test").get("/staff/fairs/" + fair + "/board").body().contains("class=\"error meeting-failures\""));
    assertEquals(403, person(data.jobseeker("nosy")).get("/api/bookings/" + booking + "/meeting/events").status());
  }

  @Test
  void threePeopleWhoseRoomsFailAtOneFairMakeADetectedOutageThatExcusesTheirAppointments() {
    long booth = data.hotelBooth();
    long fair = app.count("select fair_id from booth where id = " + booth);
    Instant now = Instant.now();
    long[] people = {data.jobseeker("fail1"), data.jobseeker("fail2"), data.jobseeker("fail3")};
    long[] bookings = new long[3];
    for (int i = 0; i < 3; i++) bookings[i] = data.booking(booth, people[i], now.minus(Duration.ofMinutes(45 - 20L * i)), 20);
    TestClient[] clients = {person(people[0]), person(people[1]), person(people[2])};
    JsonObject failed = new JsonObject().put("event", "failed").put("detail", "ICE failed");
    String outages = "select count(*) from fair_outage where fair_id = " + fair;

    assertEquals(204, clients[0].post("/api/bookings/" + bookings[0] + "/meeting/events", failed).status());
    assertEquals(204, clients[1].post("/api/bookings/" + bookings[1] + "/meeting/events", failed).status());
    assertEquals(204, clients[0].post("/api/bookings/" + bookings[0] + "/meeting/events", failed).status());
    assertEquals(0, app.count(outages), "two people, one of them twice: not yet an outage");

    assertEquals(204, clients[2].post("/api/bookings/" + bookings[2] + "/meeting/events", failed).status());
    assertEquals(1, app.count(outages + " and detected and recorded_by is null and during @> now()"), "the third person makes it one");
    assertEquals(1, app.count("select count(*) from fair_outage o join booking k on k.id = " + bookings[2]
        + " where o.fair_id = " + fair + " and o.during && k.during"), "the running appointment lies inside it (excused)");
    assertTrue(as("organizer@demo.test").get("/api/fairs/" + fair + "/board").json().encode().contains("\"lastHour\":4"));

    long until = app.count("select extract(epoch from upper(during))::bigint from fair_outage where fair_id = " + fair);
    assertEquals(204, clients[1].post("/api/bookings/" + bookings[1] + "/meeting/events", failed).status());
    assertEquals(1, app.count(outages), "further reports stretch the window instead of adding one");
    assertTrue(app.count("select extract(epoch from upper(during))::bigint from fair_outage where fair_id = " + fair) >= until);
  }

  @Test
  void aBoothWithAPhoneNumberOffersItAndTheEmployerConfirmsTheCall() {
    long js = data.jobseeker("phone");
    long booth = data.hotelBooth();
    long booking = data.booking(booth, js, Instant.now().minus(Duration.ofMinutes(5)), 30);
    TestClient employer = as("employer@demo.test");
    TestClient.Response none = employer.post("/api/bookings/" + booking + "/meeting/phone", "");
    assertEquals(409, none.status());
    assertEquals("meeting_no_phone", none.json().getString("error"));
    data.fx.exec("update booth set phone = '+43 1 555 0100' where id = ?", booth);
    assertEquals("+43 1 555 0100", person(js).get("/api/bookings/" + booking + "/meeting").json().getString("phone"));
    assertTrue(person(js).get("/me/appointments").body().contains("tel:+43 1 555 0100"), "the appointment offers the call");
    assertEquals(403, as("employer2@demo.test").post("/api/bookings/" + booking + "/meeting/phone", "").status());
    assertEquals(204, employer.post("/api/bookings/" + booking + "/meeting/phone", "").status());
    assertEquals(204, employer.post("/api/bookings/" + booking + "/meeting/phone", "").status(), "again changes nothing");
    assertEquals(1, app.count("select count(*) from attendance where outcome = 'APPEARED' and booking_id = " + booking));
    assertEquals(1, app.count("select count(*) from meeting_event where kind = 'PHONE' and provider = 'PHONE' and booking_id = " + booking));
  }

  @Test
  void theJobseekerAsksForACallBackAndOnlyTheirBoothSeesTheNumber() {
    long js = data.jobseeker("callback");
    long booth = data.hotelBooth();
    long booking = data.booking(booth, js, Instant.now().minus(Duration.ofMinutes(3)), 30);
    TestClient me = person(js);
    // Only where the booth offers call-backs: not yet.
    assertFalse(me.get("/api/bookings/" + booking + "/meeting").json().getBoolean("callbackOffered"));
    assertFalse(me.get("/meetings/" + booking).body().contains("/callback\""), "no call-back form");
    TestClient.Response notOffered = me.post("/api/bookings/" + booking + "/meeting/callback", new JsonObject().put("phone", "+43 660 1234567"));
    assertEquals(409, notOffered.status());
    assertEquals("meeting_callback_not_offered", notOffered.json().getString("error"));
    TestClient employer = as("employer@demo.test");
    JsonObject profile = employer.put("/api/booths/" + booth, new JsonObject().put("headline", "Rückruf").put("callback", true)).json();
    assertTrue(profile.getBoolean("callback"));
    assertTrue(me.get("/api/bookings/" + booking + "/meeting").json().getBoolean("callbackOffered"));

    TestClient.Response bad = me.post("/api/bookings/" + booking + "/meeting/callback", new JsonObject().put("phone", "call me"));
    assertEquals(400, bad.status());
    assertEquals("meeting_phone_invalid", bad.json().getString("error"));
    assertEquals(403, as("employer@demo.test").post("/api/bookings/" + booking + "/meeting/callback",
        new JsonObject().put("phone", "+43 1 234")).status(), "only jobseekers ask");
    assertEquals(403, person(data.jobseeker("cbstranger")).post("/api/bookings/" + booking + "/meeting/callback",
        new JsonObject().put("phone", "+43 660 1234567")).status());
    assertEquals(204, me.post("/api/bookings/" + booking + "/meeting/callback", new JsonObject().put("phone", "+43 660 1234567")).status());
    assertTrue(me.get("/api/bookings/" + booking + "/meeting").json().getBoolean("callbackRequested"));
    String schedule = as("employer@demo.test").get("/booths/" + booth + "/schedule").body();
    assertTrue(schedule.contains("href=\"tel:+43 660 1234567\""), "the booth sees whom to call");
    assertTrue(schedule.contains("action=\"/bookings/" + booking + "/phone\""), "and can confirm the call");
    assertFalse(as("employer2@demo.test").get("/api/bookings/" + booking + "/meeting").body().contains("1234567"));
    assertEquals(204, as("employer@demo.test").post("/api/bookings/" + booking + "/meeting/phone", "").status(),
        "a call-back counts as a phone fallback although the booth has no number");
    assertEquals(List.of("CALLBACK", "PHONE"), as("employer@demo.test").get("/api/bookings/" + booking + "/meeting/events").array()
        .stream().map(o -> ((JsonObject) o).getString("kind")).toList());
    // The room page's form does the same.
    String page = me.get("/meetings/" + booking).body();
    assertTrue(page.contains("action=\"/meetings/" + booking + "/callback\""));
    assertTrue(page.contains("+43 660 1234567"));
  }

  @Test
  void theAppointmentPagesLinkToTheRoomWithinTheWindowAndCountDownBefore() {
    long js = data.jobseeker("pages");
    long booth = data.hotelBooth();
    long now = data.booking(booth, js, Instant.now().plus(Duration.ofMinutes(5)), 20);
    long js2 = data.jobseeker("pages2");
    long later = data.booking(booth, js2, Instant.now().plus(Duration.ofMinutes(60)), 20);
    String mine = person(js).get("/me/appointments").body();
    assertTrue(mine.contains("href=\"/meetings/" + now + "\""), "the link within the window");
    String theirs = person(js2).get("/me/appointments").body();
    assertFalse(theirs.contains("href=\"/meetings/" + later + "\""));
    assertTrue(theirs.contains("data-countdown="), "a countdown before");
    String schedule = as("employer@demo.test").get("/booths/" + booth + "/schedule").body();
    assertTrue(schedule.contains("href=\"/meetings/" + now + "\""));
    String room = person(js).get("/meetings/" + now).body();
    assertTrue(room.contains("/static/js/meeting.js"));
    assertTrue(room.contains("Gespräch verlassen"));
    assertFalse(room.contains("id=\"lobby\""), "the jobseeker sees no lobby controls");
    assertTrue(as("employer@demo.test").get("/meetings/" + now).body().contains("id=\"lobby\""));
  }

  @Test
  void theDemoHasAVideoInterviewRunningForTwoPeopleToTry() {
    long id = app.count("select k.id from booking k join account a on a.id = k.jobseeker_id where a.email = 'interview@demo.test'");
    JsonObject seeker = as("interview@demo.test").get("/api/bookings/" + id + "/meeting").json();
    JsonObject employer = as("employer@demo.test").get("/api/bookings/" + id + "/meeting").json();
    assertEquals(seeker.getString("room"), employer.getString("room"));
    assertTrue(employer.getBoolean("moderator"));
    assertTrue(as("interview@demo.test").get("/me/appointments").body().contains("href=\"/meetings/" + id + "\""));
  }

  @Test
  void theApiDescriptionNamesTheMeetingRoutes() {
    JsonObject paths = app.client().get("/api/openapi.json").json().getJsonObject("paths");
    assertNotNull(paths.getJsonObject("/api/bookings/{id}/meeting"));
    assertNotNull(paths.getJsonObject("/api/bookings/{id}/meeting").getJsonObject("get"));
  }
}
