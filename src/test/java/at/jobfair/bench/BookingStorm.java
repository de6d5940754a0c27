package at.jobfair.bench;

import at.jobfair.account.PasswordHasher;
import at.jobfair.booking.BookingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Booking storm: N signed-in jobseekers each try once to book one of S single-seat slots, C requests at a time,
 * against the real application, started as its own process ({@link ServerProcess}; or several clustered behind HAProxy, {@link BenchNodes}), on loopback and its embedded
 * PostgreSQL; the requests come from the load generator bench/storm.c. Then pgbench replays the same SQL against the
 * same PostgreSQL as the ceiling: the read that prepares a booking (with the invitation lookup and what would explain
 * a refusal), and when the seat can be had the statement that books and queues the confirmation (and the read again
 * if someone was quicker). Prints a Markdown table for docs/BENCHMARKS.md. Run it with {@code bench/booking-storm.sh}.
 */
public final class BookingStorm {

  public static void main(String[] args) throws Exception {
    int people = Integer.getInteger("people", 10_000);
    int slots = Integer.getInteger("slots", 500);
    int concurrency = Integer.getInteger("concurrency", 256);
    int pgbenchClients = Integer.getInteger("pgbenchClients", 32);
    int warmup = Integer.getInteger("warmup", 10_000);
    // -Dfresh=true: the storm against a node just started on the seeded database and reported ready, as a node is
    // in a rolling deploy (with its own warm-up as configured: -Dserver.warmup, -Dserver.warmupSeconds); no rounds of ours.
    boolean fresh = Boolean.getBoolean("fresh");
    int warmupRounds = fresh ? 0 : Integer.getInteger("warmupRounds", 40);
    String pgbench = System.getProperty("pgbench", "pgbench");

    Path dir = Files.createTempDirectory("jobfair-bench");
    System.out.printf("Starting the application as its own process (embedded PostgreSQL in %s)%n", dir);
    Map<String, Object> config = new java.util.HashMap<>(Map.of("http.instances", 2, "demo", false, "db.poolSize", pgbenchClients,
        "auth.argon2MemoryKiB", 1024, "auth.argon2Iterations", 1, "auth.signInMaxFailures", 1000,
        "limits.signInsPerMinute", 1_000_000));
    // -Dnodes=2: that many nodes clustered on one PostgreSQL behind HAProxy (round-robin); the pool is shared out over them.
    int nodeCount = Integer.getInteger("nodes", 1);
    config.put("db.poolSize", Math.max(2, pgbenchClients / nodeCount));
    BenchNodes server = BenchNodes.start(dir, nodeCount, config);
    long[] ids;
    try {
      ids = seed(server.jdbcUrl(), people, slots, Math.max(warmupRounds, 1));
    } catch (Exception e) {
      server.close();
      throw e;
    }
    if (fresh) {
      config.put("warmup.enabled", Boolean.parseBoolean(System.getProperty("server.warmup", "true")));
      config.put("warmup.seconds", Integer.getInteger("server.warmupSeconds", 120));
      System.out.printf("Starting it again on the seeded database (warm-up %s) and waiting until it is ready …%n",
          config.get("warmup.enabled"));
      long t0 = System.nanoTime();
      server.restart(Map.of("warmup.enabled", config.get("warmup.enabled"), "warmup.seconds", config.get("warmup.seconds")));
      System.out.printf("Ready after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    int port = server.port();
    Vertx client = Vertx.vertx();
    try {
      String jdbc = server.jdbcUrl();
      long firstSlot = ids[0], firstBenchSlot = ids[1], firstPerson = ids[ids.length - 1];

      HttpClient http = client.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
          .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
      System.out.printf("Signing in %,d jobseekers …%n", people);
      List<String[]> sessions = run(people, 64, i -> signIn(http, "storm-" + i + "@bench.test")).get();

      Path sessionsFile = dir.resolve("sessions.tsv");
      Files.write(sessionsFile, sessions.stream().map(x -> x[0] + "\t" + x[1]).toList());

      // The JVM compiles the booking path while it runs: warm it up on other slots first, as any JVM benchmark must.
      // Rounds of attempts until the JIT compilers are nearly idle (under 5% of the round's CPU in two rounds in a row;
      // one quiet round alone can come before another burst of recompilation) or the rounds run out.
      int rounds = 0, quiet = 0;
      long lastShare = 100;
      for (int round = 1; round <= warmupRounds; round++) {
        rounds = round;
        long compiling0 = compilerMillis(server), total0 = cpuMillis(server);
        storm(port, sessionsFile, ids[1 + round], slots, warmup, concurrency);
        long compiling = compilerMillis(server) - compiling0, total = cpuMillis(server) - total0;
        lastShare = 100 * compiling / Math.max(1, total);
        System.out.printf("Warm-up round %d: %,d booking attempts on other slots; JIT compilers %d%% of the JVM's CPU%n",
            round, warmup, lastShare);
        quiet = compiling * 20 < total ? quiet + 1 : 0;
        if (quiet == 2) break;
      }

      System.out.printf("Storm: %,d booking attempts on %,d slots, %d at a time …%n", people, slots, concurrency);
      ProcessHandle postmaster = server.postmaster();
      long[] cpu0 = {cpuMillis(server), postgresCpuMillis(postmaster), childrenCpuMillis(), compilerMillis(server), haproxyCpuMillis(server)};
      Map<String, Double> storm = storm(port, sessionsFile, firstSlot, slots, people, concurrency);

      long[] cpu1 = {cpuMillis(server), postgresCpuMillis(postmaster), childrenCpuMillis(), compilerMillis(server), haproxyCpuMillis(server)};
      long created = storm.get("created").longValue(), taken = storm.get("taken").longValue(), other = storm.get("other").longValue();
      if (storm.get("answered") != people || storm.get("errors") != 0 || storm.get("other") != 0) throw new IllegalStateException("the storm did not run whole: " + storm);
      double seconds = storm.get("seconds");
      long overbooked;
      long inconsistent;
      try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); Statement st = c.createStatement()) {
        overbooked = one(st, "select count(*) from (select slot_id from booking where status = 'ACTIVE' and slot_id between "
            + firstSlot + " and " + (firstSlot + slots - 1) + " group by slot_id having count(*) > 1) x")
            + one(st, "select count(*) from slot where booked > capacity");
        inconsistent = one(st, "select count(*) from slot s where booked <> (select count(*) from booking b where b.slot_id = s.id and b.status = 'ACTIVE')");
      }
      double rate = people / seconds;

      System.out.printf("pgbench: the same SQL, %d clients, %,d transactions …%n", pgbenchClients, people);
      Path script = dir.resolve("booking.sql");
      Files.writeString(script, pgbenchScript());
      ProcessBuilder pb = new ProcessBuilder(pgbench, "-n", "-M", "prepared", "-c", String.valueOf(pgbenchClients), "-j", "2",
          "-t", String.valueOf(people / pgbenchClients), "-f", script.toString(),
          "-D", "lo=" + firstBenchSlot, "-D", "hi=" + (firstBenchSlot + slots - 1),
          "-D", "plo=" + firstPerson, "-D", "phi=" + (firstPerson + people - 1),
          "-h", "localhost", "-p", String.valueOf(server.dbPort()), "-U", "postgres", "jobfair").redirectErrorStream(true);
      long pgCpu0 = postgresCpuMillis(postmaster), clientCpu0 = childrenCpuMillis();
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) throw new IllegalStateException("pgbench failed:\n" + out);
      long pgCpuBench = postgresCpuMillis(postmaster) - pgCpu0, clientCpuBench = childrenCpuMillis() - clientCpu0;
      double tps = Double.parseDouble(out.replaceAll("(?s).*tps = ([0-9.]+) \\(without initial connection time\\).*", "$1"));
      long pgbenchBooked;
      try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); Statement st = c.createStatement()) {
        pgbenchBooked = one(st, "select count(*) from booking where slot_id between " + firstBenchSlot + " and " + (firstBenchSlot + slots - 1));
      }

      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("|---|---|");
      if (fresh) {
        System.out.printf("| warm-up | none by the benchmark: the node was just started and ready (its own warm-up: %s); 10,000 sign-ins, then the storm; JIT compilers %d%% of the JVM's CPU in the storm |%n",
            config.get("warmup.enabled"), 100 * (cpu1[3] - cpu0[3]) / Math.max(1, cpu1[0] - cpu0[0]));
      } else {
        System.out.printf("| warm-up | %d rounds of %,d attempts at booths of their own; JIT compilers %d%% of the JVM's CPU in the last, %d%% in the storm |%n",
            rounds, warmup, lastShare, 100 * (cpu1[3] - cpu0[3]) / Math.max(1, cpu1[0] - cpu0[0]));
      }
      System.out.printf("| booking attempts | %,d by %,d signed-in jobseekers on %,d single-seat slots, %d concurrent%s |%n", people, people, slots, concurrency,
          nodeCount > 1 ? ", through HAProxy (round-robin) on " + nodeCount + " clustered nodes, " + config.get("db.poolSize") + " database connections each" : "");
      System.out.printf("| answers | %,d × 201 booked, %,d × 409 slot_taken, %,d other |%n", created, taken, other);
      System.out.printf("| attempts per second (API) | %,.0f |%n", rate);
      System.out.printf("| latency p50 / p99 / max | %.1f ms / %.1f ms / %.1f ms |%n", storm.get("p50"), storm.get("p99"), storm.get("max"));
      System.out.printf("| over-bookings | %d (seat counter out of step with bookings: %d) |%n", overbooked, inconsistent);
      System.out.printf("| pgbench, same SQL, %d clients | %,.0f transactions per second (%,d booked) |%n", pgbenchClients, tps, pgbenchBooked);
      System.out.printf("| ratio API / pgbench | %.2f |%n", rate / tps);
      System.out.printf("| CPU per attempt: application JVM%s / PostgreSQL / load generator%s | %.3f ms / %.3f ms / %.3f ms%s |%n",
          nodeCount > 1 ? "s (all nodes)" : "", nodeCount > 1 ? " / HAProxy" : "",
          (cpu1[0] - cpu0[0]) / (double) people, (cpu1[1] - cpu0[1]) / (double) people, (cpu1[2] - cpu0[2]) / (double) people,
          nodeCount > 1 ? String.format(" / %.3f ms", (cpu1[4] - cpu0[4]) / (double) people) : "");
      System.out.printf("| CPU per pgbench transaction: PostgreSQL / pgbench | %.3f ms / %.3f ms |%n",
          pgCpuBench / (double) people, clientCpuBench / (double) people);
      if (overbooked != 0 || inconsistent != 0 || created > slots) System.exit(3);
    } finally {
      client.close();
      server.close();
    }
  }

  /** The booking work of one attempt, as the application does it, written for pgbench. */
  static String pgbenchScript() {
    String prepare = bind(BookingStore.PREPARE, Map.of(1, "CAST(:person AS bigint)", 2, "CAST(:slot AS bigint)", 3, "5"));
    String book = bind(BookingStore.BOOK, Map.ofEntries(Map.entry(1, "CAST(:booking_id AS bigint)"), Map.entry(2, "CAST(:slot AS bigint)"),
            Map.entry(3, "CAST(:person AS bigint)"), Map.entry(4, "'OWN_INITIATIVE'"), Map.entry(5, "'VOLUNTARY'"),
            Map.entry(6, "CAST(NULL AS bigint)"), Map.entry(7, "'BOOKING_CONFIRMED'"),
            Map.entry(8, "('booking:' || :booking_id || '/confirmed')"), Map.entry(9, "('storm-' || :person || '@bench.test')"),
            Map.entry(10, "'Storm'"), Map.entry(11, "'Ihr Termin bei Bench GmbH'"), Map.entry(12, "repeat('Ihr Termin ist gebucht. ', 25)"),
            Map.entry(13, "CAST(NULL AS text)"),
            Map.entry(14, "jsonb_build_array(jsonb_build_object('filename', 'termin.ics', 'contentType', 'text/calendar', "
                + "'content', repeat('QkVHSU46VkNBTEVOREFS', 120)))"),
            Map.entry(15, "'KEPT'")))
        .replace("select id, created_at from k", "select count(*) as booked from k");
    return String.join("\n",
        "\\set slot random(:lo, :hi)",
        "\\set person random(:plo, :phi)",
        // Every column into a variable, so PostgreSQL computes all that the application reads (a wrapping select
        // that read only the decision would let the planner drop the rest, the refusal's alternatives among them).
        oneLine(prepare) + " \\gset",
        // What BookingPolicy.bookable decides in the application.
        "\\if :visible and :open and not :full and not :at_booth and not :busy_then",
        oneLine(book) + " \\gset",
        "\\if :booked = 0",
        oneLine(prepare) + ";",
        "\\endif",
        "\\endif", "");
  }

  /** Puts pgbench expressions in place of $n parameters (longest numbers first, so $1 does not eat $15). */
  private static String bind(String sql, Map<Integer, String> values) {
    String out = sql;
    for (int n = 20; n >= 1; n--) if (values.containsKey(n)) out = out.replace("$" + n, values.get(n));
    return out;
  }

  /** One line for pgbench: the SQL's own comments go first (on one line, a comment would swallow the rest). */
  private static String oneLine(String sql) {
    return sql.replaceAll("--[^\n]*", "").replaceAll("\\s+", " ").trim();
  }

  /**
   * Seeds jobseekers and a published fair with a booth for the storm, one for pgbench and one per warm-up round, each
   * with its own slots at its own time (nobody's bookings overlap); returns the first slot of each booth, storm first,
   * then pgbench, then the warm-up rounds, and the first jobseeker.
   */
  private static long[] seed(String jdbc, int people, int slots, int warmupRounds) throws Exception {
    String hash = new PasswordHasher(1024, 1).hash("storm");
    int booths = 2 + warmupRounds;
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); Statement st = c.createStatement()) {
      st.execute("insert into employer (name) select 'Bench ' || b from generate_series(0, " + (booths - 1) + ") b");
      st.execute("insert into fair (name, format, starts_at, ends_at, status, booking_cutoff_minutes) values "
          + "('Storm', 'E_JOBMEETING', now(), now() + interval '3 years', 'PUBLISHED', 0)");
      st.execute("insert into fair_employer select f.id, e.id from fair f, employer e");
      st.execute("insert into booth (fair_id, employer_id) select fair_id, employer_id from fair_employer order by employer_id");
      // Booth b's slots start b × 10 days from tomorrow, 20 minutes apart (500 slots take 7 days).
      st.execute("insert into slot (booth_id, starts_at, ends_at, capacity) select b.id, "
          + "date_trunc('hour', now()) + interval '1 day' + (b.id - (select min(id) from booth)) * interval '10 days' + i * interval '20 minutes', "
          + "date_trunc('hour', now()) + interval '1 day' + (b.id - (select min(id) from booth)) * interval '10 days' + i * interval '20 minutes' + interval '15 minutes', 1 "
          + "from booth b, generate_series(0, " + (slots - 1) + ") i order by b.id, i");
      st.execute("insert into account (email, name, password_hash) select 'storm-' || i || '@bench.test', 'Storm ' || i, '"
          + hash + "' from generate_series(0, " + (people - 1) + ") i");
      st.execute("insert into account_role select id, 'JOBSEEKER' from account where email like 'storm-%'");
      st.execute("insert into jobseeker (account_id) select id from account where email like 'storm-%'");
      st.execute("analyze");
      long[] ids = new long[booths + 1];
      try (ResultSet rs = st.executeQuery("select min(s.id) from slot s group by s.booth_id order by s.booth_id")) {
        for (int b = 0; b < booths; b++) {
          rs.next();
          ids[b] = rs.getLong(1);
        }
      }
      long firstPerson = one(st, "select min(id) from account where email like 'storm-%'");
      long lastPerson = one(st, "select max(id) from account where email like 'storm-%'");
      if (lastPerson - firstPerson + 1 != people) throw new IllegalStateException("jobseeker ids are not contiguous");
      ids[booths] = firstPerson;
      return ids;
    }
  }

  private static Future<String[]> signIn(HttpClient http, String email) {
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/session").putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(new JsonObject().put("email", email).put("password", "storm").encode()))
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

  /** Runs n tasks with at most {@code parallel} under way; collects their results in order. */
  private static <T> java.util.concurrent.CompletableFuture<List<T>> run(int n, int parallel, java.util.function.IntFunction<Future<T>> task) {
    List<T> results = new ArrayList<>(java.util.Collections.nCopies(n, null));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    java.util.concurrent.CompletableFuture<List<T>> all = new java.util.concurrent.CompletableFuture<>();
    Runnable[] worker = new Runnable[1];
    worker[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= n) return;
      task.apply(i).onComplete(ar -> {
        if (ar.failed()) {
          all.completeExceptionally(ar.cause());
          return;
        }
        synchronized (results) {
          results.set(i, ar.result());
        }
        if (done.incrementAndGet() == n) all.complete(results);
        else worker[0].run();
      });
    };
    for (int w = 0; w < Math.min(parallel, n); w++) worker[0].run();
    return all;
  }

  /**
   * Runs {@code attempts} booking attempts with the load generator bench/storm.c (built by bench/booking-storm.sh), a
   * process of its own that takes as little of the machine from the server as pgbench takes from PostgreSQL: one
   * thread, each connection with one request under way, timed from sending it to reading the whole answer.
   */
  private static Map<String, Double> storm(int port, Path sessions, long firstSlot, int slots, int attempts, int concurrency) throws Exception {
    Process p = new ProcessBuilder(System.getProperty("storm", "target/storm"), String.valueOf(port), sessions.toString(),
        String.valueOf(firstSlot), String.valueOf(slots), String.valueOf(attempts), String.valueOf(concurrency),
        String.valueOf(firstSlot)).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0 || !text.contains("RESULT ")) throw new IllegalStateException("the load generator failed:\n" + text);
    if (!text.startsWith("RESULT ")) System.out.print(text.substring(0, text.indexOf("RESULT ")));
    Map<String, Double> figures = new java.util.HashMap<>();
    for (String pair : text.substring(text.indexOf("RESULT ") + 7).strip().split("\\s+")) {
      String[] kv = pair.split("=", 2);
      figures.put(kv[0], Double.parseDouble(kv[1]));
    }
    return figures;
  }

  /**
   * CPU time used so far by PostgreSQL: the postmaster, its live backends, and the backends that have ended (the
   * kernel adds those to the postmaster's "children" times), in milliseconds. Linux only, as the embedded server is.
   */
  static long postgresCpuMillis(ProcessHandle postmaster) {
    Stat pm = stat(procStat(postmaster.pid()));
    long ticks = pm.own() + pm.children();
    for (ProcessHandle child : postmaster.children().toList()) {
      Stat c = stat(procStat(child.pid()));
      ticks += c.own() + c.children();
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  }

  /** CPU time of all the application's nodes so far, in milliseconds. */
  private static long cpuMillis(BenchNodes nodes) {
    return nodes.pids().stream().mapToLong(BookingStorm::cpuMillis).sum();
  }

  /** CPU time of HAProxy so far (0 without it), in milliseconds. */
  private static long haproxyCpuMillis(BenchNodes nodes) {
    return nodes.haproxyPid() < 0 ? 0 : cpuMillis(nodes.haproxyPid());
  }

  /** CPU time of the JIT compiler threads of all the application's nodes so far, in milliseconds. */
  private static long compilerMillis(BenchNodes nodes) throws IOException {
    long sum = 0;
    for (long pid : nodes.pids()) sum += compilerMillis(pid);
    return sum;
  }

  /** A process's own CPU time in milliseconds (not that of the processes it started). */
  static long cpuMillis(long pid) {
    return stat(procStat(pid)).own() * 10;
  }

  /** CPU time of the processes this JVM started and waited for (the load generator, pgbench), in milliseconds. */
  private static long childrenCpuMillis() {
    return stat(procStat(ProcessHandle.current().pid())).children() * 10;
  }

  /** CPU time of a JVM's JIT compiler threads (named "C1 …" and "C2 …") so far, in milliseconds. */
  static long compilerMillis(long pid) throws IOException {
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      return tasks.map(t -> stat(t.resolve("stat"))).filter(t -> t.name().startsWith("C1 ") || t.name().startsWith("C2 "))
          .mapToLong(Stat::own).sum() * 10;
    }
  }

  private static Path procStat(long pid) {
    return Path.of("/proc", String.valueOf(pid), "stat");
  }

  /** A process's or thread's name and CPU ticks: its own (utime + stime) and its ended children's (cutime + cstime). */
  private record Stat(String name, long own, long children) {
  }

  /** Reads a /proc stat file; a process or thread that has ended meanwhile counts as nothing. */
  private static Stat stat(Path file) {
    try {
      String stat = Files.readString(file);
      // After the name in parentheses: state is field 3; utime, stime, cutime, cstime are fields 14 to 17.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new Stat(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
          Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]));
    } catch (IOException | RuntimeException ended) {
      return new Stat("", 0, 0);
    }
  }

  private static long one(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
