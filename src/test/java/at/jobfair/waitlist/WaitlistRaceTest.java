package at.jobfair.waitlist;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A booth's waitlist under load: PostgreSQL, not Java, gives each freed seat to exactly one person, the first in line,
 * and keeps it from everyone else while it is held; a hold that runs out passes the seat on.
 */
class WaitlistRaceTest {

  static TestApp app;
  static Fixtures fx;
  static final Instant START = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

  @BeforeAll
  static void start() {
    // The job is run by the tests themselves (a long poll keeps the node's own job out of the way).
    app = TestApp.start(Map.of("db.poolSize", 20, "waitlist.pollSeconds", 3600));
    fx = new Fixtures(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /**
   * Ten full slots, forty people waiting. The ten holders cancel at the very moment a hundred others try to book
   * those slots directly: every freed seat goes to the waitlist (the first ten in line, one seat each), none to a
   * direct booker. Then the ten take their seats while the hundred try again and the other thirty try to take seats
   * not offered to them: ten bookings, all by the people offered them.
   */
  @Test
  void freedSeatsGoToTheFirstInLineExactlyOnceWhileManyTryToBookThemDirectly() throws Exception {
    long fair = fx.fair("Warteliste Ansturm", true, 0);
    long booth = fx.booth(fair, fx.employer("Warteliste GmbH"));
    int seats = 10;
    List<Long> slots = fx.slots(booth, START, seats, Duration.ofMinutes(20), 1);
    List<TestClient> holders = new ArrayList<>();
    List<Long> bookings = new ArrayList<>();
    for (String e : fx.jobseekers("holder", seats)) {
      TestClient c = app.client();
      c.signIn(e, Fixtures.PASSWORD);
      holders.add(c);
      TestClient.Response r = c.post("/api/slots/" + slots.get(holders.size() - 1) + "/bookings", "");
      assertEquals(201, r.status(), r.body());
      bookings.add(r.json().getLong("id"));
    }
    List<RawSession> waiting = signIn(fx.jobseekers("waiting", 40));
    List<Long> entries = new ArrayList<>();
    for (RawSession w : waiting) {
      TestClient.Response r = w.post("/api/booths/" + booth + "/waitlist", "");
      assertEquals(201, r.status(), r.body());
      assertEquals(entries.size() + 1, r.json().getInteger("place"), r.body());
      entries.add(r.json().getLong("id"));
    }
    List<RawSession> direct = signIn(fx.jobseekers("direct", 100));

    // Round 1: cancellations against direct bookings.
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<TestClient.Response>> round = new ArrayList<>();
    for (int i = 0; i < seats; i++) {
      TestClient holder = holders.get(i);
      long booking = bookings.get(i);
      round.add(() -> {
        go.await();
        return holder.send("DELETE", "/api/bookings/" + booking, new JsonObject());
      });
    }
    for (int i = 0; i < direct.size(); i++) {
      RawSession p = direct.get(i);
      long slot = slots.get(i % seats);
      round.add(() -> {
        go.await();
        // Each tries a few times, so that some attempts come after the cancellations.
        TestClient.Response last = null;
        for (int t = 0; t < 3; t++) {
          last = p.post("/api/slots/" + slot + "/bookings", "");
          if (last.status() == 201) return last;
        }
        return last;
      });
    }
    List<TestClient.Response> answers = race(go, round);
    for (int i = 0; i < seats; i++) assertEquals(200, answers.get(i).status(), answers.get(i).body());
    for (int i = seats; i < answers.size(); i++) {
      assertEquals(409, answers.get(i).status(), "a held seat is nobody else's: " + answers.get(i).body());
      assertEquals("slot_taken", answers.get(i).json().getString("error"));
    }
    assertEquals(0, app.count("select count(*) from booking where booth_id = " + booth + " and status = 'ACTIVE'"));
    assertEquals(seats, app.count("select count(*) from slot where booth_id = " + booth + " and held = 1 and booked = 0"));
    assertEquals(seats, app.count("select count(*) from waitlist_entry where booth_id = " + booth + " and status = 'OFFERED'"));
    assertEquals(seats, app.count("select count(distinct slot_id) from waitlist_entry where booth_id = " + booth + " and status = 'OFFERED'"),
        "one person per seat");
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(i < seats ? "OFFERED" : "WAITING", status(entries.get(i)), "the first ten in line, in order");
    }

    // Round 2: the ten take their seats, the hundred try again, the thirty still waiting try the ten offers' slots.
    CountDownLatch go2 = new CountDownLatch(1);
    List<Callable<TestClient.Response>> round2 = new ArrayList<>();
    for (int i = 0; i < seats; i++) {
      RawSession w = waiting.get(i);
      long entry = entries.get(i);
      round2.add(() -> {
        go2.await();
        return w.post("/api/waitlist/" + entry + "/accept", "");
      });
    }
    for (int i = 0; i < direct.size(); i++) {
      RawSession p = direct.get(i);
      long slot = slots.get(i % seats);
      round2.add(() -> {
        go2.await();
        return p.post("/api/slots/" + slot + "/bookings", "");
      });
    }
    for (int i = seats; i < waiting.size(); i++) {
      RawSession w = waiting.get(i);
      long othersEntry = entries.get(i % seats);
      long ownEntry = entries.get(i);
      round2.add(() -> {
        go2.await();
        TestClient.Response r = w.post("/api/waitlist/" + othersEntry + "/accept", "");
        assertEquals(404, r.status(), "another person's offer: " + r.body());
        return w.post("/api/waitlist/" + ownEntry + "/accept", "");
      });
    }
    List<TestClient.Response> answers2 = race(go2, round2);
    for (int i = 0; i < answers2.size(); i++) {
      TestClient.Response r = answers2.get(i);
      if (i < seats) assertEquals(201, r.status(), r.body());
      else if (i < seats + direct.size()) assertEquals(409, r.status(), r.body());
      else assertEquals(410, r.status(), "no offer of their own: " + r.body());
    }
    assertEquals(seats, app.count("select count(*) from booking where booth_id = " + booth + " and status = 'ACTIVE'"));
    assertEquals(seats, app.count("select count(*) from booking k join waitlist_entry w on w.booking_id = k.id and w.status = 'BOOKED'"
        + " where k.booth_id = " + booth + " and k.status = 'ACTIVE' and k.slot_id = w.slot_id"), "each booked by the person it was held for");
    assertEquals(seats, app.count("select count(*) from slot where booth_id = " + booth + " and booked = 1 and held = 0"));
    assertEquals(0, app.count("select count(*) from slot s where booth_id = " + booth
        + " and booked <> (select count(*) from booking b where b.slot_id = s.id and b.status = 'ACTIVE')"), "counter = bookings");
    assertEquals(0, app.count("select count(*) from slot s where booth_id = " + booth
        + " and held <> (select count(*) from waitlist_entry w where w.slot_id = s.id and w.status = 'OFFERED')"), "counter = holds");
    assertEquals(30, app.count("select count(*) from waitlist_entry where booth_id = " + booth + " and status = 'WAITING'"));
  }

  /**
   * A hold blocks everyone else, including the next in line; when its time is up the job passes the seat to the
   * next; a decline passes it on at once; when nobody is left the seat is free for everyone.
   */
  @Test
  void aHoldRunsOutOrIsDeclinedAndTheSeatPassesOnUntilNobodyIsLeft() throws Exception {
    fx.exec("update waitlist_setting set hold_seconds = 2");
    try {
      long fair = fx.fair("Warteliste Ablauf", true, 0);
      long booth = fx.booth(fair, fx.employer("Ablauf GmbH"));
      long slot = fx.slots(booth, START.plus(Duration.ofDays(1)), 1, Duration.ofMinutes(30), 1).get(0);
      TestClient holder = app.client();
      holder.signIn(fx.jobseekers("ablauf-holder", 1).get(0), Fixtures.PASSWORD);
      long booking = holder.post("/api/slots/" + slot + "/bookings", "").json().getLong("id");
      List<RawSession> line = signIn(fx.jobseekers("ablauf", 3));
      List<Long> entries = new ArrayList<>();
      for (RawSession w : line) entries.add(w.post("/api/booths/" + booth + "/waitlist", "").json().getLong("id"));
      RawSession outsider = signIn(fx.jobseekers("ablauf-direct", 1)).get(0);

      assertEquals(200, holder.send("DELETE", "/api/bookings/" + booking, new JsonObject()).status());
      assertEquals("OFFERED", status(entries.get(0)));
      JsonObject offer = line.get(0).get("/api/me/waitlist").array().getJsonObject(0);
      assertEquals(slot, offer.getJsonObject("offer").getLong("slotId"));
      assertEquals(409, outsider.post("/api/slots/" + slot + "/bookings", "").status(), "held for the first in line");
      assertEquals(409, line.get(1).post("/api/slots/" + slot + "/bookings", "").status(), "also for the second");
      // The first holds the seat and is out of the line: the second is next.
      assertEquals(1, line.get(1).get("/api/me/waitlist").array().getJsonObject(0).getInteger("place"));
      assertEquals(2, line.get(2).get("/api/me/waitlist").array().getJsonObject(0).getInteger("place"));

      // The first lets it run out: the job passes it to the second.
      Thread.sleep(2200);
      run();
      assertEquals(1, app.count("select count(*) from mail_outbox where kind = 'WAITLIST_OFFER' and ref like 'waitlist:" + entries.get(1) + "/%'"),
          "the second's offer mailed");
      assertEquals(0, app.count("select count(*) from mail_outbox where kind = 'WAITLIST_OFFER' and ref like 'waitlist:" + entries.get(0) + "/%'"),
          "the first's hold ran out before the job mailed it");
      assertEquals("EXPIRED", status(entries.get(0)));
      assertEquals("OFFERED", status(entries.get(1)));
      assertEquals(410, line.get(0).post("/api/waitlist/" + entries.get(0) + "/accept", "").status());
      // The second passes it on at once: the third gets it.
      assertEquals(204, line.get(1).post("/api/waitlist/" + entries.get(1) + "/decline", "").status());
      assertEquals("DECLINED", status(entries.get(1)));
      assertEquals("OFFERED", status(entries.get(2)));
      assertEquals(409, outsider.post("/api/slots/" + slot + "/bookings", "").status());
      // The third leaves the line: nobody is left, the seat is free for everyone.
      assertEquals(204, line.get(2).delete("/api/waitlist/" + entries.get(2)).status());
      assertEquals(0, app.count("select held from slot where id = " + slot));
      assertEquals(201, outsider.post("/api/slots/" + slot + "/bookings", "").status());
    } finally {
      fx.exec("update waitlist_setting set hold_seconds = 1800");
    }
  }

  /** A booking moved away to another booth frees its seat for the line; so does a slot the booth's staff add. */
  @Test
  void aMoveAwayAndAnAddedSlotOfferSeatsToTheLineToo() {
    long fair = fx.fair("Warteliste Umbuchung", true, 0);
    long full = fx.booth(fair, fx.employer("Voll GmbH"));
    long elsewhere = fx.booth(fair, fx.employer("Anderswo GmbH"));
    Instant day = START.plus(Duration.ofDays(5));
    long seat = fx.slots(full, day, 1, Duration.ofMinutes(30), 1).get(0);
    long other = fx.slots(elsewhere, day.plus(Duration.ofHours(2)), 1, Duration.ofMinutes(30), 1).get(0);
    TestClient mover = app.client();
    mover.signIn(fx.jobseekers("umbuch-mover", 1).get(0), Fixtures.PASSWORD);
    long booking = mover.post("/api/slots/" + seat + "/bookings", "").json().getLong("id");
    List<RawSession> line = signIn(fx.jobseekers("umbuch", 2));
    List<Long> entries = new ArrayList<>();
    for (RawSession w : line) entries.add(w.post("/api/booths/" + full + "/waitlist", "").json().getLong("id"));

    TestClient.Response moved = mover.post("/api/bookings/" + booking + "/rebook", new JsonObject().put("slotId", other));
    assertEquals(201, moved.status(), moved.body());
    assertEquals("OFFERED", status(entries.get(0)), "the seat moved away from goes to the first in line");
    assertEquals(seat, line.get(0).get("/api/me/waitlist").array().getJsonObject(0).getJsonObject("offer").getLong("slotId"));

    long added = fx.slots(full, day.plus(Duration.ofHours(4)), 1, Duration.ofMinutes(30), 1).get(0);
    assertEquals("OFFERED", status(entries.get(1)), "a slot added goes to the next");
    assertEquals(added, line.get(1).get("/api/me/waitlist").array().getJsonObject(0).getJsonObject("offer").getLong("slotId"));
    assertEquals(0, app.count("select count(*) from slot where booth_id = " + full + " and booked + held < capacity"), "nothing free for others");
  }

  /** A hold never lasts past the slot's booking cutoff. */
  @Test
  void aHoldEndsAtTheSlotsBookingCutoffAtTheLatest() {
    long fair = fx.fair("Warteliste Frist", true, 60);
    long booth = fx.booth(fair, fx.employer("Frist GmbH"));
    Instant soon = Instant.now().plus(Duration.ofMinutes(75)).truncatedTo(ChronoUnit.SECONDS);
    long slot = fx.slots(booth, soon, 1, Duration.ofMinutes(30), 1).get(0);
    TestClient holder = app.client();
    holder.signIn(fx.jobseekers("frist-holder", 1).get(0), Fixtures.PASSWORD);
    long booking = holder.post("/api/slots/" + slot + "/bookings", "").json().getLong("id");
    RawSession waiter = signIn(fx.jobseekers("frist", 1)).get(0);
    assertEquals(201, waiter.post("/api/booths/" + booth + "/waitlist", "").status());
    assertEquals(200, holder.send("DELETE", "/api/bookings/" + booking, new JsonObject()).status());
    Instant holdUntil = Instant.parse(waiter.get("/api/me/waitlist").array().getJsonObject(0).getJsonObject("offer").getString("holdUntil"));
    assertTrue(!holdUntil.isAfter(soon.minus(Duration.ofMinutes(60))), "held until the cutoff, not 30 minutes: " + holdUntil);
  }

  /** Joining: refused while a seat is free or with a booking at the booth; a second join answers the same place. */
  @Test
  void joiningIsForAFullBoothOnlyAndOncePerPerson() {
    long fair = fx.fair("Warteliste Beitritt", true, 0);
    long booth = fx.booth(fair, fx.employer("Beitritt GmbH"));
    long slot = fx.slots(booth, START.plus(Duration.ofDays(2)), 1, Duration.ofMinutes(30), 1).get(0);
    List<RawSession> people = signIn(fx.jobseekers("beitritt", 2));
    TestClient.Response free = people.get(0).post("/api/booths/" + booth + "/waitlist", "");
    assertEquals(409, free.status(), free.body());
    assertEquals("waitlist_seats_free", free.json().getString("error"));
    assertEquals(201, people.get(0).post("/api/slots/" + slot + "/bookings", "").status());
    assertEquals("already_booked_at_booth", people.get(0).post("/api/booths/" + booth + "/waitlist", "").json().getString("error"));
    long id = people.get(1).post("/api/booths/" + booth + "/waitlist", "").json().getLong("id");
    TestClient.Response again = people.get(1).post("/api/booths/" + booth + "/waitlist", "");
    assertEquals(201, again.status());
    assertEquals(id, again.json().getLong("id"));
    assertEquals(1, app.count("select count(*) from waitlist_entry where booth_id = " + booth));
    TestClient.Response staff = app.as("organizer@demo.test").get("/api/booths/" + booth + "/waitlist");
    assertEquals(1, staff.json().getInteger("waiting"), staff.body());
    assertEquals(404, people.get(1).post("/api/booths/987654321/waitlist", "").status());
  }

  /** The job on many nodes at once (here: many runs at once on one): each hold ends once, each offer is mailed once. */
  @Test
  void concurrentJobRunsEndEachHoldAndMailEachOfferOnce() throws Exception {
    fx.exec("update waitlist_setting set hold_seconds = 1");
    try {
      long fair = fx.fair("Warteliste Job", true, 0);
      long booth = fx.booth(fair, fx.employer("Job GmbH"));
      List<Long> slots = fx.slots(booth, START.plus(Duration.ofDays(4)), 5, Duration.ofMinutes(30), 1);
      List<TestClient> holders = new ArrayList<>();
      List<Long> bookings = new ArrayList<>();
      for (String e : fx.jobseekers("job-holder", 5)) {
        TestClient c = app.client();
        c.signIn(e, Fixtures.PASSWORD);
        bookings.add(c.post("/api/slots/" + slots.get(holders.size()) + "/bookings", "").json().getLong("id"));
        holders.add(c);
      }
      List<RawSession> line = signIn(fx.jobseekers("job", 12));
      for (RawSession w : line) assertEquals(201, w.post("/api/booths/" + booth + "/waitlist", "").status());
      for (int i = 0; i < 5; i++) holders.get(i).send("DELETE", "/api/bookings/" + bookings.get(i), new JsonObject());
      Thread.sleep(1200);
      CountDownLatch go = new CountDownLatch(1);
      List<Callable<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) runs.add(() -> {
        go.await();
        return app.app().services().fair().waitlist().run().await(30, TimeUnit.SECONDS);
      });
      ExecutorService pool = Executors.newFixedThreadPool(runs.size());
      List<Future<Integer>> futures = runs.stream().map(pool::submit).toList();
      go.countDown();
      for (Future<Integer> f : futures) f.get();
      pool.shutdown();
      assertEquals(5, app.count("select count(*) from waitlist_entry where booth_id = " + booth + " and status = 'EXPIRED'"));
      assertEquals(5, app.count("select count(*) from waitlist_entry where booth_id = " + booth + " and status = 'OFFERED'"));
      assertEquals(5, app.count("select sum(held) from slot where booth_id = " + booth));
      assertEquals(5, app.count("select count(*) from mail_outbox where kind = 'WAITLIST_OFFER' and split_part(substr(ref, 10), '/', 1)::bigint"
          + " in (select id from waitlist_entry where booth_id = " + booth + ")"), "the five new offers, each mailed once (the expired ones never were)");
    } finally {
      fx.exec("update waitlist_setting set hold_seconds = 1800");
    }
  }

  static Integer run() throws Exception {
    return app.app().services().fair().waitlist().run().await(30, TimeUnit.SECONDS);
  }

  static String status(long entry) {
    try (var c = app.jdbc(); var st = c.prepareStatement("select status from waitlist_entry where id = ?")) {
      st.setLong(1, entry);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<RawSession> signIn(List<String> emails) {
    try {
      ExecutorService pool = Executors.newFixedThreadPool(20);
      List<Future<RawSession>> f = emails.stream().map(e -> pool.submit(() -> RawSession.signIn(app.baseUrl(), e, Fixtures.PASSWORD))).toList();
      List<RawSession> out = new ArrayList<>();
      for (Future<RawSession> s : f) out.add(s.get());
      pool.shutdown();
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<TestClient.Response> race(CountDownLatch go, List<Callable<TestClient.Response>> tries) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tries.size());
    List<Future<TestClient.Response>> futures = new ArrayList<>();
    for (var t : tries) futures.add(pool.submit(t));
    go.countDown();
    List<TestClient.Response> out = new ArrayList<>();
    for (var f : futures) out.add(f.get());
    pool.shutdown();
    return out;
  }
}
