package at.jobfair.web;

import at.jobfair.refusal.Reason;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Refuses every state-changing request that does not echo the session's CSRF token, either in the X-XSRF-TOKEN
 * header (the value of the XSRF-TOKEN cookie) or as the X-XSRF-TOKEN form field.
 *
 * <p>Unlike Vert.x's CSRFHandler, the token stays the same for the whole session instead of changing after every
 * request, so a page may send several requests at once; it changes at sign-in with the session id.
 */
public final class Csrf implements Handler<RoutingContext> {

  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private final Set<String> exempt;
  private final java.util.List<java.util.regex.Pattern> exemptPatterns;

  /**
   * @param exempt "METHOD path" pairs that need no token (signing in through the API, which has no session yet); a
   *               {@code *} stands for one path segment ("POST /api/fairs/{@literal *}/registrations")
   */
  public Csrf(Set<String> exempt) {
    this.exempt = exempt;
    this.exemptPatterns = exempt.stream().filter(e -> e.contains("*"))
        .map(e -> java.util.regex.Pattern.compile(java.util.Arrays.stream(e.split("\\*", -1)).map(java.util.regex.Pattern::quote)
            .collect(java.util.stream.Collectors.joining("[^/]+")))).toList();
  }

  private boolean exempt(String request) {
    return exempt.contains(request) || exemptPatterns.stream().anyMatch(p -> p.matcher(request).matches());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (SAFE.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    if (exempt(ctx.request().method().name() + " " + ctx.normalizedPath())) {
      // No session yet, so no token: only JSON, which a foreign page cannot send without asking (CORS preflight,
      // never granted here), and never from a browser that says the request comes from another site.
      if (crossSite(ctx)) ctx.fail(Reason.CROSS_SITE.refuse());
      else if (!json(ctx)) ctx.fail(Reason.JSON_REQUIRED.refuse());
      else ctx.next();
      return;
    }
    Session session = ctx.session();
    String expected = session == null ? null : session.get(Sessions.CSRF);
    String given = ctx.request().getHeader(Sessions.CSRF_HEADER);
    if (given == null) given = ctx.request().getFormAttribute(Sessions.CSRF_HEADER);
    if (expected == null || given == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(Reason.CSRF.refuse());
      return;
    }
    ctx.next();
  }

  /** The browser says the request comes from another site (Sec-Fetch-Site), or names a foreign Origin. */
  static boolean crossSite(RoutingContext ctx) {
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    if ("cross-site".equals(site) || "same-site".equals(site)) return true;
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) return false;
    String host = ctx.request().getHeader("Host");
    return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private static boolean json(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }
}
