package at.jobfair.privacy;

import at.jobfair.refusal.Reason;

import at.jobfair.identity.Account;
import at.jobfair.privacy.RightsRequests.Kind;
import at.jobfair.refusal.Refused;
import at.jobfair.web.JsonFields;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * People's rights over their data, over HTTP: the person's export (JSON download and the page "Meine Daten"), their
 * requests for a correction or erasure, and the staff list where those are closed.
 */
public final class RightsWeb {

  private final PersonalData data;
  private final RightsRequests requests;
  private final Pages pages;
  private final ExportView view;
  private final ZoneId zone;

  public RightsWeb(PersonalData data, RightsRequests requests, Pages pages, ZoneId zone) {
    this.data = data;
    this.requests = requests;
    this.pages = pages;
    this.view = new ExportView(pages.messages(), zone);
    this.zone = zone;
  }

  /** {@code GET /api/me/data}: everything held about the person, as a JSON file to keep (art. 15 and 20). */
  public Future<?> apiExport(RoutingContext ctx) {
    return data.export(Sessions.user(ctx).id()).onSuccess(json -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName() + "\"")
        .putHeader("Cache-Control", "no-store")
        .end(json.encodePrettily()));
  }

  String fileName() {
    return "jobboerse-meine-daten-" + LocalDate.now(zone) + ".json";
  }

  /** {@code GET /me/data}: the same, readable, with the forms to ask for a correction or erasure. */
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

  /** {@code GET /api/me/rights-requests}: the person's own requests with the replies. */
  public Future<?> apiMine(RoutingContext ctx) {
    return requests.mine(Sessions.user(ctx).id()).onSuccess(a -> Http.ok(ctx, new JsonObject().put("items", a)));
  }

  /** {@code GET /api/me/rights-requests/:id}: one of them; anyone else's is not there. */
  public Future<?> apiMineOne(RoutingContext ctx) {
    return requests.mineOne(Sessions.user(ctx).id(), Http.pathId(ctx, "id")).onSuccess(r -> Http.ok(ctx, r));
  }

  /** {@code POST /api/me/rights-requests} {@code {"kind": "CORRECTION"|"ERASURE", "text"}}: 201 with the request. */
  public Future<?> apiAsk(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Kind kind = kind(body.getValue("kind"));
    String text = string(body, "text", Reason.RIGHTS_TEXT_INVALID);
    return requests.ask(Sessions.user(ctx), kind, text).onSuccess(r -> Http.created(ctx, r));
  }

  /** {@code POST /me/data/requests}: the page's forms. */
  public Future<?> askForm(RoutingContext ctx) {
    var f = ctx.request();
    Kind kind = kind(f.getFormAttribute("kind"));
    return requests.ask(Sessions.user(ctx), kind, f.getFormAttribute("text"))
        .<Void>map(r -> {
          Http.seeOther(ctx, "/me/data?asked=" + kind.name() + "#requests");
          return null;
        }).recover(e -> Http.backWithError(ctx, e, "/me/data"));
  }

  /** {@code GET /api/rights-requests}: the open requests this member of staff may close. */
  public Future<?> apiOpen(RoutingContext ctx) {
    return requests.open(Sessions.user(ctx)).onSuccess(a -> Http.ok(ctx, new JsonObject().put("items", a)));
  }

  /** {@code POST /api/rights-requests/:id/close} {@code {"outcome": "DONE"|"REFUSED", "reply"}}. */
  public Future<?> apiClose(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    boolean done = done(body.getValue("outcome"));
    String reply = string(body, "reply", Reason.RIGHTS_REPLY_INVALID);
    return requests.close(Sessions.user(ctx), Http.pathId(ctx, "id"), done, reply).onSuccess(r -> Http.ok(ctx, r));
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
      boolean done = done(f.getFormAttribute("outcome"));
      return requests.close(Sessions.user(ctx), id, done, f.getFormAttribute("reply")).<Void>map(r -> {
        Http.seeOther(ctx, "/staff/rights-requests?closed=" + id);
        return null;
      }).recover(e -> Http.backWithError(ctx, e, "/staff/rights-requests"));
    } catch (Refused e) {
      return Http.backWithError(ctx, e, "/staff/rights-requests");
    }
  }

  /** A text field: absent or a string; anything else is refused like a text too long. */
  private static String string(JsonObject body, String key, Reason code) {
    Object v = body.getValue(key);
    if (v == null || v instanceof String) return (String) v;
    throw JsonFields.invalid(key, code, RightsRequests.MAX_TEXT);
  }

  private static Kind kind(Object v) {
    if ("CORRECTION".equals(v)) return Kind.CORRECTION;
    if ("ERASURE".equals(v)) return Kind.ERASURE;
    throw JsonFields.invalid("kind", Reason.RIGHTS_KIND_INVALID);
  }

  private static boolean done(Object v) {
    if ("DONE".equals(v)) return true;
    if ("REFUSED".equals(v)) return false;
    throw JsonFields.invalid("outcome", Reason.RIGHTS_OUTCOME_INVALID);
  }
}
