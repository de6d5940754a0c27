package at.jobfair.web;

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
    if (SAFE.contains(ctx.request().method()) || exempt(ctx.request().method().name() + " " + ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    Session session = ctx.session();
    String expected = session == null ? null : session.get(Sessions.CSRF);
    String given = ctx.request().getHeader(Sessions.CSRF_HEADER);
    if (given == null) given = ctx.request().getFormAttribute(Sessions.CSRF_HEADER);
    if (expected == null || given == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(ApiError.forbidden("csrf"));
      return;
    }
    ctx.next();
  }
}
