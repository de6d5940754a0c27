package at.jobfair.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Headers that tell the browser to refuse framing, sniffing, foreign scripts and leaking referrers. */
public final class SecurityHeaders {

  private SecurityHeaders() {
  }

  public static void apply(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", contentPolicy(null));
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Permissions-Policy", permissionsPolicy(null));
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    ctx.next();
  }

  /**
   * Lets this one page also load scripts from and frame one more origin (the video service), and share camera,
   * microphone and screen with it; everything else stays as for every page.
   */
  public static void allowVideoService(RoutingContext ctx, String origin) {
    ctx.response().headers().set("Content-Security-Policy", contentPolicy(origin)).set("Permissions-Policy", permissionsPolicy(origin));
  }

  private static String contentPolicy(String extraOrigin) {
    return "default-src 'self'; script-src 'self'" + (extraOrigin == null ? "" : " " + extraOrigin)
        + "; style-src 'self'; img-src 'self' data:; connect-src 'self'; " + (extraOrigin == null ? "" : "frame-src " + extraOrigin + "; ")
        + "media-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
  }

  private static String permissionsPolicy(String extraOrigin) {
    String allow = extraOrigin == null ? "(self)" : "(self \"" + extraOrigin + "\")";
    return "camera=" + allow + ", microphone=" + allow + (extraOrigin == null ? "" : ", display-capture=" + allow)
        + ", geolocation=(), payment=()";
  }
}
