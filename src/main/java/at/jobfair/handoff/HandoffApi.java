package at.jobfair.handoff;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Hand-off to a colleague ({@code POST /api/bookings/{id}/handoff}), asking a colleague into the call
 * ({@code POST /api/bookings/{id}/meeting/invite}), and the evidence of who met the person
 * ({@code GET /api/bookings/{id}/handoffs}). Who may is {@link HandoffPolicy}'s, asked by {@link HandoffService}.
 */
public final class HandoffApi {

  private final HandoffService handoffs;

  public HandoffApi(HandoffService handoffs) {
    this.handoffs = handoffs;
  }

  /** {@code {"colleague": accountId}}: the colleague interviews from now on. */
  public Future<?> handOff(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    Long colleague = colleague(Http.body(ctx));
    return handoffs.handOff(Sessions.user(ctx), id, colleague).onSuccess(h -> Http.ok(ctx, new JsonObject()
        .put("bookingId", h.bookingId()).put("from", h.fromId()).put("interviewer", new JsonObject().put("id", h.toId()).put("name", h.toName()))
        .put("at", h.at().toString())));
  }

  /** {@code {"colleague": accountId}}: the colleague is asked into the running call. */
  public Future<?> invite(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    Long colleague = colleague(Http.body(ctx));
    return handoffs.invite(Sessions.user(ctx), id, colleague).onSuccess(i -> Http.created(ctx, new JsonObject()
        .put("bookingId", i.bookingId()).put("invitee", new JsonObject().put("id", i.inviteeId()).put("name", i.inviteeName()))
        .put("at", i.at().toString()).put("room", "/meetings/" + i.bookingId())));
  }

  /** Every member of the booth's staff who was in the call, every hand-off and every invitation. */
  public Future<?> evidence(RoutingContext ctx) {
    return handoffs.evidence(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(ev -> {
      JsonObject out = new JsonObject();
      ev.forEach((k, list) -> out.put(k, new io.vertx.core.json.JsonArray(list.stream().map(m -> {
        JsonObject o = new JsonObject();
        m.forEach((f, v) -> o.put(f, v instanceof java.time.Instant t ? t.toString() : v));
        return o;
      }).toList())));
      Http.ok(ctx, out);
    });
  }

  static Long colleague(JsonObject body) {
    Object v = body.getValue("colleague");
    return v instanceof Number n ? n.longValue() : null;
  }
}
