package at.jobfair.node;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health/live}: 200 while the process serves (a supervisor restarts it otherwise). {@code /health/ready}
 * (and {@code /health}, which tools and tests know): 200 only when the database answers, the node is in its cluster
 * (if clustered), it is not draining for a stop and no {@link Readiness} hold is in place; else 503, each check with
 * its reason. Vert.x's health checks compose the answer: {@code {"status":"UP"|"DOWN","checks":[...]}}.
 */
public final class Health {

  private static final long DATABASE_TIMEOUT_MS = 2_000;

  private final HealthCheckHandler live;
  private final HealthCheckHandler ready;

  public Health(Vertx vertx, Pool pool, Cluster cluster, Readiness readiness) {
    HealthChecks liveChecks = HealthChecks.create(vertx);
    liveChecks.register("process", p -> p.complete(Status.OK(new JsonObject().put("node", cluster.nodeId()))));
    live = HealthCheckHandler.createWithHealthChecks(liveChecks);

    HealthChecks readyChecks = HealthChecks.create(vertx);
    // Each procedure answers KO itself rather than failing: a failed procedure would be answered 500, not 503.
    readyChecks.register("draining", p -> p.complete(readiness.draining()
        ? Status.KO(new JsonObject().put("reason", "the node is stopping; the load balancer should send nothing new"))
        : Status.OK()));
    readyChecks.register("holds", p -> {
      Map<String, String> holds = readiness.holds();
      p.complete(holds.isEmpty() ? Status.OK() : Status.KO(new JsonObject().put("reason", "not ready yet").put("holds", new JsonObject(Map.copyOf(holds)))));
    });
    readyChecks.register("cluster", p -> {
      JsonObject data = new JsonObject().put("node", cluster.nodeId()).put("clustered", cluster.clustered());
      if (!cluster.joined()) {
        p.complete(Status.KO(data.put("reason", "the node is not part of its cluster")));
        return;
      }
      p.complete(Status.OK(data.put("members", cluster.members())));
    });
    readyChecks.register("database", DATABASE_TIMEOUT_MS * 2, database(pool));
    ready = HealthCheckHandler.createWithHealthChecks(readyChecks);
  }

  private static Handler<Promise<Status>> database(Pool pool) {
    return p -> pool.query("select 1").execute()
        .timeout(DATABASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(ar -> p.complete(ar.succeeded() ? Status.OK()
            : Status.KO(new JsonObject().put("reason", "the database does not answer: " + ar.cause().getMessage()))));
  }

  public void live(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    live.handle(ctx);
  }

  public void ready(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    ready.handle(ctx);
  }
}
