package at.jobfair.fair;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import static at.jobfair.support.ApiAssertions.assertBad;
import static at.jobfair.support.ApiAssertions.form;
import static at.jobfair.support.ApiAssertions.withoutKey;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Organisers create, change and publish fairs and bring employers in; nobody else may. */
class FairApiTest {

  static TestApp app;
  static TestClient organizer;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    organizer = app.client().signedIn("organizer@demo.test");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject fair(String name, String start, String end) {
    return new JsonObject().put("name", name).put("format", "E_JOBMEETING").put("sector", "Tourismus").put("region", "Tirol")
        .put("description", "Saisonstellen").put("start", start).put("end", end);
  }

  @Test
  void aFairAcrossTheAutumnClockChangeIsStoredWithTheRightInstants() {
    var r = organizer.post("/api/fairs", fair("Herbstbörse", "2026-10-24T09:00", "2026-10-26T17:00")
        .put("orientationStart", "2026-10-24T09:00").put("orientationMinutes", 30).put("bookingCutoffMinutes", 120));
    assertEquals(201, r.status(), r.body());
    JsonObject f = r.json();
    long id = f.getLong("id");
    // Saturday still summer time (+02:00), Monday winter time (+01:00).
    assertEquals("2026-10-24T07:00:00Z", f.getString("startsAt"));
    assertEquals("2026-10-26T16:00:00Z", f.getString("endsAt"));
    assertEquals("2026-10-24T09:00", f.getString("start"));
    assertEquals("2026-10-26T17:00", f.getString("end"));
    assertEquals("2026-10-24T07:00:00Z", f.getString("orientationStartsAt"));
    assertEquals(30, f.getInteger("orientationMinutes"));
    assertEquals(120, f.getInteger("bookingCutoffMinutes"));
    assertEquals("DRAFT", f.getString("status"));
    assertEquals("E_JOBMEETING", f.getString("format"));
    assertEquals(1, app.count("select count(*) from fair where id = " + id + " and name = 'Herbstbörse' and status = 'DRAFT'"
        + " and starts_at = '2026-10-24T07:00:00Z' and ends_at = '2026-10-26T16:00:00Z'"
        + " and orientation_starts_at = '2026-10-24T07:00:00Z' and orientation_minutes = 30 and booking_cutoff_minutes = 120"
        + " and sector = 'Tourismus' and region = 'Tirol' and description = 'Saisonstellen'"));
    assertEquals(57 * 3600, app.count("select extract(epoch from ends_at - starts_at)::bigint from fair where id = " + id),
        "Saturday 09:00 to Monday 17:00 is 56 hours on the wall clock, plus the hour repeated on Sunday");
  }

  @Test
  void editingAndPublishing() {
    long id = organizer.post("/api/fairs", fair("Frühjahrsbörse", "2026-03-28T10:00", "2026-03-30T16:00")).json().getLong("id");
    var put = organizer.put("/api/fairs/" + id, fair("Frühjahrsbörse Wien", "2026-03-28T10:00", "2026-03-29T16:00")
        .put("format", "REGIONAL").put("sector", null).put("bookingCutoffMinutes", 0));
    assertEquals(200, put.status(), put.body());
    assertEquals("Frühjahrsbörse Wien", put.json().getString("name"));
    // Saturday winter time (+01:00), Sunday summer time (+02:00).
    assertEquals("2026-03-28T09:00:00Z", put.json().getString("startsAt"));
    assertEquals("2026-03-29T14:00:00Z", put.json().getString("endsAt"));
    assertNull(put.json().getString("sector"));
    assertNull(put.json().getValue("orientationMinutes"));
    assertEquals(1, app.count("select count(*) from fair where id = " + id + " and name = 'Frühjahrsbörse Wien' and format = 'REGIONAL'"
        + " and sector is null and booking_cutoff_minutes = 0 and ends_at = '2026-03-29T14:00:00Z' and status = 'DRAFT'"));

    var published = organizer.post("/api/fairs/" + id + "/publish", new JsonObject());
    assertEquals(200, published.status(), published.body());
    assertEquals("PUBLISHED", published.json().getString("status"));
    assertEquals(1, app.count("select count(*) from fair where id = " + id + " and status = 'PUBLISHED'"));
    assertEquals(200, organizer.post("/api/fairs/" + id + "/publish", new JsonObject()).status(), "publishing again changes nothing");

    assertEquals(404, organizer.put("/api/fairs/999999", fair("X", "2026-03-28T10:00", "2026-03-29T16:00")).status());
    assertEquals("fair_not_found", organizer.post("/api/fairs/999999/publish", new JsonObject()).json().getString("error"));
    assertEquals(404, organizer.post("/api/fairs/abc/publish", new JsonObject()).status());
  }

  @Test
  void wallClockTimesAroundTheClockChanges() {
    // 02:30 on 25 October happens twice: a start is its first occurrence, an end its second.
    var twice = organizer.post("/api/fairs", fair("Nachtbörse", "2026-10-25T02:30", "2026-10-25T02:45"));
    assertEquals(201, twice.status(), twice.body());
    assertEquals("2026-10-25T00:30:00Z", twice.json().getString("startsAt"));
    assertEquals("2026-10-25T01:45:00Z", twice.json().getString("endsAt"));
    // 02:30 on 29 March does not exist.
    var skipped = organizer.post("/api/fairs", fair("Nachtbörse", "2026-03-29T02:30", "2026-03-29T05:00"));
    assertBad(skipped, "time_nonexistent");
    assertEquals("start", skipped.json().getString("field"));
    assertEquals("Die Uhrzeit 2026-03-29 02:30 gibt es wegen der Umstellung auf Sommerzeit nicht. Bitte wählen Sie eine andere.",
        skipped.json().getString("message"));
  }

  @Test
  void invalidFairsWriteNothing() {
    long before = app.count("select count(*) from fair");
    JsonObject ok = fair("Gute Börse", "2026-12-03T08:00", "2026-12-03T18:00");
    assertBad(organizer.post("/api/fairs", ok.copy().put("name", "  ")), "fair_name");
    assertBad(organizer.post("/api/fairs", ok.copy().put("name", "x".repeat(201))), "fair_name");
    assertBad(organizer.post("/api/fairs", ok.copy().put("name", 42)), "fair_name");
    assertBad(organizer.post("/api/fairs", ok.copy().put("format", "ONLINE")), "fair_format");
    assertBad(organizer.post("/api/fairs", withoutKey(ok, "format")), "fair_format");
    assertBad(organizer.post("/api/fairs", ok.copy().put("sector", "s".repeat(201))), "fair_sector");
    assertBad(organizer.post("/api/fairs", ok.copy().put("description", "d".repeat(5001))), "fair_description");
    assertBad(organizer.post("/api/fairs", withoutKey(ok, "start")), "fair_start");
    assertBad(organizer.post("/api/fairs", ok.copy().put("start", "2026-12-03 08:00")), "fair_start");
    assertBad(organizer.post("/api/fairs", ok.copy().put("start", "2026-02-30T08:00")), "fair_start");
    assertBad(organizer.post("/api/fairs", ok.copy().put("start", "2026-12-03T24:00")), "fair_start");
    assertBad(organizer.post("/api/fairs", ok.copy().put("start", "2026-12-03T08:00:00Z")), "fair_start");
    assertBad(organizer.post("/api/fairs", ok.copy().put("end", "morgen")), "fair_end");
    assertBad(organizer.post("/api/fairs", ok.copy().put("end", "2026-12-03T08:00")), "fair_end_before_start");
    assertBad(organizer.post("/api/fairs", ok.copy().put("end", "2026-12-02T18:00")), "fair_end_before_start");
    assertBad(organizer.post("/api/fairs", ok.copy().put("orientationStart", "2026-12-03T08:00")), "fair_orientation_incomplete");
    assertBad(organizer.post("/api/fairs", ok.copy().put("orientationMinutes", 30)), "fair_orientation_incomplete");
    assertBad(organizer.post("/api/fairs", ok.copy().put("orientationStart", "2026-12-03T08:00").put("orientationMinutes", 0)),
        "fair_orientation_minutes");
    assertBad(organizer.post("/api/fairs", ok.copy().put("orientationStart", "2026-12-03T08:00").put("orientationMinutes", 12.5)),
        "fair_orientation_minutes");
    assertBad(organizer.post("/api/fairs", ok.copy().put("orientationStart", "2026-12-03T07:30").put("orientationMinutes", 30)),
        "fair_orientation_outside");
    assertBad(organizer.post("/api/fairs", ok.copy().put("orientationStart", "2026-12-03T17:45").put("orientationMinutes", 30)),
        "fair_orientation_outside");
    assertBad(organizer.post("/api/fairs", ok.copy().put("bookingCutoffMinutes", -1)), "fair_cutoff");
    assertBad(organizer.post("/api/fairs", ok.copy().put("bookingCutoffMinutes", 10081)), "fair_cutoff");
    assertBad(organizer.post("/api/fairs", ok.copy().put("bookingCutoffMinutes", "60")), "fair_cutoff");
    assertBad(organizer.postRaw("/api/fairs", "application/json", "{\"name\":"), "invalid_json");
    assertBad(organizer.postRaw("/api/fairs", "application/json", ""), "body_missing");
    assertEquals(before, app.count("select count(*) from fair"), "nothing written");

    var english = app.client().signedIn("organizer@demo.test").post("/api/fairs?lang=en", ok.copy().put("orientationStart", "2026-12-03T08:00").put("orientationMinutes", 500));
    assertEquals("The orientation part lasts 1 to 480 minutes (a whole number).", english.json().getString("message"));
    assertEquals("orientationMinutes", english.json().getString("field"));

    long id = organizer.post("/api/fairs", ok).json().getLong("id");
    assertBad(organizer.put("/api/fairs/" + id, ok.copy().put("end", "2026-12-03T07:00")), "fair_end_before_start");
    assertEquals(1, app.count("select count(*) from fair where id = " + id + " and ends_at = '2026-12-03T17:00:00Z' and name = 'Gute Börse'"),
        "a refused change leaves the fair as it was");
  }

  @Test
  void employersAreInvitedAndGetABooth() {
    long fairId = organizer.post("/api/fairs", fair("Börse mit Gästen", "2026-12-03T08:00", "2026-12-03T18:00")).json().getLong("id");
    var created = organizer.post("/api/employers", new JsonObject().put("name", "Neue Pension KG").put("website", "www.pension.at")
        .put("description", "Kleine Pension").put("phone", "+43 512 123456"));
    assertEquals(201, created.status(), created.body());
    long employerId = created.json().getLong("id");
    assertEquals("https://www.pension.at", created.json().getString("website"));
    assertNull(created.json().getValue("logo"));

    var booth = organizer.post("/api/fairs/" + fairId + "/employers", new JsonObject().put("employerId", employerId));
    assertEquals(201, booth.status(), booth.body());
    assertEquals(fairId, booth.json().getLong("fairId"));
    assertEquals(employerId, booth.json().getLong("employerId"));
    assertEquals("Neue Pension KG", booth.json().getString("employerName"));
    long boothId = booth.json().getLong("id");
    assertEquals(1, app.count("select count(*) from booth where id = " + boothId + " and fair_id = " + fairId + " and employer_id = " + employerId));
    assertEquals(1, app.count("select count(*) from fair_employer where fair_id = " + fairId));

    var again = organizer.post("/api/fairs/" + fairId + "/employers", new JsonObject().put("employerId", employerId));
    assertEquals(409, again.status());
    assertEquals("fair_employer_exists", again.json().getString("error"));
    assertBad(organizer.post("/api/fairs/" + fairId + "/employers", new JsonObject().put("employerId", 999999)), "employer_unknown");
    assertBad(organizer.post("/api/fairs/" + fairId + "/employers", new JsonObject()), "employer_missing");
    assertBad(organizer.post("/api/fairs/" + fairId + "/employers", new JsonObject().put("employerId", "1")), "employer_missing");
    assertEquals(404, organizer.post("/api/fairs/999999/employers", new JsonObject().put("employerId", employerId)).status());
    assertEquals(1, app.count("select count(*) from booth where fair_id = " + fairId));

    long employers = app.count("select count(*) from employer");
    assertBad(organizer.post("/api/employers", new JsonObject().put("name", "")), "employer_name");
    assertBad(organizer.post("/api/employers", new JsonObject().put("name", "A").put("website", "javascript:alert(1)")), "employer_website");
    assertBad(organizer.post("/api/employers", new JsonObject().put("name", "A").put("website", "ftp://example.at")), "employer_website");
    assertBad(organizer.post("/api/employers", new JsonObject().put("name", "A").put("phone", "call me")), "employer_phone");
    assertEquals(employers, app.count("select count(*) from employer"));
  }

  @Test
  void fairTimesCannotLeaveSlotsOutside() {
    long fairId = organizer.post("/api/fairs", fair("Enger werden", "2026-12-03T08:00", "2026-12-03T18:00")).json().getLong("id");
    long employerId = app.count("select id from employer where name = 'Bäckerei Sonnenschein'");
    long boothId = organizer.post("/api/fairs/" + fairId + "/employers", new JsonObject().put("employerId", employerId)).json().getLong("id");
    assertEquals(201, organizer.post("/api/booths/" + boothId + "/slots",
        new JsonObject().put("start", "2026-12-03T16:00").put("end", "2026-12-03T16:30")).status());
    var r = organizer.put("/api/fairs/" + fairId, fair("Enger werden", "2026-12-03T08:00", "2026-12-03T12:00"));
    assertEquals(409, r.status(), r.body());
    assertEquals("fair_slots_outside", r.json().getString("error"));
    assertEquals("Ein Termin eines Standes läge dann außerhalb der Jobbörse. Bitte ändern Sie die Zeiten so, dass alle Termine darin liegen.",
        r.json().getString("message"));
    assertEquals(1, app.count("select count(*) from fair where id = " + fairId + " and ends_at = '2026-12-03T17:00:00Z'"));
    assertEquals(200, organizer.put("/api/fairs/" + fairId, fair("Enger werden", "2026-12-03T08:00", "2026-12-03T16:30")).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"seeker@demo.test", "employer@demo.test", "sfu@demo.test", "sfa@demo.test"})
  void onlyOrganisersManageFairs(String email) {
    long fairId = app.count("select min(id) from fair");
    long before = app.count("select count(*) from fair");
    TestClient c = app.client().signedIn(email);
    JsonObject f = fair("Verboten", "2026-12-03T08:00", "2026-12-03T18:00");
    for (var r : new TestClient.Response[] {c.post("/api/fairs", f), c.put("/api/fairs/" + fairId, f),
        c.post("/api/fairs/" + fairId + "/publish", new JsonObject()),
        c.post("/api/fairs/" + fairId + "/employers", new JsonObject().put("employerId", 1)),
        c.post("/api/employers", new JsonObject().put("name", "Verboten GmbH")), c.get("/admin/fairs"), c.get("/admin/fairs/" + fairId)}) {
      assertEquals(403, r.status(), r.body());
    }
    assertEquals(before, app.count("select count(*) from fair"));
    assertEquals(0, app.count("select count(*) from fair where name = 'Verboten'"));
    assertEquals(0, app.count("select count(*) from employer where name = 'Verboten GmbH'"));

    TestClient anonymous = app.client();
    assertEquals(303, anonymous.get("/admin/fairs").status(), "the page sends people to sign in");
    anonymous.get("/signin"); // a session with a CSRF token, but nobody signed in
    var r = anonymous.post("/api/fairs", f);
    assertEquals(401, r.status(), r.body());
    assertEquals("sign_in_required", r.json().getString("error"));
  }

  @Test
  void theOrganiserWorksOnThePages() {
    var list = organizer.get("/admin/fairs");
    assertEquals(200, list.status());
    assertTrue(list.body().contains("e-Jobmeeting Tourismus &amp; Gastronomie"), "the demo fair is listed");
    assertTrue(list.body().contains("action=\"/admin/fairs\""));

    var created = organizer.postRaw("/admin/fairs", "application/x-www-form-urlencoded", form(Map.of(
        "name", "Börse <Test>", "format", "SECTOR", "start", "2026-12-10T09:00", "end", "2026-12-10T15:00",
        "orientationStart", "2026-12-10T09:00", "orientationMinutes", "15", "bookingCutoffMinutes", "30")));
    assertEquals(303, created.status(), created.body());
    String location = created.header("location");
    assertTrue(location.matches("/admin/fairs/\\d+\\?done=created"), location);
    long id = Long.parseLong(location.replaceAll("\\D*(\\d+).*", "$1"));
    assertEquals(1, app.count("select count(*) from fair where id = " + id + " and name = 'Börse <Test>' and format = 'SECTOR'"
        + " and starts_at = '2026-12-10T08:00:00Z' and orientation_minutes = 15 and booking_cutoff_minutes = 30"));

    var page = organizer.get(location);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Die Jobbörse wurde angelegt."));
    assertTrue(page.body().contains("Börse &lt;Test&gt;"), "typed text is escaped");
    assertFalse(page.body().contains("Börse <Test>"));
    assertTrue(page.body().contains("value=\"2026-12-10T09:00\""), "times are shown in Vienna time");

    long before = app.count("select count(*) from fair");
    var bad = organizer.postRaw("/admin/fairs", "application/x-www-form-urlencoded", form(Map.of(
        "name", "Kaputte Börse", "format", "SECTOR", "start", "2026-12-10T15:00", "end", "2026-12-10T09:00")));
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("Das Ende der Jobbörse muss nach ihrem Beginn liegen."), bad.body());
    assertTrue(bad.body().contains("value=\"Kaputte Börse\""), "what was typed stays in the form");
    assertEquals(before, app.count("select count(*) from fair"));

    long employerId = app.count("select id from employer where name = 'Stadthotel Wien Mitte'");
    var added = organizer.postRaw("/admin/fairs/" + id + "/employers", "application/x-www-form-urlencoded", form(Map.of("employerId", String.valueOf(employerId))));
    assertEquals(303, added.status(), added.body());
    long boothId = app.count("select id from booth where fair_id = " + id + " and employer_id = " + employerId);
    assertTrue(organizer.get("/admin/fairs/" + id).body().contains("href=\"/booths/" + boothId + "/manage\""));

    var invited = organizer.postRaw("/admin/fairs/" + id + "/employers/new", "application/x-www-form-urlencoded",
        form(Map.of("name", "Ganz Neu OG", "website", "https://ganz-neu.at")));
    assertEquals(303, invited.status(), invited.body());
    assertEquals(1, app.count("select count(*) from booth b join employer e on e.id = b.employer_id where b.fair_id = " + id
        + " and e.name = 'Ganz Neu OG' and e.website = 'https://ganz-neu.at'"));

    assertEquals(303, organizer.postRaw("/admin/fairs/" + id + "/publish", "application/x-www-form-urlencoded", "").status());
    assertEquals(1, app.count("select count(*) from fair where id = " + id + " and status = 'PUBLISHED'"));
  }

}
