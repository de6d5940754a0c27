package at.jobfair.invitation;

import at.jobfair.invitation.InvitationStore.Criteria;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The invitation API: proposals, control appointments and mailings (staff), one's own invitations, registration. */
public final class InvitationApi {

  private final InvitationService service;

  public InvitationApi(InvitationService service) {
    this.service = service;
  }

  /** POST /api/fairs/:id/invitations: a placement proposal, or a mass mailing (with {@code "preview":true} only counted). */
  public Future<?> invite(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    JsonObject body = Http.body(ctx);
    Object type = body.getValue("type");
    if ("PLACEMENT_PROPOSAL".equals(type)) {
      return service.propose(Sessions.user(ctx), fairId, body).onSuccess(o -> Http.created(ctx, o));
    }
    if ("CONTROL_APPOINTMENT".equals(type)) {
      return service.control(Sessions.user(ctx), fairId, body).onSuccess(o -> Http.created(ctx, o));
    }
    if ("MASS_MAILING".equals(type)) {
      Criteria criteria = InvitationService.criteria(body.getValue("criteria"));
      if (Boolean.TRUE.equals(body.getValue("preview"))) return service.previewMailing(fairId, criteria).onSuccess(o -> Http.ok(ctx, o));
      return service.sendMailing(Sessions.user(ctx), fairId, criteria).onSuccess(o -> Http.created(ctx, o));
    }
    throw Reason.INVITATION_TYPE.refuse();
  }

  public Future<?> mine(RoutingContext ctx) {
    return service.mine(Sessions.user(ctx).id()).onSuccess(list -> Http.ok(ctx, new JsonArray(List.copyOf(list))));
  }

  public Future<?> register(RoutingContext ctx) {
    return service.register(Http.pathId(ctx, "id"), Http.body(ctx), Http.clientIp(ctx)).compose(r -> {
      if (r.existing()) return Future.failedFuture(Reason.REGISTER_EMAIL_EXISTS.refuse());
      Sessions.signIn(ctx, r.account());
      Http.created(ctx, r.account().toJson());
      return Future.succeededFuture();
    });
  }

  public Future<?> notices(RoutingContext ctx) {
    return service.notices().onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(n -> out.add(n.toJson()));
      Http.ok(ctx, out);
    });
  }
}
