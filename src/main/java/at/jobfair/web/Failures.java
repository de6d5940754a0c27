package at.jobfair.web;

import at.jobfair.refusal.Kind;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into an answer a person understands: JSON {@code {"error","message"}} for the API, a page
 * otherwise. Unexpected failures are logged here and answered without any detail; a stack trace never leaves.
 */
public final class Failures implements Handler<RoutingContext> {

  private static final Logger LOG = Logger.getLogger(Failures.class.getName());
  private final Pages pages;

  public Failures(Pages pages) {
    this.pages = pages;
  }

  /** The one place where a kind of refusal becomes an HTTP status. */
  public static int status(Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case SIGN_IN_REQUIRED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case CONFLICT -> 409;
      case GONE -> 410;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_TYPE -> 415;
      case TOO_MANY -> 429;
      case FAILED -> 500;
      case UNAVAILABLE -> 503;
    };
  }

  public static int status(Refused refused) {
    return status(refused.kind());
  }

  @Override
  public void handle(RoutingContext ctx) {
    Refused refused = classify(ctx);
    // A client error of Vert.x's own that has no kind of ours (e.g. 406) keeps its status.
    int raw = frameworkStatus(ctx);
    boolean foreign = refused.reason() == Reason.BAD_REQUEST && raw > 400 && raw < 500;
    answer(ctx, refused, foreign ? raw : status(refused));
  }

  /** Answers a refusal straight away (the route table sends known refusals here without a second pass over the routes). */
  public void answer(RoutingContext ctx, Refused error) {
    answer(ctx, error, status(error));
  }

  private void answer(RoutingContext ctx, Refused error, int status) {
    if (ctx.response().ended() || ctx.response().closed()) return;
    if (status == 401 && !Http.isApi(ctx) && "GET".equals(ctx.request().method().name())) {
      String next = URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
      Http.seeOther(ctx, "/signin?next=" + next);
      return;
    }
    if (status == 401) ctx.response().putHeader("WWW-Authenticate", "Session");
    JsonObject details = error.details();
    if (details != null && details.containsKey("retryAfterSeconds")) {
      ctx.response().putHeader("Retry-After", String.valueOf(details.getValue("retryAfterSeconds")));
    }
    String message = pages.messages().get(Http.lang(ctx), "error." + error.code(), error.args());
    if (Http.isApi(ctx) || acceptsJsonOnly(ctx)) {
      JsonObject body = new JsonObject().put("error", error.code()).put("message", message);
      if (details != null) body.mergeIn(details);
      Http.json(ctx, status, body);
    } else {
      pages.render(ctx, status, "error", Map.of("status", status, "message", message));
    }
  }

  private static boolean acceptsJsonOnly(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("application/json") && !accept.contains("text/html");
  }

  private static Refused classify(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Refused e) return e;
    if (failure instanceof PgException pg) {
      switch (pg.getSqlState()) {
        case "23505": return Reason.CONFLICT.refuse();
        case "23502", "23503", "23514": return Reason.INVALID_VALUE.refuse();
        case "40P01", "40001":
          // Two changes met and the database undid one (a deadlock or a serialisation failure). Each such place should
          // take turns itself (logged, so that it is found); the person is told to try again, which then works.
          LOG.log(Level.WARNING, "concurrent change undone on " + ctx.request().method() + " " + ctx.request().path() + ": " + pg.getMessage());
          return Reason.CONCURRENT_CHANGE.refuse();
        default: break;
      }
      // Class 22, data exceptions: a value PostgreSQL cannot take (too long, out of range, a NUL character, a broken
      // escape in JSON, an impossible date): the input's fault, whichever field it came through.
      if (pg.getSqlState() != null && pg.getSqlState().startsWith("22")) return Reason.INVALID_VALUE.refuse();
    }
    if (fromBodyDecoding(failure)) return Reason.MALFORMED_BODY.refuse();
    int status = frameworkStatus(ctx);
    switch (status) {
      case 400: return Reason.BAD_REQUEST.refuse();
      case 401: return Reason.SIGN_IN_REQUIRED.refuse();
      case 403: return Reason.FORBIDDEN.refuse();
      case 404: return Reason.NOT_FOUND.refuse();
      case 405: return Reason.METHOD_NOT_ALLOWED.refuse();
      case 413: return Reason.BODY_TOO_LARGE.refuse();
      case 415: return Reason.UNSUPPORTED_MEDIA_TYPE.refuse();
      default: if (status >= 400 && status < 500) return Reason.BAD_REQUEST.refuse();
    }
    if (isDatabaseDown(failure)) {
      LOG.log(Level.WARNING, "database unavailable: " + failure);
      return Reason.UNAVAILABLE.refuse();
    }
    LOG.log(Level.SEVERE, "unexpected failure on " + ctx.request().method() + " " + ctx.request().path(), failure);
    return Reason.INTERNAL.refuse();
  }

  /** The status Vert.x failed the request with (no failure, or its HttpException), or -1 for any other failure. */
  private static int frameworkStatus(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure == null) return ctx.statusCode();
    return failure instanceof io.vertx.ext.web.handler.HttpException h ? h.getStatusCode() : -1;
  }

  /**
   * A body the server could not decode (a broken multipart or form encoding): Netty's decoder throws while the body
   * arrives, before any handler of ours has seen the request, and the body handler passes that on as the failure.
   */
  static boolean fromBodyDecoding(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof io.netty.handler.codec.DecoderException) return true;
      for (StackTraceElement e : c.getStackTrace()) {
        if (e.getClassName().startsWith("io.netty.handler.codec.http.multipart.")) return true;
      }
    }
    return false;
  }

  private static boolean isDatabaseDown(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException || c instanceof io.vertx.core.VertxException && String.valueOf(c.getMessage()).contains("closed")) {
        return true;
      }
    }
    return false;
  }
}
