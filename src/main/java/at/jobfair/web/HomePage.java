package at.jobfair.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The start page: what the platform is, and for a signed-in person what they can do here. */
public final class HomePage {

  private final Pages pages;

  public HomePage(Pages pages) {
    this.pages = pages;
  }

  public Future<?> show(RoutingContext ctx) {
    pages.render(ctx, "home", Map.of());
    return null;
  }
}
