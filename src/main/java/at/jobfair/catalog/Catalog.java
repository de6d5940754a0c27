package at.jobfair.catalog;

import at.jobfair.refusal.Reason;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.booth.BoothAccess;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** Browsing fairs, booths, vacancies and free slots: the API and the pages. */
public final class Catalog {

  private final CatalogStore store;
  private final Pages pages;

  public Catalog(CatalogStore store, Pages pages) {
    this.store = store;
    this.pages = pages;
  }

  public Future<?> apiFairs(RoutingContext ctx) {
    return store.fairs(seesDrafts(ctx), ctx.request().getParam("sector"), ctx.request().getParam("region"))
        .onSuccess(list -> Http.ok(ctx, list));
  }

  public Future<?> apiFair(RoutingContext ctx) {
    return store.fair(Http.pathId(ctx, "id"), seesDrafts(ctx)).map(f -> found(f, Reason.FAIR_NOT_FOUND)).onSuccess(f -> Http.ok(ctx, f));
  }

  public Future<?> apiBooths(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    return store.fair(fairId, seesDrafts(ctx)).map(f -> found(f, Reason.FAIR_NOT_FOUND))
        .compose(f -> store.booths(fairId, filter(ctx))).onSuccess(list -> Http.ok(ctx, list));
  }

  public Future<?> apiBooth(RoutingContext ctx) {
    return store.booth(Http.pathId(ctx, "id"), seesDrafts(ctx)).map(b -> found(b, Reason.BOOTH_NOT_FOUND)).onSuccess(b -> Http.ok(ctx, b));
  }

  public Future<?> fairsPage(RoutingContext ctx) {
    String sector = ctx.request().getParam("sector");
    String region = ctx.request().getParam("region");
    return store.fairs(seesDrafts(ctx), sector, region).onSuccess(list -> pages.render(ctx, "fairs",
        Map.of("fairs", list, "filter", Map.of("sector", nz(sector), "region", nz(region)))));
  }

  public Future<?> fairPage(RoutingContext ctx) {
    long fairId = Http.pathId(ctx, "id");
    CatalogStore.BoothFilter filter = filter(ctx);
    return store.fair(fairId, seesDrafts(ctx)).map(f -> found(f, Reason.FAIR_NOT_FOUND))
        .compose(f -> store.booths(fairId, filter).onSuccess(booths -> pages.render(ctx, "fair", Map.of("fair", f, "booths", booths,
            "filter", Map.of("region", nz(filter.region()), "german", nz(filter.german()), "q", nz(filter.query()))))));
  }

  /** The booth page; {@code ?rebook=<booking id>} turns its booking buttons into rebooking buttons. */
  public Future<?> boothPage(RoutingContext ctx) {
    return store.booth(Http.pathId(ctx, "id"), seesDrafts(ctx)).map(b -> found(b, Reason.BOOTH_NOT_FOUND)).onSuccess(b -> {
      Map<String, Object> model = new HashMap<>();
      model.put("booth", b);
      Account user = Sessions.user(ctx);
      model.put("canBook", user != null && user.has(Role.JOBSEEKER));
      model.put("canManage", BoothAccess.mayRun(user, b.getJsonObject("employer").getLong("id")));
      String rebook = ctx.request().getParam("rebook");
      if (rebook != null && rebook.matches("\\d{1,18}")) model.put("rebook", rebook);
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      pages.render(ctx, "booth", model);
    });
  }

  private static boolean seesDrafts(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return user != null && user.isStaff();
  }

  private static CatalogStore.BoothFilter filter(RoutingContext ctx) {
    return CatalogStore.BoothFilter.of(ctx.request().getParam("region"), ctx.request().getParam("german"), ctx.request().getParam("q"));
  }

  private static JsonObject found(JsonObject o, Reason code) {
    if (o == null) throw code.refuse();
    return o;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
