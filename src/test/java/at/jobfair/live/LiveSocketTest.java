package at.jobfair.live;

import at.jobfair.support.Fixtures;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSocketTest {

  static TestApp app;
  static Fixtures fx;
  static Vertx vertx;
  static io.vertx.core.http.WebSocketClient wsClient;
  static long booth;
  static long fair;
  static List<Long> slots;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    vertx = Vertx.vertx();
    wsClient = vertx.createWebSocketClient();
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Live", true, 0);
    booth = fx.booth(fair, hotel);
    slots = fx.slots(booth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 5, Duration.ofMinutes(30), 1);
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
  }

  /** A live connection as a page opens it, optionally with a signed-in person's cookie. */
  final class Socket implements AutoCloseable {
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final WebSocket ws;

    Socket(String cookie, String origin) throws Exception {
      WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live");
      if (cookie != null) o.addHeader("Cookie", cookie);
      if (origin != null) o.addHeader("Origin", origin);
      ws = wsClient.connect(o).await(10, TimeUnit.SECONDS);
      ws.textMessageHandler(t -> received.add(new JsonObject(t)));
    }

    JsonObject subscribe(String... topics) throws InterruptedException {
      ws.writeTextMessage(new JsonObject().put("subscribe", new JsonArray(List.of((Object[]) topics))).encode());
      JsonObject answer = next(5);
      assertEquals("subscribed", answer.getString("type"));
      return answer;
    }

    JsonObject next(int seconds) throws InterruptedException {
      return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      ws.close();
    }
  }

  @Test
  void anyoneWatchingABoothSeesSeatsComeAndGoAndNeverAName() throws Exception {
    try (Socket watcher = new Socket(null, null)) {
      assertEquals(new JsonArray().add("booth:" + booth), watcher.subscribe("booth:" + booth).getJsonArray("topics"));
      RawSession person = RawSession.signIn(app.baseUrl(), fx.jobseekers("live-a", 1).get(0), Fixtures.PASSWORD);
      long id = person.post("/api/slots/" + slots.get(0) + "/bookings", "").json().getLong("id");
      JsonObject taken = watcher.next(5);
      assertNotNull(taken, "a booking reaches the watcher");
      assertEquals("slot", taken.getString("type"));
      assertEquals(slots.get(0), taken.getLong("slot"));
      assertEquals(0, taken.getInteger("free"));
      assertEquals("booth:" + booth, taken.getString("topic"));
      assertTrue(!taken.containsKey("jobseeker") && !taken.encode().contains("live-a"), "no person in public messages: " + taken);

      var c = app.client();
      c.signIn("live-a-0@example.org", Fixtures.PASSWORD);
      assertEquals(200, c.delete("/api/bookings/" + id).status());
      JsonObject freed = watcher.next(5);
      assertEquals(1, freed.getInteger("free"));
    }
  }

  @Test
  void theBoardsTopicTellsStaffThatABookingChangedButNotWhose() throws Exception {
    // every member of staff may watch the board (as its route); who a booking is for is only theirs who relate to the
    // person, and the page fetches that from the route, so the message carries no person
    RawSession sfu = RawSession.signIn(app.baseUrl(), "sfu@demo.test", at.jobfair.demo.DemoData.PASSWORD);
    try (Socket staff = new Socket(sfu.cookieHeader(), null)) {
      assertEquals(new JsonArray().add("fair-staff:" + fair), staff.subscribe("fair-staff:" + fair).getJsonArray("topics"));
      RawSession person = RawSession.signIn(app.baseUrl(), fx.jobseekers("live-board", 1).get(0), Fixtures.PASSWORD);
      long id = person.post("/api/slots/" + slots.get(3) + "/bookings", "").json().getLong("id");
      JsonObject booking = null;
      for (int i = 0; i < 5 && booking == null; i++) {
        JsonObject m = staff.next(5);
        assertNotNull(m, "the board hears the booking");
        assertTrue(!m.containsKey("jobseeker"), "no person on the board's topic: " + m);
        if ("booking".equals(m.getString("type"))) booking = m;
      }
      assertNotNull(booking);
      assertEquals(id, booking.getLong("booking"), booking.encode());
    }
  }

  @Test
  void aRefusedBookingIsNeverAnnounced() throws Exception {
    try (Socket watcher = new Socket(null, null)) {
      watcher.subscribe("booth:" + booth);
      RawSession first = RawSession.signIn(app.baseUrl(), fx.jobseekers("live-b", 1).get(0), Fixtures.PASSWORD);
      RawSession second = RawSession.signIn(app.baseUrl(), fx.jobseekers("live-c", 1).get(0), Fixtures.PASSWORD);
      assertEquals(201, first.post("/api/slots/" + slots.get(1) + "/bookings", "").status());
      assertEquals(0, watcher.next(5).getInteger("free"));
      assertEquals(409, second.post("/api/slots/" + slots.get(1) + "/bookings", "").status());
      assertNull(watcher.next(1), "the rolled-back attempt sent nothing");
    }
  }

  @Test
  void bookingsReachOnlyThePersonAndTheBoothsStaff() throws Exception {
    RawSession person = RawSession.signIn(app.baseUrl(), fx.jobseekers("live-d", 1).get(0), Fixtures.PASSWORD);
    long personId = fx.accountId("live-d-0@example.org");
    RawSession employer = RawSession.signIn(app.baseUrl(), "employer@demo.test", "demo");
    RawSession otherEmployer = RawSession.signIn(app.baseUrl(), "employer2@demo.test", "demo");
    RawSession provider = RawSession.signIn(app.baseUrl(), "provider@demo.test", "demo");
    try (Socket trainer = new Socket(provider.cookieHeader(), null)) {
      assertEquals(0, trainer.subscribe("booth-staff:" + booth).getJsonArray("topics").size(), "a training provider, as on REST");
    }
    try (Socket anonymous = new Socket(null, null);
         Socket staff = new Socket(employer.cookieHeader(), null);
         Socket stranger = new Socket(otherEmployer.cookieHeader(), null);
         Socket self = new Socket(person.cookieHeader(), null)) {
      JsonObject a = anonymous.subscribe("booth-staff:" + booth, "user:" + personId, "fair-staff:1", "nonsense", "booth:x");
      assertEquals(0, a.getJsonArray("topics").size());
      assertEquals(5, a.getJsonArray("refused").size());
      assertEquals(new JsonArray().add("booth-staff:" + booth), staff.subscribe("booth-staff:" + booth).getJsonArray("topics"));
      assertEquals(0, stranger.subscribe("booth-staff:" + booth).getJsonArray("topics").size(), "another company's booth");
      JsonObject mine = self.subscribe("user:" + personId, "user:" + (personId + 1));
      assertEquals(new JsonArray().add("user:" + personId), mine.getJsonArray("topics"));

      long id = person.post("/api/slots/" + slots.get(2) + "/bookings", "").json().getLong("id");
      JsonObject toStaff = firstOfType(staff, "booking");
      assertEquals(id, toStaff.getLong("booking"));
      assertEquals("ACTIVE", toStaff.getString("status"));
      JsonObject toSelf = firstOfType(self, "booking");
      assertEquals(id, toSelf.getLong("booking"));
      assertNull(anonymous.next(1));
      assertNull(stranger.next(1));
    }
  }

  @Test
  void aPageOfAnotherSiteCannotOpenTheSocket() {
    assertThrows(Exception.class, () -> new Socket(null, "https://evil.example"));
  }

  private static JsonObject firstOfType(Socket s, String type) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      JsonObject m = s.next(5);
      assertNotNull(m, "expected a " + type + " message");
      if (type.equals(m.getString("type"))) return m;
    }
    throw new AssertionError("no " + type + " message");
  }

  @Test
  void aStationsQueueIsWatchedOnlyByItsStaffAndHearsEveryHandOffAsIds() throws Exception {
    long fair = app.count("select id from fair where format = 'SUPRA_REGIONAL'");
    long offer = app.count("select id from cascade_station where fair_id = " + fair + " and station = 'OFFER'");
    long check = app.count("select id from cascade_station where fair_id = " + fair + " and station = 'SANCTION_CHECK'");
    long anna = fx.accountId("anna@demo.test");
    RawSession sfu = RawSession.signIn(app.baseUrl(), "sfu@demo.test", "demo");
    RawSession sfa = RawSession.signIn(app.baseUrl(), "sfa@demo.test", "demo");
    RawSession employer = RawSession.signIn(app.baseUrl(), "employer@demo.test", "demo");
    RawSession seeker = RawSession.signIn(app.baseUrl(), "anna@demo.test", "demo");
    try (Socket anonymous = new Socket(null, null); Socket offerStaff = new Socket(sfu.cookieHeader(), null);
         Socket checker = new Socket(sfa.cookieHeader(), null); Socket company = new Socket(employer.cookieHeader(), null);
         Socket person = new Socket(seeker.cookieHeader(), null)) {
      assertEquals(0, anonymous.subscribe("station:" + offer).getJsonArray("topics").size());
      assertEquals(0, company.subscribe("station:" + offer, "station:" + check).getJsonArray("topics").size(), "employers never");
      assertEquals(0, person.subscribe("station:" + offer).getJsonArray("topics").size(), "jobseekers never");
      assertEquals(new JsonArray().add("station:" + check), checker.subscribe("station:" + offer, "station:" + check).getJsonArray("topics"),
          "the SfA checks on site, but does not staff the offer");
      assertEquals(new JsonArray().add("station:" + offer), offerStaff.subscribe("station:" + offer, "station:" + check).getJsonArray("topics"));
      person.subscribe("user:" + anna);

      var c = app.client().signedIn("sfu@demo.test");
      var admitted = c.post("/api/fairs/" + fair + "/cascades", new JsonObject().put("jobseekerId", anna));
      assertEquals(201, admitted.status(), admitted.body());
      JsonObject heard = firstOfType(offerStaff, "cascade");
      assertEquals("station:" + offer, heard.getString("topic"));
      assertEquals(admitted.json().getLong("id"), heard.getLong("cascade"));
      assertTrue(!heard.encode().contains("Anna") && !heard.encode().contains("anna"), "ids only: " + heard);
      assertEquals("user:" + anna, firstOfType(person, "cascade").getString("topic"));
      assertNull(checker.next(1), "nothing for the check until the person is handed off there");
    }
  }
}
