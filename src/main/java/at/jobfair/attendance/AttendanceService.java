package at.jobfair.attendance;

import at.jobfair.attendance.AttendancePolicy.Actor;
import at.jobfair.attendance.AttendancePolicy.NextStep;
import at.jobfair.attendance.AttendancePolicy.Outcome;
import at.jobfair.attendance.AttendanceStore.Booking;
import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Check-in, the employer's outcome, sick notes, outage windows and the automatic no-show. */
public final class AttendanceService {

  /** How many bookings one run of the no-show job marks at most (the next run takes the rest). */
  static final int BATCH = 1000;

  private final Pool pool;
  private final AttendanceStore store;
  private final Clock clock;
  private final Duration grace;
  private final int sickNoteFlagAfter;
  private final int outageReporters;
  private final int outageMinutes;
  private volatile SanctionBars sanctionBars = (tx, fairId, jobseekerId) -> Future.succeededFuture(0);

  /**
   * Told, in the recording transaction, when a fact that bars a sanction step (an employer's no-show, an outage window)
   * was recorded: the cascade ends every case it now bars from the sanction check or the decision.
   */
  @FunctionalInterface
  public interface SanctionBars {
    /** {@code jobseekerId} null: everyone at the fair may be affected. Answers how many cases were ended. */
    Future<Integer> recorded(SqlClient tx, long fairId, Long jobseekerId);
  }

  /**
   * {@code outageReporters} different people reporting their meeting room failing within {@code outageMinutes} at one
   * fair make a detected outage window (see {@link #meetingFailed}).
   */
  public AttendanceService(Pool pool, AttendanceStore store, Clock clock, int graceMinutes, int sickNoteFlagAfter,
                           int outageReporters, int outageMinutes) {
    this.outageReporters = outageReporters;
    this.outageMinutes = outageMinutes;
    this.pool = pool;
    this.store = store;
    this.clock = clock;
    this.grace = Duration.ofMinutes(graceMinutes);
    this.sickNoteFlagAfter = sickNoteFlagAfter;
  }

  /** Whether the staff member may record a sick note (health data) for the person; decided in access/Relations. */
  @FunctionalInterface
  public interface SickNoteRight {
    Future<Boolean> test(Account actor, long jobseekerId);
  }

  private volatile SickNoteRight mayRecordSickNote = (actor, person) -> Future.succeededFuture(false);

  /** Set once at start-up, before requests are taken. */
  public void sickNoteRight(SickNoteRight right) {
    this.mayRecordSickNote = right;
  }

  /** Set once at start-up, before requests are taken. */
  public void sanctionBars(SanctionBars bars) {
    this.sanctionBars = bars;
  }

  public Duration grace() {
    return grace;
  }

  public Clock clock() {
    return clock;
  }

  /** The booked person says they are here. Checking in again changes nothing. */
  public Future<Booking> checkin(Account person, long bookingId) {
    return pool.withTransaction(tx -> store.lock(tx, bookingId).compose(b -> {
      boolean own = b != null && person.has(Role.JOBSEEKER) && b.jobseekerId() == person.id();
      Reason refusal = b == null ? Reason.BOOKING_NOT_FOUND : AttendancePolicy.checkin(b.facts(), own, clock.instant());
      if (refusal != null) return Future.failedFuture(refusal.refuse());
      return store.checkin(tx, bookingId).compose(v -> store.lock(tx, bookingId));
    }));
  }

  /** The employer's statement about the appointment (or an organiser's). */
  public Future<Booking> outcome(Account actor, long bookingId, Outcome outcome, NextStep next, String note) {
    String cleanNote = note == null || note.isBlank() ? null : note.strip();
    return pool.withTransaction(tx -> store.lock(tx, bookingId).compose(b -> {
      if (b == null) return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
      boolean staffs = actor.worksFor(b.employerId());
      Actor as = staffs || !actor.has(Role.ORGANIZER) ? Actor.EMPLOYER : Actor.STAFF;
      Reason refusal = AttendancePolicy.outcome(as, staffs, b.facts(), outcome, next, cleanNote, clock.instant());
      if (refusal != null) return Future.failedFuture(refusal.refuse());
      return store.outcome(tx, bookingId, outcome, as.name(), actor.id(), next, cleanNote)
          .compose(v -> outcome == Outcome.EMPLOYER_NO_SHOW ? sanctionBars.recorded(tx, b.fairId(), b.jobseekerId())
              : Future.succeededFuture(0))
          .compose(v -> store.lock(tx, bookingId));
    }));
  }

  /** Staff record a sick note as the excuse; the N-th one of a person for obliged appointments raises the flag for the caseworker. */
  public Future<Booking> sickNote(Account actor, long bookingId, String note) {
    String cleanNote = note == null || note.isBlank() ? null : note.strip();
    return pool.withTransaction(tx -> store.lock(tx, bookingId).compose(b -> b == null ? Future.succeededFuture((Booking) null)
        : mayRecordSickNote.test(actor, b.jobseekerId()).map(may -> may ? b : null)).compose(b -> {
      if (b == null) return Future.failedFuture(Reason.BOOKING_NOT_FOUND.refuse());
      Reason refusal = AttendancePolicy.sickNote(b.facts(), cleanNote);
      if (refusal != null) return Future.failedFuture(refusal.refuse());
      return store.sickNote(tx, bookingId, b.jobseekerId(), cleanNote, actor.id())
          .compose(idAndCount -> AttendancePolicy.sickNoteFlag(b.facts().legalBasis(), (int) idAndCount[1], sickNoteFlagAfter)
              ? store.flagSickNotes(tx, idAndCount[0], b.jobseekerId()) : Future.<Void>succeededFuture())
          .compose(v -> store.lock(tx, bookingId));
    }));
  }

  /** Staff record a platform outage during a fair; every appointment overlapping it is excused. */
  public Future<Long> outage(Account actor, long fairId, Instant from, Instant to, String reason) {
    Reason refusal = AttendancePolicy.outage(from, to, reason);
    if (refusal != null) return Future.failedFuture(refusal.refuse());
    return pool.withTransaction(tx -> store.outage(tx, fairId, from, to, reason.strip(), actor.id())
            .compose(id -> id == null ? Future.succeededFuture((Long) null)
                : sanctionBars.recorded(tx, fairId, null).map(n -> id)))
        .compose(id -> id == null ? Future.failedFuture(Reason.FAIR_NOT_FOUND.refuse()) : Future.succeededFuture(id));
  }

  /**
   * A meeting room at the fair reported that the meeting service failed. When enough different people did so lately,
   * the platform records (or stretches) a detected outage window: every appointment inside it is excused, and no
   * sanction step may follow it. Answers the window's id, or null when there is no outage (yet).
   */
  public Future<Long> meetingFailed(SqlClient tx, long fairId) {
    return store.detectOutage(tx, fairId, outageReporters, outageMinutes)
        .compose(id -> id == null ? Future.succeededFuture((Long) null) : sanctionBars.recorded(tx, fairId, null).map(n -> id));
  }

  /** One run of the no-show job: marks every due booking once, however many instances run it at the same time. */
  public Future<Integer> markNoShows() {
    return pool.withTransaction(tx -> store.markNoShows(tx, (int) grace.toMinutes(), BATCH));
  }

}
