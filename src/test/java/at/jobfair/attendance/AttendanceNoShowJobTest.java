package at.jobfair.attendance;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The automatic no-show: what the job marks and every exception (employer no-show, outage window, sick note,
 * cancelled, checked in, still within the grace), run twice and by two at once. The periodic run is turned off
 * (once an hour) so that each run here is the test's own.
 */
class AttendanceNoShowJobTest {

  static TestApp app;
  static AttendanceTestData data;
  static Fixtures fx;
  static long fair;
  static long booth;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "noshow.pollSeconds", 3600, "attendance.graceMinutes", 15));
    data = new AttendanceTestData(app);
    fx = data.fx();
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Anwesenheitsbörse", true, 0);
    booth = fx.booth(fair, hotel);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static int run() throws Exception {
    return app.app().attendance().markNoShows().await(30, TimeUnit.SECONDS);
  }

  private static long person(String prefix) {
    return fx.accountId(fx.jobseekers(prefix, 1).get(0));
  }

  @Test
  void marksOnlyUnexcusedAppointmentsWithoutCheckInOnceTheGraceIsOver() throws Exception {
    long p = person("job");
    long binding = data.pastBooking(data.booth(fair), p, 60, "BINDING");
    long voluntary = data.pastBooking(data.booth(fair), person("job-vol"), 60, "VOLUNTARY");
    long employerAbsent = data.pastBooking(booth, person("job-emp"), 60, "BINDING");
    long inOutage = data.pastBooking(data.booth(fair), person("job-out"), 120, "BINDING");
    long sick = data.pastBooking(data.booth(fair), person("job-sick"), 60, "BINDING");
    long cancelled = data.pastBooking(data.booth(fair), person("job-cancel"), 60, "BINDING");
    long withinGrace = data.pastBooking(data.booth(fair), person("job-grace"), 5, "BINDING");
    long future = data.booking(data.booth(fair), person("job-future"), Instant.now().plus(Duration.ofHours(3)), 20, "BINDING");

    // Checked in through the API while the slot ran, then the hours pass.
    List<String> seeker = fx.jobseekers("job-in", 1);
    long checkedIn = data.booking(data.booth(fair), fx.accountId(seeker.get(0)), Instant.now().minus(Duration.ofMinutes(5)), 20, "BINDING");
    TestClient person = app.client();
    assertEquals(200, person.signIn(seeker.get(0), Fixtures.PASSWORD).status());
    assertEquals(200, person.post("/api/bookings/" + checkedIn + "/checkin", "").status());
    data.shiftIntoPast(checkedIn, 120);

    TestClient employer = app.client().signedIn("employer@demo.test");
    var said = employer.put("/api/bookings/" + employerAbsent + "/outcome", new JsonObject().put("outcome", "EMPLOYER_NO_SHOW"));
    assertEquals(200, said.status(), said.body());
    TestClient organizer = app.client().signedIn("organizer@demo.test");
    Instant outageFrom = Instant.now().minus(Duration.ofMinutes(150));
    var outage = organizer.post("/api/fairs/" + fair + "/outages", new JsonObject().put("from", outageFrom.toString())
        .put("to", outageFrom.plus(Duration.ofMinutes(20)).toString()).put("reason", "Videodienst ausgefallen"));
    assertEquals(201, outage.status(), outage.body());
    // the person's own caseworker records the sick note (health data: nobody else of the SfA)
    fx.exec("update jobseeker set caseworker_id = ? where account_id = (select jobseeker_id from booking where id = ?)", fx.accountId("sfa@demo.test"), sick);
    TestClient sfa = app.client().signedIn("sfa@demo.test");
    assertEquals(201, sfa.post("/api/bookings/" + sick + "/sick-note", new JsonObject().put("note", "Krank bis Freitag")).status());
    data.cancel(cancelled);

    assertEquals(2, run(), "the binding and the voluntary appointment");
    assertEquals("NO_SHOW", data.outcome(binding));
    assertEquals("NO_SHOW", data.outcome(voluntary));
    assertEquals("EMPLOYER_NO_SHOW", data.outcome(employerAbsent));
    assertNull(data.outcome(inOutage));
    assertNull(data.outcome(sick));
    assertNull(data.outcome(cancelled));
    assertNull(data.outcome(withinGrace));
    assertNull(data.outcome(future));
    assertNull(data.outcome(checkedIn));
    assertEquals(1, app.count("select count(*) from attendance where booking_id = " + binding + " and outcome_source = 'SYSTEM'"));
    // The person is asked for reasons by the no-show package's job (NoShowRequestJobTest), not ticked on a worklist.
    assertEquals(0, app.count("select count(*) from worklist_item where kind = 'NO_SHOW' and booking_id in (" + binding + "," + voluntary + ")"));

    long markedAt = app.count("select extract(epoch from outcome_at) * 1000000 from attendance where booking_id = " + binding);
    assertEquals(0, run(), "a second run marks nothing");
    assertEquals(markedAt, app.count("select extract(epoch from outcome_at) * 1000000 from attendance where booking_id = " + binding));
  }

  @Test
  void twoInstancesRunningAtOnceMarkEachBookingOnce() throws Exception {
    List<Long> due = new ArrayList<>();
    for (int i = 0; i < 30; i++) due.add(data.pastBooking(data.booth(fair), person("race-" + i), 30 + i, i % 2 == 0 ? "BINDING" : "VOLUNTARY"));
    AttendanceService first = app.app().attendance();
    AttendanceService second = at.jobfair.App.attendanceService(app.app().config(), app.app().pool());
    for (int round = 0; round < 3; round++) {
      Future<Integer> a = first.markNoShows();
      Future<Integer> b = second.markNoShows();
      Future.all(a, b).await(30, TimeUnit.SECONDS);
      if (round == 0) assertEquals(30, a.result() + b.result(), "together exactly the 30 due bookings");
      else assertEquals(0, a.result() + b.result());
    }
    String ids = due.toString().replace("[", "(").replace("]", ")");
    assertEquals(30, app.count("select count(*) from attendance where outcome = 'NO_SHOW' and booking_id in " + ids));
    // Then the request job asks the 15 people with a binding appointment for their reasons, once each.
    for (int round = 0; round < 2; round++) app.app().services().cases().noShows().run().await(30, TimeUnit.SECONDS);
    assertEquals(15, app.count("select count(*) from reasons_request where booking_id in " + ids));
  }
}
