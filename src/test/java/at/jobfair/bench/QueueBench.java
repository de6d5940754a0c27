package at.jobfair.bench;

import at.jobfair.account.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The walk-up queue under a fair's load: the product as its own process (embedded PostgreSQL), {@code people}
 * signed-in jobseekers with a live socket each (their own topic and their booth's queue, as /me/queue opens them),
 * who join the queues of {@code booths} booths (an even share each) through the API; then each booth's representative
 * presses "next" at a steady pace until its queue is empty. For every "next", the time until each waiting person's
 * socket shows their new position (the first queue message without the called ticket), and until the called person
 * hears the call. Run it with {@code bench/queue.sh}.
 */
public final class QueueBench {

  /** One press of "next" at a booth: the ticket it will take (the smallest waiting; nobody is absent here). */
  static final class Press {
    final int ticket;
    volatile long sent;
    volatile long answered;
    final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    volatile long called;

    Press(int ticket) {
      this.ticket = ticket;
    }
  }

  /** A booth: its representative's session, its presses in order. */
  static final class Booth {
    final long id;
    String cookie;
    String token;
    final List<Press> presses = new CopyOnWriteArrayList<>();
    final List<Integer> tickets = new CopyOnWriteArrayList<>();

    Booth(long id) {
      this.id = id;
    }
  }

  /** A waiting person: their socket, booth, ticket, and how far through the booth's presses they have heard. */
  static final class Person {
    final long id;
    final String email;
    Booth booth;
    String cookie;
    String token;
    volatile int ticket = -1;
    int heard;
    final AtomicInteger wrong = new AtomicInteger();

    Person(long id, String email) {
      this.id = id;
      this.email = email;
    }
  }

  public static void main(String[] args) throws Exception {
    int people = Integer.getInteger("people", 2_000);
    int boothCount = Integer.getInteger("booths", 20);
    int nextEveryMs = Integer.getInteger("nextEveryMs", 1_000);
    int hereEverySeconds = Integer.getInteger("hereEverySeconds", 30);

    Path dir = Files.createTempDirectory("jobfair-queue-bench");
    System.out.printf("Starting the application as its own process (embedded PostgreSQL in %s)%n", dir);
    Map<String, Object> config = new HashMap<>(Map.of("http.instances", 2, "demo", false, "db.poolSize", 32,
        "auth.argon2MemoryKiB", 1024, "auth.argon2Iterations", 1, "auth.signInMaxFailures", 1000,
        "limits.signInsPerMinute", 1_000_000, "limits.websocketsPerAddress", 100_000));
    config.put("queue.absentAfterSeconds", Math.max(15, 4 * hereEverySeconds));
    BenchNodes server = BenchNodes.start(dir, 1, config);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      List<Booth> booths = new ArrayList<>();
      List<Person> persons = new ArrayList<>();
      seed(server.jdbcUrl(), people, boothCount, booths, persons);
      int port = server.port();
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(64));

      System.out.printf("Signing in %,d jobseekers and %d booth representatives …%n", people, boothCount);
      run(boothCount, 16, i -> signIn(http, "rep-" + i + "@bench.test").map(s -> {
        booths.get(i).cookie = s[0];
        booths.get(i).token = s[1];
        return null;
      })).await();
      run(people, 64, i -> signIn(http, persons.get(i).email).map(s -> {
        persons.get(i).cookie = s[0];
        persons.get(i).token = s[1];
        return null;
      })).await();
      for (Booth b : booths) {
        int status = send(http, HttpMethod.PUT, "/api/booths/" + b.id + "/queue", b.cookie, b.token, new JsonObject().put("open", true))
            .map(r -> r.status).await();
        if (status != 200) throw new IllegalStateException("opening the queue failed: " + status);
      }

      System.out.printf("Connecting %,d live sockets (their own topic and their booth's queue) …%n", people);
      WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(people + 10));
      CountDownLatch subscribed = new CountDownLatch(people);
      AtomicLong lateOrLost = new AtomicLong();
      List<WebSocket> sockets = new CopyOnWriteArrayList<>();
      run(people, 64, i -> {
        Person p = persons.get(i);
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/live")
            .addHeader("Cookie", p.cookie);
        return ws.connect(o).map(socket -> {
          sockets.add(socket);
          socket.textMessageHandler(text -> onMessage(p, text, subscribed));
          socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("queue:" + p.booth.id).add("user:" + p.id)).encode());
          return null;
        });
      }).await();
      if (!subscribed.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("not all sockets subscribed");

      // "Still here" from every page, spread over the interval, from the start (a silent place is passed over).
      AtomicInteger heres = new AtomicInteger();
      long hereTimer = vertx.setPeriodic(Math.max(1, hereEverySeconds * 1000L / Math.max(1, people)), id -> {
        Person p = persons.get(heres.getAndIncrement() % people);
        if (p.ticket < 0) return;
        send(http, HttpMethod.POST, "/api/me/queue/here", p.cookie, p.token, null);
      });
      System.out.printf("%,d people join the queues of %d booths, 64 at a time …%n", people, boothCount);
      long[] joins = new long[people];
      long j0 = System.nanoTime();
      run(people, 64, i -> {
        Person p = persons.get(i);
        long t = System.nanoTime();
        return send(http, HttpMethod.POST, "/api/booths/" + p.booth.id + "/queue", p.cookie, p.token, null).map(r -> {
          if (r.status != 201) throw new IllegalStateException("join failed: " + r.status + " " + r.body);
          joins[i] = System.nanoTime() - t;
          p.ticket = r.body.getInteger("ticket");
          p.booth.tickets.add(p.ticket);
          return null;
        });
      }).await();
      double joinSeconds = (System.nanoTime() - j0) / 1e9;
      for (Booth b : booths) {
        List<Integer> sorted = new ArrayList<>(b.tickets);
        sorted.sort(Integer::compare);
        for (int t : sorted) b.presses.add(new Press(t));
      }
      Thread.sleep(2000);


      System.out.printf("Each booth's representative presses next every %d ms until its queue is empty …%n", nextEveryMs);
      List<Future<Void>> loops = new ArrayList<>();
      long n0 = System.nanoTime();
      AtomicInteger refusedNext = new AtomicInteger();
      for (int b = 0; b < booths.size(); b++) {
        Booth booth = booths.get(b);
        long offset = (long) b * nextEveryMs / booths.size();
        Promise<Void> done = Promise.promise();
        loops.add(done.future());
        vertx.setTimer(Math.max(1, offset), id -> press(vertx, http, booth, 0, System.nanoTime(), nextEveryMs, done, refusedNext));
      }
      Future.all(loops).await();
      double nextSeconds = (System.nanoTime() - n0) / 1e9;
      Thread.sleep(3000);
      vertx.cancelTimer(hereTimer);

      // Every waiting person behind a call should have heard it: count what did not arrive.
      List<Long> fromSent = new ArrayList<>();
      List<Long> fromAnswer = new ArrayList<>();
      List<Long> calls = new ArrayList<>();
      List<Long> lastPerPress = new ArrayList<>();
      List<Long> nextLatency = new ArrayList<>();
      long expected = 0;
      for (Booth b : booths) {
        for (int k = 0; k < b.presses.size(); k++) {
          Press pr = b.presses.get(k);
          expected += b.presses.size() - k - 1;
          nextLatency.add(pr.answered - pr.sent);
          long last = 0;
          for (long a : pr.arrivals) {
            fromSent.add(a - pr.sent);
            fromAnswer.add(a - pr.answered);
            last = Math.max(last, a);
          }
          if (last > 0) lastPerPress.add(last - pr.sent);
          if (pr.called > 0) calls.add(pr.called - pr.sent);
        }
      }
      long wrong = persons.stream().mapToLong(p -> p.wrong.get()).sum();
      long passed;
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select count(*) from queue_place where status = 'PASSED'")) {
        rs.next();
        passed = rs.getLong(1);
      }
      lateOrLost.set(expected - fromSent.size());
      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("|---|---|");
      System.out.printf("| people, booths | %,d signed-in jobseekers with a live socket each, %d booths (%d each) |%n", people, boothCount, people / boothCount);
      System.out.printf("| joins | %,d in %.1f s (%,.0f per second, 64 at a time); p50 / p99 %.0f / %.0f ms |%n", people, joinSeconds,
          people / joinSeconds, pct(joins, 0.5), pct(joins, 0.99));
      System.out.printf("| next | %,d presses (one representative per booth, every %d ms), %d refused; p50 / p99 %.0f / %.0f ms; %.1f s in all |%n",
          nextLatency.size(), nextEveryMs, refusedNext.get(), pct(nextLatency, 0.5), pct(nextLatency, 0.99), nextSeconds);
      System.out.printf("| position updates | %,d delivered of %,d expected (%,d missing), %d showing a wrong position; %d places passed over |%n",
          fromSent.size(), expected, lateOrLost.get(), wrong, passed);
      System.out.printf("| next → position at a waiting client, p50 / **p99** / max (from the request; upper bound of from the commit) | %.0f / **%.0f** / %.0f ms |%n",
          pct(fromSent, 0.5), pct(fromSent, 0.99), pct(fromSent, 1.0));
      System.out.printf("| the same from the 201 answer (lower bound; negative: it came first) | %.0f / %.0f / %.0f ms |%n",
          pct(fromAnswer, 0.5), pct(fromAnswer, 0.99), pct(fromAnswer, 1.0));
      System.out.printf("| next → the last waiting client of the booth, p50 / p99 | %.0f / %.0f ms |%n", pct(lastPerPress, 0.5), pct(lastPerPress, 0.99));
      System.out.printf("| next → the called person hears the call, p50 / p99 (%,d of %,d) | %.0f / %.0f ms |%n",
          calls.size(), nextLatency.size(), pct(calls, 0.5), pct(calls, 0.99));
      System.out.printf("| \"still here\" calls | %,d (each page every %d s) |%n", heres.get(), hereEverySeconds);
      sockets.forEach(WebSocket::close);
    } finally {
      vertx.close();
      server.close();
    }
  }

  /** A socket's message: the booth's queue (is a press heard? is the position right?) or the person's own call. */
  private static void onMessage(Person p, String text, CountDownLatch subscribed) {
    long now = System.nanoTime();
    JsonObject m = new JsonObject(text);
    String type = m.getString("type");
    if ("subscribed".equals(type)) {
      subscribed.countDown();
      return;
    }
    if ("queue-place".equals(type) && "CALLED".equals(m.getString("status"))) {
      for (Press pr : p.booth.presses) if (pr.ticket == p.ticket && pr.called == 0) pr.called = now;
      return;
    }
    if (!"queue".equals(type) || p.ticket < 0) return;
    JsonArray tickets = m.getJsonArray("tickets");
    List<Press> presses = p.booth.presses;
    synchronized (p) {
      while (p.heard < presses.size()) {
        Press pr = presses.get(p.heard);
        if (pr.ticket == p.ticket || tickets.contains(pr.ticket) || pr.sent == 0) break;
        pr.arrivals.add(now);
        p.heard++;
        int position = tickets.getList().indexOf(p.ticket) + 1;
        // Right: one more than the waiting tickets below one's own in the message.
        int below = 0;
        for (Object t : tickets) if (((Number) t).intValue() < p.ticket) below++;
        if (position != below + 1) p.wrong.incrementAndGet();
      }
    }
  }

  /** Presses "next" at a steady pace (the k-th press at start + k × interval, at once when late) until all are called. */
  private static void press(Vertx vertx, HttpClient http, Booth b, int k, long start, int interval, Promise<Void> done, AtomicInteger refused) {
    if (k >= b.presses.size()) {
      done.complete();
      return;
    }
    Press pr = b.presses.get(k);
    pr.sent = System.nanoTime();
    send(http, HttpMethod.POST, "/api/booths/" + b.id + "/queue/next", b.cookie, b.token, null).onComplete(ar -> {
      pr.answered = System.nanoTime();
      if (ar.failed() || ar.result().status != 201) refused.incrementAndGet();
      long due = start + (long) (k + 1) * interval * 1_000_000L;
      long wait = Math.max(1, (due - System.nanoTime()) / 1_000_000L);
      vertx.setTimer(wait, id -> press(vertx, http, b, k + 1, start, interval, done, refused));
    });
  }

  private static void seed(String jdbc, int people, int booths, List<Booth> out, List<Person> persons) throws Exception {
    String hash = new PasswordHasher(1024, 1).hash("queue");
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); Statement st = c.createStatement()) {
      st.execute("insert into employer (name) select 'Queue ' || b from generate_series(0, " + (booths - 1) + ") b");
      st.execute("insert into fair (name, format, starts_at, ends_at, status, booking_cutoff_minutes) values "
          + "('Queue', 'E_JOBMEETING', now() - interval '1 hour', now() + interval '1 day', 'PUBLISHED', 0)");
      st.execute("insert into fair_employer select f.id, e.id from fair f, employer e");
      st.execute("insert into booth (fair_id, employer_id) select fair_id, employer_id from fair_employer order by employer_id");
      st.execute("insert into account (email, name, password_hash, employer_id) select 'rep-' || (row_number() over (order by e.id) - 1) "
          + "|| '@bench.test', 'Rep ' || e.name, '" + hash + "', e.id from employer e");
      st.execute("insert into account_role select id, 'EMPLOYER' from account where email like 'rep-%'");
      st.execute("insert into account (email, name, password_hash) select 'queue-' || i || '@bench.test', 'Queue ' || i, '"
          + hash + "' from generate_series(0, " + (people - 1) + ") i");
      st.execute("insert into account_role select id, 'JOBSEEKER' from account where email like 'queue-%'");
      st.execute("insert into jobseeker (account_id) select id from account where email like 'queue-%'");
      st.execute("analyze");
      try (ResultSet rs = st.executeQuery("select id from booth order by employer_id")) {
        while (rs.next()) out.add(new Booth(rs.getLong(1)));
      }
      try (ResultSet rs = st.executeQuery("select id, email from account where email like 'queue-%' order by id")) {
        int i = 0;
        while (rs.next()) {
          Person p = new Person(rs.getLong(1), rs.getString(2));
          p.booth = out.get(i++ % booths);
          persons.add(p);
        }
      }
    }
  }

  record Answer(int status, JsonObject body) {
  }

  private static Future<Answer> send(HttpClient http, HttpMethod method, String uri, String cookie, String token, JsonObject body) {
    RequestOptions o = new RequestOptions().setMethod(method).setURI(uri).putHeader("Cookie", cookie).putHeader("X-XSRF-TOKEN", token);
    if (body != null) o.putHeader("Content-Type", "application/json");
    return http.request(o).compose(req -> body == null ? req.send() : req.send(body.encode()))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.length() > 0 && b.getByte(0) == '{' ? b.toJsonObject() : null)));
  }

  private static Future<String[]> signIn(HttpClient http, String email) {
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/session").putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(new JsonObject().put("email", email).put("password", "queue").encode()))
        .compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() != 200) throw new IllegalStateException("sign-in failed: " + resp.statusCode() + " " + b);
          String session = null, token = null;
          for (String c : resp.cookies()) {
            String pair = c.split(";", 2)[0];
            if (pair.startsWith("jobfair.session=")) session = pair;
            if (pair.startsWith("XSRF-TOKEN=")) token = pair.substring("XSRF-TOKEN=".length());
          }
          return new String[] {session + "; XSRF-TOKEN=" + token, token};
        }));
  }

  /** Runs n tasks with at most {@code parallel} under way. */
  private static Future<Void> run(int n, int parallel, java.util.function.IntFunction<Future<?>> task) {
    Promise<Void> all = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Runnable[] worker = new Runnable[1];
    worker[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= n) return;
      task.apply(i).onComplete(ar -> {
        if (ar.failed()) {
          all.tryFail(ar.cause());
          return;
        }
        if (done.incrementAndGet() == n) all.tryComplete();
        else worker[0].run();
      });
    };
    for (int w = 0; w < Math.min(parallel, n); w++) worker[0].run();
    return all.future();
  }

  private static double pct(long[] values, double q) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] / 1e6;
  }

  private static double pct(List<Long> values, double q) {
    return pct(values.stream().mapToLong(Long::longValue).toArray(), q);
  }
}
