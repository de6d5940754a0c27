package at.jobfair.handoff;

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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-off to a colleague (issue 16, point 5): the database keeps an interviewer from holding two appointments at
 * once however many hand over at the same moment; the person is told live and by email in their language; a colleague
 * asked into a running call enters the room as the host does; the evidence names every member of staff who met the
 * person, and only the booth's own employer acts.
 */
class HandoffTest {

  static final AtomicInteger SEQ = new AtomicInteger();
  static TestApp app;
  static Fixtures fx;
  static Vertx vertx;
  static WebSocketClient ws;
  static long hotel;
  static long eva;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    fx = new Fixtures(app);
    vertx = Vertx.vertx();
    ws = vertx.createWebSocketClient();
    hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    eva = fx.accountId("employer@demo.test");
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
  }

  /**
   * A Hotel Alpenblick booth at a fair of its own, staffed by Eva Huber and whoever is named (colleagues made by each
   * test, so that no other test's appointments keep them busy).
   */
  static long booth(long... staff) {
    long booth = fx.booth(fx.fair("Übergabe " + SEQ.incrementAndGet(), true, 0), hotel);
    fx.exec("insert into booth_staff (booth_id, account_id) values (?, ?)", booth, eva);
    for (long s : staff) fx.exec("insert into booth_staff (booth_id, account_id) values (?, ?)", booth, s);
    return booth;
  }

  /** Another representative of Hotel Alpenblick (password "demo", as the demo's). */
  static String emailOf(long account) {
    return fx.email(account);
  }

  static long colleague(String name) {
    String email = "kollege-" + SEQ.incrementAndGet() + "@demo.test";
    long id = app.insert("insert into account (email, name, password_hash, employer_id) select ?, ?, password_hash, ? from account "
        + "where email = 'employer@demo.test' returning id", email, name, hotel);
    fx.exec("insert into account_role values (?, 'EMPLOYER')", id);
    return id;
  }

  static String answer(TestClient.Response r) {
    return r.status() + " " + (r.status() == 200 ? "" : r.json().getString("error"));
  }

  static String handOff(long colleague) {
    return new JsonObject().put("colleague", colleague).encode();
  }

  static long jobseeker(String prefix) {
    return fx.accountId(fx.jobseekers(prefix + SEQ.incrementAndGet(), 1).get(0));
  }

  @Test
  void manyHandOffsAndBookingsAtOnceNeverGiveAnInterviewerTwoAppointmentsOrASlotTwoPeople() throws Exception {
    long kurt = colleague("Kurt Brandl");
    long julia = colleague("Julia Lang");
    // A booth's slots never overlap: two appointments at the same time are at two booths of the employer (two fairs on
    // the same day), both staffed by the same colleagues; a later slot of the first booth is being booked meanwhile.
    long booth = booth(kurt, julia);
    long second = booth(kurt, julia);
    Instant at = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    long a = fx.booking(booth, jobseeker("race-a"), at, 30);
    long b = fx.booking(second, jobseeker("race-b"), at.plus(Duration.ofMinutes(10)), 30);
    long free = fx.slots(booth, at.plus(Duration.ofHours(1)), 1, Duration.ofMinutes(30), 1).get(0);

    RawSession evaS = RawSession.signIn(app.baseUrl(), "employer@demo.test", "demo");
    RawSession juliaS = RawSession.signIn(app.baseUrl(), emailOf(julia), "demo");
    RawSession kurtS = RawSession.signIn(app.baseUrl(), fx.email(kurt), "demo");
    List<Callable<Integer>> tries = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 6; i++) {
      tries.add(() -> { go.await(); return evaS.post("/api/bookings/" + a + "/handoff", handOff(julia)).status(); });
      tries.add(() -> { go.await(); return kurtS.post("/api/bookings/" + b + "/handoff", handOff(julia)).status(); });
      tries.add(() -> { go.await(); return juliaS.post("/api/bookings/" + a + "/handoff", handOff(kurt)).status(); });
      tries.add(() -> { go.await(); return evaS.post("/api/bookings/" + b + "/handoff", handOff(kurt)).status(); });
    }
    List<RawSession> people = new ArrayList<>();
    for (String e : fx.jobseekers("race-book" + SEQ.incrementAndGet(), 8)) people.add(RawSession.signIn(app.baseUrl(), e, Fixtures.PASSWORD));
    for (RawSession p : people) tries.add(() -> { go.await(); return 1000 + p.post("/api/slots/" + free + "/bookings", "").status(); });
    ExecutorService pool = Executors.newFixedThreadPool(tries.size());
    List<Future<Integer>> results = new ArrayList<>();
    for (Callable<Integer> t : tries) results.add(pool.submit(t));
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) statuses.add(f.get(120, TimeUnit.SECONDS));
    pool.shutdown();

    long handed = statuses.stream().filter(s -> s == 200).count();
    long busy = statuses.stream().filter(s -> s == 409).count();
    assertEquals(24, handed + busy, "every hand-off either went through or was refused as a conflict: " + statuses);
    assertTrue(handed >= 2, "hand-offs went through: " + statuses);
    assertEquals(1, statuses.stream().filter(s -> s == 1201).count(), "one person got the free seat: " + statuses);
    assertEquals(7, statuses.stream().filter(s -> s == 1409).count(), statuses.toString());
    assertEquals(1, app.count("select booked from slot where id = " + free));

    // Nobody interviews two appointments of different slots at the same time.
    assertEquals(0, app.count("""
        select count(*) from booking x join booking y on x.interviewer_id = y.interviewer_id and x.id < y.id
         where x.status = 'ACTIVE' and y.status = 'ACTIVE' and x.during && y.during and x.slot_id <> y.slot_id"""));
    long ia = app.count("select interviewer_id from booking where id = " + a);
    long ib = app.count("select interviewer_id from booking where id = " + b);
    assertTrue(ia != ib && List.of(julia, kurt).contains(ia) && List.of(julia, kurt).contains(ib), ia + " / " + ib);
    // Every hand-off that went through is recorded once, and the records chain: each starts where the one before ended.
    assertEquals(handed, app.count("select count(*) from booking_handoff where booking_id in (" + a + ", " + b + ")"));
    for (long k : List.of(a, b)) {
      List<Long[]> chain = rows("select from_id, to_id from booking_handoff where booking_id = " + k + " order by at, id");
      Long before = null;
      for (Long[] h : chain) {
        assertEquals(before, h[0], "the hand-off starts from whoever had it");
        before = h[1];
      }
      assertEquals(app.count("select interviewer_id from booking where id = " + k), before);
    }
    // And each is in the audit trail.
    assertEquals(handed, app.count("select count(*) from audit_log where event = 'HANDOFF' and subject in ('booking:" + a + "', 'booking:" + b + "')"));
  }

  /**
   * Two appointments at the same time, Kurt interviewing one and Julia the other; one person hands the first to Julia
   * while another hands the second to Kurt. Each waits on the other's exclusion check: without the employer's hand-offs
   * taking turns that is a deadlock (a 500 for one of them). Taking turns, both are refused as a conflict, every time.
   */
  @Test
  void twoHandOffsThatTradeInterviewersAtOnceAreBothRefusedNeverADeadlock() throws Exception {
    long kurt = colleague("Kurt Tausch");
    long julia = colleague("Julia Tausch");
    long booth = booth(kurt, julia);
    long second = booth(kurt, julia);
    Instant at = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS);
    long a = fx.booking(booth, jobseeker("swap-a"), at, 30);
    long b = fx.booking(second, jobseeker("swap-b"), at.plus(Duration.ofMinutes(10)), 30);
    RawSession evaS = RawSession.signIn(app.baseUrl(), "employer@demo.test", "demo");
    RawSession juliaS = RawSession.signIn(app.baseUrl(), emailOf(julia), "demo");
    assertEquals(200, evaS.post("/api/bookings/" + a + "/handoff", handOff(kurt)).status());
    assertEquals(200, evaS.post("/api/bookings/" + b + "/handoff", handOff(julia)).status());

    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> answers = new ArrayList<>();
    for (int round = 0; round < 60; round++) {
      CountDownLatch go = new CountDownLatch(1);
      Future<String> one = pool.submit(() -> { go.await(); return answer(evaS.post("/api/bookings/" + a + "/handoff", handOff(julia))); });
      Future<String> two = pool.submit(() -> { go.await(); return answer(juliaS.post("/api/bookings/" + b + "/handoff", handOff(kurt))); });
      go.countDown();
      answers.add(one.get(60, TimeUnit.SECONDS));
      answers.add(two.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    // Not a deadlock undone by the database (that would be 409 concurrent_change): the colleague is busy, every time.
    assertTrue(answers.stream().allMatch("409 handoff_colleague_busy"::equals), "each trade is refused as a conflict: " + answers);
    assertEquals(kurt, app.count("select interviewer_id from booking where id = " + a));
    assertEquals(julia, app.count("select interviewer_id from booking where id = " + b));
  }

  @Test
  void thePersonIsToldLiveAndByEmailInTheirLanguageAndSeesWhoInterviewsThem() throws Exception {
    long julia = colleague("Julia Moser-Told");
    long booth = booth(julia);
    String email = fx.jobseekers("told" + SEQ.incrementAndGet(), 1).get(0);
    long person = fx.accountId(email);
    fx.exec("update account set language = 'en' where id = ?", person);
    long k = fx.booking(booth, person, Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS), 30);
    RawSession me = RawSession.signIn(app.baseUrl(), email, Fixtures.PASSWORD);
    BlockingQueue<JsonObject> heard = new LinkedBlockingQueue<>();
    WebSocket live = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live")
        .addHeader("Cookie", me.cookieHeader())).await(10, TimeUnit.SECONDS);
    live.textMessageHandler(t -> heard.add(new JsonObject(t)));
    live.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("user:" + person)).encode());
    assertEquals("subscribed", heard.poll(5, TimeUnit.SECONDS).getString("type"));

    TestClient evaC = app.as("employer@demo.test");
    TestClient.Response r = evaC.post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", julia));
    assertEquals(200, r.status(), r.body());
    assertEquals("Julia Moser-Told", r.json().getJsonObject("interviewer").getString("name"));
    JsonObject told = heard.poll(5, TimeUnit.SECONDS);
    assertNotNull(told, "the person's page hears of the hand-off");
    assertEquals("booking", told.getString("type"));
    assertEquals(k, told.getLong("booking"));
    live.close();

    String page = me.get("/me/appointments").body();
    assertTrue(page.contains("Interview with:") && page.contains("Julia Moser-Told"), "the appointments page names the new interviewer");
    String subject = text("select subject from mail_outbox where kind = 'BOOKING_HANDED_OFF' and to_address = '" + email + "'");
    assertTrue(subject.contains("new contact person"), subject);
    assertTrue(text("select body_text from mail_outbox where kind = 'BOOKING_HANDED_OFF' and to_address = '" + email + "'")
        .contains("The interview is now held by Julia Moser-Told"));
    // Handing it to whoever has it already changes nothing.
    assertEquals(409, evaC.post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", julia)).status());
    assertEquals(1, app.count("select count(*) from booking_handoff where booking_id = " + k));
  }

  @Test
  void onlyTheBoothsOwnEmployerHandsOverAndOnlyToTheBoothsStaff() {
    long julia = colleague("Julia Auth");
    long booth = booth(julia);
    long k = fx.booking(booth, jobseeker("auth"), Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS), 30);
    long donau = fx.accountId("employer2@demo.test");
    long notStaffing = colleague("Nina Nichtdabei");
    TestClient other = app.as("employer2@demo.test");
    TestClient.Response refused = other.post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", donau));
    assertEquals(404, refused.status(), refused.body());
    assertEquals(404, other.get("/api/bookings/" + k + "/handoffs").status());
    int invite = other.post("/api/bookings/" + k + "/meeting/invite", new JsonObject().put("colleague", donau)).status();
    assertTrue(invite == 403 || invite == 404, "another employer cannot ask anyone into the call: " + invite);
    assertEquals(0, app.count("select count(*) from meeting_invite where booking_id = " + k));
    TestClient evaC = app.as("employer@demo.test");
    TestClient.Response foreign = evaC.post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", donau));
    assertEquals(400, foreign.status());
    assertEquals("handoff_not_staff", foreign.json().getString("error"));
    assertEquals(400, evaC.post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", notStaffing)).status());
    TestClient.Response missing = evaC.post("/api/bookings/" + k + "/handoff", new JsonObject());
    assertEquals(400, missing.status());
    assertEquals("handoff_colleague_required", missing.json().getString("error"));
    assertEquals(403, app.as("seeker@demo.test").post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", julia)).status());
    assertEquals(0, app.count("select count(*) from booking_handoff where booking_id = " + k));
    assertEquals(0, app.count("select count(*) from booking where interviewer_id is not null and id = " + k));
  }

  @Test
  void aColleagueAskedIntoTheCallJoinsTheRoomThePersonSeesThemAndTheEvidenceListsBoth() throws Exception {
    long paul = colleague("Paul Pichler");
    long julia = colleague("Ida Imhof");
    long booth = booth(paul, julia);
    long person = jobseeker("call");
    long k = fx.booking(booth, person, Instant.now().minus(Duration.ofMinutes(3)), 30);
    TestClient handing = app.as("employer@demo.test");
    TestClient.Response handed = handing.post("/api/bookings/" + k + "/handoff", new JsonObject().put("colleague", paul));
    assertEquals(200, handed.status(), handed.body());
    TestClient evaC = app.as(emailOf(paul));
    TestClient seeker = app.client();
    assertEquals(200, seeker.signIn(fx.email(person), Fixtures.PASSWORD).status());
    TestClient juliaC = app.as(emailOf(julia));
    try (Peer host = new Peer(evaC, k); Peer guest = new Peer(seeker, k)) {
      assertTrue(host.next("welcome").getBoolean("inCall"));
      guest.next("welcome");
      assertEquals(200, evaC.post("/api/bookings/" + k + "/meeting/admit", "").status());
      guest.next("admitted");

      // The colleague's open schedule (the booth's staff topic) hears of the invitation at once.
      BlockingQueue<JsonObject> heard = new LinkedBlockingQueue<>();
      WebSocket live = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live")
          .addHeader("Cookie", "jobfair.session=" + juliaC.cookie("jobfair.session"))).await(10, TimeUnit.SECONDS);
      live.textMessageHandler(t -> heard.add(new JsonObject(t)));
      live.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("booth-staff:" + booth)).encode());
      assertEquals(new JsonArray().add("booth-staff:" + booth), heard.poll(5, TimeUnit.SECONDS).getJsonArray("topics"));

      TestClient.Response invited = evaC.post("/api/bookings/" + k + "/meeting/invite", new JsonObject().put("colleague", julia));
      assertEquals(201, invited.status(), invited.body());
      JsonObject invitation = null;
      for (JsonObject m = heard.poll(5, TimeUnit.SECONDS); m != null && invitation == null; m = invitation == null ? heard.poll(5, TimeUnit.SECONDS) : null) {
        if ("INVITE".equals(m.getString("kind"))) invitation = m;
      }
      assertNotNull(invitation, "the invitation arrives live");
      assertEquals(julia, invitation.getLong("invitee"));
      live.close();
      // The colleague sees the invitation on the booth's schedule, and enters as the host does: in the call, moderator.
      String schedule = juliaC.get("/booths/" + booth + "/schedule").body();
      assertTrue(schedule.contains("Paul Pichler holt Sie ins Gespräch"), "the invitation is on the colleague's schedule");
      assertTrue(schedule.contains("href=\"/meetings/" + k + "\""));
      try (Peer colleague = new Peer(juliaC, k)) {
        JsonObject welcome = colleague.next("welcome");
        assertTrue(welcome.getBoolean("inCall"), welcome.encode());
        assertTrue(welcome.getBoolean("moderator"));
        JsonObject joined = guest.next("joined");
        assertEquals("Ida Imhof (Hotel Alpenblick GmbH)", joined.getJsonObject("peer").getString("name"), "the person sees who joined");
        waitFor(() -> app.count("select count(*) from meeting_event where kind = 'JOIN' and role = 'EMPLOYER' and booking_id = " + k) == 2);
      }
    }
    JsonObject evidence = evaC.get("/api/bookings/" + k + "/handoffs").json();
    List<String> inCall = evidence.getJsonArray("staffInCall").stream().map(o -> ((JsonObject) o).getString("name")).toList();
    assertEquals(List.of("Paul Pichler", "Ida Imhof"), inCall);
    JsonObject recorded = evidence.getJsonArray("invitations").getJsonObject(0);
    assertEquals("Ida Imhof", recorded.getString("inviteeName"));
    assertEquals("Paul Pichler", recorded.getString("byName"));
    JsonObject handoff = evidence.getJsonArray("handoffs").getJsonObject(0);
    assertEquals("Paul Pichler", handoff.getString("toName"));
    assertEquals("Eva Huber", handoff.getString("byName"));
    assertEquals(1, app.count("select count(*) from audit_log where event = 'MEETING_INVITE' and subject = 'booking:" + k + "'"));
    // Asking oneself in, or someone of another employer, is refused.
    assertEquals(400, evaC.post("/api/bookings/" + k + "/meeting/invite", new JsonObject().put("colleague", paul)).status());
    assertEquals(400, evaC.post("/api/bookings/" + k + "/meeting/invite",
        new JsonObject().put("colleague", fx.accountId("employer2@demo.test"))).status());
  }

  /** One participant's signalling socket. */
  static final class Peer implements AutoCloseable {
    final BlockingQueue<JsonObject> in = new LinkedBlockingQueue<>();
    final List<JsonObject> skipped = new ArrayList<>();
    final io.vertx.core.http.ClientWebSocket socket;

    Peer(TestClient who, long booking) throws Exception {
      // The handler before the connection: the server greets at once.
      socket = ws.webSocket();
      socket.textMessageHandler(t -> in.add(new JsonObject(t)));
      socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port())
          .setURI("/meetings/" + booking + "/signal").addHeader("Cookie", "jobfair.session=" + who.cookie("jobfair.session")))
          .await(10, TimeUnit.SECONDS);
    }

    /** The next message of a type; others are kept for later asks. */
    JsonObject next(String type) throws InterruptedException {
      for (var it = skipped.iterator(); it.hasNext(); ) {
        JsonObject m = it.next();
        if (type.equals(m.getString("type"))) {
          it.remove();
          return m;
        }
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < until) {
        JsonObject m = in.poll(200, TimeUnit.MILLISECONDS);
        if (m == null) continue;
        if (type.equals(m.getString("type"))) return m;
        skipped.add(m);
      }
      throw new AssertionError("no " + type + " (had " + skipped + ")");
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  static String text(String sql) {
    try (Connection c = app.jdbc(); PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Long[]> rows(String sql) {
    try (Connection c = app.jdbc(); PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
      List<Long[]> out = new ArrayList<>();
      while (rs.next()) out.add(new Long[] {(Long) rs.getObject(1), (Long) rs.getObject(2)});
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
