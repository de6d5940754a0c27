package at.jobfair.node;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.PgSessionStore;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.impl.Signature;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Warm before ready: a node drives its own hot paths over loopback before it reports ready, so that the JIT has
 * compiled them before the balancer sends it people (a cold JVM served the booking storm at 0.40 of pgbench, a warm one
 * at 0.83-0.96; see docs/BENCHMARKS.md). The requests take the storm's path as far as they can without touching anything
 * a person could see: signed-in jobseekers (sessions of the warm-up's own, for an account that does not exist) try to
 * book a slot that does not exist — through HTTP, the session, CSRF, the body, the booking read in PostgreSQL and the
 * refusal — and anonymous readers fetch the published catalogue as pages and as JSON. As in a storm, where thousands of
 * people each send one request, the attempts come with up to {@link #SESSIONS} different sessions that this node holds
 * no copy of, so each is read from PostgreSQL and decoded as a person's is. Nothing is written but those sessions (the
 * booking read finds no row, so nothing is locked or queued); they are deleted at the end. Beside them, the
 * booking path the storm takes with rows — bookings with their confirmation, refusals with alternatives — is rehearsed
 * in transactions that are rolled back (a supplier the composition root gives: the booking feature's rehearsal).
 * <p>
 * It runs until the JIT compilers have been quiet (under 5 % of the time) for two rounds in a row, or for at most the
 * configured seconds, whichever comes first.
 */
public final class Warmup {

  private static final Logger LOG = Logger.getLogger(Warmup.class.getName());
  /** Requests under way at once: enough to keep both event loops busy, as a storm does. */
  private static final int CONCURRENCY = 64;
  private static final long ROUND_MILLIS = 2_000;
  /** No slot or account has this id (identities start at 1), so the booking read finds nothing to book or lock. */
  private static final long NOBODY = 0;

  /** Sessions the attempts take turns with (each read from the database while this node holds no copy of it). */
  static final int SESSIONS = 4_096;

  /** Rehearsals under way at once (each one transaction on a connection of its own). */
  private static final int REHEARSALS = 2;

  private final Vertx vertx;
  private final HttpClient http;
  private final Supplier<Future<?>> rehearsal;
  private final AtomicLong rehearsals = new AtomicLong();
  private final PgSessionStore sessions;
  private final String sessionSecret;
  private final long deadline;
  /** How often each answer came: "POST 404", "GET 200", … */
  private final Map<String, AtomicLong> answers = new ConcurrentSkipListMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<String> reads = new ArrayList<>(List.of("/", "/fairs", "/api/fairs"));
  /** The warm-up's sessions: their cookies, CSRF tokens and ids, made as they are first needed. */
  private final List<String[]> made = new ArrayList<>();

  private Warmup(Vertx vertx, String host, int port, PgSessionStore sessions, String sessionSecret, Supplier<Future<?>> rehearsal,
                 int maxSeconds) {
    this.vertx = vertx;
    this.rehearsal = rehearsal;
    this.sessions = sessions;
    this.sessionSecret = sessionSecret;
    this.deadline = System.currentTimeMillis() + maxSeconds * 1000L;
    this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(CONCURRENCY));
  }

  /**
   * Warms the node listening on {@code host:port} up for at most {@code maxSeconds}; its session goes into
   * {@code sessions} (the store the node's router reads), its cookie signed with {@code sessionSecret}. Never fails:
   * a warm-up that cannot run leaves the node as ready as it was, and says so in the log.
   */
  public static Future<Report> run(Vertx vertx, String host, int port, PgSessionStore sessions, String sessionSecret,
                                   Supplier<Future<?>> rehearsal, int maxSeconds) {
    Warmup w = new Warmup(vertx, "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host, port, sessions,
        sessionSecret, rehearsal, maxSeconds);
    long started = System.currentTimeMillis();
    return w.discover().compose(v -> w.drive())
        .eventually(w::finish)
        .recover(e -> {
          LOG.warning("Warm-up stopped early: " + e);
          return Future.succeededFuture();
        })
        .map(v -> {
          Map<String, Long> answers = new java.util.TreeMap<>();
          w.answers.forEach((k, n) -> answers.put(k, n.get()));
          Report report = new Report(answers, w.rehearsals.get(), w.made.size(), (System.currentTimeMillis() - started) / 1000.0);
          LOG.info(String.format("Warm-up: %,d requests with %,d sessions and %,d rehearsals in %.1f s, answers %s", report.requests(),
              report.sessions(), report.rehearsals(), report.seconds(), answers));
          return report;
        });
  }

  /**
   * What the warm-up did: how often each answer came ("POST 404" …), how many rehearsals ran, with how many sessions of
   * its own, and how long it took.
   */
  public record Report(Map<String, Long> answers, long rehearsals, int sessions, double seconds) {
    public long requests() {
      return answers.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The {@code n}th session of the warm-up's own, as signing in would make it (an account that does not exist, as a
   * jobseeker), made when first needed and then taken in turn; this node forgets its copy, so it is read as a person's.
   */
  private Future<String[]> session(long n) {
    int i = (int) (n % SESSIONS);
    synchronized (made) {
      if (i < made.size()) {
        sessions.forget(made.get(i)[2]);
        return Future.succeededFuture(made.get(i));
      }
    }
    Session session = sessions.createSession(60_000, 32);
    String csrf = Sessions.prepare(session, new Account(NOBODY, "warmup@localhost", "Warm-up", "de", null, EnumSet.of(Role.JOBSEEKER)));
    // The session handler expects the cookie signed as it signs its own (HMAC-SHA256 of the id, see setSigningSecret).
    String cookie = Sessions.COOKIE + "=" + new Signature(sessionSecret).sign(session.id()) + "; " + Sessions.CSRF_COOKIE + "=" + csrf;
    String[] one = {cookie, csrf, session.id()};
    synchronized (made) {
      made.add(one);
    }
    return sessions.put(session).map(v -> {
      sessions.forget(session.id());
      return one;
    });
  }

  /** The published fairs' pages and their booths', found as anyone finds them (nothing found is fine: fewer reads). */
  private Future<Void> discover() {
    return get("/api/fairs").compose(fairs -> {
      JsonArray list = fairs.toJsonArray();
      if (list.isEmpty()) return Future.succeededFuture();
      long fair = list.getJsonObject(0).getLong("id");
      reads.add("/fairs/" + fair);
      reads.add("/api/fairs/" + fair);
      return get("/api/fairs/" + fair + "/booths").<Void>map(booths -> {
        JsonArray b = booths.toJsonArray();
        for (int i = 0; i < Math.min(3, b.size()); i++) {
          long booth = b.getJsonObject(i).getLong("id");
          reads.add("/booths/" + booth);
          reads.add("/api/booths/" + booth);
        }
        return null;
      });
    }).recover(e -> Future.succeededFuture());
  }

  /**
   * Runs rounds of requests until the JIT compilers are quiet in two rounds in a row or the time is up; completes once
   * the last request under way has been answered (so that none uses the session after it is deleted).
   */
  private Future<Void> drive() {
    Promise<Void> done = Promise.promise();
    AtomicInteger working = new AtomicInteger(CONCURRENCY + REHEARSALS);
    for (int i = 0; i < CONCURRENCY; i++) next(i, working, done);
    for (int i = 0; i < REHEARSALS; i++) rehearse(working, done);
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long[] last = {jit.getTotalCompilationTime()};
    int[] quiet = {0};
    vertx.setPeriodic(ROUND_MILLIS, id -> {
      long compiling = jit.getTotalCompilationTime() - last[0];
      last[0] += compiling;
      quiet[0] = compiling * 20 < ROUND_MILLIS ? quiet[0] + 1 : 0;
      if (quiet[0] == 2 || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        stop.set(true);
      }
    });
    return done.future();
  }

  /** One worker: most of its requests are booking attempts (the storm's path), every fourth a read. */
  private void next(long n, AtomicInteger working, Promise<Void> done) {
    if (stop.get()) {
      if (working.decrementAndGet() == 0) done.complete();
      return;
    }
    Future<?> request = n % 4 == 3 ? get(reads.get((int) (n / 4 % reads.size()))) : bookNothing(n);
    request.onComplete(ar -> next(n + CONCURRENCY, working, done));
  }

  /** A worker that rehearses bookings (in transactions rolled back) one after the other, until the warm-up stops. */
  private void rehearse(AtomicInteger working, Promise<Void> done) {
    if (stop.get()) {
      if (working.decrementAndGet() == 0) done.complete();
      return;
    }
    rehearsal.get().onComplete(ar -> {
      if (ar.succeeded()) {
        rehearsals.incrementAndGet();
        rehearse(working, done);
      } else {
        // One failure ends this worker (the HTTP requests go on): a rehearsal that cannot run would only fail again.
        LOG.warning("Warm-up: a booking rehearsal failed, no more of them: " + ar.cause());
        if (working.decrementAndGet() == 0) done.complete();
      }
    });
  }

  private Future<Buffer> bookNothing(long n) {
    return session(n).compose(s -> send(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/slots/" + NOBODY + "/bookings")
        .putHeader("Cookie", s[0]).putHeader(Sessions.CSRF_HEADER, s[1]).putHeader("Content-Type", "application/json"), "{}"));
  }

  private Future<Buffer> get(String uri) {
    return send(new RequestOptions().setMethod(HttpMethod.GET).setURI(uri), null);
  }

  private Future<Buffer> send(RequestOptions options, String body) {
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> {
          answers.computeIfAbsent(options.getMethod() + " " + resp.statusCode(), k -> new AtomicLong()).incrementAndGet();
          return b;
        }));
  }

  private Future<Void> finish() {
    List<String> ids;
    synchronized (made) {
      ids = made.stream().map(s -> s[2]).toList();
    }
    Future<Void> deleted = ids.isEmpty() ? Future.succeededFuture() : sessions.deleteKnownHereOnly(ids);
    return deleted.eventually(http::close);
  }
}
