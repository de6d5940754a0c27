package at.jobfair.waitlist;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static at.jobfair.db.Rows.instant;

/**
 * All SQL of the waitlist. Who gets a freed seat, the hold counted against the slot and its end are the database's
 * (V37__waitlist.sql: {@code waitlist_offer}, the triggers on slot, booking and waitlist_entry); this class only joins,
 * ends places and reads.
 */
public final class WaitlistStore {

  /** A place in a booth's line as its person and the pages see it. */
  public record Entry(long id, long boothId, long jobseekerId, Status status, Instant joinedAt, int place,
                      Offer offer, String employerName, long fairId, String fairName) {
    public boolean open() {
      return status == Status.WAITING || status == Status.OFFERED;
    }
  }

  /** The seat held for the person: its slot and until when they may take it. */
  public record Offer(long slotId, Instant start, Instant end, Instant holdUntil) {
  }

  /** An entry's status (waitlist_entry.status), spelt in the database as here. */
  public enum Status {
    WAITING, OFFERED, BOOKED, DECLINED, EXPIRED, LEFT;

    public static Status of(String db) {
      return db == null ? null : valueOf(db);
    }

    public String db() {
      return name();
    }
  }

  /** What joining a booth's line depends on. */
  public record BoothState(boolean visible, boolean seatFree, boolean anyOpen, boolean bookedThere) {
  }

  /** A new offer to mail: the person, the booth and the held seat. */
  public record OfferMail(long entryId, Instant offeredAt, String email, String name, String language, long boothId,
                          String employerName, String fairName, Instant start, Instant end, Instant holdUntil) {
  }

  private static final String ENTRY = """
      select w.id, w.booth_id, w.jobseeker_id, w.status, w.joined_at, w.slot_id, w.hold_until,
             s.starts_at, s.ends_at, e.name as employer_name, f.id as fair_id, f.name as fair_name,
             case when w.status = 'WAITING' then 1 + (select count(*) from waitlist_entry x
                    where x.booth_id = w.booth_id and x.status = 'WAITING' and (x.joined_at, x.id) < (w.joined_at, w.id))
                  else 0 end as place
        from waitlist_entry w join booth b on b.id = w.booth_id join employer e on e.id = b.employer_id
        join fair f on f.id = b.fair_id left join slot s on s.id = w.slot_id
      """;

  private final Pool pool;

  public WaitlistStore(Pool pool) {
    this.pool = pool;
  }

  /** How long a seat is held (the database's offers read it). */
  public Future<Void> holdFor(java.time.Duration hold) {
    return pool.preparedQuery("update waitlist_setting set hold_seconds = $1")
        .execute(Tuple.of((int) hold.toSeconds())).mapEmpty();
  }

  /** Whether the booth can be seen, has a free seat, has any slot still open for booking, and the person's booking there. */
  public Future<BoothState> boothState(SqlClient c, long boothId, long jobseekerId) {
    return c.preparedQuery("""
            select f.status = 'PUBLISHED' as visible,
                   exists (select 1 from slot s where s.booth_id = b.id and slot_free(s, f)) as seat_free,
                   exists (select 1 from slot s where s.booth_id = b.id and s.removed_at is null and slot_open(s, f)) as any_open,
                   exists (select 1 from booking k where k.booth_id = b.id and k.jobseeker_id = $2 and k.status = 'ACTIVE') as booked_there
              from booth b join fair f on f.id = b.fair_id where b.id = $1""")
        .execute(Tuple.of(boothId, jobseekerId)).map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new BoothState(r.getBoolean("visible"), r.getBoolean("seat_free"), r.getBoolean("any_open"), r.getBoolean("booked_there"));
        });
  }

  /** Takes a place at the end of the line; the person's open place when they have one already (a second tap). */
  public Future<Long> join(SqlClient c, long boothId, long jobseekerId) {
    return c.preparedQuery("""
            with k as (insert into waitlist_entry (booth_id, jobseeker_id) values ($1, $2) on conflict do nothing returning id)
            select id from k
            union all
            select id from waitlist_entry where booth_id = $1 and jobseeker_id = $2 and status in ('WAITING', 'OFFERED')
            limit 1""")
        .execute(Tuple.of(boothId, jobseekerId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** Offers the booth's seats nobody was offered (a person joined the line the moment one was freed); how many. */
  public Future<Integer> sweep(SqlClient c, long boothId) {
    return c.preparedQuery("select waitlist_sweep($1)").execute(Tuple.of(boothId)).map(rows -> rows.iterator().next().getInteger(0));
  }

  /** The same for every booth with people waiting (the job's safety net). */
  public Future<Integer> sweepAll() {
    return pool.preparedQuery("""
            select coalesce(sum(waitlist_sweep(b.booth_id)), 0)::int
              from (select distinct booth_id from waitlist_entry where status = 'WAITING') b""")
        .execute().map(rows -> rows.iterator().next().getInteger(0));
  }

  public Future<Entry> find(SqlClient c, long entryId) {
    return c.preparedQuery(ENTRY + " where w.id = $1").execute(Tuple.of(entryId)).map(WaitlistStore::first);
  }

  /** The person's open places (waiting or offered a seat), offers first. */
  public Future<List<Entry>> open(long jobseekerId) {
    return pool.preparedQuery(ENTRY + " where w.jobseeker_id = $1 and w.status in ('WAITING', 'OFFERED')"
            + " order by w.status = 'OFFERED' desc, w.joined_at, w.id")
        .execute(Tuple.of(jobseekerId)).map(WaitlistStore::all);
  }

  /** The person's open place at a booth, or null. */
  public Future<Entry> openAt(long jobseekerId, long boothId) {
    return pool.preparedQuery(ENTRY + " where w.jobseeker_id = $1 and w.booth_id = $2 and w.status in ('WAITING', 'OFFERED')")
        .execute(Tuple.of(jobseekerId, boothId)).map(WaitlistStore::first);
  }

  /** How many people are in a booth's line: waiting, and holding an offered seat. */
  public record Length(int waiting, int offered) {
  }

  public Future<Length> length(long boothId) {
    return pool.preparedQuery("""
            select count(*) filter (where status = 'WAITING') as waiting, count(*) filter (where status = 'OFFERED') as offered
              from waitlist_entry where booth_id = $1 and status in ('WAITING', 'OFFERED')""")
        .execute(Tuple.of(boothId)).map(rows -> {
          Row r = rows.iterator().next();
          return new Length(r.getLong("waiting").intValue(), r.getLong("offered").intValue());
        });
  }

  /**
   * Ends a place of the person's: {@code to} DECLINED (only an offer) or LEFT (waiting or offered). A held seat goes
   * back in the same statement and on to the next in line. False when there was no such open place.
   */
  public Future<Boolean> end(SqlClient c, long entryId, long jobseekerId, Status to) {
    String from = to == Status.DECLINED ? "('OFFERED')" : "('WAITING', 'OFFERED')";
    return c.preparedQuery("update waitlist_entry set status = $3, ended_at = now() where id = $1 and jobseeker_id = $2 and status in "
            + from + " returning id")
        .execute(Tuple.of(entryId, jobseekerId, to.db())).map(rows -> rows.rowCount() == 1);
  }

  /**
   * Ends holds whose time is up (each once, whichever node comes first: others skip the rows it holds); each seat goes
   * to the next in line in the same statement. How many ended.
   */
  public Future<Integer> expire(int limit) {
    return pool.preparedQuery("""
            update waitlist_entry set status = 'EXPIRED', ended_at = now()
             where id in (select id from waitlist_entry where status = 'OFFERED' and hold_until <= now()
                           order by hold_until, id limit $1 for update skip locked)
               and status = 'OFFERED'
            returning id""")
        .execute(Tuple.of(limit)).map(RowSet::rowCount);
  }

  /**
   * Claims offers not mailed yet (one row per offer in waitlist_offer_mail: the first node to insert it mails it, the
   * others insert nothing), with what their mail says. A hold whose time is up is not mailed any more (another node
   * may be ending it at this moment).
   */
  public Future<List<OfferMail>> claimMails(SqlClient tx, int limit) {
    return tx.preparedQuery("""
            with due as (
              select w.id, w.offered_at from waitlist_entry w
               where w.status = 'OFFERED' and w.hold_until > now()
                 and not exists (select 1 from waitlist_offer_mail m where m.entry_id = w.id and m.offered_at = w.offered_at)
               order by w.offered_at, w.id limit $1),
            claimed as (
              insert into waitlist_offer_mail (entry_id, offered_at) select id, offered_at from due
              on conflict do nothing returning entry_id, offered_at)
            select c.entry_id, c.offered_at, a.email::text as email, a.name, a.language, w.booth_id, e.name as employer_name,
                   f.name as fair_name, s.starts_at, s.ends_at, w.hold_until
              from claimed c join waitlist_entry w on w.id = c.entry_id join account a on a.id = w.jobseeker_id
              join booth b on b.id = w.booth_id join employer e on e.id = b.employer_id join fair f on f.id = b.fair_id
              join slot s on s.id = w.slot_id""")
        .execute(Tuple.of(limit)).map(rows -> {
          List<OfferMail> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new OfferMail(r.getLong("entry_id"), instant(r, "offered_at"), r.getString("email"), r.getString("name"),
                r.getString("language"), r.getLong("booth_id"), r.getString("employer_name"), r.getString("fair_name"),
                instant(r, "starts_at"), instant(r, "ends_at"), instant(r, "hold_until")));
          }
          return out;
        });
  }

  public Future<Void> mailed(SqlClient tx, long entryId, Instant offeredAt, long outboxId) {
    return tx.preparedQuery("update waitlist_offer_mail set outbox_id = $3 where entry_id = $1 and offered_at = $2")
        .execute(Tuple.of(entryId, at.jobfair.db.Rows.utc(offeredAt), outboxId)).mapEmpty();
  }

  private static Entry first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : entry(rows.iterator().next());
  }

  private static List<Entry> all(RowSet<Row> rows) {
    List<Entry> out = new ArrayList<>();
    for (Row r : rows) out.add(entry(r));
    return out;
  }

  private static Entry entry(Row r) {
    Status status = Status.of(r.getString("status"));
    Offer offer = status == Status.OFFERED
        ? new Offer(r.getLong("slot_id"), instant(r, "starts_at"), instant(r, "ends_at"), instant(r, "hold_until")) : null;
    return new Entry(r.getLong("id"), r.getLong("booth_id"), r.getLong("jobseeker_id"), status, instant(r, "joined_at"),
        r.getLong("place").intValue(), offer, r.getString("employer_name"), r.getLong("fair_id"), r.getString("fair_name"));
  }
}
