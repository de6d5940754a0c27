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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600, "attendance.sickNoteFlagAfter", 2));
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
  void theCaseworkerSeesOnlyTheirOwnPeoplesBindingNoShowsUntilTheResultIsRecorded() throws Exception {
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

    TestClient me = app.as("sfa@demo.test");
    TestClient other = app.as(otherEmail);
    assertEquals(List.of(binding, excusedLater), bookingIds(items(me, "NO_SHOW")));
    assertEquals(List.of(theirsBinding), bookingIds(items(other, "NO_SHOW")));

    JsonObject item = items(me, "NO_SHOW").get(0);
    assertEquals(mine, item.getJsonObject("person").getLong("id"));
    JsonObject evidence = item.getJsonObject("evidence");
    JsonObject booking = evidence.getJsonObject("booking");
    assertEquals("BINDING", booking.getString("legalBasis"));
    assertEquals("PLACEMENT_PROPOSAL", booking.getString("source"));
    assertNotNull(booking.getString("createdAt"));
    assertNull(booking.getString("cancelledAt"));
    assertEquals("Hotel Alpenblick GmbH", booking.getString("employer"));
    assertNull(evidence.getString("checkedInAt"));
    assertEquals("NO_SHOW", evidence.getJsonObject("outcome").getString("outcome"));
    assertEquals("SYSTEM", evidence.getJsonObject("outcome").getString("by"));
    assertFalse(evidence.getBoolean("sickNote"));

    // A sick note recorded afterwards excuses the appointment: it leaves the list without a result.
    assertEquals(201, me.post("/api/bookings/" + excusedLater + "/sick-note", new JsonObject().put("note", "Arztbestätigung liegt vor")).status());
    assertEquals(List.of(binding), bookingIds(items(me, "NO_SHOW")));

    // Results: only for one's own open items.
    long itemId = item.getLong("id");
    assertEquals(404, other.post("/api/worklist/" + itemId + "/result", new JsonObject().put("result", "NO_ACTION")).status());
    assertEquals("worklist_result_invalid", me.post("/api/worklist/" + itemId + "/result", new JsonObject().put("result", "SANCTION")).json().getString("error"));
    var done = me.post("/api/worklist/" + itemId + "/result", new JsonObject().put("result", "SANCTION_CHECK").put("note", "Kein Grund genannt"));
    assertEquals(200, done.status(), done.body());
    assertEquals(409, me.post("/api/worklist/" + itemId + "/result", new JsonObject().put("result", "NO_ACTION")).status());
    assertEquals(List.of(), bookingIds(items(me, "NO_SHOW")));
    assertEquals(1, app.count("select count(*) from worklist_item where id = " + itemId + " and result = 'SANCTION_CHECK' and result_by = " + sfa
        + " and result_note = 'Kein Grund genannt'"));

    // Other staff roles have no worklist; the SfA's page lists the same.
    assertEquals(403, app.as("sfu@demo.test").get("/api/worklist").status());
    assertEquals(403, app.as("organizer@demo.test").get("/staff/worklist").status());
    String page = other.get("/staff/worklist").body();
    assertTrue(page.contains("Person wl 2"), page);
    assertFalse(page.contains("Person wl 0"));
    assertFalse(page.contains("Person wl 1"));
    assertTrue(page.contains("action=\"/staff/worklist/"), page);
  }

  @Test
  void theSecondSickNoteRaisesAFlagForTheCaseworker() throws Exception {
    long sfa = fx.accountId("sfa@demo.test");
    long person = fx.accountId(fx.jobseekers("sick", 1).get(0));
    data.caseworker(person, sfa);
    TestClient me = app.as("sfa@demo.test");
    long first = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(1)), 20, "BINDING");
    long second = data.booking(data.booth(fair), person, Instant.now().plus(Duration.ofDays(2)), 20, "VOLUNTARY");
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
