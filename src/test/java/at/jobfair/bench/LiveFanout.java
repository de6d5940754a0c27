package at.jobfair.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live fan-out: the product started as its own process (demo data, embedded PostgreSQL), N WebSocket clients on
 * loopback — jobseekers watching a booth page and staff watching the fair's board — then bookings committed
 * straight into PostgreSQL. Measures connect time, the server's memory, and for each booking the time from its
 * commit to its arrival at the last subscriber. Run it with {@code bench/live-fanout.sh}.
 */
public final class LiveFanout {

  public static void main(String[] args) throws Exception {
    int clients = Integer.getInteger("clients", 10_000);
    int staff = Integer.getInteger("staff", 100);
    int events = Integer.getInteger("events", 60);
    // -Dnodes=2: that many nodes clustered on one PostgreSQL behind HAProxy (round-robin: the sockets spread over them)
    int nodeCount = Integer.getInteger("nodes", 1);
    int idleSeconds = Integer.getInteger("idleSeconds", 10);

    Path dir = Files.createTempDirectory("jobfair-fanout");
    BenchNodes server = BenchNodes.start(dir, nodeCount, new java.util.HashMap<>(Map.of("demo", true)));
    int port = server.port();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      long rssBefore = rssKiB(server);
      // What the node(s) spend with nobody connected (background jobs, the cluster's heartbeats), to compare below.
      long cpuEmpty0 = cpuMillis(server);
      Thread.sleep(idleSeconds * 1000L);
      long cpuEmpty = cpuMillis(server) - cpuEmpty0;
      long cpuStart = cpuMillis(server);
      String staffCookie = signIn(vertx, port, "organizer@demo.test");
      long booth;
      long fair;
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null);
           Statement st = c.createStatement(); var rs = st.executeQuery("select min(id), min(fair_id) from booth")) {
        rs.next();
        booth = rs.getLong(1);
        fair = rs.getLong(2);
      }

      System.out.printf("Connecting %,d WebSockets (%,d staff on the fair's board) …%n", clients, staff);
      WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10));
      List<WebSocket> sockets = new ArrayList<>();
      AtomicInteger expectedSlot = new AtomicInteger(-1);
      AtomicInteger arrivals = new AtomicInteger();
      AtomicLong lastArrival = new AtomicLong();
      CountDownLatch subscribed = new CountDownLatch(clients);
      long t0 = System.nanoTime();
      for (int i = 0; i < clients; i++) {
        boolean isStaff = i < staff;
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/live");
        if (isStaff) o.addHeader("Cookie", staffCookie);
        String topic = isStaff ? "fair-staff:" + fair : "booth:" + booth;
        WebSocket ws = wsClient.connect(o).await(30, TimeUnit.SECONDS);
        ws.textMessageHandler(text -> {
          if (text.startsWith("{\"type\":\"subscribed\"")) {
            subscribed.countDown();
          } else if (text.contains("\"slot\":" + expectedSlot.get() + ",")) {
            lastArrival.accumulateAndGet(System.nanoTime(), Math::max);
            arrivals.incrementAndGet();
          }
        });
        ws.writeTextMessage(new JsonObject().put("subscribe", new io.vertx.core.json.JsonArray().add(topic)).encode());
        sockets.add(ws);
      }
      if (!subscribed.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("not all sockets subscribed");
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      long cpuConnected = cpuMillis(server);
      Thread.sleep(2000);
      long rssAfter = rssKiB(server);
      // What the connected people cost while nothing happens (the sockets stay open, nobody is told anything).
      long cpuIdle0 = cpuMillis(server);
      Thread.sleep(idleSeconds * 1000L);
      long cpuIdle = cpuMillis(server) - cpuIdle0;

      System.out.printf("Committing %d seat changes and timing their arrival …%n", events);
      long[] latencies = new long[events];
      long cpuEvents0;
      int[] reached = new int[events];
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null);
           Statement st = c.createStatement()) {
        long person;
        try (var rs = st.executeQuery("select id from account where email = 'seeker@demo.test'")) {
          rs.next();
          person = rs.getLong(1);
        }
        long slot;
        try (var rs = st.executeQuery("select min(id) from slot where booked = 0 and removed_at is null and booth_id = " + booth)) {
          rs.next();
          slot = rs.getLong(1);
        }
        expectedSlot.set((int) slot);
        cpuEvents0 = cpuMillis(server);
        for (int e = 0; e < events; e++) {
          // Book the slot, then free it again: each commit changes its free seats and is announced.
          arrivals.set(0);
          lastArrival.set(0);
          String sql = e % 2 == 0
              ? "insert into booking (slot_id, booth_id, jobseeker_id, during) select id, booth_id, " + person
                  + ", tstzrange(starts_at, ends_at) from slot where id = " + slot
              : "update booking set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'SYSTEM' where slot_id = " + slot
                  + " and status = 'ACTIVE'";
          st.execute(sql);
          long committed = System.nanoTime();
          long deadline = committed + TimeUnit.SECONDS.toNanos(10);
          while (arrivals.get() < clients && System.nanoTime() < deadline) Thread.sleep(1);
          reached[e] = arrivals.get();
          latencies[e] = lastArrival.get() - committed;
          Thread.sleep(100);
        }
      }
      long cpuEvents = cpuMillis(server) - cpuEvents0;
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int minReached = Arrays.stream(reached).min().orElse(0);
      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("|---|---|");
      System.out.printf("| WebSocket clients | %,d (%,d jobseekers on one booth page, %,d staff on the fair's board) |%n", clients, clients - staff, staff);
      System.out.printf("| connect and subscribe, all | %.1f s (%,.0f per second) |%n", connectSeconds, clients / connectSeconds);
      System.out.printf("| server memory (resident) | %,d MiB before, %,d MiB with all connected (+%.1f KiB per socket) |%n",
          rssBefore / 1024, rssAfter / 1024, (rssAfter - rssBefore) / (double) clients);
      System.out.printf("| seat changes committed | %d, each reaching %,d of %,d subscribers at least |%n", events, minReached, clients);
      System.out.printf("| commit → last subscriber p50 / p99 / max | %.0f ms / %.0f ms / %.0f ms |%n",
          pct(sorted, 0.50), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
      double thousands = clients / 1000.0;
      System.out.printf("| per 1,000 connected people%s | %.1f MiB resident; connecting them %.0f ms CPU; connected and idle %.1f ms CPU per second (%.1f ms/s with nobody connected, for all); each change told to them %.1f ms CPU |%n",
          nodeCount > 1 ? " (all nodes" + (server.haproxyPid() > 0 ? " and HAProxy" : "") + ")" : "",
          (rssAfter - rssBefore) / 1024.0 / thousands, (cpuConnected - cpuStart) / thousands,
          cpuIdle / (double) idleSeconds / thousands, cpuEmpty / (double) idleSeconds, cpuEvents / (double) events / thousands);
      if (nodeCount > 1) System.out.printf("| nodes | %d clustered behind HAProxy (round-robin), one PostgreSQL |%n", nodeCount);
      sockets.forEach(WebSocket::close);
    } finally {
      vertx.close();
      server.close();
    }
  }

  private static double pct(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static String signIn(Vertx vertx, int port, String email) {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/session").putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(new JsonObject().put("email", email).put("password", "demo").encode()))
        .compose(resp -> resp.body().map(b -> resp.cookies().stream().map(c -> c.split(";", 2)[0])
            .filter(c -> c.startsWith("jobfair.session=")).findFirst().orElseThrow()))
        .await();
  }

  /** Resident memory of all the nodes and HAProxy (if any), in KiB. */
  private static long rssKiB(BenchNodes nodes) throws Exception {
    long sum = nodes.haproxyPid() > 0 ? rssKiB(nodes.haproxyPid()) : 0;
    for (long pid : nodes.pids()) sum += rssKiB(pid);
    return sum;
  }

  /** CPU time of all the nodes and HAProxy (if any) so far, in milliseconds. */
  private static long cpuMillis(BenchNodes nodes) {
    long sum = nodes.haproxyPid() > 0 ? BookingStorm.cpuMillis(nodes.haproxyPid()) : 0;
    for (long pid : nodes.pids()) sum += BookingStorm.cpuMillis(pid);
    return sum;
  }

  private static long rssKiB(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
    }
    return -1;
  }
}
