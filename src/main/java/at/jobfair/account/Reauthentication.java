package at.jobfair.account;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * Before a decision that cuts a person's benefit, the decider proves again who they are: the password, and the code
 * when their role signs in with a second factor. Someone who did so within {@code auth.reauthMinutes} (at sign-in, say)
 * is not asked again; a session left open on a desk is.
 */
public final class Reauthentication {

  private final AccountService accounts;
  private final SecondFactor secondFactor;
  private final Duration window;

  public Reauthentication(AccountService accounts, SecondFactor secondFactor, Duration window) {
    this.accounts = accounts;
    this.secondFactor = secondFactor;
    this.window = window;
  }

  /** Whether the signed-in person proved who they are recently enough to decide without being asked. */
  public boolean fresh(RoutingContext ctx) {
    return System.currentTimeMillis() - Sessions.authenticatedAt(ctx) < window.toMillis();
  }

  /** Whether the form must also ask for a code (the person's role signs in with a second factor). */
  public boolean asksCode(RoutingContext ctx) {
    return secondFactor.required(Sessions.user(ctx));
  }

  /**
   * Passes when fresh; otherwise checks the password (counted like a sign-in attempt) and the code where the role needs
   * one, and the session counts as fresh from now. Fails 403 {@code reauth_required} when no password came, else as a
   * wrong password or code does.
   */
  public Future<Void> confirm(RoutingContext ctx, String password, String code) {
    if (fresh(ctx)) return Future.succeededFuture();
    if (password == null || password.isBlank()) return Future.failedFuture(Reason.REAUTH_REQUIRED.refuse());
    Account user = Sessions.user(ctx);
    return accounts.signIn(user.email(), password, Http.clientIp(ctx))
        .compose(a -> a.id() != user.id() ? Future.failedFuture(Reason.BAD_CREDENTIALS.refuse())
            : secondFactor.required(a) ? secondFactor.verify(a, code) : Future.<Void>succeededFuture())
        .onSuccess(v -> Sessions.confirmed(ctx));
  }
}
