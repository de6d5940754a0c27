package at.jobfair.catalog;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** The start page: what the platform is, and for a signed-in person what they can do here. */
public final class HomePage {

  private final Pages pages;
  private final CatalogService catalog;

  public HomePage(Pages pages, CatalogService catalog) {
    this.pages = pages;
    this.catalog = catalog;
  }

  public Future<?> show(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    Map<String, Object> model = new HashMap<>();
    if (user != null && user.has(Role.EMPLOYER) && user.employerId() != null) {
      return catalog.boothsOfEmployer(user.employerId()).onSuccess(booths -> {
        model.put("booths", booths);
        pages.render(ctx, "home", model);
      });
    }
    pages.render(ctx, "home", model);
    return null;
  }
}
