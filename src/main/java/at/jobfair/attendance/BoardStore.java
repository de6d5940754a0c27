package at.jobfair.attendance;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.attendance.AttendancePolicy.Facts;
import at.jobfair.db.Rows;
import at.jobfair.identity.Account;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the live staff board: the fair, its booths' slots, their bookings with attendance facts, meeting failures. */
public final class BoardStore {

  /** The fair the board is of. */
  public record Fair(long id, String name, String format) {
  }

  /** A slot of a booth (not removed). */
  public record Slot(long boothId, String employer, long id, Instant start, Instant end, int capacity) {
  }

  /**
   * A booking with its attendance facts; whether the booth's staff joined its meeting (or confirmed it by phone); and
   * whether the viewer may see the person and their health data (access/Relations decides both, in the statement).
   */
  public record Booking(long id, long slotId, String status, String source, long jobseekerId, String personName, String nextStep,
                        String outcomeBy, Facts facts, boolean employerJoined, boolean showsPerson, boolean showsHealth) {
  }

  private final Pool pool;
  private final Relations relations;

  public BoardStore(Pool pool, Relations relations) {
    this.pool = pool;
    this.relations = relations;
  }

  /** The fair, or null when there is none. */
  public Future<Fair> fair(long fairId) {
    return pool.preparedQuery("select id, name, format, starts_at, ends_at from fair where id = $1").execute(Tuple.of(fairId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Fair(fairId, r.getString("name"), r.getString("format"));
        });
  }

  /** The fair's slots, by employer, booth and time. */
  public Future<List<Slot>> slots(long fairId) {
    return pool.preparedQuery("""
            select b.id as booth_id, e.name as employer_name, s.id as slot_id, s.starts_at, s.ends_at, s.capacity
              from booth b join employer e on e.id = b.employer_id join slot s on s.booth_id = b.id
             where b.fair_id = $1 and s.removed_at is null order by e.name, b.id, s.starts_at, s.id""")
        .execute(Tuple.of(fairId))
        .map(rows -> {
          List<Slot> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Slot(r.getLong("booth_id"), r.getString("employer_name"), r.getLong("slot_id"), Rows.instant(r, "starts_at"),
                Rows.instant(r, "ends_at"), r.getInteger("capacity")));
          }
          return out;
        });
  }

  /** The fair's bookings by time, each with what {@code viewer} may see of the person. */
  public Future<List<Booking>> bookings(long fairId, Account viewer) {
    return pool.preparedQuery("select k.id, k.slot_id, k.status, k.source, k.jobseeker_id, a.name as person_name, "
            + "t.next_step, t.outcome_source, " + AttendanceStore.FACT_COLUMNS + """
               , exists (select 1 from meeting_event e where e.booking_id = k.id and e.role = 'EMPLOYER' and e.kind = 'JOIN')
                 or exists (select 1 from meeting m where m.booking_id = k.id and m.phone_confirmed_at is not null) as employer_joined
               , """ + relations.may(StaffAccess.Data.RECORD, StaffAccess.Mode.READ, "k.jobseeker_id", "$2", "$3") + " as shows_person, "
            + relations.may(StaffAccess.Data.BENEFIT, StaffAccess.Mode.READ, "k.jobseeker_id", "$2", "$3") + """
                as shows_health
               from booking k join booth b on b.id = k.booth_id join account a on a.id = k.jobseeker_id
               left join attendance t on t.booking_id = k.id
              where b.fair_id = $1 order by lower(k.during), k.id""")
        .execute(Tuple.of(fairId, viewer.id(), Relations.roles(viewer)))
        .map(rows -> {
          List<Booking> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Booking(r.getLong("id"), r.getLong("slot_id"), r.getString("status"), r.getString("source"), r.getLong("jobseeker_id"),
                r.getString("person_name"), r.getString("next_step"), r.getString("outcome_source"), AttendanceStore.facts(r),
                Boolean.TRUE.equals(r.getBoolean("employer_joined")), Boolean.TRUE.equals(r.getBoolean("shows_person")),
                Boolean.TRUE.equals(r.getBoolean("shows_health"))));
          }
          return out;
        });
  }

  /**
   * What pages reported as failures of the meeting service in the last hour (video could not connect, Jitsi not
   * reachable): how many, in how many appointments, first and last. Staff decide from it whether to record an outage.
   */
  public Future<JsonObject> meetingFailures(long fairId) {
    return pool.preparedQuery("""
            select count(*) as n, count(distinct e.booking_id) as bookings, min(e.at) as first, max(e.at) as last
              from meeting_event e join booking k on k.id = e.booking_id join booth b on b.id = k.booth_id
             where b.fair_id = $1 and e.kind = 'FAILURE' and e.at > now() - interval '1 hour'""")
        .execute(Tuple.of(fairId))
        .map(rows -> {
          Row r = rows.iterator().next();
          Instant first = Rows.instant(r, "first");
          Instant last = Rows.instant(r, "last");
          return new JsonObject().put("lastHour", r.getLong("n")).put("bookings", r.getLong("bookings"))
              .put("first", first == null ? null : first.toString()).put("last", last == null ? null : last.toString());
        });
  }
}
