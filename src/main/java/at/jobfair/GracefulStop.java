package at.jobfair;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a node stops on SIGTERM without failing anyone: the load balancer takes it out first, its WebSocket clients move to
 * another node, requests in flight finish, background work hands over what it started, and the node leaves the
 * cluster, all within the drain time; whatever is still running then is cut off. Each phase is logged.
 */
final class GracefulStop {

  private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());
  /** What closing Vert.x and the database may still take once the drain time is over. */
  private static final Duration FORCE_GRACE = Duration.ofSeconds(5);

  private final App app;
  private final List<HttpVerticle> servers;
  private long deadline;
  private boolean forced;

  GracefulStop(App app, List<HttpVerticle> servers) {
    this.app = app;
    this.servers = servers;
  }

  /** Blocks until the node has stopped; takes at most {@code drain} plus a few seconds to close what remains. */
  void run(Duration readyDelay, Duration drain) {
    long started = System.nanoTime();
    deadline = started + drain.toNanos();
    Services s = app.services();

    log("1/7 not ready: /health/ready answers 503 so that the load balancer sends nothing new");
    app.readiness().drain();
    sleep(readyDelay.compareTo(drain) < 0 ? readyDelay : drain);

    log("2/7 telling " + s.platform().live().sockets() + " live socket(s) and the meeting rooms' sockets to reconnect elsewhere (close code 1012)");
    step(s.platform().live().drain(), "live sockets");
    // Meeting sockets give up their places and reconnect through the balancer; the calls resume on another node.
    step(s.fair().meetings().relay().drain(), "meeting sockets");

    log("3/7 HTTP: no new connections; requests in flight finish");
    step(Future.join(servers.stream().map(v -> v.shutdown(remaining())).toList()), "requests in flight");

    log("4/7 undeploying verticles (the mail sender finishes what it hands to SMTP)");
    for (String id : List.copyOf(app.vertx().deploymentIDs())) step(app.vertx().undeploy(id), "undeploying " + id);

    log("5/7 leaving the cluster and closing Vert.x");
    forced = false; // closing is done in any case, with a little time of its own when the drain time is used up
    step(app.cluster().close(), "closing Vert.x");

    log("6/7 " + (app.database().isEmbedded() ? "stopping the embedded PostgreSQL" : "database connections closed"));
    try {
      app.database().close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stopping the database failed", e);
    }
    log("7/7 stopped after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
  }

  /** Waits for one phase within what is left of the drain time; once that is over, later phases are not awaited. */
  private void step(Future<?> phase, String what) {
    if (forced) return;
    try {
      phase.await(remaining().plus(forcedGrace()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      forced = true;
      LOG.warning("drain time over while waiting for " + what + ": cutting off what is still running");
    } catch (Exception e) {
      LOG.log(Level.WARNING, what + " failed; going on with the stop", e);
    }
  }

  private Duration forcedGrace() {
    return remaining().isZero() ? FORCE_GRACE : Duration.ZERO;
  }

  private Duration remaining() {
    long left = deadline - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void log(String phase) {
    // The JDK's LogManager closes its handlers in a shutdown hook of its own that runs alongside this one: once they
    // are gone, the phases go to standard error so that the operator still sees how the stop went.
    if (Logger.getLogger("").getHandlers().length > 0) LOG.info("stop: " + phase);
    else System.err.println(java.time.Instant.now() + " INFO " + GracefulStop.class.getName() + " stop: " + phase);
  }
}
