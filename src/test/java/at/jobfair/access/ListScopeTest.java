package at.jobfair.access;

import at.jobfair.cascade.CascadeTestData;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lists ask Relations per person: the board and its export, the caseworker's worklist. */
class ListScopeTest {

  static TestApp app;
  static Fixtures fx;
  static CascadeTestData data;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    data = new CascadeTestData(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject bookingOnBoard(TestClient c, long fair, long booking) {
    var r = c.get("/api/fairs/" + fair + "/board");
    assertEquals(200, r.status(), r.body());
    for (Object b : r.json().getJsonArray("booths")) {
      for (Object s : ((JsonObject) b).getJsonArray("slots")) {
        for (Object k : ((JsonObject) s).getJsonArray("bookings")) {
          if (((JsonObject) k).getLong("id") == booking) return (JsonObject) k;
        }
      }
    }
    throw new AssertionError("booking " + booking + " not on the board");
  }

  @Test
  void theBoardNamesAPersonOnlyToStaffWhoRelateToThemAndTellsASickNoteOnlyToThoseWithHealthData() {
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Übersicht", true, 0);
    long booth = fx.booth(fair, hotel);
    long person = fx.accountId(fx.jobseekers("board-scope", 1).get(0));
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", fx.accountId("sfa@demo.test"), person);
    long booking = fx.booking(booth, person, Instant.now().plus(Duration.ofHours(2)), 20, "BINDING");
    var sick = app.as("sfa@demo.test").post("/api/bookings/" + booking + "/sick-note", new JsonObject().put("note", "Grippe"));
    assertEquals(201, sick.status(), sick.body());

    JsonObject asCaseworker = bookingOnBoard(app.as("sfa@demo.test"), fair, booking);
    assertEquals("Person board-scope 0", asCaseworker.getJsonObject("jobseeker").getString("name"));
    assertEquals("EXCUSED_SICK", asCaseworker.getString("state"));
    assertEquals(1, app.count("select count(*) from data_access where jobseeker_id = " + person + " and what = 'board_sick_note' and why = 'CASEWORKER'"),
        "the sick note's read is in the person's access log");

    JsonObject asOrganiser = bookingOnBoard(app.as("organizer@demo.test"), fair, booking);
    assertEquals("Person board-scope 0", asOrganiser.getJsonObject("jobseeker").getString("name"), "administration");
    assertEquals("EXCUSED", asOrganiser.getString("state"), "but no health data");

    for (String stranger : List.of("sfu@demo.test", "provider@demo.test", "erhebung@demo.test", "kommune@demo.test")) {
      JsonObject seen = bookingOnBoard(app.as(stranger), fair, booking);
      assertNull(seen.getValue("jobseeker"), stranger + " " + seen.encode());
      assertEquals("EXCUSED", seen.getString("state"), stranger);
      String csv = app.as(stranger).get("/api/fairs/" + fair + "/board.csv").body();
      assertFalse(csv.contains("board-scope"), stranger + ": " + csv);
      String page = app.as(stranger).get("/staff/fairs/" + fair + "/board?lang=en").body();
      assertFalse(page.contains("board-scope"), stranger);
      assertTrue(page.contains("not related to you"), stranger);
    }
    assertEquals(1, app.count("select count(*) from data_access where jobseeker_id = " + person + " and what = 'board_sick_note'"),
        "nobody else read it");
  }

  @Test
  void theWorklistHoldsTheCaseworkersPeopleAndThoseTheyStandInForAndNobodyElses() {
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Arbeitsliste", true, 0);
    long booth = fx.booth(fair, hotel);
    long person = fx.accountId(fx.jobseekers("worklist-scope", 1).get(0));
    long sfa = fx.accountId("sfa@demo.test");
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", sfa, person);
    long booking = fx.booking(booth, person, Instant.now().minus(Duration.ofDays(1)), 20, "BINDING");
    long sickNote = app.insert("insert into sick_note (booking_id, jobseeker_id, note, recorded_by) values (?, ?, 'krank', ?) returning id", booking, person, sfa);
    long item = app.insert("insert into worklist_item (kind, jobseeker_id, sick_note_id) values ('SICK_NOTE_FLAG', ?, ?) returning id", person, sickNote);

    String deputyEmail = data.staff("sfa-worklist", "SFA");
    TestClient deputy = data.as(deputyEmail);
    assertFalse(items(deputy).contains(item), "not (yet) standing in");
    assertEquals(404, deputy.post("/api/worklist/" + item + "/result", new JsonObject().put("result", "NO_ACTION")).status());
    assertTrue(items(app.as("sfa@demo.test")).contains(item));

    var added = app.as("organizer@demo.test").post("/api/caseworkers/" + sfa + "/deputies", new JsonObject().put("deputyId", fx.accountId(deputyEmail)));
    assertEquals(201, added.status(), added.body());
    assertTrue(items(deputy).contains(item), "the deputy's list holds the caseworker's people");
    assertEquals(1, app.count("select count(*) from data_access where jobseeker_id = " + person + " and what = 'sick_notes' and why = 'DEPUTY'"),
        "the deputy's read of the sick notes is in the person's access log, as a deputy's");
    assertEquals(200, deputy.post("/api/worklist/" + item + "/result", new JsonObject().put("result", "NO_ACTION")).status());
    assertEquals(204, app.as("organizer@demo.test").delete("/api/deputies/" + added.json().getLong("id")).status());
  }

  private static List<Long> items(TestClient c) {
    JsonArray items = c.get("/api/worklist").json().getJsonArray("items");
    return items.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }
}
