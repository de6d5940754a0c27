package at.jobfair.queue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.instant;

/** All SQL of the walk-up queue (V35__walk_up_queue.sql). What two people at once could break is decided here. */
public final class QueueStore {

  /** A booth with its queue as it stands (open false and no tickets when its staff never opened one). */
  public record Booth(long id, long fairId, long employerId, String employerName, Instant fairStart, Instant fairEnd,
                      boolean open, Integer maxLength, Integer paceSeconds, int waiting) {
  }

  /** A person's place (the current one, or the last one they held at the fair). */
  public record Place(long id, long boothId, long fairId, String employerName, int ticket, String status, String passedWhy,
                      Instant joinedAt, Instant endedAt, Long bookingId) {
    public boolean waiting() {
      return "WAITING".equals(status);
    }
  }

  /** Someone waiting, as the booth's staff see them. */
  public record Waiting(long placeId, long accountId, String name, int ticket, Instant joinedAt, Instant seenAt) {
  }

  /** The person "next" took. */
  public record Taken(long placeId, long accountId, String name) {
  }

  private static final String BOOTH = """
      select b.id, b.fair_id, b.employer_id, e.name as employer_name, f.starts_at, f.ends_at,
             coalesce(q.open, false) as open, q.max_length, q.pace_seconds,
             (select count(*) from queue_place p where p.booth_id = b.id and p.status = 'WAITING')::int as waiting
        from booth b join employer e on e.id = b.employer_id join fair f on f.id = b.fair_id
        left join booth_queue q on q.booth_id = b.id
       where b.id = $1""";

  /** The booth and its queue; null when there is no such booth. */
  public Future<Booth> booth(SqlClient c, long boothId) {
    return c.preparedQuery(BOOTH).execute(Tuple.of(boothId)).map(rows -> rows.size() == 0 ? null : booth(rows.iterator().next()));
  }

  /**
   * The same, with the booth's queue row locked for the rest of the transaction (made first when the booth never had
   * one): every join takes this lock before it counts, so the last place is taken once.
   */
  public Future<Booth> lockedBooth(SqlClient tx, long boothId) {
    return tx.preparedQuery("insert into booth_queue (booth_id) select id from booth where id = $1 on conflict do nothing")
        .execute(Tuple.of(boothId))
        .compose(v -> tx.preparedQuery("select booth_id from booth_queue where booth_id = $1 for update").execute(Tuple.of(boothId)))
        .compose(v -> booth(tx, boothId));
  }

  private static Booth booth(Row r) {
    return new Booth(r.getLong("id"), r.getLong("fair_id"), r.getLong("employer_id"), r.getString("employer_name"),
        instant(r, "starts_at"), instant(r, "ends_at"), r.getBoolean("open"), r.getInteger("max_length"),
        r.getInteger("pace_seconds"), r.getInteger("waiting"));
  }

  /** The queues of a fair's booths, for its board: booth, employer, open, waiting. */
  public Future<List<Booth>> ofFair(SqlClient c, long fairId) {
    return c.preparedQuery(BOOTH.replace("where b.id = $1", "where b.fair_id = $1 order by e.name, b.id"))
        .execute(Tuple.of(fairId)).map(rows -> {
          List<Booth> out = new ArrayList<>();
          for (Row r : rows) out.add(booth(r));
          return out;
        });
  }

  /** Whether the person holds an active appointment at this booth (a walk-up meeting there counts). */
  public Future<Boolean> bookedHere(SqlClient c, long boothId, long accountId) {
    return c.preparedQuery("select exists (select 1 from booking where booth_id = $1 and jobseeker_id = $2 and status = 'ACTIVE')")
        .execute(Tuple.of(boothId, accountId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * Takes a place with the booth's next ticket (the caller holds the booth's lock). Null when the person already waits
   * somewhere at this fair: the unique index decides, however many of their requests arrive at once.
   */
  public Future<Place> join(SqlClient tx, long boothId, long accountId) {
    return tx.preparedQuery("""
            with t as (update booth_queue set last_ticket = last_ticket + 1 where booth_id = $1 returning last_ticket)
            insert into queue_place (booth_id, fair_id, account_id, ticket)
            select $1, 0, $2, t.last_ticket from t
            on conflict (fair_id, account_id) where status = 'WAITING' do nothing
            returning id""")
        .execute(Tuple.of(boothId, accountId))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(null) : place(tx, rows.iterator().next().getLong(0)));
  }

  private static final String PLACE = """
      select p.id, p.booth_id, p.fair_id, e.name as employer_name, p.ticket, p.status, p.passed_why, p.joined_at, p.ended_at,
             p.booking_id
        from queue_place p join booth b on b.id = p.booth_id join employer e on e.id = b.employer_id""";

  public Future<Place> place(SqlClient c, long placeId) {
    return c.preparedQuery(PLACE + " where p.id = $1").execute(Tuple.of(placeId))
        .map(rows -> rows.size() == 0 ? null : place(rows.iterator().next()));
  }

  /** The person's waiting place, else the last place they held (null when none). */
  public Future<Place> current(SqlClient c, long accountId) {
    return c.preparedQuery(PLACE + " where p.account_id = $1 order by (p.status = 'WAITING') desc, p.joined_at desc, p.id desc limit 1")
        .execute(Tuple.of(accountId)).map(rows -> rows.size() == 0 ? null : place(rows.iterator().next()));
  }

  /** The person's waiting place (null when none). */
  public Future<Place> waiting(SqlClient c, long accountId) {
    return c.preparedQuery(PLACE + " where p.account_id = $1 and p.status = 'WAITING' order by p.id limit 1")
        .execute(Tuple.of(accountId)).map(rows -> rows.size() == 0 ? null : place(rows.iterator().next()));
  }

  private static Place place(Row r) {
    return new Place(r.getLong("id"), r.getLong("booth_id"), r.getLong("fair_id"), r.getString("employer_name"),
        r.getInteger("ticket"), r.getString("status"), r.getString("passed_why"), instant(r, "joined_at"),
        instant(r, "ended_at"), r.getLong("booking_id"));
  }

  /** The waiting tickets of a booth in order (the first is next). */
  public Future<List<Integer>> tickets(SqlClient c, long boothId) {
    return c.preparedQuery("select ticket from queue_place where booth_id = $1 and status = 'WAITING' order by ticket")
        .execute(Tuple.of(boothId)).map(rows -> {
          List<Integer> out = new ArrayList<>();
          for (Row r : rows) out.add(r.getInteger(0));
          return out;
        });
  }

  /** The person leaves their waiting place; true when they had one. */
  public Future<Boolean> leave(SqlClient c, long accountId) {
    return c.preparedQuery("update queue_place set status = 'LEFT', ended_at = now() where account_id = $1 and status = 'WAITING'")
        .execute(Tuple.of(accountId)).map(rows -> rows.rowCount() > 0);
  }

  /** The person's page says they are still there; true when they wait. */
  public Future<Boolean> here(SqlClient c, long accountId) {
    return c.preparedQuery("update queue_place set seen_at = now() where account_id = $1 and status = 'WAITING'")
        .execute(Tuple.of(accountId)).map(rows -> rows.rowCount() > 0);
  }

  /** Opens or pauses the queue (and sets its own maximum length, null for the default). */
  public Future<Void> settings(SqlClient tx, long boothId, boolean open, Integer maxLength, long by) {
    return tx.preparedQuery("""
            insert into booth_queue (booth_id, open, max_length, changed_by) values ($1, $2, $3, $4)
            on conflict (booth_id) do update set open = excluded.open, max_length = excluded.max_length,
              changed_at = now(), changed_by = excluded.changed_by""")
        .execute(Tuple.of(boothId, open, maxLength, by)).mapEmpty();
  }

  /** The waiting of a booth with their names, in order (for its staff). */
  public Future<List<Waiting>> waitingList(SqlClient c, long boothId) {
    return c.preparedQuery("""
            select p.id, p.account_id, a.name, p.ticket, p.joined_at, p.seen_at
              from queue_place p join account a on a.id = p.account_id
             where p.booth_id = $1 and p.status = 'WAITING' order by p.ticket""")
        .execute(Tuple.of(boothId)).map(rows -> {
          List<Waiting> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Waiting(r.getLong("id"), r.getLong("account_id"), r.getString("name"), r.getInteger("ticket"),
                instant(r, "joined_at"), instant(r, "seen_at")));
          }
          return out;
        });
  }

  /**
   * The first waiting person who is there and free to meet the booth now, locked; those locked by another "next" are
   * skipped, so two staff at once get two people. Free: no appointment at this booth and none elsewhere during the
   * walk-up meeting (the booking's own constraints would refuse it). Null when nobody fits.
   */
  public Future<Taken> first(SqlClient tx, long boothId, int absentSeconds, int meetingMinutes) {
    return tx.preparedQuery("""
            select p.id, p.account_id, a.name
              from queue_place p join account a on a.id = p.account_id
             where p.booth_id = $1 and p.status = 'WAITING' and p.seen_at >= now() - make_interval(secs => $2)
               and not exists (select 1 from booking k where k.jobseeker_id = p.account_id and k.status = 'ACTIVE'
                                 and (k.booth_id = p.booth_id or k.during && tstzrange(now(), now() + make_interval(mins => $3))))
             order by p.ticket
             limit 1
               for update of p skip locked""")
        .execute(Tuple.of(boothId, absentSeconds, meetingMinutes))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Taken(r.getLong("id"), r.getLong("account_id"), r.getString("name"));
        });
  }

  /** Passes over this booth's waiting people whose page has been silent too long; how many. */
  public Future<Integer> passAbsent(SqlClient c, Long boothId, int absentSeconds) {
    return c.preparedQuery("""
            update queue_place set status = 'PASSED', passed_why = 'ABSENT', ended_at = now()
             where status = 'WAITING' and ($1::bigint is null or booth_id = $1) and seen_at < now() - make_interval(secs => $2)""")
        .execute(Tuple.of(boothId, absentSeconds)).map(rows -> rows.rowCount());
  }

  /**
   * Passes over the called who never entered their room within the time, and cancels their walk-up appointment (by the
   * system) in the same statement; how many.
   */
  public Future<Integer> passUnanswered(SqlClient c, int absentSeconds) {
    return c.preparedQuery("""
            with gone as (
              update queue_place p set status = 'PASSED', passed_why = 'NO_ANSWER'
               where p.status = 'CALLED' and p.ended_at < now() - make_interval(secs => $1)
                 and not exists (select 1 from meeting_event e where e.booking_id = p.booking_id and e.role = 'JOBSEEKER'
                                   and e.kind = 'JOIN')
              returning p.booking_id)
            update booking k set status = 'CANCELLED', cancelled_at = now(), cancelled_as = 'SYSTEM',
                   cancel_reason = 'walk-up queue: the person did not enter the room when called'
              from gone where k.id = gone.booking_id and k.status = 'ACTIVE'""")
        .execute(Tuple.of(absentSeconds)).map(rows -> rows.rowCount());
  }

  /** Records the call: the place becomes CALLED with its walk-up booking. */
  public Future<Void> called(SqlClient tx, long placeId, long bookingId, long by) {
    return tx.preparedQuery("""
            update queue_place set status = 'CALLED', booking_id = $2, called_by = $3, ended_at = now()
             where id = $1 and status = 'WAITING'""")
        .execute(Tuple.of(placeId, bookingId, by)).map(rows -> {
          if (rows.rowCount() != 1) throw new IllegalStateException("place " + placeId + " was not waiting");
          return null;
        });
  }

  /** The queue's last call and pace, locked (for the pace after this call). */
  public Future<Row> pace(SqlClient tx, long boothId) {
    return tx.preparedQuery("select pace_seconds, last_next_at, now() as now from booth_queue where booth_id = $1 for update")
        .execute(Tuple.of(boothId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  public Future<Void> paced(SqlClient tx, long boothId, Integer paceSeconds) {
    return tx.preparedQuery("update booth_queue set pace_seconds = $2, last_next_at = now() where booth_id = $1")
        .execute(Tuple.of(boothId, paceSeconds)).mapEmpty();
  }
}
