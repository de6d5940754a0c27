package at.jobfair.web;

import at.jobfair.support.Ports;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Sessions are kept in PostgreSQL: any node on the same database knows them, a restart keeps them, sign-out ends them
 * everywhere. Nodes keep short-lived copies of the sessions they served; a and b are one cluster, so a change on one
 * reaches the other's copy over the event bus.
 */
class SessionStoreTest {

  private static TestApp a;
  private static TestApp b;

  @BeforeAll
  static void start() {
    int[] ports = {Ports.free(), Ports.free()};
    String name = "sessions-" + UUID.randomUUID();
    a = TestApp.start(TestApp.clusterMember(0, ports, name));
    b = a.another(TestApp.clusterMember(1, ports, name));
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  /** The same cookies, sent to another node. */
  private static TestClient onOtherNode(TestClient signedIn, TestApp node) {
    TestClient other = node.client();
    other.setCookie(Sessions.COOKIE, signedIn.cookie(Sessions.COOKIE));
    other.setCookie(Sessions.CSRF_COOKIE, signedIn.cookie(Sessions.CSRF_COOKIE));
    return other;
  }

  @Test
  void aPersonSignedInOnOneNodeIsSignedInOnAnotherAndMayChangeThingsThere() {
    TestClient onA = a.as("seeker@demo.test");
    TestClient onB = onOtherNode(onA, b);
    assertEquals("seeker@demo.test", onB.get("/api/me").json().getString("email"));
    // The CSRF token issued on A is accepted on B: signing out through B works and ends the session on A too.
    assertEquals(204, onB.delete("/api/session").status());
    assertEquals(401, onA.get("/api/me").status());
  }

  @Test
  void aSignOutOnOneNodeEndsTheSessionOnEveryNodeAtOnceThoughEachKeptACopy() {
    // Many times over: a sign-out that only announced itself would lose the race to the next request now and then.
    for (int round = 0; round < 8; round++) {
      TestClient onA = a.as("sfu@demo.test");
      TestClient onB = onOtherNode(onA, b);
      for (int i = 0; i < 3; i++) assertEquals(200, onB.get("/api/me").status()); // b keeps a copy now
      assertEquals(204, onA.delete("/api/session").status());
      // no waiting: a answered only after b confirmed it dropped its copy
      assertEquals(401, onB.get("/api/me").status(), "round " + round);
      assertEquals(401, onA.get("/api/me").status());
    }
  }

  @Test
  void aNodeServesASessionItKnowsWithoutTheDatabaseButNeverLongerThanConfigured() throws Exception {
    try (TestApp c = a.another(Map.of("session.cacheSeconds", 1))) {
      TestClient onC = onOtherNode(a.as("organizer@demo.test"), c);
      assertEquals(200, onC.get("/api/me").status());
      // The row goes behind the store's back (no node is told): the copy still answers, but only for a second.
      deleteRowOf(onC);
      assertEquals(200, onC.get("/api/me").status());
      Thread.sleep(1_200);
      assertEquals(401, onC.get("/api/me").status());
    }
    // With no copies, every request asks the database.
    try (TestApp d = a.another(Map.of("session.cacheSeconds", 0))) {
      TestClient onD = onOtherNode(a.as("kommune@demo.test"), d);
      assertEquals(200, onD.get("/api/me").status());
      deleteRowOf(onD);
      assertEquals(401, onD.get("/api/me").status());
    }
  }

  private static void deleteRowOf(TestClient client) throws Exception {
    try (var c = a.jdbc(); var st = c.prepareStatement("delete from http_session where strpos(?, id) = 1")) {
      st.setString(1, client.cookie(Sessions.COOKIE));
      assertEquals(1, st.executeUpdate());
    }
  }

  @Test
  void aSessionOutlivesTheNodeThatCreatedIt() {
    TestClient onA = a.as("seeker2@demo.test");
    try (TestApp c = a.another(Map.of())) {
      TestClient onC = onOtherNode(onA, c);
      assertEquals(200, onC.get("/api/me").status());
    }
    // A node started later (as after a restart) still knows the person.
    try (TestApp d = a.another(Map.of())) {
      assertEquals("seeker2@demo.test", onOtherNode(onA, d).get("/api/me").json().getString("email"));
    }
  }

  @Test
  void requestsThatOnlyReadTheSessionDoNotWriteIt() throws Exception {
    TestClient onA = a.as("employer@demo.test");
    assertEquals(200, onA.get("/api/me").status()); // the session row is written by now
    String id = onA.cookie(Sessions.COOKIE);
    assertNotNull(id);
    long before = a.count("select count(*) from http_session");
    String version = rowVersion();
    for (int i = 0; i < 5; i++) assertEquals(200, onA.get("/api/me").status());
    assertEquals(version, rowVersion(), "no request rewrote a session row");
    assertEquals(before, a.count("select count(*) from http_session"));
  }

  @Test
  void anExpiredSessionSignsNobodyInAndIsSweptAway() throws Exception {
    PgSessionStore store = a.app().services().web().sessions();
    var session = store.createSession(400);
    store.put(session).await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertNotNull(store.get(session.id()).await(10, java.util.concurrent.TimeUnit.SECONDS)); // and the node keeps a copy
    Thread.sleep(500);
    // ended on time, by the copy as by the row
    assertEquals(null, store.get(session.id()).await(10, java.util.concurrent.TimeUnit.SECONDS));
    store.sweep().await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(0, a.count("select count(*) from http_session where expires_at <= now()"));
  }

  @Test
  void aRequestStillRunningWhenThePersonSignsOutElsewhereCannotBringTheSessionBack() throws Exception {
    PgSessionStore store = a.app().services().web().sessions();
    var session = store.createSession(60_000);
    session.put("user", new io.vertx.core.json.JsonObject().put("id", 1));
    store.put(session).await(10, java.util.concurrent.TimeUnit.SECONDS);
    var loaded = store.get(session.id()).await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertNotNull(loaded);
    // Signed out on another node while this request runs; then this request stores what it changed.
    store.delete(session.id()).await(10, java.util.concurrent.TimeUnit.SECONDS);
    loaded.put("csrf", "late");
    store.put(loaded).await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(null, store.get(session.id()).await(10, java.util.concurrent.TimeUnit.SECONDS));
  }

  /** A cheap fingerprint of every session row's physical version: it changes when any row is written. */
  private static String rowVersion() {
    try (var c = a.jdbc(); var st = c.createStatement();
         var rs = st.executeQuery("select string_agg(id || ':' || xmin::text, ',' order by id) from http_session")) {
      rs.next();
      return rs.getString(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
