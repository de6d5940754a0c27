package at.jobfair.meeting;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static at.jobfair.db.Rows.instant;

/** All SQL on meeting rooms: the booking as a room sees it, the lobby, and the join/leave/admit log (V11__meetings.sql). */
public final class MeetingStore {

  /** One booking with what deciding about its room needs: its slot, the person, the booth and the room so far. */
  public record Booking(long id, boolean active, Instant start, Instant end, Person jobseeker, Booth booth, Room room) {

    /** The person who booked, and their caseworker (null when none). */
    public record Person(long id, String name, Long caseworkerId) {
    }

    /** The booth: its fair, employer, the phone for the fallback (null when none) and whether it offers callbacks. */
    public record Booth(long id, long fairId, long employerId, String employerName, String phone, boolean callbackOffered) {
    }

    /** The room's own record: admission, the phone fallback and the number the person asked to be called back at. */
    public record Room(boolean autoAdmit, Instant admittedAt, Instant phoneConfirmedAt, String callbackPhone) {
    }
  }

  /** What a booth's schedule shows about one booking's room. */
  public record RoomState(boolean waiting, boolean admitted, boolean employerJoined, Instant phoneConfirmedAt, boolean autoAdmit,
                          Instant jobseekerJoinedAt, Instant jobseekerLeftAt, String callbackPhone) {
  }

  public enum Kind { JOIN, LEAVE, ADMIT, CALLBACK, PHONE, FAILURE }

  public Future<Booking> booking(SqlClient c, long bookingId) {
    return c.preparedQuery("""
            select k.id, k.status = 'ACTIVE' as active, lower(k.during) as starts_at, upper(k.during) as ends_at,
                   k.jobseeker_id, a.name as jobseeker_name, k.booth_id, b.fair_id, b.employer_id, e.name as employer_name,
                   b.phone, j.caseworker_id, coalesce(m.auto_admit, false) as auto_admit, m.admitted_at, m.phone_confirmed_at,
                   m.callback_phone, b.offers_callback
              from booking k join booth b on b.id = k.booth_id join employer e on e.id = b.employer_id
              join account a on a.id = k.jobseeker_id left join jobseeker j on j.account_id = k.jobseeker_id
              left join meeting m on m.booking_id = k.id
             where k.id = $1""")
        .execute(Tuple.of(bookingId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          String phone = r.getString("phone");
          return new Booking(r.getLong("id"), r.getBoolean("active"), instant(r, "starts_at"), instant(r, "ends_at"),
              new Booking.Person(r.getLong("jobseeker_id"), r.getString("jobseeker_name"), r.getLong("caseworker_id")),
              new Booking.Booth(r.getLong("booth_id"), r.getLong("fair_id"), r.getLong("employer_id"), r.getString("employer_name"),
                  phone == null || phone.isBlank() ? null : phone.strip(), r.getBoolean("offers_callback")),
              new Booking.Room(r.getBoolean("auto_admit"), instant(r, "admitted_at"), instant(r, "phone_confirmed_at"),
                  r.getString("callback_phone")));
        });
  }

  /** Appends to the log; {@code role} is JOBSEEKER, EMPLOYER or STAFF, {@code provider} BUILTIN, JITSI or PHONE. */
  public Future<Void> event(SqlClient c, long bookingId, Long accountId, String role, Kind kind, String provider, String detail) {
    return c.preparedQuery("""
            insert into meeting_event (booking_id, account_id, role, kind, provider, detail) values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(bookingId, accountId, role, kind.name(), provider, detail)).mapEmpty();
  }

  /** The same for the fair's group session. */
  public Future<Void> groupEvent(SqlClient c, long fairId, Long accountId, String role, Kind kind, String provider) {
    return c.preparedQuery("""
            insert into meeting_event (group_fair_id, account_id, role, kind, provider) values ($1, $2, $3, $4, $5)""")
        .execute(Tuple.of(fairId, accountId, role, kind.name(), provider)).mapEmpty();
  }

  /**
   * Admits the jobseeker unless someone did already: of any number of calls at once exactly one gets true (the row is
   * inserted by one; the others wait for it and then find admitted_at set). {@code by} is null for "at the start by itself".
   */
  public Future<Boolean> admit(SqlClient c, long bookingId, Long by) {
    return c.preparedQuery("""
            insert into meeting (booking_id, admitted_at, admitted_by) values ($1, now(), $2)
            on conflict (booking_id) do update set admitted_at = now(), admitted_by = excluded.admitted_by
             where meeting.admitted_at is null
            returning booking_id""")
        .execute(Tuple.of(bookingId, by)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> autoAdmit(SqlClient c, long bookingId, boolean on) {
    return c.preparedQuery("""
            insert into meeting (booking_id, auto_admit) values ($1, $2)
            on conflict (booking_id) do update set auto_admit = excluded.auto_admit""")
        .execute(Tuple.of(bookingId, on)).mapEmpty();
  }

  /** The jobseeker asks to be called back at this number (given for this appointment; a new request replaces it). */
  public Future<Void> callback(SqlClient c, long bookingId, String phone) {
    return c.preparedQuery("""
            insert into meeting (booking_id, callback_phone, callback_at) values ($1, $2, now())
            on conflict (booking_id) do update set callback_phone = excluded.callback_phone, callback_at = now()""")
        .execute(Tuple.of(bookingId, phone)).mapEmpty();
  }

  /** Records that the appointment took place by phone; true the first time. */
  public Future<Boolean> phoneConfirmed(SqlClient c, long bookingId, long by) {
    return c.preparedQuery("""
            insert into meeting (booking_id, phone_confirmed_at, phone_confirmed_by) values ($1, now(), $2)
            on conflict (booking_id) do update set phone_confirmed_at = now(), phone_confirmed_by = excluded.phone_confirmed_by
             where meeting.phone_confirmed_at is null
            returning booking_id""")
        .execute(Tuple.of(bookingId, by)).map(rows -> rows.rowCount() == 1);
  }

  /** The phone numbers of these booths that have one (for the phone fallback), by booth id; no query for none. */
  public Future<Map<Long, String>> boothPhones(SqlClient c, List<Long> boothIds) {
    if (boothIds.isEmpty()) return Future.succeededFuture(Map.of());
    return c.preparedQuery("select id, phone from booth where id = any($1) and coalesce(btrim(phone), '') <> ''")
        .execute(Tuple.of(boothIds.toArray(Long[]::new)))
        .map(rows -> {
          Map<Long, String> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), r.getString("phone").strip()));
          return out;
        });
  }

  /** The rooms of a booth's bookings: who waits in the lobby (the jobseeker's last act was to join), who joined. */
  public Future<Map<Long, RoomState>> rooms(SqlClient c, long boothId) {
    return c.preparedQuery("""
            select k.id, m.admitted_at is not null as admitted, m.phone_confirmed_at, coalesce(m.auto_admit, false) as auto_admit,
                   m.callback_phone,
                   (select e.kind from meeting_event e where e.booking_id = k.id and e.role = 'JOBSEEKER' and e.kind in ('JOIN', 'LEAVE')
                     order by e.at desc, e.id desc limit 1) as last_jobseeker,
                   exists (select 1 from meeting_event e where e.booking_id = k.id and e.role = 'EMPLOYER' and e.kind = 'JOIN') as employer_joined,
                   (select min(e.at) from meeting_event e where e.booking_id = k.id and e.role = 'JOBSEEKER' and e.kind = 'JOIN') as joined_at,
                   (select max(e.at) from meeting_event e where e.booking_id = k.id and e.role = 'JOBSEEKER' and e.kind = 'LEAVE') as left_at
              from booking k left join meeting m on m.booking_id = k.id
             where k.booth_id = $1 and k.status = 'ACTIVE'""")
        .execute(Tuple.of(boothId))
        .map(rows -> {
          Map<Long, RoomState> out = new HashMap<>();
          for (Row r : rows) {
            boolean admitted = r.getBoolean("admitted");
            out.put(r.getLong("id"), new RoomState("JOIN".equals(r.getString("last_jobseeker")) && !admitted, admitted,
                r.getBoolean("employer_joined"), instant(r, "phone_confirmed_at"), r.getBoolean("auto_admit"),
                instant(r, "joined_at"), instant(r, "left_at"), r.getString("callback_phone")));
          }
          return out;
        });
  }

  /** The log of one booking's room, oldest first. */
  public Future<List<Map<String, Object>>> events(SqlClient c, long bookingId) {
    return c.preparedQuery("""
            select e.kind, e.role, e.provider, e.at, e.detail, a.name from meeting_event e left join account a on a.id = e.account_id
             where e.booking_id = $1 order by e.at, e.id""")
        .execute(Tuple.of(bookingId))
        .map(rows -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (Row r : rows) {
            Map<String, Object> m = new HashMap<>();
            m.put("kind", r.getString("kind"));
            m.put("role", r.getString("role"));
            m.put("provider", r.getString("provider"));
            m.put("at", instant(r, "at").toString());
            m.put("name", r.getString("name"));
            if (r.getString("detail") != null) m.put("detail", r.getString("detail"));
            out.add(m);
          }
          return out;
        });
  }

}
