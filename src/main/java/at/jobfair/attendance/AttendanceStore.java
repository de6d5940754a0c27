package at.jobfair.attendance;

import at.jobfair.attendance.AttendancePolicy.Facts;
import at.jobfair.attendance.AttendancePolicy.NextStep;
import at.jobfair.attendance.AttendancePolicy.Outcome;
import at.jobfair.legal.Obligation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;

import static at.jobfair.db.Rows.instant;
import static at.jobfair.db.Rows.utc;

/** All SQL on attendance, sick notes and outages (see V7__attendance.sql). */
public final class AttendanceStore {

  /** One booking with the attendance facts, and who it belongs to. */
  public record Booking(long id, long jobseekerId, long boothId, long fairId, long employerId, Facts facts) {
  }

  /** The facts columns, for a booking {@code k} joined with its booth {@code b} and attendance {@code t}. */
  static final String FACT_COLUMNS = """
      k.status = 'ACTIVE' as active, k.legal_basis, lower(k.during) as starts_at, upper(k.during) as ends_at,
      t.checked_in_at, t.outcome,
      exists (select 1 from sick_note s where s.booking_id = k.id) as sick_note,
      exists (select 1 from fair_outage o where o.fair_id = b.fair_id and o.during && k.during) as in_outage""";

  /**
   * The no-show job's statement: bookings whose slot ended more than the grace ago with no check-in, no outcome and
   * no excuse become NO_SHOW. Safe with several instances: a row another instance inserted or updated meanwhile is
   * re-checked by the {@code where} of {@code do update} and left alone, so every booking is marked once.
   */
  static final String MARK_NO_SHOWS = """
      insert into attendance (booking_id, outcome, outcome_source, outcome_at)
      select k.id, 'NO_SHOW', 'SYSTEM', now()
        from booking k join booth b on b.id = k.booth_id
        left join attendance t on t.booking_id = k.id
       where k.status = 'ACTIVE' and upper(k.during) < now() - make_interval(mins => $1)
         and t.checked_in_at is null and t.outcome is null
         and not exists (select 1 from sick_note s where s.booking_id = k.id)
         and not exists (select 1 from fair_outage o where o.fair_id = b.fair_id and o.during && k.during)
       order by k.id
       limit $2
      on conflict (booking_id) do update set outcome = 'NO_SHOW', outcome_source = 'SYSTEM', outcome_at = now()
       where attendance.outcome is null and attendance.checked_in_at is null
      returning booking_id""";

  /** How many sick notes a person has for fair appointments with an obligation. */
  static final String OBLIGED_SICK_NOTES = """
      select count(*) from sick_note s join booking k on k.id = s.booking_id
       where s.jobseeker_id = $1 and k.legal_basis <> 'VOLUNTARY'""";

  /** The booking with its facts, locked until the transaction ends (check-in, outcome and sick note take turns). */
  public Future<Booking> lock(SqlClient c, long bookingId) {
    return c.preparedQuery("select k.id, k.jobseeker_id, k.booth_id, b.fair_id, b.employer_id, " + FACT_COLUMNS + """
             from booking k join booth b on b.id = k.booth_id left join attendance t on t.booking_id = k.id
            where k.id = $1 for update of k""")
        .execute(Tuple.of(bookingId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Booking(r.getLong("id"), r.getLong("jobseeker_id"), r.getLong("booth_id"), r.getLong("fair_id"),
              r.getLong("employer_id"), facts(r));
        });
  }

  static Facts facts(Row r) {
    String outcome = r.getString("outcome");
    return new Facts(r.getBoolean("active"), Obligation.valueOf(r.getString("legal_basis")), instant(r, "starts_at"),
        instant(r, "ends_at"), instant(r, "checked_in_at"), outcome == null ? null : Outcome.valueOf(outcome),
        r.getBoolean("sick_note"), r.getBoolean("in_outage"));
  }

  public Future<Void> checkin(SqlClient c, long bookingId) {
    return c.preparedQuery("""
            insert into attendance (booking_id, checked_in_at) values ($1, now())
            on conflict (booking_id) do update set checked_in_at = now() where attendance.checked_in_at is null""")
        .execute(Tuple.of(bookingId)).mapEmpty();
  }

  public Future<Void> outcome(SqlClient c, long bookingId, Outcome outcome, String source, long actorId, NextStep next, String note) {
    return c.preparedQuery("""
            insert into attendance (booking_id, outcome, outcome_source, outcome_by, outcome_at, next_step, note)
            values ($1, $2, $3, $4, now(), $5, $6)
            on conflict (booking_id) do update set outcome = excluded.outcome, outcome_source = excluded.outcome_source,
                   outcome_by = excluded.outcome_by, outcome_at = now(), next_step = excluded.next_step, note = excluded.note""")
        .execute(Tuple.of(bookingId, outcome.name(), source, actorId, next == null ? null : next.name(), note)).mapEmpty();
  }

  /**
   * Records the sick note; returns the note's id and how many sick notes the person now has for fair appointments with
   * an obligation (binding or control): those for voluntary appointments are not counted.
   */
  public Future<long[]> sickNote(SqlClient c, long bookingId, long jobseekerId, String note, long actorId) {
    return c.preparedQuery("insert into sick_note (booking_id, jobseeker_id, note, recorded_by) values ($1, $2, $3, $4) returning id")
        .execute(Tuple.of(bookingId, jobseekerId, note, actorId))
        .compose(rows -> {
          long id = rows.iterator().next().getLong(0);
          return c.preparedQuery(OBLIGED_SICK_NOTES).execute(Tuple.of(jobseekerId))
              .map(count -> new long[] {id, count.iterator().next().getLong(0)});
        });
  }

  public Future<Void> flagSickNotes(SqlClient c, long sickNoteId, long jobseekerId) {
    return c.preparedQuery("""
            insert into worklist_item (kind, jobseeker_id, sick_note_id) values ('SICK_NOTE_FLAG', $2, $1) on conflict do nothing""")
        .execute(Tuple.of(sickNoteId, jobseekerId)).mapEmpty();
  }

  /** Records an outage; null when there is no such fair. */
  public Future<Long> outage(SqlClient c, long fairId, Instant from, Instant to, String reason, long actorId) {
    return c.preparedQuery("""
            insert into fair_outage (fair_id, during, reason, recorded_by)
            select f.id, tstzrange($2, $3), $4, $5 from fair f where f.id = $1 returning id""")
        .execute(Tuple.of(fairId, utc(from), utc(to), reason, actorId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /**
   * An outage detected from meeting failures at a fair: when at least {@code reporters} different people reported their
   * room failing within the last {@code minutes}, the window from the first of those reports until {@code minutes}
   * from now is recorded (or a detected window still running is stretched to it). One at a time per fair (advisory
   * lock). Answers the window's id, or null when the reports do not (yet) make an outage.
   */
  public Future<Long> detectOutage(SqlClient c, long fairId, int reporters, int minutes) {
    return c.preparedQuery("select pg_advisory_xact_lock(hashtext('fair-outage'), $1::int)").execute(Tuple.of((int) fairId))
        .compose(v -> c.preparedQuery("""
            with reports as (
              select count(distinct e.account_id) as people, min(e.at) as first_at
                from meeting_event e join booking k on k.id = e.booking_id join booth b on b.id = k.booth_id
               where b.fair_id = $1 and e.kind = 'FAILURE' and e.at > now() - make_interval(mins => $3)),
            running as (
              update fair_outage o set during = tstzrange(lower(o.during), now() + make_interval(mins => $3))
               where o.fair_id = $1 and o.detected and upper(o.during) >= now() and (select people from reports) >= $2
              returning o.id),
            added as (
              insert into fair_outage (fair_id, during, reason, detected)
              select $1, tstzrange(r.first_at, now() + make_interval(mins => $3)),
                     'Automatisch erkannt: ' || r.people || ' Personen meldeten Störungen des Videodienstes', true
                from reports r
               where r.people >= $2 and not exists (select 1 from running)
              returning id)
            select id from running union all select id from added""").execute(Tuple.of(fairId, reporters, minutes)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** Marks due no-shows (at most {@code limit}); returns how many this call marked. */
  public Future<Integer> markNoShows(SqlClient c, int graceMinutes, int limit) {
    return c.preparedQuery(MARK_NO_SHOWS).execute(Tuple.of(graceMinutes, limit)).map(rows -> rows.rowCount());
  }

}
