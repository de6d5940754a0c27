package at.jobfair.invitation;

import at.jobfair.booking.BookingStore;
import at.jobfair.mail.MailSender;
import at.jobfair.mail.Outbox;
import at.jobfair.observe.JobRuns;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Queues appointment reminders. Every {@code reminders.pollSeconds} one transaction finds active bookings whose
 * reminder for an offset is due and not yet recorded, records it in {@code booking_reminder} (one row per booking
 * and offset, whoever comes first) and queues its email in the outbox (deduplicated by booking and offset). Several
 * instances and restarts therefore never send a reminder twice, and a booking cancelled before its reminder was due
 * gets none. When several offsets fell due at once (the application was down), only the nearest one is sent.
 */
public final class ReminderJob extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(ReminderJob.class.getName());
  static final int BATCH = 200;

  /**
   * Due reminders, locked: an offset is due from start - offset, and only for bookings made before that moment (a
   * booking made an hour ahead gets no day-before reminder). Rows another instance holds are skipped.
   */
  private static final String CLAIM = """
      with due as (
        select k.id as booking_id, o.m as offset_minutes
          from booking k cross join unnest($1::int[]) as o(m)
         where k.status = 'ACTIVE' and lower(k.during) > now()
           and lower(k.during) - make_interval(mins => o.m) <= now()
           and k.created_at <= lower(k.during) - make_interval(mins => o.m)
           and not exists (select 1 from booking_reminder r where r.booking_id = k.id and r.offset_minutes = o.m)
         order by lower(k.during), k.id
         limit $2
           for update of k skip locked)
      insert into booking_reminder (booking_id, offset_minutes) select booking_id, offset_minutes from due
      on conflict do nothing
      returning booking_id, offset_minutes""";

  private final Pool pool;
  private final Outbox outbox;
  private final MailSender mailSender;
  private final InvitationService invitations;
  private final List<Integer> offsets;
  private final long pollMillis;
  private final BookingStore bookings;
  private long timer = -1;
  private boolean busy;
  private JobRuns jobs = JobRuns.NONE;

  public ReminderJob(Pool pool, Outbox outbox, MailSender mailSender, InvitationService invitations, List<Integer> offsets, int pollSeconds) {
    this.pool = pool;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.invitations = invitations;
    this.offsets = offsets;
    this.pollMillis = pollSeconds * 1000L;
    this.bookings = new BookingStore(pool);
  }

  /** Reports each round to the job metrics (lag since the last good one, duration). */
  public ReminderJob tracked(JobRuns jobs) {
    this.jobs = jobs;
    return this;
  }

  @Override
  public Future<?> start() {
    if (offsets.isEmpty()) return Future.succeededFuture();
    timer = vertx.setPeriodic(Math.min(1000, pollMillis), pollMillis, id -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void tick() {
    if (busy) return;
    busy = true;
    jobs.track("reminders", this::runOnce).onComplete(ar -> {
      busy = false;
      if (ar.failed()) LOG.log(Level.WARNING, "reminders: " + ar.cause().getMessage(), ar.cause());
      else if (ar.result() > 0) mailSender.wake();
    });
  }

  /** One round: queues what is due; answers how many emails were queued. */
  public Future<Integer> runOnce() {
    Integer[] list = offsets.toArray(new Integer[0]);
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(list, BATCH)).compose(rows -> {
      // per booking the nearest newly due offset; the others are recorded as skipped
      Map<Long, Integer> nearest = new TreeMap<>();
      for (Row r : rows) nearest.merge(r.getLong(0), r.getInteger(1), Math::min);
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<Long, Integer> e : nearest.entrySet()) {
        chain = chain.compose(v -> bookings.find(tx, e.getKey())
            // A binding or control appointment's reminder says to contact the counsellor: it names them.
            .compose(b -> (b.origin().legalBasis() == at.jobfair.legal.Obligation.VOLUNTARY
                ? Future.<BookingStore.Counsellor>succeededFuture(null) : bookings.counsellor(tx, b.jobseeker().id()))
                .compose(c -> outbox.enqueue(tx, invitations.mails().reminder(b, e.getValue(), invitations.confirmToken(b), c))))
            .compose(outboxId -> tx.preparedQuery("update booking_reminder set outbox_id = $3 where booking_id = $1 and offset_minutes = $2")
                .execute(Tuple.of(e.getKey(), e.getValue(), outboxId)))
            .mapEmpty());
      }
      return chain.map(v -> nearest.size());
    }));
  }
}
