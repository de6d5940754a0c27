package at.jobfair.db;

import at.jobfair.App;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start without configuration: the app runs its own PostgreSQL and works in it as its own limited role. */
class EmbeddedStartTest {

  @Test
  void theDefaultStartMigratesAsOwnerAndWorksAsTheApplicationRole(@TempDir Path dir) throws Exception {
    App app = App.start(TestApp.config().with(Map.of("http.port", 0, "http.host", "127.0.0.1", "db.url", "",
        "data.dir", dir.toString(), "auth.argon2MemoryKiB", 1024, "auth.argon2Iterations", 1)));
    try {
      assertTrue(app.database().isEmbedded());
      TestClient seeker = new TestClient("http://127.0.0.1:" + app.port()).signedIn("seeker@demo.test");
      // The first free slot: the demo's running video interview holds the booth's first one. Its booth asks a required
      // pre-screening question, answered here from the questions the booking page asks.
      try (var c = DriverManager.getConnection(app.database().jdbcUrl(), "postgres", null); var st = c.createStatement();
           var rs = st.executeQuery("select q.id from vacancy_question q join vacancy v on v.id = q.vacancy_id where v.booth_id = 1")) {
        io.vertx.core.json.JsonArray answers = new io.vertx.core.json.JsonArray();
        while (rs.next()) answers.add(new io.vertx.core.json.JsonObject().put("questionId", rs.getLong(1)).put("text", "Seit 2019."));
        long slot = new TestClient("http://127.0.0.1:" + app.port()).get("/api/booths/1").json().getJsonArray("slots").stream()
            .map(o -> (io.vertx.core.json.JsonObject) o).filter(o -> o.getInteger("free") > 0).findFirst().orElseThrow().getLong("id");
        var booked = seeker.post("/api/slots/" + slot + "/bookings", new io.vertx.core.json.JsonObject().put("answers", answers));
        assertEquals(201, booked.status(), booked.body());
      }
      try (var c = DriverManager.getConnection(app.database().jdbcUrl(), "postgres", null); var st = c.createStatement();
           var rs = st.executeQuery("select count(*) filter (where usename = '" + Database.APP_ROLE + "'), "
               + "count(*) filter (where usename <> '" + Database.APP_ROLE + "' and pid <> pg_backend_pid()) "
               + "from pg_stat_activity where datname = current_database()")) {
        rs.next();
        assertTrue(rs.getLong(1) > 0, "the application's connections use its own role");
        assertEquals(0, rs.getLong(2), "and no others");
      }
    } finally {
      app.close();
    }
  }
}
