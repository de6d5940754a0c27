package at.jobfair.booking;

import at.jobfair.support.Fixtures;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many people acting at once: PostgreSQL, not Java, keeps the seats and each person's calendar right. */
class BookingRaceTest {

  static TestApp app;
  static Fixtures fx;
  static final Instant START = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("db.poolSize", 20));
    fx = new Fixtures(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void fiveHundredJobseekersRaceForTwentySeats() throws Exception {
    long fair = fx.fair("Ansturm", true, 0);
    long booth = fx.booth(fair, fx.employer("Ansturm GmbH"));
    List<Long> slots = fx.slots(booth, START, 20, Duration.ofMinutes(20), 1);
    List<String> emails = fx.jobseekers("race", 500);
    List<RawSession> people = parallel(emails.stream().map(e -> (Callable<RawSession>) () ->
        RawSession.signIn(app.baseUrl(), e, Fixtures.PASSWORD)).toList());

    CountDownLatch go = new CountDownLatch(1);
    List<Callable<TestClient.Response>> attempts = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      RawSession p = people.get(i);
      long slot = slots.get(i % slots.size());
      attempts.add(() -> {
        go.await();
        return p.post("/api/slots/" + slot + "/bookings", "");
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(100);
    List<Future<TestClient.Response>> futures = new ArrayList<>();
    for (var a : attempts) futures.add(pool.submit(a));
    go.countDown();
    int created = 0;
    int taken = 0;
    Set<Long> boothSlots = new HashSet<>(slots);
    for (var f : futures) {
      TestClient.Response r = f.get();
      if (r.status() == 201) {
        created++;
      } else {
        assertEquals(409, r.status(), r.body());
        JsonObject body = r.json();
        assertEquals("slot_taken", body.getString("error"), r.body());
        for (Object alt : body.getJsonArray("alternatives")) {
          assertTrue(boothSlots.contains(((JsonObject) alt).getLong("slotId")), "alternatives are at the same booth: " + alt);
        }
        taken++;
      }
    }
    pool.shutdown();
    assertEquals(20, created);
    assertEquals(480, taken);
    assertEquals(20, app.count("select count(*) from booking where booth_id = " + booth), "nothing else written");
    assertEquals(20, app.count("select count(*) from booking where booth_id = " + booth + " and status = 'ACTIVE'"));
    assertEquals(20, app.count("select count(*) from slot where booth_id = " + booth + " and booked = 1"));
    assertEquals(0, app.count("select count(*) from slot s where booth_id = " + booth
        + " and booked <> (select count(*) from booking b where b.slot_id = s.id and b.status = 'ACTIVE')"), "counter = bookings");
    assertEquals(20, app.count("select count(distinct jobseeker_id) from booking where booth_id = " + booth));
  }

  @Test
  void onePersonRacingForOverlappingSlotsGetsExactlyOne() throws Exception {
    RawSession person = RawSession.signIn(app.baseUrl(), fx.jobseekers("greedy", 1).get(0), Fixtures.PASSWORD);
    long fair = fx.fair("Gleichzeitig", true, 0);
    List<Long> sameTime = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long booth = fx.booth(fair, fx.employer("Firma " + i));
      sameTime.add(fx.slots(booth, START.plus(Duration.ofDays(1)), 1, Duration.ofMinutes(30), 5).get(0));
    }
    long oneBooth = fx.booth(fair, fx.employer("Eine Firma"));
    List<Long> sameBooth = fx.slots(oneBooth, START.plus(Duration.ofDays(2)), 10, Duration.ofMinutes(30), 5);

    for (List<Long> targets : List.of(sameTime, sameBooth)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Callable<TestClient.Response>> tries = targets.stream().map(s -> (Callable<TestClient.Response>) () -> {
        go.await();
        return person.post("/api/slots/" + s + "/bookings", "");
      }).toList();
      ExecutorService pool = Executors.newFixedThreadPool(tries.size());
      List<Future<TestClient.Response>> futures = tries.stream().map(pool::submit).toList();
      go.countDown();
      int ok = 0;
      for (var f : futures) {
        var r = f.get();
        if (r.status() == 201) ok++;
        else assertEquals(409, r.status(), r.body());
      }
      pool.shutdown();
      assertEquals(1, ok, "exactly one of " + targets.size());
    }
    assertEquals(2, app.count("select count(*) from booking b join account a on a.id = b.jobseeker_id where a.email like 'greedy-%'"));
  }

  /**
   * Undo against booking: each of 30 people cancels their seat and then undoes it at the very moment 7 others try to
   * book that freed seat (240 clients at once). Per seat exactly one of the eight gets it: the undoer (their booking
   * active again) or one booker; the others are told the seat is taken, the undoer with the booth's free slots.
   */
  @Test
  void theUndoerAndPeopleBookingTheFreedSeatAtOnceGetItExactlyOnce() throws Exception {
    long fair = fx.fair("Rückgängig", true, 0);
    long booth = fx.booth(fair, fx.employer("Rückgängig GmbH"));
    int seats = 30;
    int bookers = 7;
    List<Long> slots = fx.slots(booth, START.plus(Duration.ofDays(3)), seats, Duration.ofMinutes(20), 1);
    List<String> undoerEmails = fx.jobseekers("undoer", seats);
    List<String> bookerEmails = fx.jobseekers("freed", seats * bookers);
    List<RawSession> undoers = parallel(undoerEmails.stream().map(e -> (Callable<RawSession>) () ->
        RawSession.signIn(app.baseUrl(), e, Fixtures.PASSWORD)).toList());
    List<RawSession> others = parallel(bookerEmails.stream().map(e -> (Callable<RawSession>) () ->
        RawSession.signIn(app.baseUrl(), e, Fixtures.PASSWORD)).toList());
    List<Long> bookings = new ArrayList<>();
    for (int i = 0; i < seats; i++) {
      TestClient.Response booked = undoers.get(i).post("/api/slots/" + slots.get(i) + "/bookings", "");
      assertEquals(201, booked.status(), booked.body());
      long id = booked.json().getLong("id");
      bookings.add(id);
      fx.exec("update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_by = jobseeker_id, cancelled_as = 'JOBSEEKER', "
          + "ics_sequence = ics_sequence + 1 where id = ?", id);
    }
    assertEquals(0, app.count("select coalesce(sum(booked), 0) from slot where booth_id = " + booth), "every seat is free before the race");

    CountDownLatch go = new CountDownLatch(1);
    List<Callable<TestClient.Response>> attempts = new ArrayList<>();
    List<Integer> seatOf = new ArrayList<>();
    List<Boolean> isUndo = new ArrayList<>();
    for (int i = 0; i < seats; i++) {
      int seat = i;
      attempts.add(() -> {
        go.await();
        return undoers.get(seat).post("/api/bookings/" + bookings.get(seat) + "/restore", "");
      });
      seatOf.add(seat);
      isUndo.add(true);
      for (int j = 0; j < bookers; j++) {
        RawSession p = others.get(seat * bookers + j);
        attempts.add(() -> {
          go.await();
          return p.post("/api/slots/" + slots.get(seat) + "/bookings", "");
        });
        seatOf.add(seat);
        isUndo.add(false);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
    List<Future<TestClient.Response>> futures = new ArrayList<>();
    for (var a : attempts) futures.add(pool.submit(a));
    go.countDown();
    int[] winners = new int[seats];
    int undone = 0;
    for (int k = 0; k < futures.size(); k++) {
      TestClient.Response r = futures.get(k).get();
      boolean undo = isUndo.get(k);
      if (r.status() == (undo ? 200 : 201)) {
        winners[seatOf.get(k)]++;
        if (undo) undone++;
      } else {
        assertEquals(409, r.status(), r.body());
        assertEquals(undo ? "undo_seat_taken" : "slot_taken", r.json().getString("error"), r.body());
      }
    }
    pool.shutdown();
    for (int i = 0; i < seats; i++) assertEquals(1, winners[i], "seat " + i + " went to exactly one person");
    assertEquals(seats, app.count("select count(*) from booking where booth_id = " + booth + " and status = 'ACTIVE'"));
    assertEquals(seats, app.count("select count(*) from slot where booth_id = " + booth + " and booked = 1"));
    assertEquals(0, app.count("select count(*) from slot s where booth_id = " + booth
        + " and booked <> (select count(*) from booking b where b.slot_id = s.id and b.status = 'ACTIVE')"), "counter = bookings");
    assertEquals(undone, app.count("select count(*) from booking where booth_id = " + booth + " and status = 'ACTIVE' and id in ("
        + bookings.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ")"), "each undo answered 200 is active");
  }

  private static <T> List<T> parallel(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<T> out = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(tasks)) out.add(f.get());
      return out;
    } finally {
      pool.shutdown();
    }
  }
}
