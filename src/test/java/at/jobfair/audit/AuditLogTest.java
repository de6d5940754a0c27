package at.jobfair.audit;

import at.jobfair.audit.AuditChain.Entry;
import at.jobfair.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trail in PostgreSQL: one chain however many steps are recorded at once, unchangeable, and checked end to end. */
class AuditLogTest {

  static TestApp app;
  static AuditLog log;
  /** The whole trail after the 40 appends: the demo's own steps (its decided case, its requests for reasons) come first. */
  static long total;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start();
    log = new AuditLog(app.app().pool());
    List<Future<Entry>> appends = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int n = i;
      // 40 transactions at once: the appends must queue, not fork the chain.
      appends.add(app.app().pool().withTransaction(tx -> log.append(tx, Entry.of(Instant.now(), 1L + n % 3, n % 2 == 0 ? "SFU" : "ERHEBUNG",
          "cascade:" + (n % 5), "OFFER_DECLINED", "AT_STATION", "WAITING", "Begründung " + n + " – „zu weit weg“"))));
    }
    Future.all(appends).await(30, TimeUnit.SECONDS);
    total = app.count("select count(*) from audit_log");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void concurrentStepsMakeOneWholeChain() {
    assertEquals(40, app.count("select count(*) from audit_log where event = 'OFFER_DECLINED' and reasons like 'Begründung %'"));
    assertTrue(total >= 40, "the demo's steps and the 40");
    assertEquals(total, app.count("select max(seq) from audit_log"));
    var v = app.client().signedIn("organizer@demo.test").get("/api/audit/verify");
    assertEquals(200, v.status(), v.body());
    assertEquals(new JsonObject().put("ok", true).put("records", total).putNull("firstBad"), v.json());
  }

  @Test
  void theTableRefusesChangesAndDeletions() {
    for (String sql : List.of("update audit_log set reasons = 'geändert' where seq = 3", "delete from audit_log where seq = 40",
        "truncate audit_log")) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (var c = app.jdbc(); var st = c.createStatement()) {
          st.execute(sql);
        }
      }, sql);
      assertEquals("42501", e.getSQLState(), sql);
    }
    assertEquals(total, app.count("select count(*) from audit_log"));
  }

  @Test
  void aRecordChangedBehindTheTriggersIsFound() throws Exception {
    String original;
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery("select reasons from audit_log where seq = 27")) {
      rs.next();
      original = rs.getString(1);
    }
    changeBehindTheTriggers("nachträglich geändert");
    try {
      var v = app.client().signedIn("sfa@demo.test").get("/api/audit/verify").json();
      assertEquals(new JsonObject().put("ok", false).put("records", total).put("firstBad", 27), v);
    } finally {
      changeBehindTheTriggers(original); // the other tests expect a whole chain
    }
    assertEquals(true, app.client().signedIn("sfa@demo.test").get("/api/audit/verify").json().getBoolean("ok"));
  }

  /** What only someone allowed to switch the triggers off could do. */
  private static void changeBehindTheTriggers(String reasons) throws SQLException {
    try (var c = app.jdbc(); var st = c.createStatement(); var ps = c.prepareStatement("update audit_log set reasons = ? where seq = 27")) {
      st.execute("alter table audit_log disable trigger audit_log_no_change");
      ps.setString(1, reasons);
      ps.executeUpdate();
      st.execute("alter table audit_log enable trigger audit_log_no_change");
    }
  }

  @Test
  void theApplicationsOwnRoleMayAddButNeverChangeOrRemove() throws Exception {
    String url = at.jobfair.support.TestDatabase.jdbcUrl(app.app().config().db().url());
    try (var owner = app.jdbc(); var st = owner.createStatement()) {
      st.execute("alter table audit_log disable trigger all"); // even with the triggers off
    }
    try (var c = java.sql.DriverManager.getConnection(url, at.jobfair.db.Database.APP_ROLE, null); var st = c.createStatement()) {
      for (String sql : List.of("update audit_log set reasons = 'x' where seq = 1", "delete from audit_log where seq = 1",
          "truncate audit_log")) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertEquals("42501", e.getSQLState(), sql);
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
      }
      try (var rs = st.executeQuery("select count(*) from audit_log")) {
        rs.next();
        assertEquals(total, rs.getLong(1), "reading is allowed");
      }
    } finally {
      try (var owner = app.jdbc(); var st = owner.createStatement()) {
        st.execute("alter table audit_log enable trigger all");
      }
    }
  }

  @Test
  void onlyStaffMayCheck() {
    assertEquals(403, app.client().signedIn("seeker@demo.test").get("/api/audit/verify").status());
    assertEquals(403, app.client().signedIn("employer@demo.test").get("/api/audit/verify").status());
    assertEquals(401, app.client().get("/api/audit/verify").status());
    assertTrue(app.client().get("/api/openapi.json").body().contains("/api/audit/verify"));
  }
}
