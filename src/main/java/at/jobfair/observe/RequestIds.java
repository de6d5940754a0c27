package at.jobfair.observe;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;
import io.vertx.ext.web.RoutingContext;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} when it looks like one (a balancer in front sets
 * it, so its log and ours meet), otherwise a new one. The id is echoed in the response and kept on the request's
 * context: Vert.x handles each request on a duplicated context of its own, and the callbacks of what the request
 * starts (queries, timers) run on that same context, so whatever is logged while handling it can say which request it
 * was for. Registered as a Vert.x service provider because a context local must exist before any Vertx is created.
 */
public final class RequestIds implements VertxServiceProvider {

  public static final String HEADER = "X-Request-Id";
  /** A sane id from outside: short, and nothing that could break a log line or a header (no quotes, spaces, controls). */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
  private static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);

  @Override
  public void init(VertxBootstrap bootstrap) {
    // Nothing to set up: loading this class registered the context local.
  }

  /** The first handler of the router: takes or makes the id, answers with it, keeps it for the request's log lines. */
  public static void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : newId();
    ctx.put(HEADER, id);
    ctx.response().putHeader(HEADER, id);
    Context context = Vertx.currentContext();
    // Only a duplicated context is the request's own; the event loop's base context is shared by every request.
    if (context != null && ((io.vertx.core.internal.ContextInternal) context).isDuplicate()) context.putLocal(LOCAL, id);
    ctx.next();
  }

  /** The id of the request being handled on this thread right now, or null outside a request. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(LOCAL);
  }

  /** The request's id as the router saw it. */
  public static String of(RoutingContext ctx) {
    return ctx.get(HEADER);
  }

  /** 96 random bits: unique enough to find one request among billions, and no secret (so no SecureRandom per request). */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextInt());
  }
}
