package at.jobfair.web;

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

  @Override
  public void handle(RoutingContext ctx) {
    answer(ctx, classify(ctx));
  }

  /** Answers a refusal straight away (the route table sends known refusals here without a second pass over the routes). */
  public void answer(RoutingContext ctx, ApiError error) {
    if (ctx.response().ended() || ctx.response().closed()) return;
    if (error.status() == 401 && !Http.isApi(ctx) && "GET".equals(ctx.request().method().name())) {
      String next = URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
      Http.seeOther(ctx, "/signin?next=" + next);
      return;
    }
    if (error.status() == 401) ctx.response().putHeader("WWW-Authenticate", "Session");
    JsonObject details = error.details();
    if (details != null && details.containsKey("retryAfterSeconds")) {
      ctx.response().putHeader("Retry-After", String.valueOf(details.getValue("retryAfterSeconds")));
    }
    String message = pages.messages().get(Http.lang(ctx), "error." + error.code(), error.args());
    if (Http.isApi(ctx) || acceptsJsonOnly(ctx)) {
      JsonObject body = new JsonObject().put("error", error.code()).put("message", message);
      if (details != null) body.mergeIn(details);
      Http.json(ctx, error.status(), body);
    } else {
      pages.render(ctx, error.status(), "error", Map.of("status", error.status(), "message", message));
    }
  }

  private static boolean acceptsJsonOnly(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("application/json") && !accept.contains("text/html");
  }

  private static ApiError classify(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError e) return e;
    if (failure instanceof PgException pg) {
      switch (pg.getSqlState()) {
        case "23505": return ApiError.conflict("conflict");
        case "23502", "23503", "23514": return ApiError.badRequest("invalid_value");
        default: break;
      }
      // Class 22, data exceptions: a value PostgreSQL cannot take (too long, out of range, a NUL character, a broken
      // escape in JSON, an impossible date): the input's fault, whichever field it came through.
      if (pg.getSqlState() != null && pg.getSqlState().startsWith("22")) return ApiError.badRequest("invalid_value");
    }
    if (fromBodyDecoding(failure)) return ApiError.badRequest("malformed_body");
    if (failure == null || failure instanceof io.vertx.ext.web.handler.HttpException) {
      int status = failure == null ? ctx.statusCode() : ((io.vertx.ext.web.handler.HttpException) failure).getStatusCode();
      switch (status) {
        case 400: return ApiError.badRequest("bad_request");
        case 401: return ApiError.unauthorized("sign_in_required");
        case 403: return ApiError.forbidden("forbidden");
        case 404: return ApiError.notFound("not_found");
        case 405: return new ApiError(405, "method_not_allowed", null);
        case 413: return new ApiError(413, "body_too_large", null);
        case 415: return new ApiError(415, "unsupported_media_type", null);
        default: if (status >= 400 && status < 500) return new ApiError(status, "bad_request", null);
      }
    }
    if (isDatabaseDown(failure)) {
      LOG.log(Level.WARNING, "database unavailable: " + failure);
      return new ApiError(503, "unavailable", null);
    }
    LOG.log(Level.SEVERE, "unexpected failure on " + ctx.request().method() + " " + ctx.request().path(), failure);
    return new ApiError(500, "internal", null);
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
