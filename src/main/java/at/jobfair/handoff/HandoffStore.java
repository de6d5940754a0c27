package at.jobfair.handoff;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All SQL of hand-offs and invitations into a call. The rules two people could break at once are V39's. */
public final class HandoffStore {

  /** A booking as a hand-off needs it, locked, with the colleague's name when they staff its booth (else null). */
  public record Locked(long id, boolean active, long boothId, long employerId, String employerName, String fairName,
                       Instant start, Instant end, Long interviewerId, String interviewerName, long jobseekerId,
                       String jobseekerName, String jobseekerEmail, String jobseekerLanguage, String colleagueName) {
  }

  /** A member of a booth's staff. */
  public record Colleague(long id, String name) {
  }

  /** The advisory lock class of one employer's hand-offs (other jobs use 7212001-7212036). */
  static final int HANDOFF_LOCK = 7212037;

  /**
   * One employer's hand-offs run one after the other. Two hand-offs that trade interviewers between two bookings at once
   * (a to Julia while b goes to Kurt, each having the other's old interviewer) would otherwise wait on each other's
   * exclusion check and deadlock; an interviewer only ever interviews at their own employer's booths, so serialising
   * per employer is enough, and hand-offs are rare.
   */
  public Future<Void> serialise(SqlClient tx, long bookingId) {
    return tx.preparedQuery("""
            select pg_advisory_xact_lock($2, coalesce((select b.employer_id from booking k join booth b on b.id = k.booth_id
                                                       where k.id = $1), 0)::int)""")
        .execute(Tuple.of(bookingId, HANDOFF_LOCK)).mapEmpty();
  }

  /** The booking ($1) locked for a change of interviewer, and whether the colleague ($2) staffs its booth. */
  public Future<Locked> lock(SqlClient tx, long bookingId, long colleagueId) {
    return tx.preparedQuery("""
            select k.id, k.status, k.booth_id, b.employer_id, e.name as employer_name, f.name as fair_name,
                   lower(k.during) as starts_at, upper(k.during) as ends_at, k.interviewer_id, i.name as interviewer_name,
                   k.jobseeker_id, a.name as jobseeker_name, a.email::text as jobseeker_email, a.language as jobseeker_language,
                   (select c.name from booth_staff s join account c on c.id = s.account_id
                     where s.booth_id = k.booth_id and s.account_id = $2 and c.active and c.employer_id = b.employer_id
                       and exists (select 1 from account_role r where r.account_id = c.id and r.role = 'EMPLOYER')) as colleague_name
              from booking k join booth b on b.id = k.booth_id join employer e on e.id = b.employer_id
              join fair f on f.id = b.fair_id join account a on a.id = k.jobseeker_id
              left join account i on i.id = k.interviewer_id
             where k.id = $1 for update of k""")
        .execute(Tuple.of(bookingId, colleagueId)).map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Locked(r.getLong("id"), "ACTIVE".equals(r.getString("status")), r.getLong("booth_id"), r.getLong("employer_id"),
              r.getString("employer_name"), r.getString("fair_name"), instant(r, "starts_at"), instant(r, "ends_at"),
              r.getLong("interviewer_id"), r.getString("interviewer_name"), r.getLong("jobseeker_id"), r.getString("jobseeker_name"),
              r.getString("jobseeker_email"), r.getString("jobseeker_language"), r.getString("colleague_name"));
        });
  }

  /** The colleague interviews from now on (the exclusion constraint refuses a colleague busy at that time). */
  public Future<Void> interviewer(SqlClient tx, long bookingId, long colleagueId) {
    return tx.preparedQuery("update booking set interviewer_id = $2 where id = $1").execute(Tuple.of(bookingId, colleagueId)).mapEmpty();
  }

  /** Records the hand-off; answers when it happened (the transaction's time). */
  public Future<Instant> recordHandoff(SqlClient tx, long bookingId, Long from, long to, long by) {
    return tx.preparedQuery("insert into booking_handoff (booking_id, from_id, to_id, by_id) values ($1, $2, $3, $4) returning at")
        .execute(Tuple.of(bookingId, from, to, by)).map(rows -> instant(rows.iterator().next(), "at"));
  }

  public Future<Instant> recordInvite(SqlClient tx, long bookingId, long invitee, long by) {
    return tx.preparedQuery("insert into meeting_invite (booking_id, invitee_id, invited_by) values ($1, $2, $3) returning at")
        .execute(Tuple.of(bookingId, invitee, by)).map(rows -> instant(rows.iterator().next(), "at"));
  }

  /** The booth's staff, by name. */
  public Future<List<Colleague>> staff(SqlClient c, long boothId) {
    return c.preparedQuery("""
            select a.id, a.name from booth_staff s join booth b on b.id = s.booth_id join account a on a.id = s.account_id
             where s.booth_id = $1 and a.active and a.employer_id = b.employer_id order by a.name, a.id""")
        .execute(Tuple.of(boothId)).map(rows -> {
          List<Colleague> out = new ArrayList<>();
          for (Row r : rows) out.add(new Colleague(r.getLong("id"), r.getString("name")));
          return out;
        });
  }

  /** Who interviews, by booking (only bookings that have someone). */
  public Future<Map<Long, Colleague>> interviewers(SqlClient c, List<Long> bookingIds) {
    if (bookingIds.isEmpty()) return Future.succeededFuture(Map.of());
    return c.preparedQuery("""
            select k.id, a.id as account_id, a.name from booking k join account a on a.id = k.interviewer_id
             where k.id = any($1)""")
        .execute(Tuple.of(bookingIds.toArray(new Long[0]))).map(rows -> {
          Map<Long, Colleague> out = new HashMap<>();
          for (Row r : rows) out.put(r.getLong("id"), new Colleague(r.getLong("account_id"), r.getString("name")));
          return out;
        });
  }

  /** Invitations to this person into calls at this booth that have not ended: booking id → who asked. */
  public Future<Map<Long, String>> openInvites(SqlClient c, long inviteeId, long boothId) {
    return c.preparedQuery("""
            select distinct on (k.id) k.id, a.name from meeting_invite m join booking k on k.id = m.booking_id
              join account a on a.id = m.invited_by
             where m.invitee_id = $1 and k.booth_id = $2 and k.status = 'ACTIVE' and upper(k.during) > now()
             order by k.id, m.at desc""")
        .execute(Tuple.of(inviteeId, boothId)).map(rows -> {
          Map<Long, String> out = new HashMap<>();
          for (Row r : rows) out.put(r.getLong("id"), r.getString("name"));
          return out;
        });
  }

  /**
   * The evidence of who met the person: every member of the booth's staff who was in the call (from the room's log),
   * every hand-off and every invitation, in order.
   */
  public Future<Map<String, List<Map<String, Object>>>> evidence(SqlClient c, long bookingId) {
    Future<RowSet<Row>> staff = c.preparedQuery("""
            select a.id, a.name, min(e.at) as first_joined, max(e.at) filter (where e.kind = 'LEAVE') as last_left
              from meeting_event e join account a on a.id = e.account_id
             where e.booking_id = $1 and e.role = 'EMPLOYER' and e.kind in ('JOIN', 'LEAVE')
             group by a.id, a.name order by min(e.at), a.id""").execute(Tuple.of(bookingId));
    Future<RowSet<Row>> handoffs = c.preparedQuery("""
            select h.at, h.from_id, f.name as from_name, h.to_id, t.name as to_name, h.by_id, b.name as by_name
              from booking_handoff h left join account f on f.id = h.from_id join account t on t.id = h.to_id
              join account b on b.id = h.by_id where h.booking_id = $1 order by h.at, h.id""").execute(Tuple.of(bookingId));
    Future<RowSet<Row>> invites = c.preparedQuery("""
            select m.at, m.invitee_id, i.name as invitee_name, m.invited_by, b.name as invited_by_name
              from meeting_invite m join account i on i.id = m.invitee_id join account b on b.id = m.invited_by
             where m.booking_id = $1 order by m.at, m.id""").execute(Tuple.of(bookingId));
    return Future.all(staff, handoffs, invites).map(all -> {
      Map<String, List<Map<String, Object>>> out = new HashMap<>();
      List<Map<String, Object>> s = new ArrayList<>();
      for (Row r : staff.result()) {
        Map<String, Object> m = new HashMap<>();
        m.put("accountId", r.getLong("id"));
        m.put("name", r.getString("name"));
        m.put("joinedAt", instant(r, "first_joined"));
        m.put("leftAt", instant(r, "last_left"));
        s.add(m);
      }
      List<Map<String, Object>> h = new ArrayList<>();
      for (Row r : handoffs.result()) {
        Map<String, Object> m = new HashMap<>();
        m.put("at", instant(r, "at"));
        m.put("fromId", r.getLong("from_id"));
        m.put("fromName", r.getString("from_name"));
        m.put("toId", r.getLong("to_id"));
        m.put("toName", r.getString("to_name"));
        m.put("byId", r.getLong("by_id"));
        m.put("byName", r.getString("by_name"));
        h.add(m);
      }
      List<Map<String, Object>> i = new ArrayList<>();
      for (Row r : invites.result()) {
        Map<String, Object> m = new HashMap<>();
        m.put("at", instant(r, "at"));
        m.put("inviteeId", r.getLong("invitee_id"));
        m.put("inviteeName", r.getString("invitee_name"));
        m.put("byId", r.getLong("invited_by"));
        m.put("byName", r.getString("invited_by_name"));
        i.add(m);
      }
      out.put("staffInCall", s);
      out.put("handoffs", h);
      out.put("invitations", i);
      return out;
    });
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
