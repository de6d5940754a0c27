package at.jobfair.queue;

import at.jobfair.support.Fixtures;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walk-up queue through its API, with many clients at once where two people could collide: staff pressing "next"
 * together, the last place, one place per person and fair. PostgreSQL, not Java, keeps each of them right.
 */
class QueueApiTest {

  static TestApp app;
  static QueueTestData data;
  static Vertx vertx;
  static WebSocketClient ws;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("db.poolSize", 20));
    data = new QueueTestData(app);
    vertx = Vertx.vertx();
    ws = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
  }

  static <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(100, tasks.size()));
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> t : tasks) futures.add(pool.submit(() -> {
        go.await();
        return t.call();
      }));
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) out.add(f.get(120, TimeUnit.SECONDS));
      return out;
    } finally {
      pool.shutdown();
    }
  }

  static List<RawSession> signIn(List<String> emails) throws Exception {
    return atOnce(emails.stream().map(e -> (Callable<RawSession>) () -> RawSession.signIn(app.baseUrl(), e, Fixtures.PASSWORD)).toList());
  }

  @Test
  void eightStaffPressingNextTogetherTakeEveryWaitingPersonExactlyOnce() throws Exception {
    long booth = data.hotelBooth(data.fair());
    data.open(booth, null);
    List<RawSession> people = signIn(data.jobseekers("next", 40));
    for (RawSession p : people) assertEquals(201, p.post("/api/booths/" + booth + "/queue", "").status());
    List<RawSession> staff = signIn(data.hotelStaff("rep", 8));

    List<Callable<TestClient.Response>> presses = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      RawSession s = staff.get(i % staff.size());
      presses.add(() -> s.post("/api/booths/" + booth + "/queue/next", ""));
    }
    List<TestClient.Response> answers = atOnce(presses);
    Set<Long> places = new HashSet<>();
    Set<Long> bookings = new HashSet<>();
    int nobody = 0;
    for (TestClient.Response r : answers) {
      if (r.status() == 201) {
        assertTrue(places.add(r.json().getLong("placeId")), "a person taken twice: " + r.body());
        assertTrue(bookings.add(r.json().getLong("bookingId")), r.body());
        assertEquals("/meetings/" + r.json().getLong("bookingId"), r.json().getString("room"));
      } else {
        assertEquals(409, r.status(), r.body());
        assertEquals("queue_nobody_waiting", r.json().getString("error"));
        nobody++;
      }
    }
    assertEquals(40, places.size(), "every waiting person taken");
    assertEquals(8, nobody, "the presses beyond the queue found nobody");
    assertEquals(40, app.count("select count(*) from queue_place where booth_id = " + booth + " and status = 'CALLED'"));
    assertEquals(40, app.count("select count(distinct account_id) from queue_place where booth_id = " + booth + " and status = 'CALLED'"));
    assertEquals(40, app.count("select count(*) from booking where booth_id = " + booth + " and source = 'WALK_UP' and status = 'ACTIVE'"));
    assertEquals(40, app.count("select count(*) from meeting m join booking k on k.id = m.booking_id where k.booth_id = " + booth
        + " and m.admitted_at is not null and m.admitted_by is not null"), "each let in by the one who called");
    assertEquals(40, app.count("select count(*) from meeting_event e join booking k on k.id = e.booking_id where k.booth_id = " + booth
        + " and e.kind = 'ADMIT' and e.detail = 'walk-up queue'"));
    assertEquals(0, app.count("select count(*) from slot s where s.booth_id = " + booth
        + " and s.booked <> (select count(*) from booking b where b.slot_id = s.id and b.status = 'ACTIVE')"), "seat counts hold");
  }

  @Test
  void sixtyPeopleRaceForTheLastFivePlacesAndFiveGetOne() throws Exception {
    long booth = data.hotelBooth(data.fair());
    data.open(booth, 5);
    List<RawSession> people = signIn(data.jobseekers("last", 60));
    List<TestClient.Response> answers = atOnce(people.stream().map(p -> (Callable<TestClient.Response>) () ->
        p.post("/api/booths/" + booth + "/queue", "")).toList());
    int placed = 0;
    for (TestClient.Response r : answers) {
      if (r.status() == 201) placed++;
      else {
        assertEquals(409, r.status(), r.body());
        assertEquals("queue_full", r.json().getString("error"), r.body());
      }
    }
    assertEquals(5, placed);
    assertEquals(5, app.count("select count(*) from queue_place where booth_id = " + booth));
    assertEquals(5, app.count("select count(distinct ticket) from queue_place where booth_id = " + booth + " and status = 'WAITING'"));
  }

  @Test
  void aPersonHoldsOnePlaceAtATimeAcrossTheWholeFairHoweverManyBoothsTheyTryAtOnce() throws Exception {
    long fair = data.fair();
    List<Long> booths = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long b = data.otherBooth(fair);
      data.fx.exec("insert into booth_queue (booth_id, open) values (?, true)", b);
      booths.add(b);
    }
    RawSession person = signIn(data.jobseekers("greedy", 1)).get(0);
    List<TestClient.Response> answers = atOnce(booths.stream().map(b -> (Callable<TestClient.Response>) () ->
        person.post("/api/booths/" + b + "/queue", "")).toList());
    long ok = answers.stream().filter(r -> r.status() == 201).count();
    assertEquals(1, ok, answers.toString());
    for (TestClient.Response r : answers) {
      if (r.status() != 201) assertEquals("queue_already_waiting", r.json().getString("error"), r.body());
    }
    assertEquals(1, app.count("select count(*) from queue_place where fair_id = " + fair + " and status = 'WAITING'"));
    // Another fair is another place.
    long other = data.otherBooth(data.fair());
    data.fx.exec("insert into booth_queue (booth_id, open) values (?, true)", other);
    assertEquals(201, person.post("/api/booths/" + other + "/queue", "").status());
  }

  /** A live connection as a page opens it. */
  static final class Socket implements AutoCloseable {
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final WebSocket socket;

    Socket(String cookie, String... topics) throws Exception {
      WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live");
      if (cookie != null) o.addHeader("Cookie", cookie);
      socket = ws.connect(o).await(10, TimeUnit.SECONDS);
      socket.textMessageHandler(t -> received.add(new JsonObject(t)));
      socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray(List.of((Object[]) topics))).encode());
      JsonObject answer = received.poll(5, TimeUnit.SECONDS);
      assertNotNull(answer);
      assertEquals(topics.length, answer.getJsonArray("topics").size(), answer.encode());
    }

    /** The next message of this type, skipping others. */
    JsonObject next(String type) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < until) {
        JsonObject m = received.poll(200, TimeUnit.MILLISECONDS);
        if (m != null && type.equals(m.getString("type"))) return m;
      }
      return null;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  @Test
  void positionsAndTheEstimateFollowLiveAndTheCalledPersonHearsWhichRoomToEnter() throws Exception {
    long booth = data.hotelBooth(data.fair());
    data.open(booth, null);
    List<String> emails = data.jobseekers("live", 3);
    List<RawSession> people = signIn(emails);
    for (RawSession p : people) assertEquals(201, p.post("/api/booths/" + booth + "/queue", "").status());
    JsonObject third = people.get(2).get("/api/me/queue").json().getJsonObject("place");
    assertEquals(3, third.getInteger("position"));
    assertEquals(3 * 8 * 60, third.getInteger("estimateSeconds"), "three people at the default pace");
    int ticket = third.getInteger("ticket");

    try (Socket watcher = new Socket(null, "queue:" + booth);
         Socket first = new Socket(people.get(0).cookieHeader(), "user:" + data.fx.accountId(emails.get(0)))) {
      TestClient.Response next = app.as("employer@demo.test").post("/api/booths/" + booth + "/queue/next", new JsonObject());
      assertEquals(201, next.status(), next.body());
      long booking = next.json().getLong("bookingId");

      JsonObject called = first.next("queue-place");
      assertNotNull(called, "the called person hears it");
      assertEquals("CALLED", called.getString("status"));
      assertEquals(booking, called.getLong("booking"));

      JsonObject update = watcher.next("queue");
      assertNotNull(update, "the queue's watchers hear the change");
      assertEquals(2, update.getJsonArray("tickets").size(), update.encode());
      assertEquals(2, update.getJsonArray("tickets").getList().indexOf(ticket) + 1, "the third is second now");
      assertFalse(update.encode().contains("Person"), "no names in the public topic: " + update.encode());

      // The person and the booth land in the same room, the person let in already.
      JsonObject room = people.get(0).get("/api/bookings/" + booking + "/meeting").json();
      JsonObject staffRoom = app.as("employer@demo.test").get("/api/bookings/" + booking + "/meeting").json();
      assertEquals(staffRoom.getString("room"), room.getString("room"));
      assertEquals(true, room.getBoolean("admitted"));

      TestClient leaver = app.client();
      leaver.signIn(emails.get(1), Fixtures.PASSWORD);
      assertEquals(204, leaver.delete("/api/me/queue").status());
      JsonObject afterLeave = watcher.next("queue");
      assertEquals(new JsonArray().add(ticket), afterLeave.getJsonArray("tickets"));
      assertEquals(1, people.get(2).get("/api/me/queue").json().getJsonObject("place").getInteger("position"));
      assertEquals("LEFT", leaver.get("/api/me/queue").json().getJsonObject("place").getString("status"), "recorded, not deleted");
      assertEquals(404, leaver.delete("/api/me/queue").status());
    }
  }

  @Test
  void theAbsentArePassedOverAndACallNobodyAnswersLapsesBothRecordedNotDeleted() throws Exception {
    long booth = data.hotelBooth(data.fair());
    data.open(booth, null);
    List<String> emails = data.jobseekers("absent", 2);
    List<RawSession> people = signIn(emails);
    for (RawSession p : people) assertEquals(201, p.post("/api/booths/" + booth + "/queue", "").status());
    long absent = data.fx.accountId(emails.get(0));
    data.fx.exec("update queue_place set seen_at = now() - interval '1 hour' where account_id = ?", absent);

    TestClient.Response next = app.as("employer@demo.test").post("/api/booths/" + booth + "/queue/next", new JsonObject());
    assertEquals(201, next.status(), next.body());
    assertEquals(data.fx.accountId(emails.get(1)), app.count("select account_id from queue_place where id = " + next.json().getLong("placeId")),
        "the silent first one is skipped");

    app.app().services().fair().queues().sweep().await(10, TimeUnit.SECONDS);
    assertEquals(1, app.count("select count(*) from queue_place where account_id = " + absent + " and status = 'PASSED' and passed_why = 'ABSENT'"));
    assertEquals(404, people.get(1).post("/api/me/queue/here", "").status(), "the called one no longer waits");

    // The called person never enters the room: after the time their call lapses and the walk-up appointment is cancelled.
    long booking = next.json().getLong("bookingId");
    data.fx.exec("update queue_place set ended_at = now() - interval '1 hour' where booking_id = ?", booking);
    app.app().services().fair().queues().sweep().await(10, TimeUnit.SECONDS);
    assertEquals(1, app.count("select count(*) from queue_place where booking_id = " + booking + " and status = 'PASSED' and passed_why = 'NO_ANSWER'"));
    assertEquals(1, app.count("select count(*) from booking where id = " + booking + " and status = 'CANCELLED' and cancelled_as = 'SYSTEM'"));
    assertEquals(2, app.count("select count(*) from queue_place where booth_id = " + booth), "nothing deleted");
    // Passed over, they may queue again.
    assertEquals(201, people.get(0).post("/api/booths/" + booth + "/queue", "").status());
  }

  @Test
  void refusalsSayWhyInWordsAndWriteNothing() throws Exception {
    long fair = data.fair();
    long booth = data.hotelBooth(fair);
    List<String> emails = data.jobseekers("refused", 2);
    RawSession person = signIn(emails).get(0);
    TestClient.Response closed = person.post("/api/booths/" + booth + "/queue", "");
    assertEquals(409, closed.status());
    assertEquals("queue_closed", closed.json().getString("error"));
    assertFalse(closed.json().getString("message").isBlank());

    TestClient employer = app.as("employer@demo.test");
    assertEquals("queue_max_length_invalid", employer.put("/api/booths/" + booth + "/queue",
        new JsonObject().put("open", true).put("maxLength", 0)).json().getString("error"));
    assertEquals(400, employer.put("/api/booths/" + booth + "/queue", new JsonObject().put("maxLength", 3)).status());
    assertEquals(403, app.as("employer2@demo.test").put("/api/booths/" + booth + "/queue", new JsonObject().put("open", true)).status());
    data.open(booth, null);
    TestClient.Response other = app.as("employer2@demo.test").post("/api/booths/" + booth + "/queue/next", new JsonObject());
    assertEquals(403, other.status());
    assertEquals("queue_staff_only", other.json().getString("error"));
    assertEquals("queue_nobody_waiting", employer.post("/api/booths/" + booth + "/queue/next", new JsonObject()).json().getString("error"));

    // Someone with an appointment at the booth meets it there.
    long booked = data.fx.accountId(emails.get(1));
    data.fx.booking(booth, booked, Instant.now().plus(Duration.ofDays(1)), 30);
    TestClient.Response bookedHere = signIn(List.of(emails.get(1))).get(0).post("/api/booths/" + booth + "/queue", "");
    assertEquals("queue_booked_here", bookedHere.json().getString("error"));

    // A fair that has not begun has no queue.
    long future = app.insert("insert into fair (name, format, starts_at, ends_at, status) values ('Später', 'E_JOBMEETING', "
        + "now() + interval '2 days', now() + interval '3 days', 'PUBLISHED') returning id");
    long later = data.hotelBooth(future);
    assertEquals("queue_fair_not_running", employer.put("/api/booths/" + later + "/queue", new JsonObject().put("open", true))
        .json().getString("error"));
    assertEquals(0, app.count("select count(*) from queue_place where booth_id in (" + booth + ", " + later + ")"));

    // Anyone sees a queue's state, and no names in it.
    JsonObject state = app.client().get("/api/booths/" + booth + "/queue").json();
    assertEquals(true, state.getBoolean("open"));
    assertEquals(0, state.getInteger("waiting"));
  }
}
