package at.jobfair.db;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** {@code GET /health}: 200 when the database answers, 503 when it does not. */
public final class Health {

  private final Pool pool;

  public Health(Pool pool) {
    this.pool = pool;
  }

  public void handle(RoutingContext ctx) {
    pool.query("select 1").execute()
        .timeout(3, java.util.concurrent.TimeUnit.SECONDS)
        .onComplete(ar -> {
          JsonObject db = new JsonObject().put("status", ar.succeeded() ? "UP" : "DOWN");
          JsonObject body = new JsonObject().put("status", ar.succeeded() ? "UP" : "DOWN").put("database", db);
          ctx.response().setStatusCode(ar.succeeded() ? 200 : 503)
              .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
              .end(body.encode());
        });
  }
}
