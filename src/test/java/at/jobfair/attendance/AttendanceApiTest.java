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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Check-in, outcomes, the jobseeker record and what never reaches employers, outages, and the periodic no-show job. */
class AttendanceApiTest {

  static TestApp app;
  static AttendanceTestData data;
  static Fixtures fx;
  static long fair;
  static long booth;
  static long seekerId;
  static long hotel;

  /** A fair of the test's own with a booth of Hotel Alpenblick (employer@demo.test); returns {fair, booth}. */
  private static long[] hotelFair(String name) {
    long f = fx.fair(name, true, 0);
    return new long[] {f, fx.booth(f, hotel)};
  }

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 1));
    data = new AttendanceTestData(app);
    fx = data.fx();
    hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Anwesenheitsbörse", true, 0);
    booth = fx.booth(fair, hotel);
    seekerId = fx.accountId("seeker@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void staffOnlyFieldsNeverReachEmployersOrOtherJobseekers() {
    long booking = data.booking(booth, seekerId, Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES), 20, "BINDING");
    TestClient sfa = app.as("sfa@demo.test");
    assertEquals(201, sfa.post("/api/bookings/" + booking + "/sick-note", new JsonObject().put("note", "Krankmeldung bis Freitag")).status());

    JsonObject record = sfa.get("/api/jobseekers/" + seekerId).json();
    assertEquals("UNEMPLOYMENT_BENEFIT", record.getString("benefitType"));
    assertEquals("Alex Berger", record.getString("name"));
    assertEquals(fx.accountId("sfa@demo.test"), record.getJsonObject("caseworker").getLong("id"));
    assertEquals("Wien", record.getString("region"));
    assertTrue(sfa.get("/staff/jobseekers/" + seekerId).body().contains("Arbeitslosengeld"));

    List<String> secrets = List.of("benefitType", "UNEMPLOYMENT_BENEFIT", "Arbeitslosengeld", "Unemployment benefit", "sickNote",
        "sick-note", "Krankmeldung", "EXCUSED", "entschuldigt");
    TestClient employer = app.as("employer@demo.test");
    TestClient.Response[] employerViews = {employer.get("/booths/" + booth + "/schedule"), employer.get("/api/booths/" + booth + "/bookings"),
        employer.get("/api/bookings/" + booking)};
    for (TestClient.Response r : employerViews) {
      assertEquals(200, r.status(), r.body());
      assertTrue(r.body().contains("Alex Berger"), "the employer does see the candidate");
      for (String secret : secrets) assertFalse(r.body().contains(secret), secret + " reached the employer: " + r.body());
    }
    TestClient seeker = app.as("seeker@demo.test");
    JsonObject profile = seeker.get("/api/me/profile").json();
    assertEquals("Wien", profile.getString("region"));
    assertEquals(new JsonArray().add("de"), profile.getJsonArray("languages"));
    assertEquals("Markus Lehner", profile.getJsonObject("caseworker").getString("name"));
    TestClient.Response[] ownViews = {seeker.get("/api/me/profile"), seeker.get("/me/appointments"), seeker.get("/api/me/bookings"),
        seeker.get("/api/bookings/" + booking)};
    for (TestClient.Response r : ownViews) {
      assertEquals(200, r.status(), r.body());
      for (String secret : secrets) assertFalse(r.body().contains(secret), secret + " reached the person: " + r.body());
    }
    TestClient other = app.as("seeker2@demo.test");
    assertEquals(404, other.get("/api/bookings/" + booking).status());
    for (TestClient c : List.of(employer, seeker, other, app.as("provider@demo.test"))) {
      assertEquals(403, c.get("/api/jobseekers/" + seekerId).status());
      assertEquals(403, c.get("/staff/jobseekers/" + seekerId).status());
      assertEquals(403, c.put("/api/jobseekers/" + seekerId, new JsonObject().put("benefitType", null)).status());
    }
    for (TestClient c : List.of(employer, seeker)) {
      assertEquals(403, c.get("/api/fairs/" + fair + "/board").status());
      assertEquals(403, c.get("/api/fairs/" + fair + "/board.csv").status());
      assertEquals(403, c.get("/staff/fairs/" + fair + "/board").status());
      assertEquals(403, c.get("/api/worklist").status());
      assertEquals(403, c.post("/api/bookings/" + booking + "/sick-note", "{}").status());
    }
    assertEquals("UNEMPLOYMENT_BENEFIT", sfa.get("/api/jobseekers/" + seekerId).json().getString("benefitType"), "nothing changed");
  }

  @Test
  void theOrganiserAssignsTheCaseworkerWhoAloneRecordsTheBenefitAndStaffWithoutARelationSeeNothing() {
    long person = fx.accountId(fx.jobseekers("record", 1).get(0));
    TestClient org = app.as("organizer@demo.test");
    TestClient sfu = app.as("sfu@demo.test");
    TestClient sfa = app.as("sfa@demo.test");
    long sfaId = fx.accountId("sfa@demo.test");
    var bad = org.put("/api/jobseekers/" + person, new JsonObject().put("caseworkerId", fx.accountId("sfu@demo.test")));
    assertEquals(400, bad.status());
    assertEquals("caseworker_not_sfa", bad.json().getString("error"));
    assertEquals("languages_invalid", org.put("/api/jobseekers/" + person, new JsonObject().put("languages", new JsonArray().add("Deutsch"))).json().getString("error"));
    // administration, not benefit data: the organiser assigns the caseworker but neither reads nor records the benefit
    var ok = org.put("/api/jobseekers/" + person, new JsonObject().put("caseworkerId", sfaId)
        .put("region", "Linz").put("languages", new JsonArray().add("de").add("tr")));
    assertEquals(200, ok.status(), ok.body());
    assertFalse(ok.json().containsKey("benefitType"), ok.body());
    assertEquals(403, org.put("/api/jobseekers/" + person, new JsonObject().put("benefitType", "MINIMUM_INCOME")).status());
    // no relation, nothing: the SfU (no station of theirs), the municipality (not a minimum-income recipient yet)
    assertEquals(404, sfu.get("/api/jobseekers/" + person).status());
    assertEquals(404, sfu.put("/api/jobseekers/" + person, new JsonObject().put("region", "Graz")).status());
    assertEquals(404, app.as("kommune@demo.test").get("/api/jobseekers/" + person).status());
    TestClient otherSfa = app.as(new at.jobfair.cascade.CascadeTestData(app).staff("sfa-not-theirs", "SFA"));
    assertEquals(404, otherSfa.get("/api/jobseekers/" + person).status(), "an SfA outside the caseload reads nothing");
    assertEquals(404, otherSfa.put("/api/jobseekers/" + person, new JsonObject().put("benefitType", "MINIMUM_INCOME")).status());
    assertEquals("benefit_type_invalid", sfa.put("/api/jobseekers/" + person, new JsonObject().put("benefitType", "LOTTERY")).json().getString("error"));
    assertEquals(200, sfa.put("/api/jobseekers/" + person, new JsonObject().put("benefitType", "MINIMUM_INCOME")).status());
    // now a minimum-income recipient: a municipality reads the record with it when Linz is its area, and the read is
    // logged for the person
    assertEquals(404, app.as("kommune@demo.test").get("/api/jobseekers/" + person).status(), "Linz is not the demo municipality's area");
    fx.exec("insert into municipality_area (account_id, region) values (?, 'Linz')", fx.accountId("kommune@demo.test"));
    JsonObject r = app.as("kommune@demo.test").get("/api/jobseekers/" + person).json();
    assertEquals("MINIMUM_INCOME", r.getString("benefitType"));
    assertEquals("Linz", r.getString("region"));
    assertEquals(new JsonArray().add("de").add("tr"), r.getJsonArray("languages"));
    assertEquals(sfaId, r.getJsonObject("caseworker").getLong("id"));
    // Only the fields given change; null clears one.
    assertEquals(200, sfa.put("/api/jobseekers/" + person, new JsonObject().putNull("benefitType")).status());
    r = sfa.get("/api/jobseekers/" + person).json();
    assertNull(r.getString("benefitType"));
    assertEquals("Linz", r.getString("region"));
    assertEquals(sfaId, r.getJsonObject("caseworker").getLong("id"));
    assertEquals(404, sfa.get("/api/jobseekers/" + sfaId).status(), "not a jobseeker");
    assertTrue(app.count("select count(*) from data_access where jobseeker_id = " + person + " and why = 'MUNICIPALITY'") >= 1,
        "the municipality's read is in the person's access log");

    // The staff page's form.
    var form = sfa.postRaw("/staff/jobseekers/" + person, "application/x-www-form-urlencoded", "X-XSRF-TOKEN=" + sfa.cookie("XSRF-TOKEN")
        + "&region=Graz&languages=de+en&caseworkerId=" + sfaId + "&benefitType=EMERGENCY_ASSISTANCE");
    assertEquals(303, form.status(), form.body());
    assertEquals("/staff/jobseekers/" + person + "?saved=1", form.header("Location"));
    String page = sfa.get("/staff/jobseekers/" + person + "?saved=1").body();
    assertTrue(page.contains("<option value=\"EMERGENCY_ASSISTANCE\" selected>Notstandshilfe</option>"), page);
    assertTrue(page.contains("value=\"Graz\""));
    assertTrue(page.contains("Die Kundendaten sind gespeichert."));
    var badForm = sfa.postRaw("/staff/jobseekers/" + person, "application/x-www-form-urlencoded", "X-XSRF-TOKEN=" + sfa.cookie("XSRF-TOKEN")
        + "&region=Graz&languages=Deutsch&caseworkerId=&benefitType=");
    assertEquals(400, badForm.status());
    assertTrue(badForm.body().contains("Sprachen bitte als Sprachcodes"));
    assertEquals("EMERGENCY_ASSISTANCE", sfa.get("/api/jobseekers/" + person).json().getString("benefitType"), "a refused form changes nothing");
  }

  @Test
  void thePersonChecksInFromTenMinutesBeforeTheStartUntilTheEnd() {
    List<String> emails = fx.jobseekers("checkin", 2);
    long person = fx.accountId(emails.get(0));
    long[] own = hotelFair("Check-in-Börse");
    long running = data.booking(own[1], person, Instant.now().minus(Duration.ofMinutes(2)), 7, "VOLUNTARY");
    long soon = data.booking(data.booth(own[0]), person, Instant.now().plus(Duration.ofMinutes(9)), 5, "VOLUNTARY");
    long later = data.booking(data.booth(own[0]), person, Instant.now().plus(Duration.ofHours(2)), 20, "VOLUNTARY");
    TestClient c = app.as(emails.get(0));
    String page = c.get("/me/appointments").body();
    assertTrue(page.contains("action=\"/bookings/" + running + "/checkin\""), page);
    assertTrue(page.contains("action=\"/bookings/" + soon + "/checkin\""));
    assertFalse(page.contains("action=\"/bookings/" + later + "/checkin\""));

    var first = c.post("/api/bookings/" + running + "/checkin", "");
    assertEquals(200, first.status(), first.body());
    String at = first.json().getString("checkedInAt");
    assertNotNull(at);
    assertEquals(at, c.post("/api/bookings/" + running + "/checkin", "").json().getString("checkedInAt"), "checking in again changes nothing");
    assertEquals("checkin_too_early", c.post("/api/bookings/" + later + "/checkin", "").json().getString("error"));
    assertEquals(404, app.as(emails.get(1)).post("/api/bookings/" + running + "/checkin", "").status());
    assertEquals(403, app.as("employer@demo.test").post("/api/bookings/" + running + "/checkin", "").status());
    assertFalse(c.get("/me/appointments").body().contains("action=\"/bookings/" + running + "/checkin\""), "no button once checked in");
    assertEquals(at, app.as("employer@demo.test").get("/api/bookings/" + running).json().getString("checkedInAt"));

    // The page's button: a form post that comes back to the appointments.
    var form = c.postRaw("/bookings/" + soon + "/checkin", "application/x-www-form-urlencoded", "X-XSRF-TOKEN=" + c.cookie("XSRF-TOKEN"));
    assertEquals(303, form.status());
    assertEquals("/me/appointments?checkedIn=" + soon, form.header("Location"));
  }

  @Test
  void theBoothsEmployerStatesTheOutcome() {
    List<String> emails = fx.jobseekers("outcome", 3);
    long person = fx.accountId(emails.get(0));
    long[] own = hotelFair("Ergebnisbörse");
    long booth = own[1];
    long past = data.pastBooking(booth, person, 10, "BINDING");
    long future = data.booking(booth, fx.accountId(emails.get(1)), Instant.now().plus(Duration.ofHours(5)), 20, "BINDING");
    TestClient employer = app.as("employer@demo.test");
    assertEquals("outcome_too_early", employer.put("/api/bookings/" + future + "/outcome", new JsonObject().put("outcome", "APPEARED")).json().getString("error"));
    assertEquals("next_step_not_allowed", employer.put("/api/bookings/" + past + "/outcome",
        new JsonObject().put("outcome", "UNSUITABLE").put("nextStep", "HIRED")).json().getString("error"));
    assertEquals("outcome_invalid", employer.put("/api/bookings/" + past + "/outcome", new JsonObject().put("outcome", "MAYBE")).json().getString("error"));
    assertEquals(404, app.as("employer2@demo.test").put("/api/bookings/" + past + "/outcome", new JsonObject().put("outcome", "APPEARED")).status());
    assertEquals(403, app.as(emails.get(0)).put("/api/bookings/" + past + "/outcome", new JsonObject().put("outcome", "APPEARED")).status());
    var ok = employer.put("/api/bookings/" + past + "/outcome", new JsonObject().put("outcome", "APPEARED").put("nextStep", "TRIAL_DAY").put("note", "Sehr motiviert"));
    assertEquals(200, ok.status(), ok.body());
    assertEquals("APPEARED", ok.json().getString("outcome"));
    JsonObject seen = employer.get("/api/bookings/" + past).json();
    assertEquals("TRIAL_DAY", seen.getString("nextStep"));
    assertEquals("Sehr motiviert", seen.getString("outcomeNote"));
    assertFalse(app.as(emails.get(0)).get("/api/bookings/" + past).body().contains("Sehr motiviert"), "the employer's note is for staff");
    assertTrue(employer.get("/booths/" + booth + "/schedule").body().contains("Probetag"));

    // The schedule page's form.
    var form = employer.postRaw("/bookings/" + past + "/outcome", "application/x-www-form-urlencoded",
        "X-XSRF-TOKEN=" + employer.cookie("XSRF-TOKEN") + "&outcome=CANDIDATE_DECLINED&nextStep=&note=&back=/booths/" + booth + "/schedule");
    assertEquals(303, form.status());
    assertEquals("/booths/" + booth + "/schedule?outcome=" + past, form.header("Location"));
    assertEquals("CANDIDATE_DECLINED", data.outcome(past));
    // An employer cannot say "did not come" against the person's own check-in; staff decide that.
    long checkedIn = data.booking(booth, fx.accountId(emails.get(2)), Instant.now().minus(Duration.ofMinutes(1)), 10, "BINDING");
    assertEquals(200, app.as(emails.get(2)).post("/api/bookings/" + checkedIn + "/checkin", "").status());
    assertEquals("no_show_but_checked_in", employer.put("/api/bookings/" + checkedIn + "/outcome", new JsonObject().put("outcome", "NO_SHOW")).json().getString("error"));
    assertEquals(200, app.as("organizer@demo.test").put("/api/bookings/" + checkedIn + "/outcome", new JsonObject().put("outcome", "NO_SHOW")).status());
  }

  @Test
  void staffRecordSickNotesAndOutagesOnTheBoardInTheBrowsersWay() {
    long[] fb = hotelFair("Formularbörse");
    long person = fx.accountId(fx.jobseekers("form-sick", 1).get(0));
    long booking = data.booking(fb[1], person, Instant.now().plus(Duration.ofHours(3)), 20, "BINDING");
    String board = "/staff/fairs/" + fb[0] + "/board";
    long stranger = fx.accountId(fx.jobseekers("form-sick-other", 1).get(0));
    long strangersBooking = data.booking(fb[1], stranger, Instant.now().plus(Duration.ofHours(4)), 20, "BINDING");
    // a sick note is health data: an SfA records it only for their own people (or those they stand in for)
    assertEquals(404, app.as("sfa@demo.test").post("/api/bookings/" + strangersBooking + "/sick-note", new JsonObject().put("note", "krank")).status());
    fx.exec("update jobseeker set caseworker_id = ? where account_id = ?", fx.accountId("sfa@demo.test"), person);

    TestClient sfa = app.as("sfa@demo.test");
    assertTrue(sfa.get(board).body().contains("/staff/bookings/" + booking + "/sick-note"), "the board offers the form");
    var sick = sfa.postRaw("/staff/bookings/" + booking + "/sick-note", "application/x-www-form-urlencoded",
        "note=Arztbest%C3%A4tigung+liegt+vor&back=" + java.net.URLEncoder.encode(board, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(303, sick.status(), sick.body());
    assertEquals(board + "?recorded=sick_note", sick.header("location"));
    assertTrue(sfa.get(sick.header("location")).body().contains("Die Krankmeldung ist erfasst."));
    assertEquals(1, app.count("select count(*) from sick_note where booking_id = " + booking + " and note = 'Arztbestätigung liegt vor'"));
    assertFalse(sfa.get(board).body().contains("/staff/fairs/" + fb[0] + "/outages"), "only organisers record outages");
    assertEquals(403, app.as("employer@demo.test").postRaw("/staff/bookings/" + booking + "/sick-note",
        "application/x-www-form-urlencoded", "note=x").status());

    TestClient organizer = app.as("organizer@demo.test");
    assertTrue(organizer.get(board).body().contains("/staff/fairs/" + fb[0] + "/outages"));
    var bad = organizer.postRaw("/staff/fairs/" + fb[0] + "/outages", "application/x-www-form-urlencoded", "from=&to=&reason=Netz");
    assertEquals(board + "?error=outage_time_invalid", bad.header("location"));
    assertTrue(organizer.get(bad.header("location")).body().contains("Bitte geben Sie Datum und Uhrzeit"));
    // 2026-10-25 02:30 happens twice in Vienna: the outage runs from its first occurrence to the end of its second.
    var ok = organizer.postRaw("/staff/fairs/" + fb[0] + "/outages", "application/x-www-form-urlencoded",
        "from=2026-10-25T02%3A30&to=2026-10-25T02%3A30&reason=Videodienst+ausgefallen");
    assertEquals(board + "?recorded=outage", ok.header("location"), ok.body());
    try (var c = app.jdbc(); var st = c.createStatement();
         var rs = st.executeQuery("select lower(during), upper(during) from fair_outage where fair_id = " + fb[0])) {
      assertTrue(rs.next());
      assertEquals(Instant.parse("2026-10-25T00:30:00Z"), rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
      assertEquals(Instant.parse("2026-10-25T01:30:00Z"), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void outagesAreRecordedByOrganisers() {
    TestClient organizer = app.as("organizer@demo.test");
    Instant from = Instant.parse("2026-03-29T00:30:00Z");
    JsonObject body = new JsonObject().put("from", from.toString()).put("to", from.plus(Duration.ofHours(2)).toString()).put("reason", "Serverausfall");
    var ok = organizer.post("/api/fairs/" + fair + "/outages", body);
    assertEquals(201, ok.status(), ok.body());
    assertEquals(fair, ok.json().getLong("fairId"));
    assertEquals(403, app.as("sfa@demo.test").post("/api/fairs/" + fair + "/outages", body).status());
    assertEquals("outage_end_before_start", organizer.post("/api/fairs/" + fair + "/outages", body.copy().put("to", from.toString())).json().getString("error"));
    assertEquals("outage_reason_required", organizer.post("/api/fairs/" + fair + "/outages", body.copy().put("reason", "x")).json().getString("error"));
    assertEquals(404, organizer.post("/api/fairs/999999/outages", body).status());
  }

  @Test
  void theBoardCountsEveryStateAndExportsCsv() throws Exception {
    long[] own = hotelFair("Boardbörse");
    long boardFair = own[0];
    long hotelBooth = own[1];
    List<String> emails = fx.jobseekers("board", 5);
    long[] p = emails.stream().mapToLong(fx::accountId).toArray();
    long running = data.booking(data.booth(boardFair), p[0], Instant.now().minus(Duration.ofMinutes(2)), 20, "VOLUNTARY");
    long late = data.booking(data.booth(boardFair), p[1], Instant.now().minus(Duration.ofMinutes(3)), 20, "BINDING");
    long future = data.booking(data.booth(boardFair), p[2], Instant.now().plus(Duration.ofHours(1)), 20, "BINDING");
    long missed = data.pastBooking(hotelBooth, p[3], 60, "BINDING");
    long appeared = data.pastBooking(hotelBooth, p[4], 90, "VOLUNTARY");
    assertEquals(200, app.as(emails.get(0)).post("/api/bookings/" + running + "/checkin", "").status());
    assertEquals(200, app.as("employer@demo.test").put("/api/bookings/" + appeared + "/outcome", new JsonObject().put("outcome", "APPEARED")).status());
    app.app().attendance().markNoShows().await(30, TimeUnit.SECONDS);

    JsonObject board = app.as("sfu@demo.test").get("/api/fairs/" + boardFair + "/board").json();
    JsonObject counts = board.getJsonObject("counts");
    assertEquals(new JsonObject().put("booked", 5).put("checkedIn", 1).put("waiting", 1).put("inMeeting", 1).put("late", 1)
        .put("noShow", 1).put("employerNoShow", 0).put("excused", 0).put("participated", 1), counts);
    JsonObject channels = board.getJsonObject("participation").getJsonObject("byChannel");
    assertEquals(new JsonObject().put("due", 1).put("participated", 0).put("rate", 0.0), channels.getJsonObject("BINDING"));
    assertEquals(new JsonObject().put("due", 2).put("participated", 2).put("rate", 1.0), channels.getJsonObject("VOLUNTARY"));
    assertEquals(new JsonObject().put("due", 3).put("participated", 2).put("rate", 0.667),
        board.getJsonObject("participation").getJsonObject("byFormat").getJsonObject("ONLINE"));
    JsonArray slots = new JsonArray();
    assertEquals(4, board.getJsonArray("booths").size());
    java.util.List<Object> unattended = new java.util.ArrayList<>();
    for (Object b : board.getJsonArray("booths")) {
      slots.addAll(((JsonObject) b).getJsonArray("slots"));
      unattended.add(((JsonObject) b).getValue("employerRoomUnattended"));
    }
    // The two running appointments' rooms have seen nobody of their booths; the others are not running (MeetingBoardTest).
    assertEquals(2, unattended.stream().filter(Boolean.TRUE::equals).count(), unattended.toString());
    assertEquals(2, unattended.stream().filter(java.util.Objects::isNull).count(), unattended.toString());
    assertEquals(5, slots.size());
    java.util.Map<Long, String> states = new java.util.HashMap<>();
    for (Object s : slots) for (Object b : ((JsonObject) s).getJsonArray("bookings")) states.put(((JsonObject) b).getLong("id"), ((JsonObject) b).getString("state"));
    assertEquals(Map.of(running, "IN_MEETING", late, "LATE", future, "BOOKED", missed, "NO_SHOW", appeared, "APPEARED"), states);
    assertFalse(app.as("sfu@demo.test").get("/api/fairs/" + boardFair + "/board").body().contains("benefit"));

    var page = app.as("organizer@demo.test").get("/staff/fairs/" + boardFair + "/board");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("data-live=\"fair-staff:" + boardFair + "\""));
    assertTrue(page.body().contains("<dd data-count=\"checkedIn\">1</dd>"), page.body());

    // the export names people to staff with a relation to them (organisers: administration); an SfA who is not their
    // caseworker gets the same rows without the names
    String sfaCsv = new String(app.as("sfa@demo.test").getBytes("/api/fairs/" + boardFair + "/board.csv").body(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(sfaCsv.contains("\r\n" + missed + ";Hotel Alpenblick GmbH;"), sfaCsv);
    assertFalse(sfaCsv.contains("Person board"), sfaCsv);
    var csv = app.as("organizer@demo.test").getBytes("/api/fairs/" + boardFair + "/board.csv");
    assertEquals(200, csv.statusCode());
    assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElse(null));
    byte[] bytes = csv.body();
    assertEquals((byte) 0xEF, bytes[0]);
    assertEquals((byte) 0xBB, bytes[1]);
    assertEquals((byte) 0xBF, bytes[2]);
    String[] lines = new String(bytes, 3, bytes.length - 3, java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
    assertEquals(6, lines.length);
    assertEquals("booking;employer;slot_start;slot_end;jobseeker;legal_basis;source;booking_status;checked_in_at;state;outcome;next_step;outcome_by", lines[0]);
    Instant missedStart = Instant.parse(states.keySet().stream().filter(id -> id == missed).findFirst().map(id -> slotStart(slots, id)).orElseThrow());
    String vienna = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Vienna")).format(missedStart);
    String missedLine = java.util.Arrays.stream(lines).filter(l -> l.startsWith(missed + ";")).findFirst().orElseThrow();
    assertEquals(missed + ";Hotel Alpenblick GmbH;" + vienna + ";"
        + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Vienna")).format(missedStart.plus(Duration.ofMinutes(20)))
        + ";Person board 3;BINDING;PLACEMENT_PROPOSAL;ACTIVE;;NO_SHOW;NO_SHOW;;SYSTEM", missedLine);
  }

  private static String slotStart(JsonArray slots, long bookingId) {
    for (Object s : slots) {
      for (Object b : ((JsonObject) s).getJsonArray("bookings")) {
        if (((JsonObject) b).getLong("id") == bookingId) return ((JsonObject) s).getString("start");
      }
    }
    throw new AssertionError("no booking " + bookingId);
  }

  @Test
  void thePeriodicJobMarksANoShowOnItsOwn() throws InterruptedException {
    long person = fx.accountId(fx.jobseekers("periodic", 1).get(0));
    long booking = data.pastBooking(data.booth(fair), person, 30, "VOLUNTARY");
    long deadline = System.currentTimeMillis() + 10_000;
    while (data.outcome(booking) == null && System.currentTimeMillis() < deadline) Thread.sleep(100);
    assertEquals("NO_SHOW", data.outcome(booking));
  }
}
