package at.jobfair.web;

import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Messages.Lang;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers shared by every handler: the request's language, JSON bodies and answers. */
public final class Http {

  public static final String LANG_COOKIE = "lang";

  private Http() {
  }

  /**
   * The reader's language: {@code ?lang=} (remembered in a cookie), then the cookie, then the signed-in user's
   * choice, then the browser's Accept-Language; German when nothing says otherwise.
   */
  public static Lang lang(RoutingContext ctx) {
    Lang cached = ctx.get(LANG_COOKIE);
    if (cached != null) return cached;
    Lang lang = Lang.parse(ctx.request().getParam("lang"));
    if (lang != null) {
      ctx.response().addCookie(Cookie.cookie(LANG_COOKIE, lang.code()).setPath("/").setMaxAge(365L * 24 * 3600)
          .setSameSite(CookieSameSite.LAX));
    } else {
      Cookie c = ctx.request().getCookie(LANG_COOKIE);
      if (c != null) lang = Lang.parse(c.getValue());
    }
    if (lang == null) {
      Account user = Sessions.user(ctx);
      if (user != null) lang = Lang.parse(user.language());
    }
    if (lang == null) {
      lang = Lang.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
    }
    if (lang == null) lang = Lang.DE;
    ctx.put(LANG_COOKIE, lang);
    return lang;
  }

  /** The request body as a JSON object (as {@link RequestContract} let it through, on an API route), or a 400 a person understands. */
  public static JsonObject body(RoutingContext ctx) {
    JsonObject checked = RequestContract.checked(ctx);
    return checked != null ? checked : parsedBody(ctx);
  }

  /** The JSON body, or an empty object when there is none (for calls whose body is optional). */
  public static JsonObject optionalBody(RoutingContext ctx) {
    JsonObject checked = RequestContract.checked(ctx);
    return checked != null ? checked : parsedOptionalBody(ctx);
  }

  static JsonObject parsedBody(RoutingContext ctx) {
    try {
      var body = ctx.body();
      if (body == null || body.length() <= 0) throw Reason.BODY_MISSING.refuse();
      JsonObject json = body.asJsonObject();
      if (json == null) throw Reason.BODY_MISSING.refuse();
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw Reason.INVALID_JSON.refuse();
    }
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body));
  }

  public static void ok(RoutingContext ctx, Object body) {
    json(ctx, 200, body);
  }

  public static void created(RoutingContext ctx, JsonObject body) {
    json(ctx, 201, body);
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /** A page form's redirect after a successful post (303, so that reload does not post again). */
  public static void seeOther(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }

  /**
   * Sends a page form back where it came from with one notice in the address ({@code ?error=code},
   * {@code ?cancelled=id}, …), replacing any notice the address carried already.
   */
  public static String withNotice(String path, String name, String value) {
    String clean = path.replaceAll("([?&])(error|cancelled|restored|booked|outcome|checkedIn|recorded|waitlist)=[^&]*&?", "$1").replaceAll("[?&]$", "");
    return clean + (clean.contains("?") ? "&" : "?") + name + "=" + value;
  }

  /** A refusal a person should read on the page they came from: back there with {@code ?error=code}. */
  public static <T> io.vertx.core.Future<T> backWithError(RoutingContext ctx, Throwable e, String back) {
    if (!(e instanceof Refused a)) return io.vertx.core.Future.failedFuture(e);
    seeOther(ctx, withNotice(back, "error", a.code()));
    return io.vertx.core.Future.succeededFuture();
  }

  /** A path on this site to go to after signing in; anything else (another host, a scheme) becomes "/". */
  public static String localPath(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.contains("\r")
        || next.contains("\n")) return "/";
    return next;
  }

  /** A numeric path parameter; anything else is a path that does not exist. */
  public static long pathId(RoutingContext ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException | NullPointerException e) {
      throw Reason.NOT_FOUND.refuse();
    }
  }

  static JsonObject parsedOptionalBody(RoutingContext ctx) {
    var body = ctx.body();
    return body == null || body.length() <= 0 ? new JsonObject() : parsedBody(ctx);
  }

  public static boolean isApi(RoutingContext ctx) {
    return ctx.normalizedPath().startsWith("/api/");
  }

  /** The client's address: as {@link Limits#address} found it (behind a trusted balancer, from X-Forwarded-For). */
  public static String clientIp(RoutingContext ctx) {
    String found = ctx.get(Limits.CLIENT_IP);
    if (found != null) return found;
    var addr = ctx.request().remoteAddress();
    return addr == null ? "unknown" : addr.hostAddress();
  }
}
