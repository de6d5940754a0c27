package at.jobfair.queue;

import at.jobfair.refusal.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The walk-up queue's rules, pure: who may take a place, when a booth may open its queue or call the next person, a
 * person's position, the pace of "next" and the estimated wait made from it. The service loads the facts, asks here,
 * and the database keeps what two people at once could break (one place per person and fair, the last place).
 */
public final class QueuePolicy {

  /** Past this, the time between two calls was a break, not the pace: it does not count. */
  static final Duration BREAK = Duration.ofHours(1);
  /** How much a new interval between two calls moves the pace (a moving average of the recent ones). */
  static final double WEIGHT = 0.3;

  /**
   * What joining depends on.
   *
   * @param fairRunning the fair has started and not ended
   * @param open        the booth's staff have opened the queue (not paused)
   * @param waiting     how many wait now
   * @param maxLength   the queue's maximum length, null for none
   * @param bookedHere  the person holds an appointment at this booth (they meet the booth there)
   */
  public record JoinFacts(boolean fairRunning, boolean open, int waiting, Integer maxLength, boolean bookedHere) {
  }

  /** Why the person may not take a place, or null when they may. */
  public static Reason join(JoinFacts f) {
    if (!f.fairRunning()) return Reason.QUEUE_FAIR_NOT_RUNNING;
    if (!f.open()) return Reason.QUEUE_CLOSED;
    if (f.bookedHere()) return Reason.QUEUE_BOOKED_HERE;
    if (f.maxLength() != null && f.waiting() >= f.maxLength()) return Reason.QUEUE_FULL;
    return null;
  }

  /** Opening needs a running fair; pausing is always possible (the waiting keep their places). */
  public static Reason open(boolean fairRunning, boolean opening) {
    return opening && !fairRunning ? Reason.QUEUE_FAIR_NOT_RUNNING : null;
  }

  /** Staff call the next person only while the fair runs (also from a paused queue: it drains before a break). */
  public static Reason next(boolean fairRunning) {
    return fairRunning ? null : Reason.QUEUE_FAIR_NOT_RUNNING;
  }

  /** Whether a fair runs at this instant: from its start (inclusive) to its end (exclusive). */
  public static boolean running(Instant start, Instant end, Instant now) {
    return !now.isBefore(start) && now.isBefore(end);
  }

  /** The length a queue may reach: its booth's own, else the configured default (0 = none); null for no limit. */
  public static Integer maxLength(Integer own, int configured) {
    if (own != null) return own;
    return configured > 0 ? configured : null;
  }

  /** A person's position among the waiting tickets in order (1 = next), or 0 when their ticket does not wait. */
  public static int position(List<Integer> waitingTickets, int ticket) {
    int i = waitingTickets.indexOf(ticket);
    return i < 0 ? 0 : i + 1;
  }

  /**
   * The pace after a call at {@code now}: the seconds between two calls, averaged over the recent ones. Null while
   * unknown (before the second call); an interval longer than {@link #BREAK} leaves it as it was.
   */
  public static Integer pace(Integer previous, Instant lastNext, Instant now) {
    if (lastNext == null) return previous;
    long sample = Duration.between(lastNext, now).toSeconds();
    if (sample < 0 || sample > BREAK.toSeconds()) return previous;
    long s = Math.max(1, sample);
    long next = previous == null ? s : Math.round(previous * (1 - WEIGHT) + s * WEIGHT);
    return (int) Math.max(1, Math.min(86_400, next));
  }

  /** The estimated wait at a position: one interval of the pace per person up to and including them. */
  public static Duration estimate(int position, Integer paceSeconds, Duration defaultPerPerson) {
    if (position <= 0) return Duration.ZERO;
    Duration per = paceSeconds != null ? Duration.ofSeconds(paceSeconds) : defaultPerPerson;
    return per.multipliedBy(position);
  }

  /** The estimate in whole minutes as a page shows it: at least one. */
  public static long minutes(Duration estimate) {
    return Math.max(1, (estimate.toSeconds() + 59) / 60);
  }

  private QueuePolicy() {
  }
}
