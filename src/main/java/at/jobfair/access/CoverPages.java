package at.jobfair.access;

import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The organisers' page of deputies, teams and municipalities' areas, and its forms; {@link CoverService} makes the changes. */
public final class CoverPages {

  private final CoverService cover;
  private final Pages pages;

  public CoverPages(CoverService cover, Pages pages) {
    this.cover = cover;
    this.pages = pages;
  }

  public Future<?> page(RoutingContext ctx) {
    return cover.overview().onSuccess(o -> {
      Map<String, Object> model = new HashMap<>();
      for (Object m : o.getJsonArray("municipalities")) {
        JsonObject municipality = (JsonObject) m;
        municipality.put("regionsText", String.join(", ", municipality.getJsonArray("regions").stream().map(String::valueOf).toList()));
      }
      model.put("cover", o);
      if (ctx.request().getParam("saved") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "cover.saved"));
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      pages.render(ctx, "cover", model);
    });
  }

  public Future<?> deputyForm(RoutingContext ctx) {
    var f = ctx.request();
    return back(ctx, cover.addDeputy(Sessions.user(ctx), formId(f.getFormAttribute("caseworkerId")), formId(f.getFormAttribute("deputyId")),
        f.getFormAttribute("from"), f.getFormAttribute("until")));
  }

  public Future<?> removeDeputyForm(RoutingContext ctx) {
    return back(ctx, cover.removeDeputy(Sessions.user(ctx), Http.pathId(ctx, "id")));
  }

  public Future<?> teamForm(RoutingContext ctx) {
    return back(ctx, cover.setTeam(Sessions.user(ctx), Http.pathId(ctx, "id"), ctx.request().getFormAttribute("team")));
  }

  public Future<?> areaForm(RoutingContext ctx) {
    String text = ctx.request().getFormAttribute("regions");
    List<String> regions = text == null ? List.of() : Arrays.asList(text.split("[,\\n]"));
    return back(ctx, cover.setArea(Sessions.user(ctx), Http.pathId(ctx, "id"), regions));
  }

  private Future<?> back(RoutingContext ctx, Future<?> done) {
    return done.onSuccess(v -> Http.seeOther(ctx, "/admin/cover?saved=1"))
        .recover(e -> Http.backWithError(ctx, e, "/admin/cover"));
  }

  private static Long formId(String v) {
    try {
      return v == null ? null : Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
