package at.jobfair.catalog;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** The catalogue as JSON: fairs, a fair, its booths, a booth. */
public final class CatalogApi {

  private final CatalogService catalog;

  public CatalogApi(CatalogService catalog) {
    this.catalog = catalog;
  }

  public Future<?> fairs(RoutingContext ctx) {
    return catalog.fairs(Sessions.user(ctx), ctx.request().getParam("sector"), ctx.request().getParam("region"))
        .onSuccess(list -> Http.ok(ctx, list));
  }

  public Future<?> fair(RoutingContext ctx) {
    return catalog.fair(Http.pathId(ctx, "id"), Sessions.user(ctx)).onSuccess(f -> Http.ok(ctx, f));
  }

  public Future<?> booths(RoutingContext ctx) {
    return catalog.booths(Http.pathId(ctx, "id"), Sessions.user(ctx), CatalogPages.filter(ctx)).onSuccess(fb -> Http.ok(ctx, fb.booths()));
  }

  public Future<?> booth(RoutingContext ctx) {
    return catalog.booth(Http.pathId(ctx, "id"), Sessions.user(ctx)).onSuccess(b -> Http.ok(ctx, b));
  }
}
