package at.jobfair.db;

import at.jobfair.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {

  @Test
  void migratesAnEmptyDatabaseAndIsIdempotent() throws Exception {
    String url = TestDatabase.emptyDatabase();
    Database db = Database.open(at.jobfair.support.TestApp.config().with(java.util.Map.of("db.url", url)));
    db.migrate();
    db.migrate();
    try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl(url), "postgres", null); var st = c.createStatement()) {
      Set<String> tables = new HashSet<>();
      try (var rs = st.executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
        while (rs.next()) tables.add(rs.getString(1));
      }
      assertTrue(tables.containsAll(Set.of("account", "account_role", "employer", "jobseeker", "sign_in_failure", "fair",
          "fair_employer", "booth", "booth_staff", "vacancy", "slot")), tables.toString());
      try (var rs = st.executeQuery("select count(*) from flyway_schema_history where success")) {
        rs.next();
        assertTrue(rs.getInt(1) >= 2);
      }
      try (var rs = st.executeQuery("select count(*) from account")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "migrations alone write no people");
      }
    }
  }

  @Test
  void theSchemaItselfRefusesAnOverbookedSlot() throws Exception {
    String url = TestDatabase.emptyDatabase();
    Database.open(at.jobfair.support.TestApp.config().with(java.util.Map.of("db.url", url))).migrate();
    try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl(url), "postgres", null); var st = c.createStatement()) {
      st.execute("insert into employer (name) values ('E')");
      st.execute("insert into fair (name, format, starts_at, ends_at) values ('F', 'SECTOR', now(), now() + interval '1 hour')");
      st.execute("insert into fair_employer select f.id, e.id from fair f, employer e");
      st.execute("insert into booth (fair_id, employer_id) select fair_id, employer_id from fair_employer");
      st.execute("insert into slot (booth_id, starts_at, ends_at, capacity) select id, now(), now() + interval '20 minutes', 1 from booth");
      st.execute("update slot set booked = 1");
      var e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> st.execute("update slot set booked = 2"));
      assertEquals("23514", e.getSQLState());
    }
  }
}
