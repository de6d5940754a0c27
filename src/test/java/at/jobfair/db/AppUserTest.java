package at.jobfair.db;

import at.jobfair.App;
import at.jobfair.support.TestApp;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the operator's own PostgreSQL (db.url) the application migrates as the URL's user and then, with db.appUser,
 * works as the restricted role: it can add audit records but not change or remove them, triggers or not.
 */
class AppUserTest {

  @Test
  void withAnAppUserTheApplicationCannotChangeTheAuditTrail(@TempDir Path dir) throws Exception {
    Database db = Database.embedded(dir.resolve("pg"), 0); // stands in for the operator's server; the owner migrates
    var o = db.connectOptions();
    String url = "postgresql://postgres@" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    App app = App.start(TestApp.config().with(Map.of("http.port", 0, "db.url", url, "db.appUser", Database.APP_ROLE,
        "data.dir", dir.toString(), "auth.argon2MemoryKiB", 1024, "auth.argon2Iterations", 1)));
    try {
      var pool = app.pool();
      assertEquals(Database.APP_ROLE, pool.query("select current_user").execute().await(10, TimeUnit.SECONDS)
          .iterator().next().getString(0));
      String jdbc = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
      try (var owner = DriverManager.getConnection(jdbc, "postgres", null); var st = owner.createStatement()) {
        st.execute("alter table audit_log disable trigger all"); // even with the triggers off
      }
      pool.query("insert into audit_log (seq, at, actor_id, actor_role, subject, event, from_state, to_state, reasons, prev_hash, hash) "
          + "select coalesce(max(seq), 0) + 1, now(), null, 'SYSTEM', 'test', 'TEST', null, null, null, repeat('0', 64), repeat('a', 64) "
          + "from audit_log").execute().await(10, TimeUnit.SECONDS); // after the demo's own records
      // The demo's decided case wrote its letter as this role (beside its requests for reasons' letters); the role cannot
      // change or remove it.
      assertEquals(1L, pool.query("select count(*) from letter where kind = 'DECISION'").execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0));
      for (String sql : List.of("update audit_log set reasons = 'x'", "delete from audit_log", "truncate audit_log",
          "update letter set reference = 'x'", "delete from letter", "truncate letter")) {
        PgException e = assertThrows(PgException.class, () -> pool.query(sql).execute().await(10, TimeUnit.SECONDS), sql);
        assertEquals("42501", e.getSqlState(), sql);
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
      }
    } finally {
      app.close();
      db.close();
    }
  }
}
