package at.jobfair.attendance;

import at.jobfair.refusal.Reason;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.attendance.AttendancePolicy.Facts;
import at.jobfair.db.Rows;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SfA caseworker's worklist: sick-note flags with their evidence (recording the result closes one), and from other
 * features their own people's requests for reasons waiting for them (a no-show on an appointment with an obligation, an
 * unbooked binding proposal: the no-show package asks the person and the caseworker decides there) and the cascade's
 * decisions. A no-show is no longer a tick here: it is a request for reasons the person answers.
 */
public final class Worklist {

  public static final Set<String> RESULTS = Set.of("REASON_ACCEPTED", "SANCTION_CHECK", "NO_ACTION");

  /**
   * More items for a caseworker's list, from other features, for the caseworker's own people: requests for reasons
   * ({@code REASONS}), and the cascade's decisions, waiver considerations and course follow-ups. Each item carries its
   * {@code kind}.
   */
  @FunctionalInterface
  public interface ItemSource {
    Future<List<JsonObject>> of(long caseworkerId);
  }

  private static final String ITEMS_SELECT = """
      select w.id as item_id, w.kind, w.created_at as item_created_at, w.jobseeker_id, p.name as person_name,
             k.id as booking_id, k.status = 'ACTIVE' as active, k.status, k.source, k.legal_basis, k.created_at as booked_at, k.cancelled_at, k.cancelled_as,
             lower(k.during) as starts_at, upper(k.during) as ends_at, e.name as employer_name, f.id as fair_id, f.name as fair_name,
             t.checked_in_at, t.outcome, t.outcome_source, t.outcome_at, t.next_step, t.note,
             exists (select 1 from sick_note s where s.booking_id = k.id) as sick_note,
             exists (select 1 from fair_outage o where o.fair_id = b.fair_id and o.during && k.during) as in_outage
        from worklist_item w
        join jobseeker j on j.account_id = w.jobseeker_id
        join account p on p.id = w.jobseeker_id
        left join sick_note sn on sn.id = w.sick_note_id
        join booking k on k.id = coalesce(w.booking_id, sn.booking_id)
        join booth b on b.id = k.booth_id
        join employer e on e.id = b.employer_id
        join fair f on f.id = b.fair_id
        left join attendance t on t.booking_id = k.id
       where w.result is null and w.kind = 'SICK_NOTE_FLAG' and\s""";

  private final Pool pool;
  private final Relations relations;
  private final String items;
  private final Pages pages;
  private final AttendanceService attendance;
  private final List<ItemSource> more;

  public Worklist(Pool pool, Relations relations, Pages pages, AttendanceService attendance, ItemSource... more) {
    this.pool = pool;
    this.relations = relations;
    // the caseworker's own people and those they stand in for (Relations decides who that is)
    this.items = ITEMS_SELECT + relations.caseload("w.jobseeker_id", "$1") + " order by w.created_at, w.id";
    this.pages = pages;
    this.attendance = attendance;
    this.more = List.of(more);
  }

  public Future<?> api(RoutingContext ctx) {
    return open(Sessions.user(ctx)).onSuccess(list -> Http.ok(ctx, list));
  }

  public Future<?> page(RoutingContext ctx) {
    return open(Sessions.user(ctx)).onSuccess(list -> {
      Map<String, Object> model = new HashMap<>();
      // JSON arrays, so that the page model turns every item into plain maps for the template.
      JsonArray reasons = new JsonArray();
      JsonArray flags = new JsonArray();
      JsonArray cascadeTasks = new JsonArray();
      for (Object o : list.getJsonArray("items")) {
        JsonObject item = (JsonObject) o;
        switch (item.getString("kind")) {
          case "REASONS" -> reasons.add(item);
          case "SICK_NOTE_FLAG" -> flags.add(item);
          default -> cascadeTasks.add(item);
        }
      }
      model.put("reasons", reasons);
      model.put("flags", flags);
      model.put("cascadeTasks", cascadeTasks);
      String error = pages.errorInAddress(ctx);
      if (error != null) model.put("error", error);
      if (ctx.request().getParam("done") != null) model.put("notice", pages.messages().get(Http.lang(ctx), "worklist.done"));
      pages.render(ctx, "worklist", model);
    });
  }

  /** POST {@code {"result", "note"}}. */
  public Future<?> apiResult(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Object note = body.getValue("note");
    if (note != null && !(note instanceof String)) throw Reason.INVALID_JSON.refuse();
    Object result = body.getValue("result");
    return result(Sessions.user(ctx), Http.pathId(ctx, "itemId"), result instanceof String s ? s : null, (String) note)
        .onSuccess(v -> Http.ok(ctx, new JsonObject().put("id", Http.pathId(ctx, "itemId")).put("result", result)));
  }

  public Future<?> resultForm(RoutingContext ctx) {
    return result(Sessions.user(ctx), Http.pathId(ctx, "itemId"), ctx.request().getFormAttribute("result"), ctx.request().getFormAttribute("note"))
        .onSuccess(v -> Http.seeOther(ctx, "/staff/worklist?done=1"))
        .recover(e -> {
          if (!(e instanceof Refused a)) return Future.failedFuture(e);
          Http.seeOther(ctx, "/staff/worklist?error=" + a.code());
          return Future.succeededFuture();
        });
  }

  private Future<Void> result(Account me, long itemId, String result, String note) {
    if (result == null || !RESULTS.contains(result)) return Future.failedFuture(Reason.WORKLIST_RESULT_INVALID.refuse());
    String cleanNote = note == null || note.isBlank() ? null : note.strip();
    if (cleanNote != null && cleanNote.length() > AttendancePolicy.MAX_NOTE) return Future.failedFuture(Reason.NOTE_TOO_LONG.refuse());
    return pool.preparedQuery("""
            update worklist_item w set result = $3, result_note = $4, result_by = $2, result_at = now()
             where w.id = $1 and w.result is null and\s""" + relations.caseload("w.jobseeker_id", "$2") + " returning w.id")
        .execute(Tuple.of(itemId, me.id(), result, cleanNote))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : pool.preparedQuery("""
                select w.result is not null from worklist_item w where w.id = $1 and\s""" + relations.caseload("w.jobseeker_id", "$2"))
                .execute(Tuple.of(itemId, me.id()))
            .compose(r -> Future.failedFuture(r.size() == 0 ? Reason.WORKLIST_ITEM_NOT_FOUND.refuse() : Reason.WORKLIST_ITEM_CLOSED.refuse())));
  }

  /** The open items of the caseworker's own people, with evidence. */
  public Future<JsonObject> open(Account me) {
    Instant now = attendance.clock().instant();
    return pool.preparedQuery(items).execute(Tuple.of(me.id())).compose(rows -> {
      List<JsonObject> items = new ArrayList<>();
      Set<Long> flagged = new java.util.TreeSet<>();
      for (Row r : rows) {
        Facts f = AttendanceStore.facts(r);
        String kind = r.getString("kind");
        if ("SICK_NOTE_FLAG".equals(kind)) flagged.add(r.getLong("jobseeker_id"));
        items.add(item(r, f, now));
      }
      // sick notes are health data: each person's entry goes into their access log, with the relation (own or deputy)
      return relations.logReads(me, flagged, "sick_notes", StaffAccess.Data.BENEFIT).compose(v -> sickNotes(flagged)).compose(notes -> {
        for (JsonObject item : items) {
          if ("SICK_NOTE_FLAG".equals(item.getString("kind"))) {
            JsonArray list = notes.getOrDefault(item.getJsonObject("person").getLong("id"), new JsonArray());
            item.getJsonObject("evidence").put("sickNotes", list).put("sickNoteCount", list.size());
          }
        }
        return Future.all(more.stream().map(source -> source.of(me.id())).toList());
      }).map(others -> {
        JsonArray all = new JsonArray();
        items.forEach(all::add);
        for (int i = 0; i < others.size(); i++) others.<List<JsonObject>>resultAt(i).forEach(all::add);
        return new JsonObject().put("items", all);
      });
    });
  }

  private JsonObject item(Row r, Facts f, Instant now) {
    JsonObject booking = new JsonObject().put("id", r.getLong("booking_id")).put("start", f.start().toString()).put("end", f.end().toString())
        .put("employer", r.getString("employer_name")).put("fair", new JsonObject().put("id", r.getLong("fair_id")).put("name", r.getString("fair_name")))
        .put("status", r.getString("status")).put("source", r.getString("source")).put("legalBasis", r.getString("legal_basis"))
        .put("createdAt", str(Rows.instant(r, "booked_at"))).put("cancelledAt", str(Rows.instant(r, "cancelled_at")))
        .put("cancelledBy", r.getString("cancelled_as"));
    JsonObject evidence = new JsonObject().put("booking", booking)
        .put("checkedInAt", str(f.checkedInAt()))
        .put("outcome", f.outcome() == null ? null : new JsonObject().put("outcome", f.outcome().name())
            .put("by", r.getString("outcome_source")).put("at", str(Rows.instant(r, "outcome_at")))
            .put("nextStep", r.getString("next_step")).put("note", r.getString("note")))
        .put("sickNote", f.sickNote()).put("inOutage", f.inOutage())
        .put("state", AttendancePolicy.state(f, now, attendance.grace()).name());
    return new JsonObject().put("id", r.getLong("item_id")).put("kind", r.getString("kind"))
        .put("createdAt", str(Rows.instant(r, "item_created_at")))
        .put("person", new JsonObject().put("id", r.getLong("jobseeker_id")).put("name", r.getString("person_name")))
        .put("evidence", evidence);
  }

  private Future<Map<Long, JsonArray>> sickNotes(Set<Long> people) {
    if (people.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery("""
            select s.jobseeker_id, s.id, s.recorded_at, s.note, lower(k.during) as starts_at, e.name as employer_name
              from sick_note s join booking k on k.id = s.booking_id join booth b on b.id = k.booth_id
              join employer e on e.id = b.employer_id
             where s.jobseeker_id = any($1) and k.legal_basis <> 'VOLUNTARY' order by s.recorded_at, s.id""")
        .execute(Tuple.of(people.toArray(new Long[0])))
        .map(rows -> {
          Map<Long, JsonArray> out = new LinkedHashMap<>();
          for (Row r : rows) {
            out.computeIfAbsent(r.getLong("jobseeker_id"), k -> new JsonArray()).add(new JsonObject().put("id", r.getLong("id"))
                .put("recordedAt", str(Rows.instant(r, "recorded_at"))).put("note", r.getString("note"))
                .put("appointment", str(Rows.instant(r, "starts_at"))).put("employer", r.getString("employer_name")));
          }
          return out;
        });
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
