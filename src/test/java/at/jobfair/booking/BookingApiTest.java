package at.jobfair.booking;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookingApiTest {

  static TestApp app;
  static Fixtures fx;
  static long fair;
  static long booth;
  static long otherBooth;
  static List<Long> slots;
  static List<Long> otherSlots;
  static final Instant START = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
  static final Duration LENGTH = Duration.ofMinutes(30);

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long gasthof = app.client().signedIn("employer2@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Testbörse", true, 60);
    booth = fx.booth(fair, hotel);
    otherBooth = fx.booth(fair, gasthof);
    slots = fx.slots(booth, START, 10, LENGTH, 1);
    otherSlots = fx.slots(otherBooth, START, 10, LENGTH, 1);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static TestClient seeker(String name) {
    List<String> emails = fx.jobseekers(name, 1);
    TestClient c = app.client();
    assertEquals(200, c.signIn(emails.get(0), Fixtures.PASSWORD).status());
    return c;
  }

  @Test
  void aBookingRecordsSourceLegalBasisAndTimesAndAppearsInMyBookings() {
    TestClient c = seeker("own");
    Instant before = Instant.now();
    var r = c.post("/api/slots/" + slots.get(0) + "/bookings", "");
    assertEquals(201, r.status(), r.body());
    JsonObject b = r.json();
    assertEquals("ACTIVE", b.getString("status"));
    assertEquals("OWN_INITIATIVE", b.getString("source"));
    assertEquals("VOLUNTARY", b.getString("legalBasis"));
    assertEquals(START.toString(), b.getString("start"));
    assertEquals(START.plus(LENGTH).toString(), b.getString("end"));
    assertEquals(booth, b.getLong("boothId"));
    assertFalse(Instant.parse(b.getString("createdAt")).isBefore(before.minusSeconds(5)));
    assertEquals("/api/bookings/" + b.getLong("id") + "/ics", b.getString("ics"));

    JsonArray mine = c.get("/api/me/bookings").array();
    assertEquals(1, mine.size());
    assertEquals(b.getLong("id"), mine.getJsonObject(0).getLong("id"));
    assertNull(mine.getJsonObject(0).getJsonObject("jobseeker"), "no names in a jobseeker's own list");

    var slot = app.client().get("/api/booths/" + booth).json().getJsonArray("slots").stream()
        .map(o -> (JsonObject) o).filter(s -> s.getLong("id").equals(slots.get(0))).findFirst().orElseThrow();
    assertEquals(0, slot.getInteger("free"));
    assertEquals(1, slot.getInteger("capacity"));
    c.delete("/api/bookings/" + b.getLong("id"));
  }

  @Test
  void onePersonHoldsOneBookingPerBoothAndNeverTwoAtOnce() {
    TestClient c = seeker("rules");
    long first = c.post("/api/slots/" + slots.get(1) + "/bookings", "").json().getLong("id");
    var sameBooth = c.post("/api/slots/" + slots.get(2) + "/bookings", "");
    assertEquals(409, sameBooth.status());
    assertEquals("already_booked_at_booth", sameBooth.json().getString("error"));
    var sameTime = c.post("/api/slots/" + otherSlots.get(1) + "/bookings", "");
    assertEquals(409, sameTime.status());
    assertEquals("overlapping_booking", sameTime.json().getString("error"));
    assertEquals(201, c.post("/api/slots/" + otherSlots.get(2) + "/bookings", "").status(), "the next half hour elsewhere is fine");
    assertEquals(2, c.get("/api/me/bookings").array().size());
    assertEquals(200, c.delete("/api/bookings/" + first).status());
  }

  @Test
  void aFullSlotAnswersWithFreeSlotsAtTheSameBooth() {
    TestClient a = seeker("full-a");
    TestClient b = seeker("full-b");
    long slot = slots.get(3);
    long id = a.post("/api/slots/" + slot + "/bookings", "").json().getLong("id");
    var r = b.post("/api/slots/" + slot + "/bookings", "");
    assertEquals(409, r.status());
    assertEquals("slot_taken", r.json().getString("error"));
    assertEquals("Dieser Termin ist leider gerade vergeben worden. Bitte wählen Sie einen anderen.", r.json().getString("message"));
    JsonArray alternatives = r.json().getJsonArray("alternatives");
    assertFalse(alternatives.isEmpty());
    for (Object o : alternatives) {
      long alt = ((JsonObject) o).getLong("slotId");
      assertTrue(slots.contains(alt), "alternatives are at the same booth");
      assertTrue(((JsonObject) o).getInteger("free") > 0);
      assertFalse(alt == slot);
    }
    a.delete("/api/bookings/" + id);
  }

  @Test
  void cancellingFreesTheSeatAndRebookingIsAllOrNothing() {
    TestClient a = seeker("move-a");
    TestClient b = seeker("move-b");
    long id = a.post("/api/slots/" + slots.get(4) + "/bookings", "").json().getLong("id");
    long taken = b.post("/api/slots/" + slots.get(5) + "/bookings", "").json().getLong("id");

    var blocked = a.post("/api/bookings/" + id + "/rebook", new JsonObject().put("slotId", slots.get(5)));
    assertEquals(409, blocked.status());
    assertEquals("slot_taken", blocked.json().getString("error"));
    assertEquals("ACTIVE", a.get("/api/bookings/" + id).json().getString("status"), "the old booking stays when the new slot is taken");

    var moved = a.post("/api/bookings/" + id + "/rebook", new JsonObject().put("slotId", slots.get(6)));
    assertEquals(201, moved.status(), moved.body());
    assertEquals(slots.get(6), moved.json().getLong("slotId"));
    assertEquals("CANCELLED", a.get("/api/bookings/" + id).json().getString("status"));
    assertEquals("JOBSEEKER", a.get("/api/bookings/" + id).json().getString("cancelledBy"));

    assertEquals(409, a.delete("/api/bookings/" + id).status(), "already cancelled");
    assertEquals(200, b.delete("/api/bookings/" + taken).status());
    assertEquals(201, seeker("move-c").post("/api/slots/" + slots.get(5) + "/bookings", "").status(), "the freed seat can be booked");
    a.delete("/api/bookings/" + moved.json().getLong("id"));
  }

  @Test
  void theEmployerCancelsWithAReasonAndThePersonReadsIt() {
    TestClient person = seeker("cancelled");
    long id = person.post("/api/slots/" + slots.get(7) + "/bookings", "").json().getLong("id");
    TestClient employer = app.client().signedIn("employer@demo.test");

    JsonArray list = employer.get("/api/booths/" + booth + "/bookings").array();
    JsonObject mine = list.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
    assertTrue(mine.getJsonObject("jobseeker").getString("name").startsWith("Person cancelled"), "the booth's staff see who booked");

    var noReason = employer.delete("/api/bookings/" + id);
    assertEquals(400, noReason.status());
    assertEquals("reason_required", noReason.json().getString("error"));
    var r = employer.send("DELETE", "/api/bookings/" + id, new JsonObject().put("reason", "Erfahrung in der Küche fehlt"));
    assertEquals(200, r.status(), r.body());

    JsonObject seen = person.get("/api/me/bookings").array().stream().map(o -> (JsonObject) o)
        .filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
    assertEquals("CANCELLED", seen.getString("status"));
    assertEquals("EMPLOYER", seen.getString("cancelledBy"));
    assertEquals("Erfahrung in der Küche fehlt", seen.getString("cancelReason"));
    String page = person.get("/me/appointments").body();
    assertTrue(page.contains("Hotel Alpenblick GmbH hat diesen Termin abgesagt."), page);
    assertTrue(page.contains("Erfahrung in der Küche fehlt"));
    assertTrue(page.contains("Anderen Termin buchen"));
  }

  @Test
  void strangersNeitherSeeNorCancelOthersBookings() {
    TestClient owner = seeker("private");
    long id = owner.post("/api/slots/" + slots.get(8) + "/bookings", "").json().getLong("id");
    TestClient other = seeker("nosy");
    assertEquals(404, other.get("/api/bookings/" + id).status());
    assertEquals(404, other.delete("/api/bookings/" + id).status());
    assertEquals(404, other.get("/api/bookings/" + id + "/ics").status());
    TestClient otherEmployer = app.client().signedIn("employer2@demo.test");
    assertEquals(404, otherEmployer.get("/api/bookings/" + id).status());
    assertEquals(404, otherEmployer.send("DELETE", "/api/bookings/" + id, new JsonObject().put("reason", "nicht meins")).status());
    assertEquals(404, otherEmployer.get("/api/booths/" + booth + "/bookings").status());
    assertEquals(403, other.get("/api/booths/" + booth + "/bookings").status());
    assertEquals(403, otherEmployer.post("/api/slots/" + slots.get(9) + "/bookings", "").status(), "employers do not book");
    assertEquals("ACTIVE", owner.get("/api/bookings/" + id).json().getString("status"));
    owner.delete("/api/bookings/" + id);
  }

  @Test
  void bookingAndCancellingCloseAtTheCutoff() {
    long soonFair = fx.fair("Bald", true, 60);
    long soonBooth = fx.booth(soonFair, fx.employer("Bald GmbH"));
    List<Long> soon = fx.slots(soonBooth, Instant.now().plus(Duration.ofMinutes(30)), 1, LENGTH, 1);
    long laterBooth = fx.booth(soonFair, fx.employer("Später GmbH"));
    List<Long> later = fx.slots(laterBooth, Instant.now().plus(Duration.ofMinutes(65)), 1, LENGTH, 1);
    TestClient c = seeker("late");
    var r = c.post("/api/slots/" + soon.get(0) + "/bookings", "");
    assertEquals(409, r.status());
    assertEquals("booking_closed", r.json().getString("error"));
    long id = c.post("/api/slots/" + later.get(0) + "/bookings", "").json().getLong("id");
    fx.exec("update slot set starts_at = now() + interval '10 minutes', ends_at = now() + interval '40 minutes' where id = ?", later.get(0));
    fx.exec("update booking set during = tstzrange(now() + interval '10 minutes', now() + interval '40 minutes') where id = ?", id);
    var late = c.delete("/api/bookings/" + id);
    assertEquals(409, late.status());
    assertEquals("cancel_closed", late.json().getString("error"));
  }

  @Test
  void draftsAndUnknownSlotsCannotBeBooked() {
    long draft = fx.fair("Entwurf", false, 0);
    long draftBooth = fx.booth(draft, fx.employer("Entwurf GmbH"));
    long slot = fx.slots(draftBooth, START, 1, LENGTH, 1).get(0);
    TestClient c = seeker("draft");
    assertEquals(404, c.post("/api/slots/" + slot + "/bookings", "").status());
    assertEquals(404, c.post("/api/slots/99999999/bookings", "").status());
    assertEquals(404, c.post("/api/slots/abc/bookings", "").status());
    assertEquals(404, c.get("/api/booths/" + draftBooth).status(), "drafts are not public");
    assertEquals(200, app.client().signedIn("organizer@demo.test").get("/api/booths/" + draftBooth).status(), "staff see drafts");
    assertEquals(0, app.count("select count(*) from booking where slot_id = " + slot));
  }

  @Test
  void removingASlotCancelsItsBookingsWithTheReason() {
    long slot = fx.slots(booth, START.plus(Duration.ofDays(1)), 1, LENGTH, 3).get(0);
    TestClient a = seeker("removed-a");
    TestClient b = seeker("removed-b");
    long ida = a.post("/api/slots/" + slot + "/bookings", "").json().getLong("id");
    long idb = b.post("/api/slots/" + slot + "/bookings", "").json().getLong("id");
    TestClient employer = app.client().signedIn("employer@demo.test");
    assertEquals(400, employer.delete("/api/slots/" + slot).status(), "a reason is needed when people are booked");
    assertEquals(404, app.client().signedIn("employer2@demo.test").send("DELETE", "/api/slots/" + slot,
        new JsonObject().put("reason", "fremd")).status());
    var r = employer.send("DELETE", "/api/slots/" + slot, new JsonObject().put("reason", "Gesprächspartnerin erkrankt"));
    assertEquals(200, r.status(), r.body());
    assertEquals(2, r.json().getInteger("cancelledBookings"));
    for (var pair : List.of(List.of(a, ida), List.of(b, idb))) {
      JsonObject seen = ((TestClient) pair.get(0)).get("/api/bookings/" + pair.get(1)).json();
      assertEquals("CANCELLED", seen.getString("status"));
      assertEquals("Gesprächspartnerin erkrankt", seen.getString("cancelReason"));
    }
    assertEquals(404, seeker("removed-c").post("/api/slots/" + slot + "/bookings", "").status());
    assertTrue(app.client().get("/api/booths/" + booth).json().getJsonArray("slots").stream()
        .noneMatch(o -> ((JsonObject) o).getLong("id") == slot), "removed slots are not offered");
  }

  @Test
  void theCalendarFileIsStableAndACancellationRaisesItsSequence() throws Exception {
    TestClient c = seeker("calendar");
    long id = c.post("/api/slots/" + otherSlots.get(5) + "/bookings", "").json().getLong("id");
    var ics = c.get("/api/bookings/" + id + "/ics");
    assertEquals(200, ics.status());
    assertTrue(ics.header("content-type").startsWith("text/calendar"));
    VEvent event = event(ics.body());
    assertEquals("booking-" + id + "@localhost", event.getProperty(Property.UID).orElseThrow().getValue());
    assertEquals("0", event.getProperty(Property.SEQUENCE).orElseThrow().getValue());
    assertEquals("CONFIRMED", event.getProperty(Property.STATUS).orElseThrow().getValue());
    // in UTC (no zone to misread on a daylight-saving day), from the service's mailbox, to the person, with a reminder
    assertTrue(ics.body().matches("(?s).*\r\nDTSTART:\\d{8}T\\d{6}Z\r\n.*"), ics.body());
    assertTrue(event.getProperty(Property.ORGANIZER).orElseThrow().getValue().startsWith("mailto:"), ics.body());
    assertEquals("mailto:calendar-0@example.org", event.getProperty(Property.ATTENDEE).orElseThrow().getValue().toLowerCase());
    assertEquals(1, event.getAlarms().size());
    assertEquals(event.getProperty(Property.UID).orElseThrow().getValue(),
        event(c.get("/api/bookings/" + id + "/ics").body()).getProperty(Property.UID).orElseThrow().getValue(), "stable UID");

    c.delete("/api/bookings/" + id);
    VEvent cancelled = event(c.get("/api/bookings/" + id + "/ics").body());
    assertEquals("1", cancelled.getProperty(Property.SEQUENCE).orElseThrow().getValue());
    assertEquals("CANCELLED", cancelled.getProperty(Property.STATUS).orElseThrow().getValue());
  }

  @Test
  void badInputIsExplained() {
    TestClient c = seeker("bad");
    long id = c.post("/api/slots/" + otherSlots.get(7) + "/bookings", "").json().getLong("id");
    var r = c.post("/api/bookings/" + id + "/rebook", new JsonObject().put("slotId", "sieben"));
    assertEquals(400, r.status());
    assertEquals("slot_required", r.json().getString("error"));
    assertEquals(400, c.send("DELETE", "/api/bookings/" + id, new JsonObject().put("reason", 5)).status());
    assertEquals(400, c.postRaw("/api/bookings/" + id + "/rebook", "application/json", "{oops").status());
    assertEquals("ACTIVE", c.get("/api/bookings/" + id).json().getString("status"), "nothing changed");
    c.delete("/api/bookings/" + id);
  }

  private static VEvent event(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics)).<VEvent>getComponent(Component.VEVENT).orElseThrow();
  }
}
