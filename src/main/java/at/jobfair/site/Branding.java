package at.jobfair.site;

import at.jobfair.config.OperatorConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's face on every page: the colours as the stylesheet's custom properties ({@code /branding/theme.css},
 * a file because the content policy allows no inline styles), a logo and favicon kept in the data directory, and
 * what the header and footer of every page show (name, logo, hotline).
 */
public final class Branding {

  private final OperatorConfig operator;
  private final String theme;

  public Branding(OperatorConfig operator) {
    this.operator = operator;
    // After app.css: the operator's colours replace the stylesheet's defaults.
    this.theme = ":root { --accent: " + operator.primaryColour() + "; --accent-ink: " + operator.primaryTextColour() + "; }\n";
  }

  /** What every page's layout shows of the operator (the {@code site} of the templates' common model). */
  public Map<String, Object> site() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", operator.name());
    m.put("logo", operator.logo().url());
    m.put("favicon", operator.favicon().url());
    m.put("faviconType", operator.favicon().contentType());
    m.put("email", operator.email());
    m.put("hotlinePhone", operator.hotlinePhone());
    m.put("hotlineDial", "tel:" + operator.hotlinePhone().replaceAll("[^+0-9]", ""));
    m.put("hotlineHours", operator.hotlineHours());
    return m;
  }

  public void theme(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/css; charset=utf-8").putHeader("Cache-Control", "public, max-age=3600")
        .end(theme);
  }

  public void logo(RoutingContext ctx) {
    image(ctx, operator.logo());
  }

  public void favicon(RoutingContext ctx) {
    image(ctx, operator.favicon());
  }

  /** An image from the data directory; one under /static is served there, and this address does not exist for it. */
  private static void image(RoutingContext ctx, OperatorConfig.Image image) {
    if (image.file() == null) {
      ctx.next();
      return;
    }
    ctx.vertx().fileSystem().readFile(image.file().toString()).onComplete(r -> {
      if (r.failed()) {
        ctx.next();
        return;
      }
      Buffer b = r.result();
      ctx.response().putHeader("Content-Type", image.contentType()).putHeader("Cache-Control", "public, max-age=3600").end(b);
    });
  }
}
