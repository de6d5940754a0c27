package at.jobfair.meeting;

import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in provider's signalling socket: authorised per room before the upgrade, a lobby the jobseeker cannot talk
 * out of, relaying only between those in the call, and joins and leaves as evidence (check-in, the board).
 */
class MeetingSignalTest {

  static TestApp app;
  static MeetingTestData data;
  static Vertx vertx;
  static WebSocketClient client;

  @BeforeAll
  static void start() {
    app = TestApp.start(java.util.Map.of("meeting.groupMaxParticipants", 3));
    data = new MeetingTestData(app);
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
  }

  static String cookieOf(TestClient c) {
    return "jobfair.session=" + c.cookie("jobfair.session");
  }

  static TestClient person(long accountId) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(data.email(accountId), Fixtures.PASSWORD).status());
    return c;
  }

  /** One participant's socket on the test's node. */
  static SignalPeer peer(TestClient who, String path) throws Exception {
    return new SignalPeer(client, app, who, path);
  }

  @Test
  void strangersCannotOpenTheSocketAndOtherSitesNeither() throws Exception {
    long booking = data.running(data.jobseeker("sock"), 3);
    TestClient stranger = person(data.jobseeker("sockstranger"));
    Exception e = assertThrows(Exception.class, () -> peer(stranger, "/meetings/" + booking + "/signal"));
    assertTrue(e.getMessage().contains("403"), e.getMessage());
    WebSocketConnectOptions foreign = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port())
        .setURI("/meetings/" + booking + "/signal").addHeader("Cookie", cookieOf(app.client().signedIn("employer@demo.test")))
        .addHeader("Origin", "https://evil.example");
    assertThrows(Exception.class, () -> client.connect(foreign).await(10, TimeUnit.SECONDS));
    long later = data.booking(data.hotelBooth(), data.jobseeker("sockearly"), Instant.now().plus(Duration.ofHours(2)), 20);
    Exception early = assertThrows(Exception.class, () -> peer(app.client().signedIn("employer@demo.test"), "/meetings/" + later + "/signal"));
    assertTrue(early.getMessage().contains("409"), early.getMessage());
    assertEquals(0, app.count("select count(*) from meeting_event where booking_id in (" + booking + ", " + later + ")"));
  }

  @Test
  void theJobseekerWaitsInTheLobbyUntilAdmittedThenBothSidesExchangeSignals() throws Exception {
    long js = data.jobseeker("lobby");
    long booking = data.running(js, 2);
    TestClient employer = app.client().signedIn("employer@demo.test");
    try (SignalPeer seeker = peer(person(js), "/meetings/" + booking + "/signal");
         SignalPeer host = peer(employer, "/meetings/" + booking + "/signal")) {
      JsonObject welcome = seeker.next("welcome");
      assertFalse(welcome.getBoolean("inCall"), "the jobseeker starts in the lobby");
      JsonObject hostWelcome = host.next("welcome");
      assertTrue(hostWelcome.getBoolean("inCall"));
      assertTrue(hostWelcome.getBoolean("moderator"));
      JsonObject lobby = host.next("lobby");
      while (lobby.getJsonArray("waiting").isEmpty()) lobby = host.next("lobby");
      assertEquals(1, lobby.getJsonArray("waiting").size());
      String seekerId = lobby.getJsonArray("waiting").getJsonObject(0).getString("id");
      assertTrue(lobby.getJsonArray("waiting").getJsonObject(0).getString("name").startsWith("Person lobby"));
      assertEquals(1, app.count("select count(*) from attendance where checked_in_at is not null and booking_id = " + booking),
          "entering the room checks the jobseeker in");

      // In the lobby nothing passes either way.
      seeker.signal(hostWelcome.getString("you"), new JsonObject().put("sdp", "from the lobby"));
      host.signal(seekerId, new JsonObject().put("sdp", "into the lobby"));
      assertNull(host.none("signal", 500));
      assertNull(seeker.none("signal", 100));

      assertEquals(200, employer.post("/api/bookings/" + booking + "/meeting/admit", "").status());
      seeker.next("admitted");
      JsonObject peers = seeker.next("peers");
      assertEquals(1, peers.getJsonArray("peers").size());
      JsonObject hostPeer = peers.getJsonArray("peers").getJsonObject(0);
      assertEquals("EMPLOYER", hostPeer.getString("role"));
      assertEquals("Eva Huber (Hotel Alpenblick GmbH)", hostPeer.getString("name"));
      assertEquals(seekerId, host.next("joined").getJsonObject("peer").getString("id"));

      seeker.signal(hostPeer.getString("id"), new JsonObject().put("description", new JsonObject().put("type", "offer").put("sdp", "v=0")));
      JsonObject relayed = host.next("signal");
      assertEquals(seekerId, relayed.getString("from"));
      assertEquals("offer", relayed.getJsonObject("data").getJsonObject("description").getString("type"));
      host.signal(seekerId, new JsonObject().put("candidate", new JsonObject().put("candidate", "c")));
      assertEquals("c", seeker.next("signal").getJsonObject("data").getJsonObject("candidate").getString("candidate"));
    }
    waitFor(() -> app.count("select count(*) from meeting_event where kind = 'LEAVE' and booking_id = " + booking) == 2);
    assertEquals(2, app.count("select count(*) from meeting_event where kind = 'JOIN' and provider = 'BUILTIN' and booking_id = " + booking));
    assertEquals(1, app.count("select count(*) from meeting_event where kind = 'ADMIT' and booking_id = " + booking));
    // The booth's schedule shows when the person was in the room, in Vienna time.
    long joinedEpoch = app.count("select extract(epoch from min(at))::bigint from meeting_event where kind = 'JOIN' and role = 'JOBSEEKER' and booking_id = " + booking);
    String vienna = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.of("Europe/Vienna"))
        .format(Instant.ofEpochSecond(joinedEpoch));
    long booth = app.count("select booth_id from booking where id = " + booking);
    String schedule = employer.get("/booths/" + booth + "/schedule").body();
    assertTrue(schedule.contains("Im Videogespräch ab"), "the join time is on the schedule");
    assertTrue(schedule.contains(">" + vienna + "</time> · verlassen um"), "in Vienna time: " + vienna);
  }

  @Test
  void twoEnteringTheCallAtOnceNeverBothOffer() throws Exception {
    for (int round = 0; round < 5; round++) {
      long booking = data.running(data.jobseeker("glare"), 2);
      TestClient employer = app.client().signedIn("employer@demo.test");
      assertEquals(200, employer.post("/api/bookings/" + booking + "/meeting/admit", "").status());
      TestClient seekerClient = person(app.count("select jobseeker_id from booking where id = " + booking));
      var both = java.util.concurrent.CompletableFuture.supplyAsync(() -> open(employer, booking));
      SignalPeer seeker = open(seekerClient, booking);
      SignalPeer host = both.get(10, TimeUnit.SECONDS);
      try {
        int offering = host.next("peers").getJsonArray("peers").size() + seeker.next("peers").getJsonArray("peers").size();
        assertEquals(1, offering, "exactly one side learns of the other and offers");
      } finally {
        host.close();
        seeker.close();
      }
    }
  }

  static SignalPeer open(TestClient who, long booking) {
    try {
      return peer(who, "/meetings/" + booking + "/signal");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aThirdPartySocketOfAnotherRoomHearsNothing() throws Exception {
    long a = data.running(data.jobseeker("rooma"), 2);
    long js = data.jobseeker("roomb");
    long b = data.running(js, 2);
    TestClient employer = app.client().signedIn("employer@demo.test");
    assertEquals(200, employer.post("/api/bookings/" + b + "/meeting/admit", "").status());
    try (SignalPeer hostA = peer(employer, "/meetings/" + a + "/signal");
         SignalPeer hostB = peer(employer, "/meetings/" + b + "/signal");
         SignalPeer seekerB = peer(person(js), "/meetings/" + b + "/signal")) {
      assertTrue(seekerB.next("welcome").getBoolean("inCall"), "admitted before: straight into the call");
      String bId = hostB.next("welcome").getString("you");
      hostA.next("welcome");
      hostA.signal(bId, new JsonObject().put("sdp", "cross-room"));
      assertNull(hostB.none("signal", 500), "another room's peer id reaches nobody");
      assertNull(hostA.none("joined", 100));
    }
  }

  @Test
  void automaticAdmissionAtTheStartLetsTheWaitingJobseekerIn() throws Exception {
    long js = data.jobseeker("auto");
    long booking = data.booking(data.hotelBooth(), js, Instant.now().plus(Duration.ofSeconds(3)), 20);
    TestClient employer = app.client().signedIn("employer@demo.test");
    assertEquals(200, employer.put("/api/bookings/" + booking + "/meeting/auto-admit", new JsonObject().put("autoAdmit", true)).status());
    try (SignalPeer seeker = peer(person(js), "/meetings/" + booking + "/signal")) {
      assertFalse(seeker.next("welcome").getBoolean("inCall"), "before the start: in the lobby");
      assertNotNull(seeker.next("admitted"), "at the start: admitted by itself");
    }
    assertEquals(1, app.count("select count(*) from meeting_event where kind = 'ADMIT' and detail = 'automatic' and booking_id = " + booking));
    assertEquals(1, app.count("select count(*) from meeting where admitted_at is not null and admitted_by is null and booking_id = " + booking));
  }

  @Test
  void theBoardShowsARunningAppointmentsRoomEmptyUntilTheBoothJoins() throws Exception {
    long booth = data.hotelBooth();
    long fair = app.count("select fair_id from booth where id = " + booth);
    long booking = data.booking(booth, data.jobseeker("board"), Instant.now().minus(Duration.ofMinutes(2)), 30);
    TestClient staff = app.client().signedIn("organizer@demo.test");
    JsonObject before = staff.get("/api/fairs/" + fair + "/board").json().getJsonArray("booths").getJsonObject(0);
    assertEquals(Boolean.TRUE, before.getValue("employerRoomUnattended"));
    assertEquals(Boolean.TRUE, before.getJsonArray("slots").getJsonObject(0).getValue("employerRoomUnattended"));
    assertTrue(staff.get("/staff/fairs/" + fair + "/board").body().contains("data-booth-unattended=\"" + booth + "\""));
    try (SignalPeer host = peer(app.client().signedIn("employer@demo.test"), "/meetings/" + booking + "/signal")) {
      host.next("welcome");
      waitFor(() -> app.count("select count(*) from meeting_event where kind = 'JOIN' and booking_id = " + booking) == 1);
    }
    JsonObject after = staff.get("/api/fairs/" + fair + "/board").json().getJsonArray("booths").getJsonObject(0);
    assertEquals(Boolean.FALSE, after.getValue("employerRoomUnattended"));
  }

  @Test
  void theOrientationPartIsAGroupSessionUpToTheConfiguredSize() throws Exception {
    long fair = data.fx.fair("Orientierungsbörse", true, 0);
    data.fx.exec("update fair set orientation_starts_at = now() - interval '1 minute', orientation_minutes = 30 where id = ?", fair);
    long hotelBooth = data.fx.booth(fair, data.hotel);
    long none = data.fx.fair("Ohne Orientierung", true, 0);
    TestClient organizer = app.client().signedIn("organizer@demo.test");
    JsonObject presenter = organizer.get("/api/fairs/" + fair + "/orientation").json();
    assertEquals("builtin", presenter.getString("provider"));
    assertTrue(presenter.getBoolean("moderator"));
    assertEquals(3, presenter.getInteger("maxParticipants"));
    assertEquals("/fairs/" + fair + "/orientation/signal", presenter.getString("signal"));
    assertTrue(presenter.getString("room").matches("jf-[a-z2-7]{32}"));
    TestClient seeker = app.client().signedIn("seeker@demo.test");
    assertFalse(seeker.get("/api/fairs/" + fair + "/orientation").json().getBoolean("moderator"));
    assertEquals(200, app.client().signedIn("employer@demo.test").get("/api/fairs/" + fair + "/orientation").status());
    assertEquals(403, app.client().signedIn("employer2@demo.test").get("/api/fairs/" + fair + "/orientation").status(),
        "an employer not at this fair");
    assertEquals(404, organizer.get("/api/fairs/" + none + "/orientation").status());
    assertEquals(401, app.client().get("/api/fairs/" + fair + "/orientation").status());
    assertTrue(seeker.get("/fairs/" + fair + "/orientation").body().contains("/static/js/meeting.js"));

    String path = "/fairs/" + fair + "/orientation/signal";
    TestClient seeker2 = app.client().signedIn("seeker2@demo.test");
    try (SignalPeer a = peer(organizer, path)) {
      assertTrue(a.next("welcome").getBoolean("inCall"));
      assertEquals(0, a.next("peers").getJsonArray("peers").size());
      SignalPeer b = peer(seeker, path);
      b.next("welcome");
      assertEquals(1, b.next("peers").getJsonArray("peers").size(), "the second offers to the first");
      SignalPeer c = peer(seeker2, path);
      c.next("welcome");
      JsonObject peers = c.next("peers");
      assertEquals(2, peers.getJsonArray("peers").size(), "the third to both");
      String aId = peers.getJsonArray("peers").getJsonObject(0).getString("role").equals("STAFF")
          ? peers.getJsonArray("peers").getJsonObject(0).getString("id") : peers.getJsonArray("peers").getJsonObject(1).getString("id");
      c.signal(aId, new JsonObject().put("description", new JsonObject().put("type", "offer")));
      assertEquals("offer", a.next("signal").getJsonObject("data").getJsonObject("description").getString("type"));
      // The fourth is one too many: told so over the socket (a browser cannot read a refused upgrade), never in the call.
      try (SignalPeer d = peer(app.client().signedIn("sfa@demo.test"), path)) {
        assertEquals(3, d.next("full").getInteger("max"));
        assertNull(d.none("welcome", 300), "the fourth does not enter");
        assertNull(a.none("joined", 300), "nobody learns of the fourth");
      }
      b.close();
      c.close();
    }
    waitFor(() -> app.count("select count(*) from meeting_event where kind = 'LEAVE' and group_fair_id = " + fair) == 3);
    assertEquals(3, app.count("select count(*) from meeting_event where kind = 'JOIN' and group_fair_id = " + fair));
    data.fx.exec("update fair set orientation_starts_at = now() + interval '2 hours' where id = ?", fair);
    TestClient.Response early = seeker.get("/api/fairs/" + fair + "/orientation");
    assertEquals(409, early.status());
    assertEquals("too_early", early.json().getString("error"));
    assertTrue(hotelBooth > 0);
  }

  @Test
  void aNodeStartingAloneClearsWhatAnEarlierRunLeftInTheRooms() throws Exception {
    long fair = data.fx.fair("Orientierung nach dem Neustart", true, 0);
    data.fx.exec("update fair set orientation_starts_at = now() - interval '1 minute', orientation_minutes = 30 where id = ?", fair);
    // A run that died a moment ago (its heartbeat still fresh) left the session full with its three sockets' rows.
    data.fx.exec("insert into meeting_node (node_id) values ('earlier-run')");
    for (int i = 0; i < 3; i++) {
      data.fx.exec("insert into meeting_peer (peer_id, room, node_id, account_id, name, role, moderator, in_call, entered, group_fair_id)"
          + " values (?, ?, 'earlier-run', ?, 'Frühere', 'JOBSEEKER', false, true, true, ?)",
          "00000000000000000" + i, "group:" + fair, data.jobseeker("stale"), fair);
    }
    try (TestApp restarted = app.another(java.util.Map.of("meeting.groupMaxParticipants", 3))) {
      assertEquals(0, app.count("select count(*) from meeting_peer where node_id = 'earlier-run'"));
      assertEquals(0, app.count("select count(*) from meeting_node where node_id = 'earlier-run'"));
      assertEquals(3, app.count("select count(*) from meeting_event where kind = 'LEAVE' and group_fair_id = " + fair),
          "each left peer's leave is recorded");
      TestClient seeker = restarted.client().signedIn("seeker@demo.test");
      try (SignalPeer p = new SignalPeer(client, restarted, seeker, "/fairs/" + fair + "/orientation/signal")) {
        assertTrue(p.next("welcome").getBoolean("inCall"), "the room is not full of the earlier run's ghosts");
      }
    }
    // The second node alone on this database took this test's node for an earlier run too: its next heartbeat
    // brings it back (and closes whatever sockets it had), before the other tests go on.
    waitFor(() -> app.count("select count(*) from meeting_node where node_id = '" + app.app().cluster().nodeId() + "'") == 1);
  }
}
