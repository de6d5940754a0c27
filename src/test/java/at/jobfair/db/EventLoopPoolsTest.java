package at.jobfair.db;

import at.jobfair.support.Await;
import at.jobfair.support.TestApp;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each event loop queries on connections of its own, and gets its results on its own thread. */
class EventLoopPoolsTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** What 40 queries, 8 at a time, saw from one context: the backends that ran them and the threads that got the results. */
  record Seen(Thread loop, Set<Integer> backends, Set<Thread> resultThreads) {
  }

  private static Seen queryFrom(Context context, Pool pool) throws Exception {
    Promise<Seen> seen = Promise.promise();
    context.runOnContext(v -> {
      Set<Integer> backends = new HashSet<>();
      Set<Thread> threads = new HashSet<>();
      Future<Void> chain = Future.succeededFuture();
      for (int round = 0; round < 5; round++) {
        chain = chain.compose(x -> {
          java.util.List<Future<Void>> batch = new java.util.ArrayList<>();
          for (int i = 0; i < 8; i++) {
            // pg_sleep keeps each connection busy, so that the pool has to open several
            batch.add(pool.query("select pg_backend_pid() as pid, pg_sleep(0.01)").execute().map(rows -> {
              backends.add(rows.iterator().next().getInteger("pid"));
              threads.add(Thread.currentThread());
              return null;
            }));
          }
          return Future.all(batch).mapEmpty();
        });
      }
      Thread loop = Thread.currentThread();
      chain.onComplete(ar -> {
        if (ar.failed()) seen.fail(ar.cause());
        else seen.complete(new Seen(loop, backends, threads));
      });
    });
    return seen.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The contexts of {@code n} verticle instances: each on an event loop, in turn, as the HTTP servers are. */
  private static java.util.List<Context> eventLoops(int n) throws Exception {
    java.util.List<Context> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
    app.app().vertx().deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(n)).await(10, TimeUnit.SECONDS);
    return contexts;
  }

  @Test
  void twoEventLoopsNeverShareAConnection() throws Exception {
    Pool pool = app.app().pool();
    assertTrue(pool instanceof EventLoopPools, "the application queries through one pool per event loop");
    // Two instances of a verticle take the event loops in turn, as the HTTP servers do.
    java.util.List<Context> contexts = eventLoops(2);
    Seen first = queryFrom(contexts.get(0), pool);
    Seen second = queryFrom(contexts.get(1), pool);
    assertNotEquals(first.loop(), second.loop());

    assertEquals(Set.of(first.loop()), first.resultThreads(), "results arrive on the loop that asked");
    assertEquals(Set.of(second.loop()), second.resultThreads());
    assertTrue(first.backends().size() > 1, "several connections were opened: " + first.backends());
    Set<Integer> shared = new HashSet<>(first.backends());
    shared.retainAll(second.backends());
    assertEquals(Set.of(), shared, "no connection serves both loops");
  }

  @Test
  void renewingGivesTheEventLoopsNewConnectionsWhosePreparedStatementsArePlannedAfresh() throws Exception {
    var vertx = app.app().vertx();
    EventLoopPools pool = (EventLoopPools) app.app().pool();
    java.util.List<Context> contexts = eventLoops(1);
    // A prepared statement run often on a loop's connections: PostgreSQL keeps its plan-choice history per connection.
    Seen before = queryFrom(contexts.get(0), pool);
    pool.renew(vertx, java.time.Duration.ofMillis(200));
    Seen after = queryFrom(contexts.get(0), pool);

    // The old connections stay until the grace time has passed (work under way on them finishes), then they are closed.
    Set<Integer> kept = new HashSet<>(before.backends());
    kept.retainAll(after.backends());
    assertEquals(Set.of(), kept, "no connection of before the renewal serves after it");
    String pids = before.backends().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    Await.waitFor(() -> app.count("select count(*) from pg_stat_activity where pid in (" + pids + ")") == 0);
    assertEquals(Set.of(after.loop()), after.resultThreads(), "still on the loop that asked");
  }
}
