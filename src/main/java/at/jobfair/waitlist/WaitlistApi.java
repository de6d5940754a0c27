package at.jobfair.waitlist;

import at.jobfair.booking.BookingApi;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The waitlist API: join a full booth's line, see one's places and offers, take or pass on a held seat, leave; the line's length for the booth's staff. */
public final class WaitlistApi {

  private final WaitlistService waitlist;

  public WaitlistApi(WaitlistService waitlist) {
    this.waitlist = waitlist;
  }

  public Future<?> join(RoutingContext ctx) {
    return waitlist.join(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(e -> Http.created(ctx, json(e)));
  }

  public Future<?> mine(RoutingContext ctx) {
    return waitlist.open(Sessions.user(ctx).id()).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(e -> out.add(json(e)));
      Http.ok(ctx, out);
    });
  }

  public Future<?> leave(RoutingContext ctx) {
    return waitlist.leave(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> accept(RoutingContext ctx) {
    return waitlist.accept(Sessions.user(ctx), Http.pathId(ctx, "id"), Http.optionalBody(ctx).getJsonArray("answers")).onSuccess(b -> Http.created(ctx, BookingApi.json(b, false)));
  }

  public Future<?> decline(RoutingContext ctx) {
    return waitlist.decline(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> length(RoutingContext ctx) {
    long boothId = Http.pathId(ctx, "id");
    return waitlist.length(Sessions.user(ctx), boothId).onSuccess(l -> Http.ok(ctx, new JsonObject().put("boothId", boothId)
        .put("waiting", l.waiting()).put("offered", l.offered())));
  }

  static JsonObject json(WaitlistStore.Entry e) {
    JsonObject o = new JsonObject().put("id", e.id()).put("boothId", e.boothId()).put("employerName", e.employerName())
        .put("fairId", e.fairId()).put("fairName", e.fairName()).put("status", e.status().db())
        .put("joinedAt", e.joinedAt().toString());
    if (e.status() == WaitlistStore.Status.WAITING) o.put("place", e.place());
    if (e.offer() != null) {
      o.put("offer", new JsonObject().put("slotId", e.offer().slotId()).put("start", e.offer().start().toString())
          .put("end", e.offer().end().toString()).put("holdUntil", e.offer().holdUntil().toString()));
    }
    return o;
  }
}
