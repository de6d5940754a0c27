package at.jobfair.web;

import at.jobfair.identity.Account;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The signed-in user and the CSRF token, both kept in the server-side session. Signing in always starts a new
 * session id (so a planted id is worthless) and a new CSRF token.
 */
public final class Sessions {

  /** The session cookie's name. */
  public static final String COOKIE = "jobfair.session";
  static final String USER = "user";
  static final String CSRF = "csrf";
  /** The account whose password was right but whose second factor is still to come (not signed in yet). */
  static final String PENDING = "pending";
  /** When the person last proved who they are (password, and code where one is required): epoch milliseconds. */
  static final String AUTH_AT = "authAt";
  public static final String CSRF_COOKIE = "XSRF-TOKEN";
  public static final String CSRF_HEADER = "X-XSRF-TOKEN";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Sessions() {
  }

  /** The signed-in user, or null. A request without a session cookie gets no session from asking. */
  public static Account user(RoutingContext ctx) {
    Account cached = ctx.get(USER);
    if (cached != null) return cached;
    if (ctx.request().getCookie(COOKIE) == null) return null;
    Session session = ctx.session();
    if (session == null) return null;
    JsonObject json = session.get(USER);
    if (json == null) return null;
    Account account = Account.fromJson(json);
    ctx.put(USER, account);
    return account;
  }

  public static void signIn(RoutingContext ctx, Account account) {
    Session session = ctx.session();
    session.regenerateId();
    session.remove(PENDING);
    session.put(USER, account.toJson());
    session.put(AUTH_AT, System.currentTimeMillis());
    ctx.put(USER, account);
    issueCsrfToken(ctx, session);
  }

  /** The signed-in person's account changed (a new language): the session holds the new one from now. */
  public static void update(RoutingContext ctx, Account account) {
    ctx.session().put(USER, account.toJson());
    ctx.put(USER, account);
  }

  /**
   * The password was right, the second factor is still to come: a new session id that holds the account as pending
   * (nobody is signed in with it) and a CSRF token for the code's form.
   */
  public static void awaitSecondFactor(RoutingContext ctx, Account account) {
    Session session = ctx.session();
    session.regenerateId();
    session.remove(USER);
    ctx.remove(USER);
    session.put(PENDING, account.toJson());
    issueCsrfToken(ctx, session);
  }

  /** The account waiting for its second factor in this session, or null. */
  public static Account awaitingSecondFactor(RoutingContext ctx) {
    Session session = ctx.request().getCookie(COOKIE) == null ? null : ctx.session();
    JsonObject json = session == null ? null : session.get(PENDING);
    return json == null ? null : Account.fromJson(json);
  }

  /** The signed-in person proved again who they are (password, and code where needed): fresh from now. */
  public static void confirmed(RoutingContext ctx) {
    ctx.session().put(AUTH_AT, System.currentTimeMillis());
  }

  /** When the signed-in person last proved who they are (epoch ms), or 0 when unknown. */
  public static long authenticatedAt(RoutingContext ctx) {
    Session session = ctx.session();
    Object at = session == null ? null : session.get(AUTH_AT);
    return at instanceof Number n ? n.longValue() : 0;
  }

  /**
   * Fills a session made outside any request (the node's warm-up makes its own) as signing in would: the account and
   * a CSRF token, which it returns for the caller to echo.
   */
  public static String prepare(Session session, Account account) {
    String token = newToken();
    session.put(USER, account.toJson());
    session.put(CSRF, token);
    return token;
  }

  /**
   * Ends the session and completes once it is gone from the store and from every node's copy, so the answer that
   * follows is only sent when the session no longer works anywhere.
   */
  public static Future<Void> signOut(RoutingContext ctx, SessionHandler handler) {
    Session session = ctx.session();
    ctx.remove(USER);
    ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, "").setPath("/").setMaxAge(0));
    if (session == null) return Future.succeededFuture();
    session.destroy();
    return handler.flush(ctx, true);
  }

  /** The session's CSRF token, created (and sent as the XSRF-TOKEN cookie) when the session has none yet. */
  public static String csrfToken(RoutingContext ctx) {
    Session session = ctx.session();
    String token = session.get(CSRF);
    if (token == null) token = issueCsrfToken(ctx, session);
    return token;
  }

  private static String issueCsrfToken(RoutingContext ctx, Session session) {
    String token = newToken();
    session.put(CSRF, token);
    // Readable by the page's script (not HttpOnly): it echoes the value in the X-XSRF-TOKEN header.
    ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, token).setPath("/").setSameSite(CookieSameSite.STRICT));
    return token;
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
