package at.jobfair.audit;

import at.jobfair.web.Http;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The audit trail over HTTP: whether it is whole. */
public final class AuditApi {

  private final AuditLog audit;

  public AuditApi(AuditLog audit) {
    this.audit = audit;
  }

  /** {@code GET /api/audit/verify}: {@code {"ok", "records", "firstBad"}}. */
  public Future<?> verify(RoutingContext ctx) {
    return audit.verify().onSuccess(v -> Http.ok(ctx, new JsonObject().put("ok", v.ok()).put("records", v.records()).put("firstBad", v.firstBad())));
  }
}
