package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;

/** Signing in and out through the API: the password, then the second factor where one is asked for. */
public final class SignInApi {

  private final AccountService accounts;
  private final SecondFactor secondFactor;
  /** Signing out waits for the session to be gone everywhere before it answers. */
  private final SessionHandler sessions;

  public SignInApi(AccountService accounts, SecondFactor secondFactor, SessionHandler sessions) {
    this.accounts = accounts;
    this.secondFactor = secondFactor;
    this.sessions = sessions;
  }

  /** The password; then either signed in (the account), or {@code {"secondFactor": "CODE" | "ENROL"}} to go on with. */
  public Future<?> signIn(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return accounts.signIn(stringOrNull(body, "email"), stringOrNull(body, "password"), Http.clientIp(ctx))
        .compose(account -> secondFactor.next(account).onSuccess(step -> {
          if (step == SecondFactor.Step.NONE) {
            Sessions.signIn(ctx, account);
            Http.ok(ctx, account.toJson());
          } else {
            Sessions.awaitSecondFactor(ctx, account);
            Http.ok(ctx, new JsonObject().put("secondFactor", step.name()));
          }
        }));
  }

  /** The code from the authenticator app, after the password: signs in (and confirms an authenticator being set up). */
  public Future<?> verifySecondFactor(RoutingContext ctx) {
    Account pending = pending(ctx);
    return secondFactor.verify(pending, stringOrNull(Http.body(ctx), "code")).onSuccess(v -> {
      Sessions.signIn(ctx, pending);
      Http.ok(ctx, pending.toJson());
    });
  }

  /** Sets up an authenticator for the person waiting with a right password and none yet: secret, address, QR code. */
  public Future<?> enrol(RoutingContext ctx) {
    Account pending = pending(ctx);
    return secondFactor.next(pending).compose(step -> step == SecondFactor.Step.ENROL ? secondFactor.enrol(pending)
        : Future.failedFuture(Reason.SECOND_FACTOR_EXISTS.refuse())).onSuccess(json -> Http.ok(ctx, json));
  }

  private static Account pending(RoutingContext ctx) {
    Account pending = Sessions.awaitingSecondFactor(ctx);
    if (pending == null) throw Reason.SIGN_IN_REQUIRED.refuse();
    return pending;
  }

  public Future<?> signOut(RoutingContext ctx) {
    return Sessions.signOut(ctx, sessions).onSuccess(v -> Http.noContent(ctx));
  }

  public Future<?> me(RoutingContext ctx) {
    Http.ok(ctx, Sessions.user(ctx).toJson());
    return null;
  }

  private static String stringOrNull(JsonObject body, String key) {
    Object v = body.getValue(key);
    return v instanceof String s ? s : null;
  }
}
