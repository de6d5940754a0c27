package at.jobfair.jobseeker;

import at.jobfair.web.Failures;

import at.jobfair.refusal.Reason;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.refusal.Refused;
import at.jobfair.web.Http;
import at.jobfair.web.Pages;
import at.jobfair.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobseeker record: home region, languages, the responsible SfA caseworker, and the staff-only benefit type.
 * Staff read and edit it; the person reads their own fields without the staff-only ones. Nothing here is ever
 * given to employers.
 */
public final class JobseekerRecords {

  private static final int MAX_REGION = 100;
  private static final int MAX_LANGUAGES = 20;

  /** The record as stored. */
  public record Record(long id, String name, String email, String region, List<String> languages, Long caseworkerId,
                       String caseworkerName, String benefitType) {
  }

  private final Pool pool;
  private final Pages pages;
  /** The benefit types of the configured jurisdiction (the catalogue's), in the order staff choose from. */
  private final List<String> benefitTypes;

  private final Relations relations;

  public JobseekerRecords(Pool pool, Pages pages, List<String> benefitTypes, Relations relations) {
    this.pool = pool;
    this.pages = pages;
    this.benefitTypes = List.copyOf(benefitTypes);
    this.relations = relations;
  }

  /** The record as this member of staff may read it (by relation; the benefit type only where it grants that), logged. */
  public Future<?> apiGet(RoutingContext ctx) {
    return readable(ctx, Http.pathId(ctx, "id")).onSuccess(json -> Http.ok(ctx, json));
  }

  /** PUT: the fields present are changed ({@code region, languages, caseworkerId, benefitType}); null clears one. */
  public Future<?> apiPut(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    long id = Http.pathId(ctx, "id");
    return writable(ctx, id, body).compose(v -> update(id, body)).compose(r -> readable(ctx, id)).onSuccess(json -> Http.ok(ctx, json));
  }

  /**
   * The record for staff: the relation decides whether at all (else 404, as if there were nobody), and whether with the
   * benefit type; a read that shows the benefit type goes into the person's access log.
   */
  private Future<JsonObject> readable(RoutingContext ctx, long id) {
    Account staff = Sessions.user(ctx);
    return relations.require(staff, id, StaffAccess.Data.RECORD, StaffAccess.Mode.READ).compose(rel -> find(id).compose(r -> {
      if (!StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ)) return Future.succeededFuture(ownJson(r));
      return relations.logRead(staff, id, "record", rel, StaffAccess.Data.BENEFIT).map(v -> staffJson(r));
    }));
  }

  /** Changing the record needs the right to change it; changing the benefit type, the right to change benefit data. */
  private Future<Void> writable(RoutingContext ctx, long id, JsonObject body) {
    Account staff = Sessions.user(ctx);
    return relations.require(staff, id, StaffAccess.Data.RECORD, StaffAccess.Mode.WRITE).compose(rel ->
        !body.containsKey("benefitType") || StaffAccess.may(rel, StaffAccess.Data.BENEFIT, StaffAccess.Mode.WRITE)
            ? Future.<Void>succeededFuture() : Future.failedFuture(Reason.BENEFIT_DATA_NOT_YOURS.refuse()));
  }

  /** The person's own record, without the staff-only fields. */
  public Future<?> apiMine(RoutingContext ctx) {
    return find(Sessions.user(ctx).id()).onSuccess(r -> Http.ok(ctx, ownJson(r)));
  }

  public Future<?> page(RoutingContext ctx) {
    return page(ctx, Http.pathId(ctx, "id"), null);
  }

  public Future<?> form(RoutingContext ctx) {
    long id = Http.pathId(ctx, "id");
    var f = ctx.request();
    JsonObject body = new JsonObject()
        .put("region", f.getFormAttribute("region") == null || f.getFormAttribute("region").isBlank() ? null : f.getFormAttribute("region"))
        .put("languages", new JsonArray(Arrays.stream(String.valueOf(f.getFormAttribute("languages") == null ? "" : f.getFormAttribute("languages"))
            .split("[\\s,|]+")).filter(s -> !s.isBlank()).map(s -> (Object) s.toLowerCase()).toList()));
    // the field is on the form only for those who may change benefit data
    if (f.getFormAttribute("benefitType") != null) {
      body.put("benefitType", f.getFormAttribute("benefitType").isBlank() ? null : f.getFormAttribute("benefitType"));
    }
    String cw = f.getFormAttribute("caseworkerId");
    if (cw == null || cw.isBlank()) body.putNull("caseworkerId");
    else if (cw.matches("\\d{1,18}")) body.put("caseworkerId", Long.parseLong(cw));
    else body.put("caseworkerId", cw);
    return writable(ctx, id, body).compose(v -> update(id, body)).<Object>map(r -> {
      Http.seeOther(ctx, "/staff/jobseekers/" + id + "?saved=1");
      return r;
    }).recover(e -> e instanceof Refused a && Failures.status(a) == 400 ? page(ctx, id, a.code()).map(x -> (Object) x) : Future.failedFuture(e));
  }

  private Future<?> page(RoutingContext ctx, long id, String error) {
    return readable(ctx, id).compose(json -> find(id).compose(r -> caseworkers().onSuccess(sfa -> {
      Map<String, Object> model = new HashMap<>();
      model.put("record", json);
      model.put("mayBenefit", json.containsKey("benefitType"));
      model.put("languagesText", String.join(" ", r.languages()));
      List<Map<String, Object>> options = new ArrayList<>();
      for (JsonObject c : sfa) {
        Map<String, Object> m = new HashMap<>(c.getMap());
        m.put("selected", r.caseworkerId() != null && r.caseworkerId() == c.getLong("id"));
        options.add(m);
      }
      model.put("caseworkers", options);
      List<Map<String, Object>> benefits = new ArrayList<>();
      for (String b : benefitTypes) {
        benefits.add(Map.of("code", b, "selected", b.equals(r.benefitType())));
      }
      model.put("benefits", benefits);
      if (error != null) model.put("error", pages.messages().get(Http.lang(ctx), "error." + error));
      if (ctx.request().getParam("saved") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "profile.saved"));
      pages.render(ctx, error == null ? 200 : 400, "jobseeker-record", model);
    })));
  }

  public Future<Record> find(long id) {
    return pool.preparedQuery("""
            select a.id, a.name, a.email::text as email, j.region, j.languages, j.caseworker_id, c.name as caseworker_name, j.benefit_type
              from account a join jobseeker j on j.account_id = a.id left join account c on c.id = j.caseworker_id
             where a.id = $1""")
        .execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Reason.JOBSEEKER_NOT_FOUND.refuse())
            : Future.succeededFuture(record(rows.iterator().next())));
  }

  private Future<Record> update(long id, JsonObject body) {
    return find(id).compose(current -> {
      String region = body.containsKey("region") ? region(body.getValue("region")) : current.region();
      List<String> languages = body.containsKey("languages") ? languages(body.getValue("languages")) : current.languages();
      String benefit = body.containsKey("benefitType") ? benefit(body.getValue("benefitType")) : current.benefitType();
      Long caseworker;
      if (body.containsKey("caseworkerId")) {
        Object v = body.getValue("caseworkerId");
        if (v != null && !(v instanceof Number)) return Future.failedFuture(Reason.CASEWORKER_NOT_SFA.refuse());
        caseworker = v == null ? null : ((Number) v).longValue();
      } else {
        caseworker = current.caseworkerId();
      }
      return pool.preparedQuery("""
              update jobseeker j set region = $2, languages = $3, benefit_type = $5,
                     caseworker_id = (select a.id from account a join account_role r on r.account_id = a.id and r.role = 'SFA'
                                       where a.id = $4 and a.active)
               where j.account_id = $1 and ($4::bigint is null or exists (
                     select 1 from account a join account_role r on r.account_id = a.id and r.role = 'SFA' where a.id = $4 and a.active))""")
          .execute(Tuple.of(id, region, languages.toArray(new String[0]), caseworker, benefit))
          .compose(rows -> rows.rowCount() == 1 ? find(id) : Future.failedFuture(Reason.CASEWORKER_NOT_SFA.refuse()));
    });
  }

  private Future<List<JsonObject>> caseworkers() {
    return pool.query("""
            select a.id, a.name from account a join account_role r on r.account_id = a.id and r.role = 'SFA'
             where a.active order by a.name, a.id""").execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) out.add(new JsonObject().put("id", r.getLong(0)).put("name", r.getString(1)));
      return out;
    });
  }

  private static String region(Object v) {
    if (v == null) return null;
    if (!(v instanceof String s) || s.strip().length() > MAX_REGION) throw Reason.REGION_INVALID.refuse();
    return s.isBlank() ? null : s.strip();
  }

  private static List<String> languages(Object v) {
    if (v == null) return List.of();
    if (!(v instanceof JsonArray a) || a.size() > MAX_LANGUAGES) throw Reason.LANGUAGES_INVALID.refuse();
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s) || !s.matches("[a-z]{2,3}")) throw Reason.LANGUAGES_INVALID.refuse();
      if (!out.contains(s)) out.add(s);
    }
    return out;
  }

  /** One of the jurisdiction's benefit types, or null (none recorded); another jurisdiction's type is refused too. */
  private String benefit(Object v) {
    if (v == null) return null;
    if (!(v instanceof String s) || !benefitTypes.contains(s)) throw Reason.BENEFIT_TYPE_INVALID.refuse();
    return s;
  }

  private static Record record(Row r) {
    String[] langs = r.getArrayOfStrings("languages");
    return new Record(r.getLong("id"), r.getString("name"), r.getString("email"), r.getString("region"),
        langs == null ? List.of() : List.of(langs), r.getLong("caseworker_id"), r.getString("caseworker_name"), r.getString("benefit_type"));
  }

  /** Everything, for staff. */
  static JsonObject staffJson(Record r) {
    return ownJson(r).put("benefitType", r.benefitType());
  }

  /** What the person reads about themselves: no staff-only fields. */
  static JsonObject ownJson(Record r) {
    return new JsonObject().put("id", r.id()).put("name", r.name()).put("email", r.email()).put("region", r.region())
        .put("languages", new JsonArray(new ArrayList<>(r.languages())))
        .put("caseworker", r.caseworkerId() == null ? null : new JsonObject().put("id", r.caseworkerId()).put("name", r.caseworkerName()));
  }
}
