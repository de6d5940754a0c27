package at.jobfair.web;

import at.jobfair.account.Account;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one way to add a route: with the method, the path, who may use it and what it does. Every route passes the
 * same access check before its handler runs, and the list of routes is kept for the API description test.
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

  public record Entry(HttpMethod method, String path, Access access, boolean api) {
  }

  private final Router router;
  private final Failures failures;
  private final List<Entry> entries = new ArrayList<>();

  Endpoints(Router router, Failures failures) {
    this.router = router;
    this.failures = failures;
  }

  public void api(HttpMethod method, String path, Access access, Action action) {
    add(method, path, access, action, true);
  }

  public void page(HttpMethod method, String path, Access access, Action action) {
    add(method, path, access, action, false);
  }

  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  private void add(HttpMethod method, String path, Access access, Action action, boolean api) {
    entries.add(new Entry(method, path, access, api));
    router.route(method, path).handler(ctx -> {
      Account user = Sessions.user(ctx);
      if (!access.permits(user)) {
        failures.answer(ctx, user == null ? ApiError.unauthorized("sign_in_required") : ApiError.forbidden("forbidden_role"));
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
    if (t instanceof ApiError e) failures.answer(ctx, e);
    else ctx.fail(t);
  }
}
