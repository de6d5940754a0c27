package at.jobfair.cluster;

import at.jobfair.support.InBrowser;
import at.jobfair.AppRouter;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.Nodes;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestClient;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three application processes on one PostgreSQL behind a real HAProxy (round-robin, no stickiness): any node serves
 * anyone, a change made through one node is heard on another, and a node that dies or is redeployed loses nothing.
 */
class ThreeNodesTest {

  @RegisterExtension
  // A short drain keeps the rolling restart quick; the balancer needs about a second to take a node out.
  static final Nodes NODES = Nodes.of(3, Map.of("shutdown.readyDelaySeconds", 2, "shutdown.drainSeconds", 5));

  static final Instant START = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
  static Fixtures fx;
  static Vertx vertx;
  /** Held for the class: Vert.x closes a client nothing refers to any more, connections and all. */
  static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    fx = new Fixtures(NODES);
    vertx = Vertx.vertx();
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void signedInOnceThroughTheBalancerThirtyRequestsInARowAreServedByAllThreeNodesAndStaySignedIn() {
    TestClient person = NODES.client().signedIn("seeker@demo.test");
    Set<String> servedBy = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      TestClient.Response me = person.get("/api/me");
      assertEquals(200, me.status(), "request " + i + ": " + me.body());
      assertEquals("seeker@demo.test", me.json().getString("email"));
      servedBy.add(me.header(AppRouter.NODE_HEADER));
    }
    assertEquals(Set.of(NODES.idOf(0), NODES.idOf(1), NODES.idOf(2)), servedBy);
  }

  @Test
  void aBookingThroughNodeAAppearsLiveOnASocketConnectedToNodeB() throws Exception {
    long booth = fx.booth(fx.fair("Live im Cluster", true, 0), fx.employer("Cluster GmbH"));
    long slot = fx.slots(booth, START, 1, Duration.ofMinutes(30), 1).get(0);
    BlockingQueue<JsonObject> heard = new LinkedBlockingQueue<>();
    WebSocket socket = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(NODES.node(1).port()).setURI("/live")).await(10, TimeUnit.SECONDS);
    try {
      socket.textMessageHandler(t -> heard.add(new JsonObject(t)));
      socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("booth:" + booth)).encode());
      JsonObject subscribed = heard.poll(10, TimeUnit.SECONDS);
      assertNotNull(subscribed, "node B answers the subscription");
      assertEquals(new JsonArray().add("booth:" + booth), subscribed.getJsonArray("topics"), subscribed.encode());

      RawSession person = RawSession.signIn(NODES.node(0).baseUrl(), fx.jobseekers("live-cluster", 1).get(0), Fixtures.PASSWORD);
      TestClient.Response booked = person.post("/api/slots/" + slot + "/bookings", "");
      assertEquals(201, booked.status(), booked.body());
      assertEquals(NODES.idOf(0), booked.header(AppRouter.NODE_HEADER), "booked through node A");

      JsonObject taken = heard.poll(10, TimeUnit.SECONDS);
      assertNotNull(taken, "the booking reaches the socket on node B");
      assertEquals("slot", taken.getString("type"), taken.encode());
      assertEquals(slot, taken.getLong("slot"));
      assertEquals(0, taken.getInteger("free"));
    } finally {
      socket.close();
    }
  }

  /** What one attempt of a burst came back with: a status and the node that answered, or the error the client saw. */
  record Attempt(int status, String node, String body, String error, boolean afterKill) {
    boolean answered() {
      return error == null;
    }
  }

  @Test
  void killingANodeDuringABurstOfThreeHundredBookingsLosesNoConfirmedBookingAndSignsNobodyOut() throws Exception {
    long booth = fx.booth(fx.fair("Ausfall", true, 0), fx.employer("Ausfall GmbH"));
    List<Long> slots = fx.slots(booth, START.plus(Duration.ofDays(1)), 60, Duration.ofMinutes(20), 2);
    List<String> emails = fx.jobseekers("burst", 300);
    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      List<RawSession> people = all(pool, emails.stream().map(e -> (Callable<RawSession>) () ->
          RawSession.signIn(NODES.baseUrl(), e, Fixtures.PASSWORD)).toList());
      String victim = NODES.idOf(1);
      AtomicInteger done = new AtomicInteger();
      AtomicInteger killedAt = new AtomicInteger(-1);
      List<Callable<Attempt>> attempts = new ArrayList<>();
      for (int i = 0; i < people.size(); i++) {
        RawSession p = people.get(i);
        long slot = slots.get(i % slots.size());
        attempts.add(() -> {
          Attempt a;
          try {
            TestClient.Response r = p.post("/api/slots/" + slot + "/bookings", "");
            a = new Attempt(r.status(), r.header(AppRouter.NODE_HEADER), r.body(), null, killedAt.get() >= 0);
          } catch (RuntimeException e) {
            a = new Attempt(-1, null, null, e.toString(), killedAt.get() >= 0);
          }
          // A third of the way through the burst, node B dies without a chance to finish anything.
          if (done.incrementAndGet() == 100) {
            NODES.kill(1);
            killedAt.set(done.get());
          }
          return a;
        });
      }
      List<Attempt> results = all(pool, attempts);
      assertTrue(killedAt.get() > 0, "the node was killed during the burst");

      List<Long> confirmed = results.stream().filter(a -> a.status() == 201).map(a -> new JsonObject(a.body()).getLong("id")).toList();
      List<Attempt> failed = results.stream().filter(a -> a.status() != 201 && a.status() != 409).toList();
      String summary = results.stream().collect(Collectors.groupingBy(a -> a.answered() ? String.valueOf(a.status()) : "connection error",
          Collectors.counting())) + ", failed for example: " + failed.stream().limit(3).toList();
      System.out.println("burst with a node killed: " + summary);
      // Failures are the dead node's: connection errors, or HAProxy's 502/503 for requests it could not place. Never a 5xx of the product.
      for (Attempt a : failed) {
        assertTrue(!a.answered() || a.status() == 502 || a.status() == 503, "only the dead node's failures: " + summary);
      }
      for (Attempt a : results) {
        if (a.status() == 409) assertTrue(a.body().contains("\"error\""), "a refusal says why: " + a);
      }
      assertTrue(confirmed.size() > 0, summary);
      String ids = confirmed.stream().map(String::valueOf).collect(Collectors.joining(","));
      assertEquals(confirmed.size(), NODES.count("select count(*) from booking where status = 'ACTIVE' and booth_id = " + booth
          + " and id in (" + ids + ")"), "every 201 is in the database: " + summary);
      assertTrue(NODES.count("select count(*) from booking where booth_id = " + booth) <= 120, "no more bookings than seats");
      assertEquals(0, NODES.count("select count(*) from slot s where booth_id = " + booth
          + " and booked <> (select count(*) from booking b where b.slot_id = s.id and b.status = 'ACTIVE')"), "counter = bookings");

      Set<String> servedAfterKill = results.stream().filter(a -> a.afterKill() && a.answered() && a.status() < 500)
          .map(Attempt::node).collect(Collectors.toSet());
      assertEquals(Set.of(NODES.idOf(0), NODES.idOf(2)), servedAfterKill, "the other two nodes kept serving: " + summary);
      assertTrue(!servedAfterKill.contains(victim));

      List<TestClient.Response> me = all(pool, people.stream().map(p -> (Callable<TestClient.Response>) () -> p.get("/api/me")).toList());
      List<Integer> statuses = me.stream().map(TestClient.Response::status).toList();
      assertEquals(300, statuses.stream().filter(s -> s == 200).count(), "nobody is signed out: " + statuses);
    } finally {
      pool.shutdownNow();
      if (!NODES.node(1).alive()) NODES.restart(1);
    }
  }

  /** A remote video of the page plays real pictures in a figure made after the last {@link #MARK_OLD}. */
  static final String REMOTE_PLAYS = "() => { const f = document.querySelector('#remotes figure:not([data-old])');"
      + " const v = f && f.querySelector('video');"
      + " return !!v && v.videoWidth > 0 && v.videoHeight > 0 && !v.paused && v.readyState >= 2"
      + " && v.getVideoPlaybackQuality().totalVideoFrames > 0; }";

  static final String MARK_OLD = "() => document.querySelectorAll('#remotes figure').forEach(f => f.dataset.old = '1')";

  static String remotePeer(Page page) {
    return (String) page.evaluate("() => document.querySelector('#remotes figure:not([data-old])').dataset.peer");
  }

  /** Which node holds the socket of the booking's jobseeker (or else the staff's): its peer row names the node; -1 if none. */
  static int nodeOfPeer(long booking, boolean jobseeker) {
    for (int i = 0; i < NODES.size(); i++) {
      if (NODES.node(i).alive() && NODES.count("select count(*) from meeting_peer where booking_id = " + booking
          + " and (role = 'JOBSEEKER') = " + jobseeker + " and node_id = '" + NODES.idOf(i) + "'") == 1) return i;
    }
    return -1;
  }

  @Test
  @InBrowser
  void whenTheJobseekersNodeIsKilledDuringAVideoInterviewThePageReconnectsThroughTheBalancerAndTheCallResumes() throws Exception {
    long employer = NODES.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long booth = fx.booth(fx.fair("Video-Börse im Cluster", true, 0), employer);
    String email = fx.jobseekers("cluster-video", 1).get(0);
    long booking = fx.booking(booth, fx.accountId(email), Instant.now().minus(Duration.ofMinutes(1)), 30);
    int victim = -1;
    try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright);
         BrowserContext seekerCtx = Browsers.context(browser); BrowserContext employerCtx = Browsers.context(browser)) {
      Page seeker = Browsers.signIn(seekerCtx, NODES.baseUrl(), email, Fixtures.PASSWORD);
      seeker.navigate(NODES.baseUrl() + "/meetings/" + booking);
      seeker.waitForSelector("#meeting[data-state='waiting']");
      waitFor(() -> nodeOfPeer(booking, true) >= 0);
      victim = nodeOfPeer(booking, true);
      int other = (victim + 1) % NODES.size();

      // The employer straight on another node: the two sockets are on different nodes.
      Page staff = Browsers.signIn(employerCtx, NODES.node(other).baseUrl(), "employer@demo.test", "demo");
      staff.navigate(NODES.node(other).baseUrl() + "/meetings/" + booking);
      staff.waitForSelector("#lobby-list li.waiting");
      staff.locator("#lobby-list button.admit").click();
      Page.WaitForFunctionOptions patient = new Page.WaitForFunctionOptions().setTimeout(45_000);
      seeker.waitForFunction(REMOTE_PLAYS, null, patient);
      staff.waitForFunction(REMOTE_PLAYS, null, patient);
      assertEquals(other, nodeOfPeer(booking, false), "the employer's socket is on the other node");
      String seekerBefore = remotePeer(staff);
      String employerBefore = remotePeer(seeker);

      seeker.evaluate(MARK_OLD);
      staff.evaluate(MARK_OLD);
      long died = System.nanoTime();
      NODES.kill(victim);

      // New peer connections on both sides (the old ones died with the node), playing.
      seeker.waitForFunction(REMOTE_PLAYS, null, patient);
      staff.waitForFunction(REMOTE_PLAYS, null, patient);
      System.out.printf("the interview resumed %d ms after the jobseeker's node was killed%n", (System.nanoTime() - died) / 1_000_000);
      assertNotEquals(seekerBefore, remotePeer(staff), "the employer sees the jobseeker's new connection");
      assertEquals(employerBefore, remotePeer(seeker), "the employer's socket never moved");
      assertEquals("in-call", seeker.locator("#meeting").getAttribute("data-state"));
      int now = nodeOfPeer(booking, true);
      assertTrue(now >= 0 && now != victim, "the jobseeker now through a surviving node, not " + NODES.node(victim).name());
    } finally {
      if (victim >= 0 && !NODES.node(victim).alive()) NODES.restart(victim);
    }
  }

  /** What a client of the rolling restart saw for one request. */
  record Seen(String request, int status, String node, String detail) {
  }

  @Test
  void aRollingRestartOfAllThreeNodesUnderLightLoadFailsNoRequest() throws Exception {
    long fair = fx.fair("Neustart", true, 0);
    List<Long> slots = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long booth = fx.booth(fair, fx.employer("Neustart " + i));
      slots.add(fx.slots(booth, START.plus(Duration.ofDays(2)).plus(Duration.ofHours(i)), 1, Duration.ofMinutes(30), 4).get(0));
    }
    List<String> emails = fx.jobseekers("rolling", 4);
    List<List<Seen>> seen = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(emails.size());
    List<Future<?>> loops = new ArrayList<>();
    for (String email : emails) {
      List<Seen> mine = java.util.Collections.synchronizedList(new ArrayList<>());
      seen.add(mine);
      TestClient person = NODES.client();
      assertEquals(200, person.signIn(email, Fixtures.PASSWORD).status());
      loops.add(clients.submit(() -> {
        int n = 0;
        int booked = 0;
        while (running.get()) {
          n++;
          // Mostly idempotent reads, and now and then a booking (each at a booth of its own, so each may succeed).
          String request = n % 25 == 0 && booked < slots.size() ? "POST /api/slots/" + slots.get(booked++) + "/bookings"
              : n % 2 == 0 ? "GET /api/me" : "GET /fairs";
          try {
            String path = request.substring(request.indexOf(' ') + 1);
            TestClient.Response r = request.startsWith("POST") ? person.post(path, "") : person.get(path);
            mine.add(new Seen(request, r.status(), r.header(AppRouter.NODE_HEADER), r.status() == 201 ? String.valueOf(r.json().getValue("id")) : null));
          } catch (RuntimeException e) {
            mine.add(new Seen(request, -1, null, e.toString()));
          }
          Thread.sleep(20);
        }
        return null;
      }));
    }
    try {
      Thread.sleep(1_000);
      for (int i = 0; i < NODES.size(); i++) {
        NODES.stop(i, Duration.ofSeconds(60));
        NODES.restart(i);
      }
      Thread.sleep(1_000);
    } finally {
      running.set(false);
      for (Future<?> loop : loops) loop.get(60, TimeUnit.SECONDS);
      clients.shutdown();
    }

    List<Seen> all = seen.stream().flatMap(List::stream).toList();
    List<Seen> failed = all.stream().filter(x -> x.status() != (x.request().startsWith("POST") ? 201 : 200)).toList();
    String summary = all.size() + " requests, " + all.stream().filter(x -> x.request().startsWith("POST")).count() + " of them bookings; "
        + failed.size() + " failed, for example " + failed.stream().limit(5).toList();
    System.out.println("rolling restart: " + summary);
    assertTrue(all.size() > 200, summary);
    assertEquals(List.of(), failed, summary);
    String ids = all.stream().filter(x -> x.status() == 201).map(Seen::detail).collect(Collectors.joining(","));
    assertEquals(all.stream().filter(x -> x.status() == 201).count(),
        NODES.count("select count(*) from booking where status = 'ACTIVE' and id in (" + ids + ")"), "every booking is kept");
    Set<String> servedBy = all.stream().map(Seen::node).collect(Collectors.toSet());
    for (int i = 0; i < NODES.size(); i++) assertTrue(servedBy.contains(NODES.idOf(i)), "the restarted " + NODES.node(i).name() + " serves");
  }

  static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> t : tasks) futures.add(pool.submit(t));
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) out.add(f.get(120, TimeUnit.SECONDS));
    return out;
  }
}
