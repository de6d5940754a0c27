package at.jobfair.privacy;

import at.jobfair.identity.Account;
import at.jobfair.privacy.RightsRequests.Kind;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * People's rights over their data, in the browser: the person's export as the page "Meine Daten" with the forms to ask
 * for a correction or erasure, and the staff's page where those are closed.
 */
public final class RightsPages {

  private final PersonalData data;
  private final RightsRequests requests;
  private final Pages pages;
  private final ExportView view;

  public RightsPages(PersonalData data, RightsRequests requests, Pages pages, ZoneId zone) {
    this.data = data;
    this.requests = requests;
    this.pages = pages;
    this.view = new ExportView(pages.messages(), zone);
  }

  /**
   * {@code GET /me/data}: everything held about the person (art. 15), readable, with the forms to ask for a correction
   * or erasure.
   */
  public Future<?> page(RoutingContext ctx) {
    Account user = Sessions.user(ctx);
    return data.export(user.id()).compose(json -> requests.mine(user.id()).map(mine -> {
      Map<String, Object> m = new HashMap<>();
      m.put("sections", view.sections(json, Http.lang(ctx)));
      m.put("requests", mine);
      m.put("openCorrection", mine.stream().anyMatch(o -> open((JsonObject) o, Kind.CORRECTION)));
      m.put("openErasure", mine.stream().anyMatch(o -> open((JsonObject) o, Kind.ERASURE)));
      m.put("maxText", RightsRequests.MAX_TEXT);
      m.put("error", pages.errorInAddress(ctx, RightsRequests.MAX_TEXT));
      String asked = ctx.request().getParam("asked");
      if ("CORRECTION".equals(asked) || "ERASURE".equals(asked)) m.put("notice", pages.messages().get(Http.lang(ctx), "mydata.asked." + asked));
      pages.render(ctx, "me-data", m);
      return null;
    }));
  }

  private static boolean open(JsonObject r, Kind kind) {
    return kind.name().equals(r.getString("kind")) && "OPEN".equals(r.getString("state"));
  }

  /** {@code POST /me/data/requests}: the page's forms. */
  public Future<?> askForm(RoutingContext ctx) {
    var f = ctx.request();
    Kind kind = RightsInput.kind(f.getFormAttribute("kind"));
    return requests.ask(Sessions.user(ctx), kind, f.getFormAttribute("text"))
        .<Void>map(r -> {
          Http.seeOther(ctx, "/me/data?asked=" + kind.name() + "#requests");
          return null;
        }).recover(e -> Http.backWithError(ctx, e, "/me/data"));
  }

  /** {@code GET /staff/rights-requests}. */
  public Future<?> staffPage(RoutingContext ctx) {
    return requests.open(Sessions.user(ctx)).map(list -> {
      Map<String, Object> m = new HashMap<>();
      m.put("items", list);
      m.put("maxText", RightsRequests.MAX_TEXT);
      m.put("error", pages.errorInAddress(ctx, RightsRequests.MAX_TEXT));
      if (ctx.request().getParam("closed") != null) m.put("notice", pages.messages().get(Http.lang(ctx), "rights.staff.closed"));
      pages.render(ctx, "rights-staff", m);
      return null;
    });
  }

  /** {@code POST /staff/rights-requests/:id}: done (an erasure: carried out) or refused, with the reply. */
  public Future<?> closeForm(RoutingContext ctx) {
    var f = ctx.request();
    long id = Http.pathId(ctx, "id");
    try {
      boolean done = RightsInput.done(f.getFormAttribute("outcome"));
      return requests.close(Sessions.user(ctx), id, done, f.getFormAttribute("reply")).<Void>map(r -> {
        Http.seeOther(ctx, "/staff/rights-requests?closed=" + id);
        return null;
      }).recover(e -> Http.backWithError(ctx, e, "/staff/rights-requests"));
    } catch (Refused e) {
      return Http.backWithError(ctx, e, "/staff/rights-requests");
    }
  }
}
