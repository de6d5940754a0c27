package at.jobfair.access;

import at.jobfair.refusal.Reason;

import at.jobfair.identity.Account;
import at.jobfair.audit.AuditChain;
import at.jobfair.audit.AuditLog;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Organisers keep who stands in for whom (an SfA's deputy, with optional dates; teams whose members act for each
 * other's caseload) and which regions a municipality decides for: data, not code, read by {@link Relations}. Every
 * change is one transaction with its audit record (ids only: the chain keeps no names).
 */
public final class CoverAdmin {

  static final int MAX_REGIONS = 50;
  static final int MAX_TEXT = 100;

  private final Pool pool;
  private final AuditLog audit;
  private final Pages pages;
  private final Clock clock;

  public CoverAdmin(Pool pool, AuditLog audit, Pages pages, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.pages = pages;
    this.clock = clock;
  }

  // ---- API -----------------------------------------------------------------------------------------------------------

  public Future<?> apiOverview(RoutingContext ctx) {
    return CoverStore.overview(pool).onSuccess(o -> Http.ok(ctx, o));
  }

  /** POST {@code {"deputyId", "from", "until"}} for the caseworker in the path. */
  public Future<?> apiAddDeputy(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return addDeputy(Sessions.user(ctx), Http.pathId(ctx, "id"), id(body.getValue("deputyId")), text(body.getValue("from")), text(body.getValue("until")))
        .onSuccess(id -> Http.created(ctx, new JsonObject().put("id", id)));
  }

  public Future<?> apiRemoveDeputy(RoutingContext ctx) {
    return removeDeputy(Sessions.user(ctx), Http.pathId(ctx, "id")).onSuccess(v -> Http.noContent(ctx));
  }

  /** PUT {@code {"team": "name" | null}}. */
  public Future<?> apiSetTeam(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    if (!body.containsKey("team")) throw Reason.TEAM_INVALID.refuse();
    return setTeam(Sessions.user(ctx), Http.pathId(ctx, "id"), text(body.getValue("team")))
        .onSuccess(v -> Http.ok(ctx, new JsonObject().put("id", Http.pathId(ctx, "id")).put("team", body.getValue("team"))));
  }

  /** PUT {@code {"regions": ["Wien", ...]}}: replaces the area. */
  public Future<?> apiSetArea(RoutingContext ctx) {
    Object value = Http.body(ctx).getValue("regions");
    if (!(value instanceof JsonArray array)) throw Reason.AREA_INVALID.refuse();
    List<String> regions = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String s)) throw Reason.AREA_INVALID.refuse();
      regions.add(s);
    }
    return setArea(Sessions.user(ctx), Http.pathId(ctx, "id"), regions)
        .onSuccess(r -> Http.ok(ctx, new JsonObject().put("id", Http.pathId(ctx, "id")).put("regions", new JsonArray(r))));
  }

  // ---- page ----------------------------------------------------------------------------------------------------------

  public Future<?> page(RoutingContext ctx) {
    return CoverStore.overview(pool).onSuccess(o -> {
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
    return back(ctx, addDeputy(Sessions.user(ctx), formId(f.getFormAttribute("caseworkerId")), formId(f.getFormAttribute("deputyId")),
        f.getFormAttribute("from"), f.getFormAttribute("until")));
  }

  public Future<?> removeDeputyForm(RoutingContext ctx) {
    return back(ctx, removeDeputy(Sessions.user(ctx), Http.pathId(ctx, "id")));
  }

  public Future<?> teamForm(RoutingContext ctx) {
    return back(ctx, setTeam(Sessions.user(ctx), Http.pathId(ctx, "id"), ctx.request().getFormAttribute("team")));
  }

  public Future<?> areaForm(RoutingContext ctx) {
    String text = ctx.request().getFormAttribute("regions");
    List<String> regions = text == null ? List.of() : Arrays.asList(text.split("[,\\n]"));
    return back(ctx, setArea(Sessions.user(ctx), Http.pathId(ctx, "id"), regions));
  }

  private Future<?> back(RoutingContext ctx, Future<?> done) {
    return done.onSuccess(v -> Http.seeOther(ctx, "/admin/cover?saved=1"))
        .recover(e -> Http.backWithError(ctx, e, "/admin/cover"));
  }

  // ---- the changes ---------------------------------------------------------------------------------------------------

  Future<Long> addDeputy(Account by, long caseworker, Long deputy, String fromText, String untilText) {
    if (deputy == null) return Future.failedFuture(Reason.DEPUTY_NOT_SFA.refuse());
    if (deputy == caseworker) return Future.failedFuture(Reason.DEPUTY_SELF.refuse());
    LocalDate from;
    LocalDate until;
    try {
      from = blank(fromText) ? null : LocalDate.parse(fromText.strip());
      until = blank(untilText) ? null : LocalDate.parse(untilText.strip());
    } catch (DateTimeParseException e) {
      return Future.failedFuture(Reason.DEPUTY_DATES_INVALID.refuse());
    }
    if (from != null && until != null && from.isAfter(until)) return Future.failedFuture(Reason.DEPUTY_DATES_INVALID.refuse());
    return pool.withTransaction(tx -> sfa(tx, caseworker).compose(v -> sfa(tx, deputy))
        .compose(v -> CoverStore.addDeputy(tx, caseworker, deputy, from, until, by.id()))
        .compose(id -> audited(tx, by, caseworker, "DEPUTY_ADDED", null, "deputy:" + deputy + " " + (from == null ? "" : from) + ".." + (until == null ? "" : until)).map(id)));
  }

  Future<Void> removeDeputy(Account by, long id) {
    return pool.withTransaction(tx -> CoverStore.removeDeputy(tx, id).compose(caseworker -> caseworker == null
        ? Future.failedFuture(Reason.DEPUTY_NOT_FOUND.refuse())
        : audited(tx, by, caseworker, "DEPUTY_REMOVED", "deputy-entry:" + id, null)));
  }

  Future<Void> setTeam(Account by, long sfa, String team) {
    String clean = blank(team) ? null : team.strip();
    if (clean != null && clean.length() > MAX_TEXT) return Future.failedFuture(Reason.TEAM_INVALID.refuse());
    return pool.withTransaction(tx -> sfa(tx, sfa).compose(v -> CoverStore.setTeam(tx, sfa, clean))
        .compose(v -> audited(tx, by, sfa, "TEAM_SET", null, clean == null ? "no team" : "team:" + clean)));
  }

  Future<List<String>> setArea(Account by, long municipality, List<String> given) {
    LinkedHashSet<String> regions = new LinkedHashSet<>();
    for (String r : given) if (!blank(r)) regions.add(r.strip());
    if (regions.size() > MAX_REGIONS || regions.stream().anyMatch(r -> r.length() > MAX_TEXT)) {
      return Future.failedFuture(Reason.AREA_INVALID.refuse());
    }
    List<String> list = List.copyOf(regions);
    return pool.withTransaction(tx -> CoverStore.hasRole(tx, municipality, "KOMMUNE").compose(ok -> ok
            ? CoverStore.setArea(tx, municipality, list) : Future.failedFuture(Reason.MUNICIPALITY_NOT_FOUND.refuse()))
        .compose(v -> audited(tx, by, municipality, "AREA_SET", null, String.join(",", list))).map(list));
  }

  private static Future<Void> sfa(SqlClient tx, long id) {
    return CoverStore.hasRole(tx, id, "SFA").compose(ok -> ok ? Future.succeededFuture() : Future.failedFuture(Reason.DEPUTY_NOT_SFA.refuse()));
  }

  private Future<Void> audited(SqlClient tx, Account by, long subject, String event, String from, String to) {
    return audit.append(tx, AuditChain.Entry.of(clock.instant(), by.id(), "ORGANIZER", "account:" + subject, event, from, to, null)).mapEmpty();
  }

  private static Long id(Object v) {
    return v instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue() ? n.longValue() : null;
  }

  private static Long formId(String v) {
    try {
      return v == null ? null : Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(Object v) {
    if (v != null && !(v instanceof String)) throw Reason.INVALID_JSON.refuse();
    return (String) v;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
