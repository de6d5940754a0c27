package at.jobfair.catalog;

import at.jobfair.booth.BoothAccess;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** The catalogue's pages: the fairs, a fair with its booths, a booth with its vacancies and free slots. */
public final class CatalogPages {

  private final CatalogService catalog;
  private final Pages pages;

  public CatalogPages(CatalogService catalog, Pages pages) {
    this.catalog = catalog;
    this.pages = pages;
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
    return catalog.booths(fairId, Sessions.user(ctx), filter).onSuccess(fb -> pages.render(ctx, "fair", Map.of("fair", fb.fair(),
        "booths", fb.booths(), "filter", Map.of("region", nz(filter.region()), "german", nz(filter.german()), "q", nz(filter.query())))));
  }

  /** The booth page; {@code ?rebook=<booking id>} turns its booking buttons into rebooking buttons. */
  public Future<?> boothPage(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return catalog.booth(Http.pathId(ctx, "id"), user).onSuccess(b -> {
      Map<String, Object> model = new HashMap<>();
      model.put("booth", b);
      model.put("canBook", user != null && user.has(Role.JOBSEEKER));
      model.put("canManage", BoothAccess.mayRun(user, b.getJsonObject("employer").getLong("id")));
      String rebook = ctx.request().getParam("rebook");
      if (rebook != null && rebook.matches("\\d{1,18}")) model.put("rebook", rebook);
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      pages.render(ctx, "booth", model);
    });
  }

  /** The booth filter from the address ({@code region}, {@code german}, {@code q}); the API reads the same. */
  static CatalogStore.BoothFilter filter(RoutingContext ctx) {
    return CatalogStore.BoothFilter.of(ctx.request().getParam("region"), ctx.request().getParam("german"), ctx.request().getParam("q"));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
