package at.jobfair.catalog;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.site.StaffStart;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The start page: what the platform is, and for a signed-in person what they can do here. */
public final class HomePage {

  private final Pages pages;
  private final CatalogService catalog;
  private final Lookup nextAppointment;
  private final Lists openObligations;
  private final StaffStart staffStart;

  /** A jobseeker's one thing for the start page (their next appointment), or null. */
  public interface Lookup {
    Future<Map<String, Object>> of(long jobseekerId);
  }

  /** A jobseeker's list for the start page (their open binding invitations). */
  public interface Lists {
    Future<List<Map<String, Object>>> of(long jobseekerId);
  }

  /** The features that know a jobseeker's appointments and invitations answer for them (see AppRouter). */
  public HomePage(Pages pages, CatalogService catalog, Lookup nextAppointment, Lists openObligations, StaffStart staffStart) {
    this.pages = pages;
    this.catalog = catalog;
    this.nextAppointment = nextAppointment;
    this.openObligations = openObligations;
    this.staffStart = staffStart;
  }

  public Future<?> show(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    Map<String, Object> model = new HashMap<>();
    Future<?> parts = Future.succeededFuture();
    if (user != null && user.has(Role.JOBSEEKER)) {
      // What the person has comes first: the next appointment and what they are obliged to book.
      Future<Map<String, Object>> next = nextAppointment.of(user.id());
      Future<List<Map<String, Object>>> open = openObligations.of(user.id());
      parts = Future.all(next, open).onSuccess(all -> {
        if (next.result() != null) model.put("next", next.result());
        if (!open.result().isEmpty()) model.put("obligations", open.result());
      });
    }
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
