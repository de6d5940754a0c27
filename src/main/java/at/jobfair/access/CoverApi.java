package at.jobfair.access;

import at.jobfair.web.Http;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/** The JSON routes of deputies, teams and municipalities' areas (organisers); {@link CoverService} makes the changes. */
public final class CoverApi {

  private final CoverService cover;

  public CoverApi(CoverService cover) {
    this.cover = cover;
  }

  public Future<?> overview(RoutingContext ctx) {
    return cover.overview().onSuccess(o -> Http.ok(ctx, o));
  }

  /** POST {@code {"deputyId", "from", "until"}} for the caseworker in the path. */
  public Future<?> addDeputy(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return cover.addDeputy(Sessions.user(ctx), Http.pathId(ctx, "id"), body.getLong("deputyId"), body.getString("from"),
        body.getString("until"))
        .onSuccess(id -> Http.created(ctx, new JsonObject().put("id", id)));
  }

  public Future<?> removeDeputy(RoutingContext ctx) {
    return cover.removeDeputy(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(v -> Http.noContent(ctx));
  }

  /** PUT {@code {"team": "name" | null}}. */
  public Future<?> setTeam(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return cover.setTeam(Sessions.user(ctx), Http.pathId(ctx, "id"), body.getString("team"))
        .onSuccess(v -> Http.ok(ctx, new JsonObject().put("id", Http.pathId(ctx, "id")).put("team", body.getValue("team"))));
  }

  /** PUT {@code {"regions": ["Wien", ...]}}: replaces the area. */
  public Future<?> setArea(RoutingContext ctx) {
    List<String> regions = new ArrayList<>();
    for (Object region : Http.body(ctx).getJsonArray("regions")) regions.add((String) region);
    return cover.setArea(Sessions.user(ctx), Http.pathId(ctx, "id"), regions)
        .onSuccess(r -> Http.ok(ctx, new JsonObject().put("id", Http.pathId(ctx, "id")).put("regions", new JsonArray(r))));
  }
}
