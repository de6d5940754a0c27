package at.jobfair.booth;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static at.jobfair.support.ApiAssertions.assertBad;
import static at.jobfair.support.ApiAssertions.form;
import static at.jobfair.support.ApiAssertions.withoutKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Employer representatives run their own employer's booths and nobody else's; organisers run every booth. The demo:
 * employer@demo.test works for Hotel Alpenblick GmbH, employer2@demo.test for Gasthof Donaublick.
 */
class BoothApiTest {

  static TestApp app;
  static TestClient organizer;
  static TestClient employer;
  static TestClient employer2;
  static TestClient seeker;
  static long alpenBooth;
  static long donauBooth;
  static long alpenEmployer;
  static long donauEmployer;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    organizer = app.client().signedIn("organizer@demo.test");
    employer = app.client().signedIn("employer@demo.test");
    employer2 = app.client().signedIn("employer2@demo.test");
    seeker = app.client().signedIn("seeker@demo.test");
    alpenEmployer = app.count("select id from employer where name = 'Hotel Alpenblick GmbH'");
    donauEmployer = app.count("select id from employer where name = 'Gasthof Donaublick'");
    alpenBooth = app.count("select id from booth where employer_id = " + alpenEmployer);
    donauBooth = app.count("select id from booth where employer_id = " + donauEmployer);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A new fair on 3 December 2026, 08:00-18:00 Vienna time, with a booth for Hotel Alpenblick; answers the booth. */
  static long newAlpenBooth(String start, String end) {
    var fair = organizer.post("/api/fairs", new JsonObject().put("name", "Wintersaison " + start).put("format", "SECTOR")
        .put("start", start).put("end", end));
    assertEquals(201, fair.status(), fair.body());
    var booth = organizer.post("/api/fairs/" + fair.json().getLong("id") + "/employers", new JsonObject().put("employerId", alpenEmployer));
    assertEquals(201, booth.status(), booth.body());
    return booth.json().getLong("id");
  }

  // --- booth and company profile ---

  @Test
  void anEmployerEditsTheirOwnBoothButNoOtherOne() {
    var r = employer.put("/api/booths/" + alpenBooth, new JsonObject().put("headline", "Jetzt bewerben!")
        .put("description", "Wir freuen uns auf Sie.").put("phone", "+43 5446 9999").put("callback", true));
    assertEquals(200, r.status(), r.body());
    assertEquals("Jetzt bewerben!", r.json().getString("headline"));
    assertTrue(r.json().getBoolean("callback"));
    assertTrue(employer.get("/booths/" + alpenBooth + "/manage").body().contains("name=\"callback\" value=\"on\" checked"),
        "the booth's form shows the choice");
    assertEquals(1, app.count("select count(*) from booth where id = " + alpenBooth
        + " and headline = 'Jetzt bewerben!' and description = 'Wir freuen uns auf Sie.' and phone = '+43 5446 9999' and offers_callback"));

    String donauBefore = boothRow(donauBooth);
    var other = employer.put("/api/booths/" + donauBooth, new JsonObject().put("headline", "Übernommen"));
    assertEquals(403, other.status(), other.body());
    assertEquals("not_your_booth", other.json().getString("error"));
    assertEquals("Das ist nicht der Stand Ihres Unternehmens.", other.json().getString("message"));
    var otherInvalid = employer.put("/api/booths/" + donauBooth, new JsonObject().put("headline", "x".repeat(300)));
    assertEquals(403, otherInvalid.status(), "refused before the input is even looked at");
    assertEquals(donauBefore, boothRow(donauBooth));

    assertEquals(200, organizer.put("/api/booths/" + donauBooth, new JsonObject().put("headline", "Vom Projektteam")).status());
    assertEquals(1, app.count("select count(*) from booth where id = " + donauBooth + " and headline = 'Vom Projektteam' and phone is null"));
    assertEquals(404, organizer.put("/api/booths/999999", new JsonObject()).status());

    assertBad(employer.put("/api/booths/" + alpenBooth, new JsonObject().put("headline", "x".repeat(201))), "booth_headline");
    assertBad(employer.put("/api/booths/" + alpenBooth, new JsonObject().put("phone", "ruf an")), "booth_phone");
    assertBad(employer.put("/api/booths/" + alpenBooth, new JsonObject().put("callback", "ja")), "booth_callback");
    assertBad(employer.put("/api/booths/" + alpenBooth, new JsonObject().put("description", List.of("a"))), "booth_description");
    assertEquals(1, app.count("select count(*) from booth where id = " + alpenBooth + " and headline = 'Jetzt bewerben!'"));
  }

  @Test
  void anEmployerEditsTheirOwnCompanyProfile() {
    var r = employer.put("/api/employers/" + alpenEmployer, new JsonObject().put("name", "Hotel Alpenblick GmbH")
        .put("description", "Vier Sterne am Arlberg.").put("website", "https://alpenblick.example.at"));
    assertEquals(200, r.status(), r.body());
    assertEquals("https://alpenblick.example.at", r.json().getString("website"));
    assertNull(r.json().getString("phone"));
    assertEquals(1, app.count("select count(*) from employer where id = " + alpenEmployer
        + " and description = 'Vier Sterne am Arlberg.' and website = 'https://alpenblick.example.at' and phone is null"));

    var other = employer.put("/api/employers/" + donauEmployer, new JsonObject().put("name", "Gekapert"));
    assertEquals(403, other.status());
    assertEquals("not_your_booth", other.json().getString("error"));
    assertEquals(0, app.count("select count(*) from employer where name = 'Gekapert'"));
    assertEquals(403, employer.put("/api/employers/999999", new JsonObject().put("name", "X")).status(),
        "an employer learns nothing about other employers");
    assertEquals(404, organizer.put("/api/employers/999999", new JsonObject().put("name", "X")).status());

    assertBad(employer.put("/api/employers/" + alpenEmployer, new JsonObject().put("name", "")), "employer_name");
    assertBad(employer.put("/api/employers/" + alpenEmployer, new JsonObject().put("name", "A").put("website", "http://")), "employer_website");
    assertEquals(1, app.count("select count(*) from employer where id = " + alpenEmployer + " and name = 'Hotel Alpenblick GmbH'"));
  }

  // --- logo ---

  static final byte[] PNG = bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 200);
  static final byte[] JPEG = bytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'}, 100);
  static final byte[] WEBP = bytes(new byte[] {'R', 'I', 'F', 'F', 100, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '}, 100);

  static byte[] bytes(byte[] head, int length) {
    byte[] out = Arrays.copyOf(head, length);
    for (int i = head.length; i < length; i++) out[i] = (byte) (i * 7);
    return out;
  }

  @Test
  void logosAreCheckedByTheirBytesAndServedWithCacheHeaders() {
    assertEquals(404, app.client().getBytes("/api/employers/" + donauEmployer + "/logo").statusCode(), "no logo yet");

    var up = employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", PNG);
    assertEquals(200, up.status(), up.body());
    assertEquals("image/png", up.json().getString("type"));
    assertEquals(PNG.length, up.json().getInteger("size"));

    var get = app.client().getBytes("/api/employers/" + alpenEmployer + "/logo");
    assertEquals(200, get.statusCode());
    assertArrayEquals(PNG, get.body());
    assertEquals("image/png", get.headers().firstValue("content-type").orElse(null));
    assertEquals("public, max-age=300", get.headers().firstValue("cache-control").orElse(null));
    String etag = get.headers().firstValue("etag").orElse(null);
    assertNotNull(etag);
    var again = app.client().getBytes("/api/employers/" + alpenEmployer + "/logo", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);

    // The type comes from the bytes, not from what the upload claims.
    var jpeg = employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", JPEG);
    assertEquals(200, jpeg.status(), jpeg.body());
    assertEquals("image/jpeg", jpeg.json().getString("type"));
    assertEquals(1, app.count("select count(*) from employer where id = " + alpenEmployer + " and logo_type = 'image/jpeg' and length(logo) = 100"));
    var changed = app.client().getBytes("/api/employers/" + alpenEmployer + "/logo", "If-None-Match", etag);
    assertEquals(200, changed.statusCode(), "a new logo has a new ETag");
    assertEquals("image/jpeg", changed.headers().firstValue("content-type").orElse(null));
    assertEquals("image/webp", employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/webp", WEBP).json().getString("type"));

    assertBad(employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)), "logo_type");
    assertBad(employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/gif", bytes("GIF89a".getBytes(StandardCharsets.UTF_8), 50)), "logo_type");
    assertBad(employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", new byte[0]), "logo_missing");
    var big = employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", bytes(PNG, 512 * 1024 + 1));
    assertEquals(413, big.status(), big.body());
    assertEquals("logo_too_large", big.json().getString("error"));
    assertEquals("Das Logo ist zu groß (höchstens 512 KB).", big.json().getString("message"));
    assertEquals(1, app.count("select count(*) from employer where id = " + alpenEmployer + " and logo_type = 'image/webp' and length(logo) = 100"),
        "refused uploads leave the logo as it was");
    assertEquals(200, employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", bytes(PNG, 512 * 1024)).status(),
        "exactly 512 KB is fine");

    var foreign = employer.postBytes("/api/employers/" + donauEmployer + "/logo", "image/png", PNG);
    assertEquals(403, foreign.status());
    assertEquals("not_your_booth", foreign.json().getString("error"));
    assertEquals(403, seeker.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", PNG).status());
    assertEquals(0, app.count("select count(*) from employer where id = " + donauEmployer + " and logo is not null"));
  }

  @Test
  void theManagePageUploadsALogoAsAFile() {
    long booth = newAlpenBooth("2026-12-11T08:00", "2026-12-11T18:00");
    var r = employer.postBytes("/booths/" + booth + "/manage/logo", "multipart/form-data; boundary=XyZ", multipart("XyZ", "logo.png", PNG));
    assertEquals(303, r.status(), r.body());
    assertEquals("/booths/" + booth + "/manage?done=logo#company", r.header("location"));
    assertArrayEquals(PNG, app.client().getBytes("/api/employers/" + alpenEmployer + "/logo").body());
    assertTrue(employer.get("/booths/" + booth + "/manage").body().contains("src=\"/api/employers/" + alpenEmployer + "/logo?v="));

    var wrong = employer.postBytes("/booths/" + booth + "/manage/logo", "multipart/form-data; boundary=XyZ",
        multipart("XyZ", "logo.png", "GIF89a-but-called-png".getBytes(StandardCharsets.UTF_8)));
    assertEquals(400, wrong.status());
    assertTrue(wrong.body().contains("Das Logo muss ein PNG-, JPEG- oder WebP-Bild sein."), wrong.body());
    var big = employer.postBytes("/api/employers/" + alpenEmployer + "/logo", "multipart/form-data; boundary=XyZ",
        multipart("XyZ", "big.png", bytes(PNG, 600 * 1024)));
    assertEquals(413, big.status());
    assertEquals("logo_too_large", big.json().getString("error"));
    assertArrayEquals(PNG, app.client().getBytes("/api/employers/" + alpenEmployer + "/logo").body(), "the logo stays as it was");
    assertEquals(403, employer2.postBytes("/booths/" + booth + "/manage/logo", "multipart/form-data; boundary=XyZ",
        multipart("XyZ", "logo.png", JPEG)).status());
  }

  static byte[] multipart(String boundary, String filename, byte[] content) {
    var out = new java.io.ByteArrayOutputStream();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"" + filename
        + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    out.writeBytes(head);
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void theDatabaseItselfRefusesOverlappingSlotsAndAnOrientationOutsideTheFair() throws Exception {
    long booth = newAlpenBooth("2026-12-12T08:00", "2026-12-12T18:00");
    try (var c = app.jdbc(); var st = c.createStatement()) {
      st.execute("insert into slot (booth_id, starts_at, ends_at, capacity) values (" + booth + ", '2026-12-12T09:00:00Z', '2026-12-12T09:30:00Z', 1)");
      var overlap = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> st.execute(
          "insert into slot (booth_id, starts_at, ends_at, capacity) values (" + booth + ", '2026-12-12T09:20:00Z', '2026-12-12T09:40:00Z', 1)"));
      assertEquals("23P01", overlap.getSQLState());
      st.execute("update slot set removed_at = now() where booth_id = " + booth);
      st.execute("insert into slot (booth_id, starts_at, ends_at, capacity) values (" + booth + ", '2026-12-12T09:20:00Z', '2026-12-12T09:40:00Z', 1)");
      var orientation = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> st.execute(
          "update fair set orientation_starts_at = ends_at - interval '10 minutes', orientation_minutes = 30"
              + " where id = (select fair_id from booth where id = " + booth + ")"));
      assertEquals("23514", orientation.getSQLState());
    }
  }

  // --- vacancies ---

  @Test
  void vacanciesAreAddedChangedAndDeleted() {
    long before = app.count("select count(*) from vacancy where booth_id = " + alpenBooth);
    var created = employer.post("/api/booths/" + alpenBooth + "/vacancies", new JsonObject().put("title", "Barkeeper:in")
        .put("description", "Après-Ski-Bar").put("hoursPerWeek", 38.5).put("pay", "2.300 € brutto").put("workplace", "St. Anton")
        .put("region", "Tirol").put("startDate", "2026-12-01").put("german", "ENGLISH_POSSIBLE").put("housing", true));
    assertEquals(201, created.status(), created.body());
    JsonObject v = created.json();
    long id = v.getLong("id");
    assertEquals(alpenBooth, v.getLong("boothId"));
    assertEquals(38.5, v.getDouble("hoursPerWeek"));
    assertEquals("2026-12-01", v.getString("startDate"));
    assertEquals("ENGLISH_POSSIBLE", v.getString("german"));
    assertEquals(true, v.getBoolean("housing"));
    assertEquals(1, app.count("select count(*) from vacancy where id = " + id + " and title = 'Barkeeper:in' and hours_per_week = 38.5"
        + " and start_date = '2026-12-01' and german = 'ENGLISH_POSSIBLE' and housing and region = 'Tirol' and pay = '2.300 € brutto'"));

    var changed = employer.put("/api/vacancies/" + id, new JsonObject().put("title", "Barkeeper:in (Teilzeit)").put("hoursPerWeek", 20));
    assertEquals(200, changed.status(), changed.body());
    assertEquals(20, changed.json().getInteger("hoursPerWeek"));
    assertEquals("REQUIRED", changed.json().getString("german"), "saving replaces every field");
    assertEquals(1, app.count("select count(*) from vacancy where id = " + id + " and title = 'Barkeeper:in (Teilzeit)' and hours_per_week = 20"
        + " and start_date is null and german = 'REQUIRED' and not housing and region is null and description = ''"));

    var foreignPut = employer2.put("/api/vacancies/" + id, new JsonObject().put("title", "Gekapert"));
    assertEquals(403, foreignPut.status());
    assertEquals("not_your_booth", foreignPut.json().getString("error"));
    assertEquals(403, employer2.delete("/api/vacancies/" + id).status());
    assertEquals(403, employer2.post("/api/booths/" + alpenBooth + "/vacancies", new JsonObject().put("title", "Gekapert")).status());
    assertEquals(0, app.count("select count(*) from vacancy where title = 'Gekapert'"));

    assertEquals(204, employer.delete("/api/vacancies/" + id).status());
    assertEquals(0, app.count("select count(*) from vacancy where id = " + id));
    assertEquals(404, employer.delete("/api/vacancies/" + id).status());
    assertEquals("vacancy_not_found", employer.put("/api/vacancies/" + id, new JsonObject().put("title", "X")).json().getString("error"));
    assertEquals(before, app.count("select count(*) from vacancy where booth_id = " + alpenBooth));
  }

  @Test
  void invalidVacanciesWriteNothing() {
    long before = app.count("select count(*) from vacancy");
    String path = "/api/booths/" + alpenBooth + "/vacancies";
    JsonObject ok = new JsonObject().put("title", "Koch");
    assertBad(employer.post(path, new JsonObject()), "vacancy_title");
    assertBad(employer.post(path, ok.copy().put("title", " ")), "vacancy_title");
    assertBad(employer.post(path, ok.copy().put("description", "d".repeat(5001))), "vacancy_description");
    assertBad(employer.post(path, ok.copy().put("hoursPerWeek", 0)), "vacancy_hours");
    assertBad(employer.post(path, ok.copy().put("hoursPerWeek", 60.5)), "vacancy_hours");
    assertBad(employer.post(path, ok.copy().put("hoursPerWeek", 38.25)), "vacancy_hours");
    assertBad(employer.post(path, ok.copy().put("hoursPerWeek", "40")), "vacancy_hours");
    assertBad(employer.post(path, ok.copy().put("pay", "p".repeat(201))), "vacancy_pay");
    assertBad(employer.post(path, ok.copy().put("workplace", 7)), "vacancy_workplace");
    assertBad(employer.post(path, ok.copy().put("region", "r".repeat(201))), "vacancy_region");
    assertBad(employer.post(path, ok.copy().put("startDate", "1.12.2026")), "vacancy_start_date");
    assertBad(employer.post(path, ok.copy().put("startDate", "2026-02-29")), "vacancy_start_date");
    assertBad(employer.post(path, ok.copy().put("german", "SOME")), "vacancy_german");
    assertBad(employer.post(path, ok.copy().put("housing", "yes")), "vacancy_housing");
    assertEquals(before, app.count("select count(*) from vacancy"));
  }

  // --- staff ---

  @Test
  void colleaguesOfTheSameEmployerStaffTheBooth() {
    long colleague = organizer.post("/api/users", new JsonObject().put("email", "kollegin@alpenblick.example").put("name", "Kollegin Alpenblick")
        .put("password", "Passwort-123").put("roles", new JsonArray().add("EMPLOYER")).put("employerId", alpenEmployer)).json().getLong("id");
    long donauRep = app.count("select id from account where email = 'employer2@demo.test'");
    long seekerId = app.count("select id from account where email = 'seeker@demo.test'");
    String path = "/api/booths/" + alpenBooth + "/staff";

    var added = employer.post(path, new JsonObject().put("accountId", colleague));
    assertEquals(201, added.status(), added.body());
    assertEquals("Kollegin Alpenblick", added.json().getString("name"));
    assertEquals(1, app.count("select count(*) from booth_staff where booth_id = " + alpenBooth + " and account_id = " + colleague));
    var twice = employer.post(path, new JsonObject().put("accountId", colleague));
    assertEquals(409, twice.status());
    assertEquals("staff_exists", twice.json().getString("error"));
    assertEquals("Kollegin Alpenblick ist am Stand schon eingeteilt.", twice.json().getString("message"));

    long staffBefore = app.count("select count(*) from booth_staff");
    assertBad(employer.post(path, new JsonObject().put("accountId", donauRep)), "staff_not_colleague");
    assertBad(employer.post(path, new JsonObject().put("accountId", seekerId)), "staff_not_colleague");
    assertBad(employer.post(path, new JsonObject().put("accountId", 999999)), "staff_not_colleague");
    assertBad(employer.post(path, new JsonObject().put("accountId", "x")), "staff_account");
    assertBad(employer.post(path, new JsonObject()), "staff_account");
    assertEquals(403, employer2.post(path, new JsonObject().put("accountId", donauRep)).status());
    assertEquals(403, employer2.delete(path + "/" + colleague).status());
    assertEquals(staffBefore, app.count("select count(*) from booth_staff"));

    assertEquals(204, employer.delete(path + "/" + colleague).status());
    assertEquals(0, app.count("select count(*) from booth_staff where booth_id = " + alpenBooth + " and account_id = " + colleague));
    var gone = employer.delete(path + "/" + colleague);
    assertEquals(404, gone.status());
    assertEquals("staff_not_found", gone.json().getString("error"));
  }

  // --- slots ---

  @Test
  void aScheduleCreatesExactlyThePlannedSlots() {
    long booth = newAlpenBooth("2026-12-03T08:00", "2026-12-03T18:00");
    var r = employer.post("/api/booths/" + booth + "/schedule", new JsonObject().put("date", "2026-12-03").put("from", "09:00").put("to", "12:00")
        .put("interviewMinutes", 20).put("bufferMinutes", 10).put("breaks", new JsonArray().add(new JsonObject().put("from", "10:30").put("to", "10:45")))
        .put("capacity", 1));
    assertEquals(201, r.status(), r.body());
    JsonArray slots = r.json().getJsonArray("slots");
    // December: Vienna is UTC+1. After 10:00-10:20 the next talk would cut into the break, so it starts at 10:45.
    assertEquals(List.of("2026-12-03T08:00:00Z", "2026-12-03T08:30:00Z", "2026-12-03T09:00:00Z", "2026-12-03T09:45:00Z", "2026-12-03T10:15:00Z"),
        strings(slots, "startsAt"));
    assertEquals(List.of("2026-12-03T08:20:00Z", "2026-12-03T08:50:00Z", "2026-12-03T09:20:00Z", "2026-12-03T10:05:00Z", "2026-12-03T10:35:00Z"),
        strings(slots, "endsAt"));
    assertEquals(List.of("2026-12-03T09:00", "2026-12-03T09:30", "2026-12-03T10:00", "2026-12-03T10:45", "2026-12-03T11:15"), strings(slots, "start"));
    for (int i = 0; i < slots.size(); i++) {
      assertEquals(1, slots.getJsonObject(i).getInteger("capacity"));
      assertEquals(0, slots.getJsonObject(i).getInteger("booked"));
    }
    assertEquals(5, app.count("select count(*) from slot where booth_id = " + booth));
    assertEquals(1, app.count("select count(*) from slot where booth_id = " + booth + " and starts_at = '2026-12-03T09:45:00Z'"
        + " and ends_at = '2026-12-03T10:05:00Z' and capacity = 1 and booked = 0 and removed_at is null"));

    var single = employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-03T12:00").put("end", "2026-12-03T12:45")
        .put("capacity", 8));
    assertEquals(201, single.status(), single.body());
    assertEquals("2026-12-03T11:00:00Z", single.json().getString("startsAt"));
    assertEquals("2026-12-03T11:45:00Z", single.json().getString("endsAt"));
    assertEquals(8, single.json().getInteger("capacity"));
    assertEquals(6, app.count("select count(*) from slot where booth_id = " + booth));
  }

  @Test
  void overlapsAndSlotsOutsideTheFairAreRefusedWhole() {
    long booth = newAlpenBooth("2026-12-05T08:00", "2026-12-05T18:00");
    String path = "/api/booths/" + booth + "/schedule";
    JsonObject plan = new JsonObject().put("date", "2026-12-05").put("from", "09:00").put("to", "11:00").put("interviewMinutes", 30);
    assertEquals(201, employer.post(path, plan).status());
    assertEquals(4, app.count("select count(*) from slot where booth_id = " + booth));

    var same = employer.post(path, plan);
    assertEquals(409, same.status(), same.body());
    assertEquals("slots_overlap", same.json().getString("error"));
    assertEquals("Ein neuer Termin überschneidet sich mit Ihrem Termin am 05.12.2026 09:00. Es wurde nichts gespeichert.", same.json().getString("message"));
    var partly = employer.post(path, plan.copy().put("from", "10:45").put("to", "13:00"));
    assertEquals(409, partly.status(), "one overlapping slot refuses the whole plan");
    assertEquals("Ein neuer Termin überschneidet sich mit Ihrem Termin am 05.12.2026 10:30. Es wurde nichts gespeichert.", partly.json().getString("message"));
    var single = employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-05T10:59").put("end", "2026-12-05T11:10"));
    assertEquals(409, single.status());
    assertEquals(4, app.count("select count(*) from slot where booth_id = " + booth));
    assertEquals(201, employer.post("/api/booths/" + booth + "/slots",
        new JsonObject().put("start", "2026-12-05T11:00").put("end", "2026-12-05T11:10")).status(), "touching is not overlapping");

    var before = employer.post(path, plan.copy().put("from", "07:00").put("to", "08:30"));
    assertBad(before, "slot_outside_fair");
    assertEquals("Termine müssen innerhalb der Jobbörse liegen: von 05.12.2026 08:00 bis 05.12.2026 18:00. Es wurde nichts gespeichert.",
        before.json().getString("message"));
    assertBad(employer.post(path, plan.copy().put("from", "17:00").put("to", "19:00")), "slot_outside_fair");
    assertBad(employer.post(path, plan.copy().put("date", "2026-12-06")), "slot_outside_fair");
    assertBad(employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-05T17:50").put("end", "2026-12-05T18:10")),
        "slot_outside_fair");
    assertEquals(5, app.count("select count(*) from slot where booth_id = " + booth));

    // A slot that was removed (by the booking side) no longer blocks its time.
    try (var c = app.jdbc(); var st = c.createStatement()) {
      st.execute("update slot set removed_at = now() where booth_id = " + booth + " and starts_at = '2026-12-05T08:00:00Z'");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    var replaced = employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-05T09:00").put("end", "2026-12-05T09:15"));
    assertEquals(201, replaced.status(), replaced.body());
  }

  @Test
  void schedulesAreRightOnTheDayTheClocksGoBack() {
    long booth = newAlpenBooth("2026-10-25T00:00", "2026-10-25T23:00");
    var r = employer.post("/api/booths/" + booth + "/schedule", new JsonObject().put("date", "2026-10-25").put("from", "01:00").put("to", "04:00")
        .put("interviewMinutes", 60));
    assertEquals(201, r.status(), r.body());
    // 01:00 summer time is 23:00 UTC; 04:00 winter time is 03:00 UTC: four real hours, four one-hour talks.
    assertEquals(List.of("2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"),
        strings(r.json().getJsonArray("slots"), "startsAt"));
    assertEquals(4, app.count("select count(*) from slot where booth_id = " + booth + " and ends_at - starts_at = interval '60 minutes'"));

    var spring = newAlpenBooth("2026-03-29T00:00", "2026-03-29T23:00");
    var s = employer.post("/api/booths/" + spring + "/slots", new JsonObject().put("start", "2026-03-29T02:15").put("end", "2026-03-29T03:15"));
    assertBad(s, "time_nonexistent");
    assertEquals("start", s.json().getString("field"));
    var across = employer.post("/api/booths/" + spring + "/slots", new JsonObject().put("start", "2026-03-29T01:30").put("end", "2026-03-29T03:30"));
    assertEquals(201, across.status(), across.body());
    assertEquals("2026-03-29T00:30:00Z", across.json().getString("startsAt"));
    assertEquals("2026-03-29T01:30:00Z", across.json().getString("endsAt"), "01:30 to 03:30 across the skipped hour is one real hour");
  }

  @Test
  void everyRefusalOfAPlanIsExplained() {
    long booth = newAlpenBooth("2026-12-07T00:00", "2026-12-07T23:59");
    String path = "/api/booths/" + booth + "/schedule";
    JsonObject ok = new JsonObject().put("date", "2026-12-07").put("from", "09:00").put("to", "12:00").put("interviewMinutes", 20);
    JsonArray oneBreak = new JsonArray().add(new JsonObject().put("from", "10:00").put("to", "10:30"));
    assertBad(employer.post(path, ok.copy().put("interviewMinutes", 0)), "schedule_interview_length", "interviewMinutes");
    assertBad(employer.post(path, ok.copy().put("interviewMinutes", 481)), "schedule_interview_length", "interviewMinutes");
    assertBad(employer.post(path, ok.copy().put("interviewMinutes", 20.5)), "schedule_interview_length", "interviewMinutes");
    assertBad(employer.post(path, withoutKey(ok, "interviewMinutes")), "schedule_interview_length", "interviewMinutes");
    assertBad(employer.post(path, ok.copy().put("bufferMinutes", -1)), "schedule_buffer", "bufferMinutes");
    assertBad(employer.post(path, ok.copy().put("capacity", 0)), "schedule_capacity", "capacity");
    assertBad(employer.post(path, ok.copy().put("capacity", 501)), "schedule_capacity", "capacity");
    assertBad(employer.post(path, ok.copy().put("to", "09:00")), "schedule_window_empty", "to");
    assertBad(employer.post(path, ok.copy().put("to", "08:00")), "schedule_window_empty", "to");
    assertBad(employer.post(path, withoutKey(ok, "date")), "schedule_date", "date");
    assertBad(employer.post(path, ok.copy().put("date", "07.12.2026")), "schedule_date", "date");
    assertBad(employer.post(path, withoutKey(ok, "from")), "schedule_time", "from");
    assertBad(employer.post(path, ok.copy().put("from", "9:00")), "schedule_time", "from");
    assertBad(employer.post(path, ok.copy().put("to", "24:00")), "schedule_time", "to");
    assertBad(employer.post(path, ok.copy().put("breaks", "10:00-10:30")), "schedule_breaks", "breaks");
    assertBad(employer.post(path, ok.copy().put("breaks", new JsonArray().add(oneBreak.getValue(0)).add(new JsonObject().put("from", "11:00")))),
        "schedule_break_time", "breaks[1].to");
    assertBad(employer.post(path, ok.copy().put("breaks", new JsonArray().add(new JsonObject().put("from", "10:3").put("to", "11:00")))),
        "schedule_break_time", "breaks[0].from");
    assertBad(employer.post(path, ok.copy().put("breaks", new JsonArray().add(new JsonObject().put("from", "10:30").put("to", "10:30")))),
        "schedule_break_empty", "breaks[0]");
    assertBad(employer.post(path, ok.copy().put("breaks", new JsonArray().add(new JsonObject().put("from", "11:30").put("to", "12:30")))),
        "schedule_break_outside_window", "breaks[0]");
    assertBad(employer.post(path, ok.copy().put("breaks", oneBreak.copy().add(new JsonObject().put("from", "10:15").put("to", "10:45")))),
        "schedule_breaks_overlap", "breaks[1]");
    assertBad(employer.post(path, ok.copy().put("interviewMinutes", 240)), "schedule_no_slots", "interviewMinutes");
    assertBad(employer.post(path, ok.copy().put("from", "00:00").put("to", "23:59").put("interviewMinutes", 1)), "schedule_too_many_slots",
        "interviewMinutes");
    assertEquals(0, app.count("select count(*) from slot where booth_id = " + booth), "nothing written");

    var r = employer.post(path, ok.copy().put("breaks", oneBreak.copy().add(new JsonObject().put("from", "10:15").put("to", "10:45"))));
    assertEquals("Pause 2 überschneidet sich mit einer anderen Pause.", r.json().getString("message"));
    r = employer.post(path, ok.copy().put("interviewMinutes", 0));
    assertEquals("Ein Gespräch dauert 1 bis 480 Minuten (eine ganze Zahl).", r.json().getString("message"));
    r = app.client().signedIn("employer@demo.test").post(path + "?lang=en", ok.copy().put("capacity", "viele"));
    assertEquals("An appointment has 1 to 500 places (a whole number).", r.json().getString("message"));

    assertBad(employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("end", "2026-12-07T10:00")), "slot_start");
    assertBad(employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-07T10:00")), "slot_end");
    assertBad(employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-07T10:00").put("end", "2026-12-07T10:00")),
        "slot_end_before_start");
    assertBad(employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-07T10:00").put("end", "2026-12-07T19:00")),
        "slot_too_long");
    assertBad(employer.post("/api/booths/" + booth + "/slots", new JsonObject().put("start", "2026-12-07T10:00").put("end", "2026-12-07T10:20")
        .put("capacity", 0)), "slot_capacity");
    assertEquals(0, app.count("select count(*) from slot where booth_id = " + booth));
  }

  @Test
  void everySlotScheduleRefusalHasATextInBothLanguages() {
    var messages = new at.jobfair.web.Messages();
    List<String> missing = new ArrayList<>();
    for (String code : ScheduleInput.knownCodes()) {
      assertEquals("schedule_" + code, ScheduleInput.reasonOf(code).code(), "each problem of a plan is answered with its own reason");
      for (var lang : at.jobfair.web.Messages.Lang.values()) {
        if (!messages.has(lang, "error.schedule_" + code)) missing.add(lang + ": error.schedule_" + code);
      }
    }
    assertEquals(10, ScheduleInput.knownCodes().size(), ScheduleInput.knownCodes().toString());
    assertEquals(List.of(), missing);
  }

  @Test
  void anotherEmployersBoothGetsNoSlots() {
    String plan = new JsonObject().put("date", "2026-12-03").put("from", "09:00").put("to", "10:00").put("interviewMinutes", 20).encode();
    long before = app.count("select count(*) from slot");
    var r = employer2.post("/api/booths/" + alpenBooth + "/schedule", plan);
    assertEquals(403, r.status());
    assertEquals("not_your_booth", r.json().getString("error"));
    assertEquals(403, employer2.post("/api/booths/" + alpenBooth + "/slots",
        new JsonObject().put("start", "2026-12-03T09:00").put("end", "2026-12-03T09:20")).status());
    assertEquals(404, employer.post("/api/booths/999999/schedule", plan).status());
    assertEquals(before, app.count("select count(*) from slot"));
  }

  // --- access for everyone else ---

  @Test
  void jobseekersAndOtherStaffAreRefusedEverything() {
    long vacancy = app.count("select min(id) from vacancy where booth_id = " + alpenBooth);
    long employerAccount = app.count("select id from account where email = 'employer@demo.test'");
    for (String email : List.of("seeker@demo.test", "sfu@demo.test", "sfa@demo.test", "erhebung@demo.test", "kommune@demo.test")) {
      TestClient c = app.client().signedIn(email);
      for (var r : List.of(
          c.put("/api/booths/" + alpenBooth, new JsonObject().put("headline", "x")),
          c.put("/api/employers/" + alpenEmployer, new JsonObject().put("name", "x")),
          c.postBytes("/api/employers/" + alpenEmployer + "/logo", "image/png", PNG),
          c.post("/api/booths/" + alpenBooth + "/vacancies", new JsonObject().put("title", "x")),
          c.put("/api/vacancies/" + vacancy, new JsonObject().put("title", "x")),
          c.delete("/api/vacancies/" + vacancy),
          c.post("/api/booths/" + alpenBooth + "/staff", new JsonObject().put("accountId", employerAccount)),
          c.delete("/api/booths/" + alpenBooth + "/staff/" + employerAccount),
          c.post("/api/booths/" + alpenBooth + "/schedule", new JsonObject().put("date", "2026-12-03")),
          c.post("/api/booths/" + alpenBooth + "/slots", new JsonObject()),
          c.get("/booths/" + alpenBooth + "/manage"),
          c.postRaw("/booths/" + alpenBooth + "/manage/vacancies", "application/x-www-form-urlencoded", "title=x"))) {
        assertEquals(403, r.status(), email + ": " + r.body());
      }
    }
    assertEquals(0, app.count("select count(*) from vacancy where title = 'x'"));
    assertEquals(1, app.count("select count(*) from vacancy where id = " + vacancy));
    assertEquals(1, app.count("select count(*) from booth_staff where account_id = " + employerAccount + " and booth_id = " + alpenBooth));
    TestClient anonymous = app.client();
    anonymous.get("/signin");
    assertEquals(401, anonymous.post("/api/booths/" + alpenBooth + "/vacancies", new JsonObject().put("title", "x")).status());
    assertEquals(303, anonymous.get("/booths/" + alpenBooth + "/manage").status());
  }

  // --- the manage page ---

  @Test
  void theManagePageWorksWithoutJavaScript() {
    var page = employer.get("/booths/" + alpenBooth + "/manage");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("<section class=\"panel\" id=\"schedule\" data-live=\"booth-staff:" + alpenBooth + "\" data-live-refresh>"),
        "the live script finds the slot list");
    assertTrue(page.body().contains("Koch / Köchin"), "the demo vacancies are listed");
    assertEquals(403, employer2.get("/booths/" + alpenBooth + "/manage").status());
    assertEquals(200, organizer.get("/booths/" + alpenBooth + "/manage").status());
    assertEquals(404, organizer.get("/booths/999999/manage").status());

    String form = form(Map.of("title", "Skilehrer:in", "hoursPerWeek", "38,5", "german", "NOT_REQUIRED", "housing", "true", "startDate", "2026-12-15"));
    var added = employer.postRaw("/booths/" + alpenBooth + "/manage/vacancies", "application/x-www-form-urlencoded", form);
    assertEquals(303, added.status(), added.body());
    assertEquals("/booths/" + alpenBooth + "/manage?done=vacancyAdded#vacancies", added.header("location"));
    assertEquals(1, app.count("select count(*) from vacancy where booth_id = " + alpenBooth + " and title = 'Skilehrer:in' and hours_per_week = 38.5"
        + " and german = 'NOT_REQUIRED' and housing and start_date = '2026-12-15'"));
    assertTrue(employer.get(added.header("location")).body().contains("Die Stelle wurde hinzugefügt."));

    long before = app.count("select count(*) from vacancy");
    var bad = employer.postRaw("/booths/" + alpenBooth + "/manage/vacancies", "application/x-www-form-urlencoded",
        form(Map.of("title", "Kellner:in", "hoursPerWeek", "viele")));
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("Die Wochenstunden sind eine Zahl über 0 bis höchstens 60, mit höchstens einer Nachkommastelle."), bad.body());
    assertTrue(bad.body().contains("value=\"Kellner:in\""), "what was typed stays");
    assertEquals(before, app.count("select count(*) from vacancy"));

    long booth = newAlpenBooth("2026-12-09T08:00", "2026-12-09T18:00");
    var scheduled = employer.postRaw("/booths/" + booth + "/manage/schedule", "application/x-www-form-urlencoded", form(Map.of(
        "date", "2026-12-09", "from", "09:00", "to", "10:00", "interviewMinutes", "15", "bufferMinutes", "5", "capacity", "2",
        "breakFrom1", "", "breakTo1", "")));
    assertEquals(303, scheduled.status(), scheduled.body());
    assertEquals("/booths/" + booth + "/manage?done=scheduled&n=3#schedule", scheduled.header("location"));
    assertEquals(3, app.count("select count(*) from slot where booth_id = " + booth + " and capacity = 2"));
    var list = employer.get("/booths/" + booth + "/manage?done=scheduled&n=3").body();
    assertTrue(list.contains("3 Termine wurden angelegt."));
    assertTrue(list.contains("09:40–09:55"), "the last slot, in Vienna time");

    var refused = employer.postRaw("/booths/" + booth + "/manage/schedule", "application/x-www-form-urlencoded", form(Map.of(
        "date", "2026-12-09", "from", "09:00", "to", "12:00", "interviewMinutes", "15", "breakFrom1", "11:00", "breakTo1", "13:00")));
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("Pause 1 liegt nicht ganz zwischen Beginn und Ende."), refused.body());
    assertTrue(refused.body().contains("value=\"13:00\""));
    assertEquals(3, app.count("select count(*) from slot where booth_id = " + booth));

    var foreignForm = employer2.postRaw("/booths/" + booth + "/manage/slots", "application/x-www-form-urlencoded",
        form(Map.of("start", "2026-12-09T15:00", "end", "2026-12-09T15:20")));
    assertEquals(403, foreignForm.status());
    assertTrue(foreignForm.body().contains("Das ist nicht der Stand Ihres Unternehmens."));
    assertEquals(3, app.count("select count(*) from slot where booth_id = " + booth));
  }

  static List<String> strings(JsonArray array, String key) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) out.add(array.getJsonObject(i).getString(key));
    return out;
  }

  static String boothRow(long id) {
    try (var c = app.jdbc(); var st = c.createStatement();
         var rs = st.executeQuery("select headline || '|' || description || '|' || coalesce(phone, '') from booth where id = " + id)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

}
