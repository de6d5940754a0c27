package at.jobfair.attendance;

import at.jobfair.access.Relations;
import at.jobfair.attendance.AttendancePolicy.Facts;
import at.jobfair.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the worklist ({@code worklist_item}): the open sick-note flags of a caseworker's people with their
 * evidence, closing an item with its result, and the sick notes behind the flags. A caseworker's people are their own
 * and those they stand in for (access/Relations says who that is, in SQL).
 */
public final class WorklistStore {

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

  /** An open sick-note flag: the item as answered (its evidence without the attendance state) and the booking's facts. */
  public record Flag(JsonObject item, Facts facts) {
  }

  private final Pool pool;
  private final Relations relations;
  private final String flags;

  public WorklistStore(Pool pool, Relations relations) {
    this.pool = pool;
    this.relations = relations;
    // the caseworker's own people and those they stand in for (Relations decides who that is)
    this.flags = ITEMS_SELECT + relations.caseload("w.jobseeker_id", "$1") + " order by w.created_at, w.id";
  }

  /** The open sick-note flags of the caseworker's people, oldest first. */
  public Future<List<Flag>> sickNoteFlags(long caseworkerId) {
    return pool.preparedQuery(flags).execute(Tuple.of(caseworkerId)).map(rows -> {
      List<Flag> out = new ArrayList<>();
      for (Row r : rows) {
        Facts f = AttendanceStore.facts(r);
        out.add(new Flag(item(r, f), f));
      }
      return out;
    });
  }

  /** Closes an open item of the caseworker's people with its result; false when there is no such open item. */
  public Future<Boolean> close(long itemId, long caseworkerId, String result, String note) {
    return pool.preparedQuery("""
            update worklist_item w set result = $3, result_note = $4, result_by = $2, result_at = now()
             where w.id = $1 and w.result is null and\s""" + relations.caseload("w.jobseeker_id", "$2") + " returning w.id")
        .execute(Tuple.of(itemId, caseworkerId, result, note))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Whether an item of the caseworker's people is closed; null when they have no such item. */
  public Future<Boolean> closed(long itemId, long caseworkerId) {
    return pool.preparedQuery("""
            select w.result is not null from worklist_item w where w.id = $1 and\s""" + relations.caseload("w.jobseeker_id", "$2"))
        .execute(Tuple.of(itemId, caseworkerId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean(0));
  }

  /** The sick notes for appointments with an obligation of these people, per person, oldest first. */
  public Future<Map<Long, JsonArray>> sickNotes(Set<Long> people) {
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

  private static JsonObject item(Row r, Facts f) {
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
        .put("sickNote", f.sickNote()).put("inOutage", f.inOutage());
    return new JsonObject().put("id", r.getLong("item_id")).put("kind", WorklistKind.of(r.getString("kind")).name())
        .put("createdAt", str(Rows.instant(r, "item_created_at")))
        .put("person", new JsonObject().put("id", r.getLong("jobseeker_id")).put("name", r.getString("person_name")))
        .put("evidence", evidence);
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
