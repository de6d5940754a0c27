package at.jobfair.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Headers that tell the browser to refuse framing, sniffing, foreign scripts and leaking referrers. */
final class SecurityHeaders {

  private SecurityHeaders() {
  }

  static void apply(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=()");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    ctx.next();
  }
}
