package at.jobfair.meeting;

import at.jobfair.support.Fixtures;
import at.jobfair.support.Ports;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Built-in meetings with the participants' sockets on different nodes of one cluster (two application nodes in this JVM
 * on one database, their event buses joined): signalling, the lobby and admission cross nodes, "full" holds across them,
 * a reconnect replaces the old socket, and a node that dies or stops gives up its people's places.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeetingClusterTest {

  static TestApp a;
  static TestApp b;
  static MeetingTestData data;
  static Vertx vertx;
  static WebSocketClient client;
  static String cluster;
  static int[] ports;

  /** Fast heartbeats, so that a dead node is noticed within seconds. */
  static Map<String, Object> node(int i, int[] members) {
    Map<String, Object> s = new HashMap<>(TestApp.clusterMember(i, members, cluster));
    s.put("meeting.groupMaxParticipants", 3);
    s.put("meeting.heartbeatSeconds", 1);
    s.put("meeting.nodeTimeoutSeconds", 3);
    return s;
  }

  @BeforeAll
  static void start() throws Exception {
    cluster = "meeting-" + UUID.randomUUID();
    ports = new int[] {Ports.free(), Ports.free()};
    a = TestApp.start(node(0, ports));
    b = a.another(node(1, ports));
    assertEquals(2, a.app().cluster().members());
    data = new MeetingTestData(a);
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    vertx.close();
    if (b != null) b.close();
    if (a != null) a.close();
  }

  /** The person signed in through that node. */
  static TestClient on(TestApp node, long accountId) {
    TestClient c = node.client();
    assertEquals(200, c.signIn(data.email(accountId), Fixtures.PASSWORD).status());
    return c;
  }

  static TestClient employerOn(TestApp node) {
    return node.client().signedIn("employer@demo.test");
  }

  static String signal(long booking) {
    return "/meetings/" + booking + "/signal";
  }

  @Test
  @Order(1)
  void anAdmissionOnOneNodeLetsTheLobbyOnTheOtherInAndSignalsCrossBetweenThem() throws Exception {
    long js = data.jobseeker("xlobby");
    long booking = data.running(js, 2);
    TestClient employer = employerOn(a);
    try (SignalPeer seeker = new SignalPeer(client, b, on(b, js), signal(booking));
         SignalPeer host = new SignalPeer(client, a, employer, signal(booking))) {
      assertFalse(seeker.next("welcome").getBoolean("inCall"));
      String hostId = host.next("welcome").getString("you");
      JsonObject lobby = host.next("lobby");
      while (lobby.getJsonArray("waiting").isEmpty()) lobby = host.next("lobby");
      String seekerId = lobby.getJsonArray("waiting").getJsonObject(0).getString("id");

      // Still nothing passes the lobby, whichever node each side is on.
      seeker.signal(hostId, new JsonObject().put("sdp", "from the lobby"));
      host.signal(seekerId, new JsonObject().put("sdp", "into the lobby"));
      assertNull(host.none("signal", 500));
      assertNull(seeker.none("signal", 100));

      assertEquals(200, employer.post("/api/bookings/" + booking + "/meeting/admit", "").status());
      seeker.next("admitted");
      JsonObject peers = seeker.next("peers");
      assertEquals(1, peers.getJsonArray("peers").size());
      assertEquals(hostId, peers.getJsonArray("peers").getJsonObject(0).getString("id"));
      // "joined" and the lobby's update come from two nodes and may arrive in either order.
      boolean joined = false;
      JsonObject after = null;
      while (!joined || after == null || after.getJsonArray("inCall").size() < 2) {
        JsonObject m = host.nextOf("joined", "lobby");
        if (m.getString("type").equals("joined")) {
          assertEquals(seekerId, m.getJsonObject("peer").getString("id"));
          joined = true;
        } else {
          after = m;
        }
      }
      assertTrue(after.getJsonArray("waiting").isEmpty(), "the lobby on node A shows the jobseeker from node B in the call");

      seeker.signal(hostId, new JsonObject().put("description", new JsonObject().put("type", "offer").put("sdp", "v=0")));
      JsonObject offer = host.next("signal");
      assertEquals(seekerId, offer.getString("from"));
      assertEquals("offer", offer.getJsonObject("data").getJsonObject("description").getString("type"));
      host.signal(seekerId, new JsonObject().put("candidate", new JsonObject().put("candidate", "c")));
      assertEquals("c", seeker.next("signal").getJsonObject("data").getJsonObject("candidate").getString("candidate"));
    }
    waitFor(() -> a.count("select count(*) from meeting_event where kind = 'LEAVE' and booking_id = " + booking) == 2);
    assertEquals(1, a.count("select count(*) from meeting_event where kind = 'ADMIT' and booking_id = " + booking));
    assertEquals(0, a.count("select count(*) from meeting_peer where booking_id = " + booking));
  }

  @Test
  @Order(2)
  void aGroupSessionHoldsNoMoreThanItsSizeWhenPeopleComeAtOnceThroughBothNodes() throws Exception {
    for (int round = 0; round < 2; round++) {
      long fair = data.fx.fair("Orientierung im Cluster " + round, true, 0);
      data.fx.exec("update fair set orientation_starts_at = now() - interval '1 minute', orientation_minutes = 30 where id = ?", fair);
      String path = "/fairs/" + fair + "/orientation/signal";
      List<CompletableFuture<SignalPeer>> opening = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        TestApp node = i % 2 == 0 ? a : b;
        TestClient who = on(node, data.jobseeker("xfull"));
        opening.add(CompletableFuture.supplyAsync(() -> {
          try {
            return new SignalPeer(client, node, who, path);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      List<SignalPeer> peers = new ArrayList<>();
      for (CompletableFuture<SignalPeer> f : opening) peers.add(f.get(20, TimeUnit.SECONDS));
      int in = 0;
      int full = 0;
      for (SignalPeer p : peers) {
        JsonObject first = p.received.poll(10, TimeUnit.SECONDS);
        if ("welcome".equals(first.getString("type"))) in++;
        else if ("full".equals(first.getString("type"))) full++;
        else throw new AssertionError("unexpected first message " + first);
      }
      assertEquals(3, in, "three places");
      assertEquals(3, full, "the others are told the room is full");
      for (SignalPeer p : peers) {
        if (p.closed.isDone()) assertEquals(MeetingRelay.FULL, p.closed.get().shortValue());
      }
      assertEquals(3, a.count("select count(*) from meeting_peer where group_fair_id = " + fair));
      for (SignalPeer p : peers) p.close();
      waitFor(() -> a.count("select count(*) from meeting_peer where group_fair_id = " + fair) == 0);
    }
  }

  @Test
  @Order(3)
  void aSecondSocketOfTheSamePersonOnAnotherNodeReplacesTheFirst() throws Exception {
    long js = data.jobseeker("xagain");
    long booking = data.running(js, 2);
    TestClient employer = employerOn(a);
    assertEquals(200, employer.post("/api/bookings/" + booking + "/meeting/admit", "").status());
    try (SignalPeer host = new SignalPeer(client, a, employer, signal(booking));
         SignalPeer first = new SignalPeer(client, b, on(b, js), signal(booking))) {
      host.next("welcome");
      String firstId = first.next("welcome").getString("you");
      first.next("peers");
      assertEquals(firstId, host.next("joined").getJsonObject("peer").getString("id"));
      try (SignalPeer again = new SignalPeer(client, a, on(a, js), signal(booking))) {
        JsonObject welcome = again.next("welcome");
        assertTrue(welcome.getBoolean("inCall"), "admitted before: straight into the call");
        assertEquals(1, again.next("peers").getJsonArray("peers").size(), "the new socket offers to the host");
        assertEquals(firstId, host.next("left").getString("peer"), "the host hears the old socket go");
        assertEquals(welcome.getString("you"), host.next("joined").getJsonObject("peer").getString("id"));
        first.next("replaced");
        assertEquals(MeetingRelay.REPLACED, first.closed.get(10, TimeUnit.SECONDS).shortValue());
        assertEquals(1, a.count("select count(*) from meeting_peer where account_id = " + js + " and booking_id = " + booking));
      }
    }
    waitFor(() -> a.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'JOBSEEKER' and booking_id = " + booking) == 2);
    assertEquals(2, a.count("select count(*) from meeting_event where kind = 'JOIN' and role = 'JOBSEEKER' and booking_id = " + booking));
  }

  @Test
  @Order(4)
  void thePeopleOfANodeThatDiesLeaveTheirRoomsAndComeBackThroughAnother() throws Exception {
    int[] three = {ports[0], ports[1], Ports.free()};
    TestApp c = a.another(node(2, three));
    String cNode = c.app().cluster().nodeId();
    long js = data.jobseeker("xdead");
    long booking = data.running(js, 2);
    TestClient employer = employerOn(a);
    assertEquals(200, employer.post("/api/bookings/" + booking + "/meeting/admit", "").status());
    try (SignalPeer host = new SignalPeer(client, a, employer, signal(booking))) {
      host.next("welcome");
      String lostId;
      try (SignalPeer lost = new SignalPeer(client, c, on(c, js), signal(booking))) {
        lostId = lost.next("welcome").getString("you");
        assertEquals(lostId, host.next("joined").getJsonObject("peer").getString("id"));
        // Dies as a crash would leave it: its database gone first, so it removes nothing and its heartbeat stops.
        c.app().pool().close().await(10, TimeUnit.SECONDS);
        c.app().vertx().close().await(20, TimeUnit.SECONDS);
        lost.closed.get(10, TimeUnit.SECONDS);
      } finally {
        c.close();
      }
      assertEquals(1, a.count("select count(*) from meeting_peer where node_id = '" + cNode + "'"), "the crash left its row");
      long died = System.nanoTime();
      assertEquals(lostId, host.next("left").getString("peer"), "a sweeper removes the dead node's peer");
      long tookMillis = (System.nanoTime() - died) / 1_000_000;
      assertTrue(tookMillis < 8_000, "within the node timeout and a beat: " + tookMillis + " ms");
      assertEquals(0, a.count("select count(*) from meeting_node where node_id = '" + cNode + "'"));
      assertEquals(1, a.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'JOBSEEKER' and booking_id = " + booking),
          "its leave recorded once, whichever node swept");

      try (SignalPeer back = new SignalPeer(client, b, on(b, js), signal(booking))) {
        JsonObject welcome = back.next("welcome");
        assertTrue(welcome.getBoolean("inCall"));
        assertEquals(1, back.next("peers").getJsonArray("peers").size(), "the person offers to the host again");
        assertEquals(welcome.getString("you"), host.next("joined").getJsonObject("peer").getString("id"));
      }
    }
  }

  @Test
  @Order(5)
  void aNodeTakenForDeadClosesItsSocketsSoThatTheirPeopleTakeTheirPlacesAgain() throws Exception {
    long js = data.jobseeker("xpaused");
    long booking = data.running(js, 2);
    TestClient employer = employerOn(a);
    assertEquals(200, employer.post("/api/bookings/" + booking + "/meeting/admit", "").status());
    try (SignalPeer host = new SignalPeer(client, a, employer, signal(booking));
         SignalPeer seeker = new SignalPeer(client, b, on(b, js), signal(booking))) {
      host.next("welcome");
      String seekerId = seeker.next("welcome").getString("you");
      host.next("joined");
      // As if node B had paused beyond the timeout: node A's sweep removes B with its peer (and records the leave).
      List<PeerStore.Gone> swept = new PeerStore(a.app().pool()).sweep(a.app().cluster().nodeId(), 3, true).await(10, TimeUnit.SECONDS);
      assertEquals(List.of(seekerId), swept.stream().map(PeerStore.Gone::peerId).toList());
      // B's next heartbeat finds its row gone: its sockets are told to reconnect.
      assertEquals(MeetingRelay.RESTART, seeker.closed.get(10, TimeUnit.SECONDS).shortValue());
      waitFor(() -> a.count("select count(*) from meeting_node where node_id = '" + b.app().cluster().nodeId() + "'") == 1);
      try (SignalPeer back = new SignalPeer(client, b, on(b, js), signal(booking))) {
        assertTrue(back.next("welcome").getBoolean("inCall"));
        assertEquals(1, back.next("peers").getJsonArray("peers").size());
      }
    }
  }

  @Test
  @Order(6)
  void aDrainingNodeClosesItsSocketsForAReconnectAndGivesUpTheirPlaces() throws Exception {
    long js = data.jobseeker("xdrain");
    long booking = data.running(js, 2);
    TestClient employer = employerOn(a);
    assertEquals(200, employer.post("/api/bookings/" + booking + "/meeting/admit", "").status());
    String bNode = b.app().cluster().nodeId();
    try (SignalPeer host = new SignalPeer(client, a, employer, signal(booking));
         SignalPeer seeker = new SignalPeer(client, b, on(b, js), signal(booking))) {
      host.next("welcome");
      String seekerId = seeker.next("welcome").getString("you");
      host.next("joined");
      MeetingRelay relayB = b.app().services().fair().meetings().relay();
      assertEquals(1, relayB.peersHere());
      assertEquals(1, relayB.roomsHere());
      relayB.drain().await(10, TimeUnit.SECONDS);
      assertEquals(0, relayB.peersHere());
      assertEquals(MeetingRelay.RESTART, seeker.closed.get(10, TimeUnit.SECONDS).shortValue(), "told to reconnect: service restart");
      assertEquals(seekerId, host.next("left").getString("peer"));
      assertEquals(0, a.count("select count(*) from meeting_peer where node_id = '" + bNode + "'"));
      assertEquals(0, a.count("select count(*) from meeting_node where node_id = '" + bNode + "'"));
      assertEquals(1, a.count("select count(*) from meeting_event where kind = 'LEAVE' and role = 'JOBSEEKER' and booking_id = " + booking));
      Exception refused = assertThrows(Exception.class, () -> new SignalPeer(client, b, on(b, js), signal(booking)));
      assertTrue(refused.getMessage().contains("503"), refused.getMessage());
    }
  }
}
