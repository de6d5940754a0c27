package at.jobfair;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Access;
import at.jobfair.web.Failures;
import at.jobfair.web.Pages;
import at.jobfair.web.RequestContract;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one way to add a route: with the method, the path, who may use it and what it does. Every route passes the
 * same access check before its handler runs.
 */
public final class Endpoints {

  /**
   * What a route does: it answers (ends the response) by the time its future succeeds, or fails by throwing or
   * with a failed future. Returning null means it answered synchronously.
   */
  @FunctionalInterface
  public interface Action {
    Future<?> run(RoutingContext ctx) throws Exception;
  }

  private final Router router;
  private final Failures failures;
  private final RequestContract contract;

  Endpoints(Router router, Failures failures, RequestContract contract) {
    this.router = router;
    this.failures = failures;
    this.contract = contract;
  }

  /**
   * An API route: it answers JSON, and its refusals too (the path under /api decides that). Its JSON body, if its
   * operation takes one, is checked against openapi.json when the action reads it (see {@link RequestContract}).
   */
  public void api(HttpMethod method, String path, Access access, Action action) {
    RequestContract.Body body = contract.forRoute(method, path);
    add(method, path, access, body == null ? action : ctx -> {
      body.attach(ctx);
      return action.run(ctx);
    });
  }

  /** A page or a page form: it answers HTML or a redirect. */
  public void page(HttpMethod method, String path, Access access, Action action) {
    add(method, path, access, action);
  }

  /**
   * A page for anyone, the same for everyone who is not signed in (the catalogue, the site's texts): a browser may keep
   * it and ask whether it changed ({@link Pages#mayKeep}). Other pages, and every page of a signed-in person, are never kept.
   */
  public void publicPage(HttpMethod method, String path, Action action) {
    add(method, path, Access.anyone(), ctx -> {
      Pages.mayKeep(ctx);
      return action.run(ctx);
    });
  }

  private void add(HttpMethod method, String path, Access access, Action action) {
    router.route(method, path).handler(ctx -> {
      Account user = Sessions.user(ctx);
      if (!access.permits(user)) {
        failures.answer(ctx, user == null ? Reason.SIGN_IN_REQUIRED.refuse() : Reason.FORBIDDEN_ROLE.refuse());
        return;
      }
      try {
        Future<?> done = action.run(ctx);
        if (done != null) {
          // Runs after the action's own callbacks: if one of them threw, nothing was sent; answer anyway.
          done.onComplete(ar -> {
            if (ar.failed()) fail(ctx, ar.cause());
            else if (!ctx.response().ended() && !ctx.failed()) ctx.fail(new IllegalStateException("no answer from " + method + " " + path));
          });
        }
      } catch (Throwable t) {
        fail(ctx, t);
      }
    });
  }

  /** A refusal is answered at once; anything unexpected goes to the router's failure handling. */
  private void fail(RoutingContext ctx, Throwable t) {
    if (t instanceof Refused e) failures.answer(ctx, e);
    else ctx.fail(t);
  }
}
