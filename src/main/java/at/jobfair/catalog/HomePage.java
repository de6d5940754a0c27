package at.jobfair.catalog;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.site.StaffStart;
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
  private final StaffStart staffStart;

  public HomePage(Pages pages, CatalogService catalog, StaffStart staffStart) {
    this.pages = pages;
    this.catalog = catalog;
    this.staffStart = staffStart;
  }

  public Future<?> show(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    Map<String, Object> model = new HashMap<>();
    Future<?> parts = Future.succeededFuture();
    if (user != null && user.has(Role.EMPLOYER) && user.employerId() != null) {
      parts = parts.compose(v -> catalog.boothsOfEmployer(user.employerId()).onSuccess(booths -> model.put("booths", booths)));
    }
    // Staff: their stations, today's boards, worklist and decisions (partials/staff-start)
    if (user != null && user.isStaff()) {
      parts = parts.compose(v -> staffStart.of(user).onSuccess(staff -> model.put("staffStart", staff)));
    }
    return parts.onSuccess(v -> pages.render(ctx, "home", model));
  }
}
