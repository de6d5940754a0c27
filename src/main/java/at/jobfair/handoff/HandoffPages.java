package at.jobfair.handoff;

import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The forms of the schedule and the room page: hand an appointment to a colleague ({@code POST /bookings/{id}/handoff})
 * and ask a colleague into the call ({@code POST /bookings/{id}/meeting/invite}); both go back where they came from.
 */
public final class HandoffPages {

  private final HandoffService handoffs;

  public HandoffPages(HandoffService handoffs) {
    this.handoffs = handoffs;
  }

  public Future<?> handOffForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    String back = Http.localPath(ctx.request().getFormAttribute("back"));
    return colleague(ctx)
        .compose(c -> handoffs.handOff(Sessions.user(ctx), id, c))
        .onSuccess(h -> Http.seeOther(ctx, Http.withNotice(back, "handedOff", String.valueOf(id)) + "#booking-" + id))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  public Future<?> inviteForm(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    String back = "/meetings/" + id;
    return colleague(ctx)
        .compose(c -> handoffs.invite(Sessions.user(ctx), id, c))
        .onSuccess(i -> Http.seeOther(ctx, back + "?invited=" + i.inviteeId()))
        .recover(e -> Http.backWithError(ctx, e, back));
  }

  private static Future<Long> colleague(RoutingContext ctx) {
    String v = ctx.request().getFormAttribute("colleague");
    if (v == null || !v.strip().matches("\\d{1,18}")) return Future.failedFuture(Reason.HANDOFF_COLLEAGUE_REQUIRED.refuse());
    return Future.succeededFuture(Long.parseLong(v.strip()));
  }
}
