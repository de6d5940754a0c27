package at.jobfair.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Page speed: the product started as its own process ({@link ServerProcess}: demo data, embedded PostgreSQL) and, in
 * the same run, the ceiling: a bare Vert.x + Handlebars server ({@link PageCeiling}, a process of its own) rendering
 * the product's booth template with the same booth's data held in memory. Then, on loopback, a fixed number of
 * connections (each with one request under way) ask for: the ceiling's page, the real booth page (not signed in, and
 * as a signed-in jobseeker), the real fair page of that booth's fair, and a static file. After a warm-up of every
 * target, each is measured for a fixed time: requests per second, p50/p99, and the CPU the server spends per request.
 * Prints a Markdown table for docs/BENCHMARKS.md. Run it with {@code bench/page-speed.sh}; it stops by itself.
 */
public final class PageSpeed {

  /** One address to measure, on the product or on the ceiling, with the cookie it is asked with (or none). */
  private record Target(String name, int port, String uri, String cookie, boolean ceiling) {
  }

  /** What one measurement found. */
  private record Result(Target target, double rate, double p50, double p99, double max, long bytes, long answered,
      double serverCpuMs, double postgresCpuMs, double driverCpuMs, int jitShare) {
  }

  public static void main(String[] args) throws Exception {
    int connections = Integer.getInteger("connections", 32);
    int seconds = Integer.getInteger("seconds", 10);
    int warmupSeconds = Integer.getInteger("warmup", 20);
    int warmupRounds = Integer.getInteger("warmupRounds", 3);
    int rounds = Integer.getInteger("rounds", 1);
    String load0 = loadAverage();

    Path dir = Files.createTempDirectory("jobfair-pages");
    System.out.printf("Starting the application as its own process (demo data, embedded PostgreSQL in %s); load average %s%n", dir, load0);
    ServerProcess server = ServerProcess.start(dir, new java.util.HashMap<>(Map.of("demo", true)));
    Process ceiling = null;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    try {
      long booth;
      long fair;
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("""
               select b.id, b.fair_id from booth b join fair f on f.id = b.fair_id
                where f.status = 'PUBLISHED'
                order by (select count(*) from slot s where s.booth_id = b.id and slot_open(s, f)) desc, b.id limit 1""")) {
        rs.next();
        booth = rs.getLong(1);
        fair = rs.getLong(2);
      }
      int ceilingPort = at.jobfair.support.Ports.free();
      ceiling = startCeiling(dir, ceilingPort, server.jdbcUrl(), booth);
      int port = server.port();
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setKeepAlive(true)
          .setPipelining(false), new PoolOptions().setHttp1MaxSize(connections));
      String jobseeker = signIn(http, port, "seeker@demo.test");

      List<Target> targets = List.of(
          new Target("ceiling: bare Vert.x + Handlebars, booth template, data in memory", ceilingPort, "/booths/" + booth, null, true),
          new Target("booth page, not signed in", port, "/booths/" + booth, null, false),
          new Target("booth page, signed-in jobseeker", port, "/booths/" + booth, jobseeker, false),
          new Target("fair page, not signed in", port, "/fairs/" + fair, null, false),
          new Target("static file (app.css, 17 KB)", port, "/static/css/app.css", null, false));
      for (Target t : targets) {
        Map<String, Object> one = once(http, t);
        System.out.printf("%-70s %s, %,d bytes%n", t.name() + " " + t.uri(), one.get("status"), (Long) one.get("bytes"));
        if (!Integer.valueOf(200).equals(one.get("status"))) throw new IllegalStateException(t.name() + " answered " + one.get("status"));
      }
      // The ceiling renders the same template with the same data: its page should be the product's, letter for letter.
      String ceilingPage = (String) once(http, targets.get(0)).get("body");
      String anonymousPage = (String) once(http, targets.get(1)).get("body");
      System.out.println(ceilingPage.equals(anonymousPage) ? "The ceiling's page is the product's anonymous booth page, letter for letter."
          : "The ceiling's page differs from the product's anonymous booth page: " + difference(ceilingPage, anonymousPage));
      String signedInPage = (String) once(http, targets.get(2)).get("body");
      if (!signedInPage.contains("action=\"/signout\"")) throw new IllegalStateException("the jobseeker's booth page is not signed in");

      // The JIT compiles while the pages are served: every target in turn, several times, before anything counts.
      for (int round = 1; round <= warmupRounds; round++) {
        for (Target t : targets) {
          long jit0 = compilerMillis(t.ceiling() ? ceiling.pid() : server.pid()), cpu0 = cpuMillis(t.ceiling() ? ceiling.pid() : server.pid());
          Result r = measure(http, t, connections, warmupSeconds, server, ceiling);
          long jit = compilerMillis(t.ceiling() ? ceiling.pid() : server.pid()) - jit0, cpu = cpuMillis(t.ceiling() ? ceiling.pid() : server.pid()) - cpu0;
          System.out.printf("warm-up %d: %-55s %,8.0f/s  (JIT %d%% of its JVM's CPU)%n", round, t.name(), r.rate(), 100 * jit / Math.max(1, cpu));
        }
      }

      List<Result> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        for (Target t : targets) {
          Result r = measure(http, t, connections, seconds, server, ceiling);
          System.out.printf("round %d: %-55s %,8.0f/s  p50 %.2f ms  p99 %.2f ms%n", round, t.name(), r.rate(), r.p50(), r.p99());
          results.add(r);
        }
      }
      String load1 = loadAverage();

      System.out.println();
      System.out.printf("%d connections, %d s per measurement after %d warm-up rounds of %d s per target; load average before %s, after %s%n",
          connections, seconds, warmupRounds, warmupSeconds, load0, load1);
      System.out.println();
      System.out.println("| page | requests/s | p50 | p99 | bytes | of the ceiling: rate | CPU per request: server JVM (without JIT) + PostgreSQL | of the ceiling: CPU | load generator CPU | JIT |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|");
      for (int round = 0; round < rounds; round++) {
        Result top = results.get(round * targets.size());
        for (int i = 0; i < targets.size(); i++) {
          Result r = results.get(round * targets.size() + i);
          double cpu = r.serverCpuMs() + r.postgresCpuMs(), topCpu = top.serverCpuMs();
          System.out.printf("| %s | %,.0f | %.1f ms | %.1f ms | %,d | %s | %.3f + %.3f ms | %s | %.3f ms | %d%% |%n",
              r.target().name(), r.rate(), r.p50(), r.p99(), r.bytes(), r.target().ceiling() ? "1" : String.format("**%.2f**", r.rate() / top.rate()),
              r.serverCpuMs(), r.postgresCpuMs(), r.target().ceiling() ? "1" : String.format("**%.2f**", topCpu / cpu), r.driverCpuMs(), r.jitShare());
        }
      }
      System.out.println();
      System.out.println("of the ceiling: rate = the page's requests per second / the ceiling's; CPU = the ceiling's CPU per request / the page's"
          + " (server JVM without its JIT compiler threads, plus PostgreSQL's). On a busy machine the second is the steadier.");
    } finally {
      vertx.close();
      if (ceiling != null) ceiling.destroy();
      server.close();
    }
  }

  /** The ceiling as a process of its own, on the product's class path; returns once it listens. */
  private static Process startCeiling(Path dir, int port, String jdbc, long booth) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("ceiling.log");
    Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("server.classpath", System.getProperty("java.class.path")),
        PageCeiling.class.getName(), String.valueOf(port), jdbc, String.valueOf(booth), "2")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.readString(log).contains("ceiling ready")) {
      if (!p.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("the ceiling did not start:\n" + Files.readString(log));
      Thread.sleep(100);
    }
    return p;
  }

  private static String signIn(HttpClient http, int port, String email) throws Exception {
    return http.request(new RequestOptions().setPort(port).setMethod(HttpMethod.POST).setURI("/api/session").putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(new JsonObject().put("email", email).put("password", "demo").encode()))
        .compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() != 200) throw new IllegalStateException("sign-in failed: " + resp.statusCode() + " " + b);
          return resp.cookies().stream().map(c -> c.split(";", 2)[0]).filter(c -> c.startsWith("jobfair.session=")).findFirst().orElseThrow();
        }))
        .await(30, TimeUnit.SECONDS);
  }

  private static Future<io.vertx.core.http.HttpClientResponse> get(HttpClient http, Target t) {
    // An answer that does not come within 20 s counts as failed (and the loop goes on) rather than stalling the run.
    RequestOptions o = new RequestOptions().setPort(t.port()).setMethod(HttpMethod.GET).setURI(t.uri()).setIdleTimeout(20_000);
    if (t.cookie() != null) o.putHeader("Cookie", t.cookie());
    // (and one that never gets a connection or never ends counts as failed after 30 s, rather than stalling the run)
    return http.request(o).compose(io.vertx.core.http.HttpClientRequest::send).timeout(30, TimeUnit.SECONDS);
  }

  private static Map<String, Object> once(HttpClient http, Target t) throws Exception {
    return get(http, t).compose(resp -> resp.body().map(b -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", resp.statusCode());
      m.put("bytes", (long) b.length());
      m.put("body", b.toString(StandardCharsets.UTF_8));
      return m;
    })).await(30, TimeUnit.SECONDS);
  }

  /**
   * {@code connections} loops, each asking again as soon as its answer is read whole, for {@code seconds}; a request
   * is timed from asking to the answer's last byte. Also the CPU of the serving process (and PostgreSQL behind the
   * product) and of this JVM (the load generator) over the same time.
   */
  private static Result measure(HttpClient http, Target t, int connections, int seconds, ServerProcess server, Process ceiling) throws Exception {
    long servingPid = t.ceiling() ? ceiling.pid() : server.pid();
    ProcessHandle postmaster = server.postmaster();
    long cpu0 = cpuMillis(servingPid), pg0 = postgresCpuMillis(postmaster), self0 = cpuMillis(ProcessHandle.current().pid());
    long jit0 = compilerMillis(servingPid);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long[][] latencies = new long[connections][];
    int[] counts = new int[connections];
    long[] bytes = new long[connections];
    int[] failures = new int[1];
    String[] failure = new String[1];
    CountDownLatch done = new CountDownLatch(connections);
    for (int c = 0; c < connections; c++) {
      int i = c;
      latencies[i] = new long[1024];
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        long t0 = System.nanoTime();
        if (t0 >= end) {
          done.countDown();
          return;
        }
        get(http, t).compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() != 200) throw new IllegalStateException("answer " + resp.statusCode());
          return b.length();
        })).timeout(40, TimeUnit.SECONDS).onComplete(ar -> {
          long t1 = System.nanoTime();
          if (ar.failed()) {
            synchronized (failures) {
              failures[0]++;
              failure[0] = ar.cause().toString();
            }
          } else if (t1 <= end) {
            if (counts[i] == latencies[i].length) latencies[i] = Arrays.copyOf(latencies[i], counts[i] * 2);
            latencies[i][counts[i]++] = t1 - t0;
            bytes[i] = ar.result();
          }
          next[0].run();
        });
      };
      next[0].run();
    }
    if (!done.await(seconds + 60L, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the load on " + t.uri() + " did not stop: " + done.getCount() + " connections still waiting");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long cpu = cpuMillis(servingPid) - cpu0, pg = postgresCpuMillis(postmaster) - pg0, self = cpuMillis(ProcessHandle.current().pid()) - self0;
    long jit = compilerMillis(servingPid) - jit0;
    int n = Arrays.stream(counts).sum();
    if (failures[0] > 0) System.out.printf("%d of %,d requests to %s failed, e.g. %s%n", failures[0], n + failures[0], t.uri(), failure[0]);
    if (failures[0] * 100 > n) throw new IllegalStateException(failures[0] + " requests to " + t.uri() + " failed, e.g. " + failure[0]);
    long[] all = new long[n];
    int k = 0;
    for (int c = 0; c < connections; c++) {
      System.arraycopy(latencies[c], 0, all, k, counts[c]);
      k += counts[c];
    }
    Arrays.sort(all);
    return new Result(t, n / elapsed, pct(all, 0.50), pct(all, 0.99), all[n - 1] / 1e6, Arrays.stream(bytes).max().orElse(0), n,
        (cpu - jit) / (double) n, t.ceiling() ? 0 : pg / (double) n, self / (double) n, (int) (100 * jit / Math.max(1, cpu)));
  }

  /** Where two texts part, with some of each from there. */
  private static String difference(String a, String b) {
    int i = 0;
    while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) i++;
    return "at character " + i + ": «" + a.substring(i, Math.min(a.length(), i + 80)) + "» against «" + b.substring(i, Math.min(b.length(), i + 80)) + "»";
  }

  private static double pct(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (Exception e) {
      return "?";
    }
  }

  private static long cpuMillis(long pid) {
    return BookingStorm.cpuMillis(pid);
  }

  /** PostgreSQL's CPU so far: the postmaster and its backends, live and ended (see BookingStorm). */
  private static long postgresCpuMillis(ProcessHandle postmaster) {
    return BookingStorm.postgresCpuMillis(postmaster);
  }

  private static long compilerMillis(long pid) throws java.io.IOException {
    return BookingStorm.compilerMillis(pid);
  }
}
