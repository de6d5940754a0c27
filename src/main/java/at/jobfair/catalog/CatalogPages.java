package at.jobfair.catalog;

import at.jobfair.booth.BoothAccess;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** The catalogue's pages: the fairs, a fair with its booths, a booth with its vacancies and free slots. */
public final class CatalogPages {

  private final CatalogService catalog;
  private final Pages pages;
  private final OwnBooking own;

  /**
   * The signed-in jobseeker's active, still coming booking at a booth, as the booth page shows it ({@code id},
   * {@code slotId}, {@code start}, {@code end}, {@code changeable}); null when they hold none there. The booking
   * feature answers it (the catalogue does not read bookings itself).
   */
  public interface OwnBooking {
    Future<Map<String, Object>> at(long jobseekerId, long boothId);
  }

  public CatalogPages(CatalogService catalog, Pages pages, OwnBooking own) {
    this.catalog = catalog;
    this.pages = pages;
    this.own = own;
  }

  public Future<?> fairsPage(RoutingContext ctx) {
    String sector = ctx.request().getParam("sector");
    String region = ctx.request().getParam("region");
    return catalog.fairs(Sessions.user(ctx), sector, region).onSuccess(list -> pages.render(ctx, "fairs",
        Map.of("fairs", list, "filter", Map.of("sector", nz(sector), "region", nz(region)))));
  }

  public Future<?> fairPage(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    CatalogStore.BoothFilter filter = filter(ctx);
    return catalog.boothsForPage(fairId, Sessions.user(ctx), filter).onSuccess(fb -> pages.render(ctx, "fair", Map.of("fair", fb.fair(),
        "booths", fb.booths(), "filter", Map.of("region", nz(filter.region()), "german", nz(filter.german()), "q", nz(filter.query()),
        // A search in the address keeps the search form open; otherwise it is folded so that the booths come first.
        "active", !(nz(filter.region()) + nz(filter.german()) + nz(filter.query())).isEmpty()))));
  }

  /**
   * The booth page; {@code ?rebook=<booking id>} turns its booking buttons into rebooking buttons. A jobseeker who
   * holds a booking here sees it first, and the slots offer to move it there instead of booking (which would be refused).
   */
  public Future<?> boothPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    long boothId = Http.pathId(ctx, "id");
    boolean jobseeker = user != null && user.has(Role.JOBSEEKER);
    Future<Map<String, Object>> mine = jobseeker ? own.at(user.id(), boothId) : Future.succeededFuture(null);
    // The booth (possibly a copy shared with other requests: marked for this person only on a copy of it).
    return catalog.boothForPage(boothId, user).compose(b -> mine.onSuccess(held -> {
      Map<String, Object> model = new HashMap<>();
      JsonObject booth = b;
      model.put("canBook", jobseeker);
      String rebook = ctx.request().getParam("rebook");
      if (rebook != null && rebook.matches("\\d{1,18}")) model.put("rebook", rebook);
      if (held != null) {
        model.put("own", held);
        boolean changeable = Boolean.TRUE.equals(held.get("changeable"));
        // Moving is the only step that fits: every slot moves the booking, none books a second one.
        if (changeable) model.put("rebook", String.valueOf(held.get("id")));
        else model.put("canBook", false);
        booth = b.copy();
        Object slotId = held.get("slotId");
        for (Object o : booth.getJsonArray("slots", new io.vertx.core.json.JsonArray())) {
          JsonObject s = (JsonObject) o;
          if (String.valueOf(s.getValue("id")).equals(String.valueOf(slotId))) s.put("mine", true);
        }
      }
      model.put("booth", booth);
      model.put("canManage", BoothAccess.mayRun(user, b.getJsonObject("employer").getLong("id")));
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      pages.render(ctx, "booth", model);
    }));
  }

  /** The booth filter from the address ({@code region}, {@code german}, {@code q}); the API reads the same. */
  static CatalogStore.BoothFilter filter(RoutingContext ctx) {
    return CatalogStore.BoothFilter.of(ctx.request().getParam("region"), ctx.request().getParam("german"), ctx.request().getParam("q"));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
