package at.jobfair.attendance;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SfA worklist: only the caseworker's own people, only no-shows on binding appointments that still count, sick-note
 * flags from the configured count on, with evidence; recording the result closes an item.
 */
class WorklistApiTest {

  static TestApp app;
  static AttendanceTestData data;
  static Fixtures fx;
  static long fair;
  static long hotelBooth;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "noshow.pollSeconds", 3600, "attendance.sickNoteFlagAfter", 2));
    data = new AttendanceTestData(app);
    fx = data.fx();
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Arbeitslistenbörse", true, 0);
    hotelBooth = fx.booth(fair, hotel);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static List<JsonObject> items(TestClient c, String kind) {
    var r = c.get("/api/worklist");
    assertEquals(200, r.status(), r.body());
    List<JsonObject> out = new ArrayList<>();
    for (Object o : r.json().getJsonArray("items")) if (kind.equals(((JsonObject) o).getString("kind"))) out.add((JsonObject) o);
    return out;
  }

  private static List<Long> bookingIds(List<JsonObject> items) {
    return items.stream().map(i -> i.getJsonObject("evidence").getJsonObject("booking").getLong("id")).toList();
  }

  @Test
  void aNoShowReachesTheCaseworkersListAsARequestForReasonsOfTheirOwnPeopleOnceItWaitsForThem() throws Exception {
    long sfa = fx.accountId("sfa@demo.test");
    String otherEmail = data.otherCaseworker("sfa-other");
    long otherSfa = fx.accountId(otherEmail);
    List<String> people = fx.jobseekers("wl", 3);
    long mine = fx.accountId(people.get(0));
    long mineToo = fx.accountId(people.get(1));
    long theirs = fx.accountId(people.get(2));
    data.caseworker(mine, sfa);
    data.caseworker(mineToo, sfa);
    data.caseworker(theirs, otherSfa);

    long binding = data.pastBooking(hotelBooth, mine, 60, "BINDING");
    long voluntary = data.pastBooking(data.booth(fair), mine, 120, "VOLUNTARY");
    long employerAbsent = data.pastBooking(data.booth(fair), mineToo, 60, "BINDING");
    long excusedLater = data.pastBooking(data.booth(fair), mineToo, 120, "BINDING");
    long theirsBinding = data.pastBooking(data.booth(fair), theirs, 60, "BINDING");
    long cancelled = data.pastBooking(data.booth(fair), theirs, 120, "BINDING");
    data.cancel(cancelled);
    // The employer says they were not there themselves: never held against the person.
    fx.exec("insert into attendance (booking_id, outcome, outcome_source, outcome_at) values (?, 'EMPLOYER_NO_SHOW', 'EMPLOYER', now())", employerAbsent);
    assertEquals(4, app.app().attendance().markNoShows().await(30, TimeUnit.SECONDS), "binding, voluntary, excusedLater, theirsBinding");
    app.app().services().cases().noShows().run().await(30, TimeUnit.SECONDS);
    assertEquals(3, app.count("select count(*) from reasons_request where booking_id in (" + binding + "," + excusedLater + "," + theirsBinding + ")"));
    assertEquals(0, app.count("select count(*) from reasons_request where booking_id in (" + voluntary + "," + employerAbsent + "," + cancelled + ")"));
    assertEquals(0, app.count("select count(*) from worklist_item where kind = 'NO_SHOW'"), "no longer a tick on the list");

    TestClient me = app.as("sfa@demo.test");
    TestClient other = app.as(otherEmail);
    assertEquals(List.of(), requests(items(me, "REASONS")), "while the person is still asked, nothing waits for the caseworker");

    // The person answers: the request waits for their caseworker.
    long request = app.count("select id from reasons_request where booking_id = " + binding);
    assertEquals(201, app.as(people.get(0)).post("/api/reasons/" + request + "/answers", new JsonObject().put("text", "Der Bus fiel aus.")).status());
    // A sick note afterwards excuses the other appointment; the deadlines pass for everyone.
    assertEquals(201, me.post("/api/bookings/" + excusedLater + "/sick-note", new JsonObject().put("note", "Arztbestätigung liegt vor")).status());
    fx.exec("update reasons_request set asked_at = now() - interval '8 days', deadline = now() - interval '1 minute' where booking_id in ("
        + binding + "," + excusedLater + "," + theirsBinding + ")");
    app.app().services().cases().noShows().run().await(30, TimeUnit.SECONDS);

    List<JsonObject> mineItems = items(me, "REASONS");
    assertEquals(List.of(request), requests(mineItems));
    assertEquals("ANSWERED", mineItems.get(0).getString("state"));
    assertEquals(mine, mineItems.get(0).getJsonObject("person").getLong("id"));
    List<JsonObject> theirItems = items(other, "REASONS");
    assertEquals(1, theirItems.size());
    assertEquals("NO_ANSWER", theirItems.get(0).getString("state"));

    // Other staff roles have no worklist; the SfA's page lists the same and links to the request.
    assertEquals(403, app.as("sfu@demo.test").get("/api/worklist").status());
    assertEquals(403, app.as("organizer@demo.test").get("/staff/worklist").status());
    String page = other.get("/staff/worklist").body();
    assertTrue(page.contains("Person wl 2"), page);
    assertFalse(page.contains("Person wl 0"));
    assertTrue(page.contains("keine Antwort innerhalb der Frist"), page);
    assertTrue(me.get("/staff/worklist").body().contains("href=\"/staff/reasons/" + request + "\""));
  }

  private static List<Long> requests(List<JsonObject> items) {
    return items.stream().map(i -> i.getLong("request")).toList();
  }

  @Test
  void sickNotesForVoluntaryAppointmentsNeverCountTowardsTheHealthInsurerFlag() throws Exception {
    long sfa = fx.accountId("sfa@demo.test");
    long person = fx.accountId(fx.jobseekers("sick-voluntary", 1).get(0));
    data.caseworker(person, sfa);
    TestClient me = app.as("sfa@demo.test");
    long bindingOne = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(1)), 20, "BINDING");
    long voluntaryOne = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(2)), 20, "VOLUNTARY");
    long voluntaryTwo = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(3)), 20, "VOLUNTARY");

    for (long b : List.of(voluntaryOne, voluntaryTwo, bindingOne)) {
      assertEquals(201, me.post("/api/bookings/" + b + "/sick-note", new JsonObject()).status());
    }
    // Three sick notes, but only one for an appointment the person was obliged to: no pattern to report.
    assertTrue(items(me, "SICK_NOTE_FLAG").stream().noneMatch(i -> i.getJsonObject("person").getLong("id") == person),
        "sick notes for voluntary appointments were counted");
    assertEquals(0, app.count("select count(*) from worklist_item where kind = 'SICK_NOTE_FLAG' and jobseeker_id = " + person));

    long bindingTwo = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(4)), 20, "BINDING");
    assertEquals(201, me.post("/api/bookings/" + bindingTwo + "/sick-note", new JsonObject()).status());
    List<JsonObject> flags = items(me, "SICK_NOTE_FLAG").stream().filter(i -> i.getJsonObject("person").getLong("id") == person).toList();
    assertEquals(1, flags.size(), "the second binding one raises it");
    assertEquals(2, flags.get(0).getJsonObject("evidence").getInteger("sickNoteCount"), "and the evidence lists only those two");
  }

  @Test
  void theSecondSickNoteRaisesAFlagForTheCaseworker() throws Exception {
    long sfa = fx.accountId("sfa@demo.test");
    long person = fx.accountId(fx.jobseekers("sick", 1).get(0));
    data.caseworker(person, sfa);
    TestClient me = app.as("sfa@demo.test");
    long first = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(1)), 20, "BINDING");
    long second = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(2)), 20, "BINDING");
    long attended = data.booking(data.booth(fair), person, Instant.now().minus(Duration.ofMinutes(5)), 20, "VOLUNTARY");
    fx.exec("insert into attendance (booking_id, checked_in_at) values (?, now())", attended);

    assertEquals(201, me.post("/api/bookings/" + first + "/sick-note", new JsonObject()).status());
    assertTrue(items(me, "SICK_NOTE_FLAG").stream().noneMatch(i -> i.getJsonObject("person").getLong("id") == person), "one is no pattern");
    assertEquals("sick_note_exists", me.post("/api/bookings/" + first + "/sick-note", new JsonObject()).json().getString("error"));
    assertEquals("sick_note_attended", me.post("/api/bookings/" + attended + "/sick-note", new JsonObject()).json().getString("error"));
    assertEquals(403, app.as("sfu@demo.test").post("/api/bookings/" + second + "/sick-note", new JsonObject()).status());
    assertEquals(201, app.as("organizer@demo.test").post("/api/bookings/" + second + "/sick-note", new JsonObject().put("note", "bis Montag")).status());

    List<JsonObject> flags = items(me, "SICK_NOTE_FLAG").stream().filter(i -> i.getJsonObject("person").getLong("id") == person).toList();
    assertEquals(1, flags.size());
    JsonObject evidence = flags.get(0).getJsonObject("evidence");
    assertEquals(2, evidence.getInteger("sickNoteCount"));
    JsonArray notes = evidence.getJsonArray("sickNotes");
    assertEquals("bis Montag", notes.getJsonObject(1).getString("note"));
    assertTrue(me.get("/staff/worklist").body().contains("2 Krankmeldungen für Jobbörsen-Termine"));
    assertEquals(200, me.post("/api/worklist/" + flags.get(0).getLong("id") + "/result", new JsonObject().put("result", "NO_ACTION")).status());
    assertTrue(items(me, "SICK_NOTE_FLAG").stream().noneMatch(i -> i.getJsonObject("person").getLong("id") == person));
  }
}
