package at.jobfair.privacy;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export holds everything about the person: every table that refers to an account is in it or said not to be. */
class PersonalDataTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyColumnThatRefersToAnAccountIsExportedOrNamedAsNotPersonal() throws Exception {
    Set<String> referring = new TreeSet<>();
    try (Connection c = app.jdbc(); var st = c.createStatement(); ResultSet rs = st.executeQuery("""
        select kcu.table_name, kcu.column_name
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
         where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public' and ccu.table_name = 'account' and ccu.column_name = 'id'""")) {
      while (rs.next()) referring.add(rs.getString(1) + "." + rs.getString(2));
    }
    assertTrue(referring.size() >= 30, referring.toString());
    Set<String> classified = new HashSet<>(PersonalData.COVERED.keySet());
    classified.addAll(PersonalData.NOT_PERSONAL.keySet());
    Set<String> forgotten = referring.stream().filter(col -> !classified.contains(col)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), forgotten, "columns referring to an account that PersonalData neither exports nor calls not personal");
    Set<String> stale = classified.stream().filter(col -> !referring.contains(col)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), stale, "listed in PersonalData but no such reference in the database");
    assertTrue(PersonalData.COVERED.keySet().stream().noneMatch(PersonalData.NOT_PERSONAL::containsKey), "on one list only");

    // A covered column is read by the section named for it.
    Map<String, String> sqlOf = PersonalData.SECTIONS.stream().collect(Collectors.toMap(PersonalData.Section::name, PersonalData.Section::sql));
    PersonalData.COVERED.forEach((col, section) -> {
      String table = col.substring(0, col.indexOf('.'));
      assertTrue(sqlOf.containsKey(section), col + " -> " + section);
      assertTrue(sqlOf.get(section).matches("(?s).*\\b" + table + "\\b.*"), col + " is not read by section " + section);
    });
  }

  @Test
  void thePersonDownloadsEverythingAsAJsonFileWithTheirCaseLettersMailsAndWhoReadTheirData() {
    long dora = new Fixtures(app).accountId("dora@demo.test");
    // Her caseworker reads her record with the benefit type: that read is hers to see.
    assertEquals(200, app.as("sfa@demo.test").get("/api/jobseekers/" + dora).status());
    TestClient client = app.as("dora@demo.test");
    var r = client.get("/api/me/data");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.header("Content-Disposition").matches("attachment; filename=\"jobboerse-meine-daten-\\d{4}-\\d{2}-\\d{2}\\.json\""),
        r.header("Content-Disposition"));
    JsonObject sections = r.json().getJsonObject("sections");
    assertEquals(PersonalData.SECTIONS.stream().map(PersonalData.Section::name).toList(), sections.fieldNames().stream().toList());
    JsonObject account = sections.getJsonArray("account").getJsonObject(0);
    assertEquals("dora@demo.test", account.getString("email"));
    assertEquals("Dora Berisha", account.getString("name"));
    assertFalse(r.body().contains("password") || r.body().contains("argon2"), "never the password hash");
    assertFalse(sections.getJsonArray("record").getJsonObject(0).getString("benefit_type", "").isEmpty(), "the benefit type is hers");
    for (String s : new String[] {"invitations", "cascade", "letters", "mails", "dataAccess"}) {
      assertFalse(sections.getJsonArray(s).isEmpty(), s + " in " + r.body());
    }
    JsonObject cascade = sections.getJsonArray("cascade").getJsonObject(0);
    assertTrue(cascade.getJsonArray("steps").size() >= 3, "the steps and the decision: " + cascade);
    JsonObject letter = sections.getJsonArray("letters").getJsonObject(0);
    assertEquals(200, client.getBytes(letter.getString("download")).statusCode(), "the letter's download link is hers");
    assertEquals("CASEWORKER", sections.getJsonArray("dataAccess").getJsonObject(0).getString("why"));
    JsonArray invitations = sections.getJsonArray("invitations");
    assertTrue(invitations.getJsonObject(0).getString("basis_code") != null, "with its legal basis: " + invitations);

    // The same on the page, in her language and in German, with the zone's times.
    String en = client.get("/me/data?lang=en").body();
    assertTrue(en.contains("Letters to you") && en.contains("Dora Berisha") && en.contains("Who read your confidential data"), en);
    String de = client.get("/me/data?lang=de").body();
    assertTrue(de.contains("Schreiben an Sie") && de.contains("Herunterladen (PDF)") && de.contains("/api/letters/"), de);
    assertFalse(de.contains("mydata."), "every label from the bundle");
    assertEquals(403, app.as("sfa@demo.test").get("/api/me/data").status(), "the export is the person's own");
  }
}
