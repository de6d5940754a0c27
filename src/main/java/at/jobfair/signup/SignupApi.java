package at.jobfair.signup;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON routes of employers who sign up themselves, invite colleagues and apply to exhibit; the organisers' decisions. */
public final class SignupApi {

  private final SignupService signups;

  public SignupApi(SignupService signups) {
    this.signups = signups;
  }

  /** Answers 202 alike for a new address and a known one (no enumeration); 409 while one of the address is pending. */
  public Future<?> signUp(RoutingContext ctx) {
    SignupInput in = SignupInput.from(Http.body(ctx));
    return signups.signUp(in, Http.lang(ctx).code()).onSuccess(v -> Http.json(ctx, 202, new JsonObject().put("status", "CHECK_EMAIL")));
  }

  public Future<?> confirm(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return signups.confirm(body.getString("token"), body.getValue("password") instanceof String p ? p : null).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> pending(RoutingContext ctx) {
    return signups.pending().onSuccess(list -> Http.ok(ctx, list));
  }

  public Future<?> decide(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return signups.decide(Http.pathId(ctx, "id"), body.getBoolean("approve"), body.getString("reason"), Sessions.user(ctx))
        .onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> inviteColleague(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return signups.invite(Sessions.user(ctx), body.getString("name"), body.getString("email"))
        .onSuccess(v -> Http.json(ctx, 202, new JsonObject().put("status", "INVITED")));
  }

  public Future<?> acceptInvitation(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return signups.acceptInvitation(body.getString("token"), SignupInput.password(body)).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> apply(RoutingContext ctx) {
    return signups.apply(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(app -> Http.created(ctx, app));
  }

  public Future<?> applications(RoutingContext ctx) {
    return signups.applicationsOf(Http.pathId(ctx, "id")).onSuccess(list -> Http.ok(ctx, list));
  }

  public Future<?> decideApplication(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return signups.decideApplication(Http.pathId(ctx, "id"), Http.pathId(ctx, "applicationId"), body.getBoolean("approve"),
        body.getString("reason"), Sessions.user(ctx)).onSuccess(result -> Http.ok(ctx, result));
  }
}
