package at.jobfair.booking;

import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

/**
 * Bookings rehearsed where nobody can see them, for the node's warm-up: in one transaction that is always rolled back,
 * a published fair with one booth of 40 single-seat slots and 20 jobseekers is made, and 60 booking attempts run
 * through the booking service's own path — 20 bookings with their confirmation rendered and queued, then refusals of
 * taken seats with the free ones as alternatives, as in a storm. Other sessions never see uncommitted rows, and the
 * triggers' NOTIFY is delivered only on commit, so nothing reaches a page, a mailbox or a report; only identity numbers
 * are used up (gaps).
 */
public final class BookingRehearsal {

  /** The rows of one rehearsal; ids of its slots and people in order. */
  private static final String SEED = """
      with e as (insert into employer (name) values ('Warm-up') returning id),
           f as (insert into fair (name, format, starts_at, ends_at, status, booking_cutoff_minutes)
                 values ('Warm-up', 'E_JOBMEETING', now(), now() + interval '30 days', 'PUBLISHED', 0) returning id),
           fe as (insert into fair_employer select f.id, e.id from f, e),
           b as (insert into booth (fair_id, employer_id) select f.id, e.id from f, e returning id),
           s as (insert into slot (booth_id, starts_at, ends_at, capacity)
                 select b.id, now() + interval '1 day' + i * interval '20 minutes',
                        now() + interval '1 day' + i * interval '20 minutes' + interval '15 minutes', 1
                   from b, generate_series(0, 39) i returning id),
           a as (insert into account (email, name)
                 select 'warmup-' || gen_random_uuid() || '@warmup.invalid', 'Warm-up' from generate_series(1, 20) returning id),
           r as (insert into account_role select id, 'JOBSEEKER' from a),
           j as (insert into jobseeker (account_id) select id from a)
      select (select array_agg(id order by id) from s) as slots, (select array_agg(id order by id) from a) as people""";

  /** Thrown to end the transaction by rolling it back. */
  private static final class RolledBack extends RuntimeException {
    RolledBack() {
      super("rolled back", null, false, false);
    }
  }

  private final Pool pool;
  private final BookingService bookings;

  public BookingRehearsal(Pool pool, BookingService bookings) {
    this.pool = pool;
    this.bookings = bookings;
  }

  /** One rehearsal: its 60 attempts, then the rollback. Succeeds with the number of seats it booked (and undid). */
  public Future<Integer> run() {
    int[] booked = {0};
    return pool.<Void>withTransaction(tx -> tx.query(SEED).execute().compose(rows -> {
          Row r = rows.iterator().next();
          Long[] slots = r.getArrayOfLongs("slots");
          Long[] people = r.getArrayOfLongs("people");
          Future<Void> chain = Future.succeededFuture();
          for (int i = 0; i < 60; i++) {
            // The first 20 each book a slot of their own; after that every attempt finds its seat taken.
            long slot = slots[i % 20];
            long person = people[i * 7 % 20];
            chain = chain.compose(v -> attempt(tx, person, slot).map(ok -> {
              if (ok) booked[0]++;
              return null;
            }));
          }
          return chain.compose(v -> Future.failedFuture(new RolledBack()));
        }))
        .map(v -> booked[0])
        .recover(e -> e instanceof RolledBack ? Future.succeededFuture(booked[0]) : Future.failedFuture(e));
  }

  /** Whether the attempt booked; a refusal is an answer like any other here. */
  private Future<Boolean> attempt(SqlClient tx, long person, long slot) {
    return bookings.placeIn(tx, person, slot).map(b -> true).recover(e -> {
      if (e instanceof Refused) return Future.succeededFuture(false);
      return Future.failedFuture(e);
    });
  }
}
