package at.jobfair.mail;

import at.jobfair.mail.OutboxStore.Status;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

/** The outbox through the API: what was sent, kept or failed, for the staff who may see it ({@link OutboxService}). */
public final class OutboxApi {

  private static final int API_LIMIT_MAX = 500;
  private static final int API_LIMIT_DEFAULT = 100;

  private final OutboxService outbox;

  public OutboxApi(OutboxService outbox) {
    this.outbox = outbox;
  }

  /** {@code GET /api/outbox?status=&to=&limit=}: newest first, without bodies. */
  public Future<?> list(RoutingContext ctx) {
    String statusParam = ctx.request().getParam("status");
    Status status = blank(statusParam) ? null : Status.parse(statusParam);
    if (!blank(statusParam) && status == null) throw Reason.INVALID_VALUE.refuse();
    int limit = API_LIMIT_DEFAULT;
    String limitParam = ctx.request().getParam("limit");
    if (!blank(limitParam)) {
      try {
        limit = Integer.parseInt(limitParam.trim());
      } catch (NumberFormatException e) {
        throw Reason.INVALID_VALUE.refuse();
      }
      if (limit < 1 || limit > API_LIMIT_MAX) throw Reason.INVALID_VALUE.refuse();
    }
    return outbox.list(Sessions.user(ctx), status, ctx.request().getParam("to"), limit).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(m -> out.add(m.toJson()));
      Http.ok(ctx, out);
      return null;
    });
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
