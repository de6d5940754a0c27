package at.jobfair.booking;

import at.jobfair.refusal.Reason;

import java.time.Duration;
import java.time.Instant;

/**
 * Who may cancel a booking, and until when. Pure: the service loads the booking under a row lock, asks here, and
 * writes; the seat count itself is guarded by the database.
 */
public final class BookingPolicy {

  /** In which capacity someone acts on a booking. */
  public enum Actor { JOBSEEKER, EMPLOYER, STAFF }

  /** A booking's status (booking.status), spelt in the database as here. */
  public enum Status {
    ACTIVE, CANCELLED;

    public static Status of(String db) {
      return db == null ? null : valueOf(db);
    }

    public String db() {
      return name();
    }
  }

  /** The facts about one booking that the rules need. */
  public record Facts(Status status, boolean actorIsTheJobseeker, boolean actorStaffsTheBooth, Instant slotStart,
                      Duration cutoff) {
  }

  /** A refusal code (see the message bundles, {@code error.<code>}), or null when allowed. */
  public static Reason cancel(Actor actor, Facts f, String reason, Instant now) {
    switch (actor) {
      case JOBSEEKER -> {
        if (!f.actorIsTheJobseeker()) return Reason.BOOKING_NOT_FOUND;
        if (f.status() != Status.ACTIVE) return Reason.BOOKING_NOT_ACTIVE;
        if (!open(f.slotStart(), f.cutoff(), now)) return Reason.CANCEL_CLOSED;
        return null;
      }
      case EMPLOYER -> {
        if (!f.actorStaffsTheBooth()) return Reason.BOOKING_NOT_FOUND;
        if (f.status() != Status.ACTIVE) return Reason.BOOKING_NOT_ACTIVE;
        if (!now.isBefore(f.slotStart())) return Reason.CANCEL_STARTED;
        return reasonGiven(reason) ? null : Reason.REASON_REQUIRED;
      }
      case STAFF -> {
        if (f.status() != Status.ACTIVE) return Reason.BOOKING_NOT_ACTIVE;
        return reasonGiven(reason) ? null : Reason.REASON_REQUIRED;
      }
      default -> throw new IllegalArgumentException(String.valueOf(actor));
    }
  }

  /** What is known about a slot and a person when their booking statement inserted nothing. */
  public record SlotFacts(boolean visible, boolean open, boolean full, boolean personAtBooth, boolean personBusyThen) {
  }

  /** Whether the person may take a seat of this slot now; the booking statement still checks it under a lock. */
  public static boolean bookable(SlotFacts f) {
    return f.visible() && f.open() && !f.full() && !f.personAtBooth() && !f.personBusyThen();
  }

  /**
   * Why a booking was refused, most useful answer first: a slot that is not there (or not public), one whose
   * booking has closed, the person's own booking at the booth or at that time, and otherwise a taken seat (also
   * when it was freed again a moment later: the person is shown the free slots and may try again).
   */
  public static Reason refusal(SlotFacts f) {
    if (!f.visible()) return Reason.SLOT_NOT_FOUND;
    if (!f.open()) return Reason.BOOKING_CLOSED;
    if (f.personAtBooth()) return Reason.ALREADY_BOOKED_AT_BOOTH;
    if (f.personBusyThen()) return Reason.OVERLAPPING_BOOKING;
    return Reason.SLOT_TAKEN;
  }

  /**
   * Booking (and a jobseeker's change) is open until the fair's cutoff before the slot starts: the Java twin of the
   * database's {@code slot_open} (V28), for pages and the cancel rule.
   */
  public static boolean open(Instant slotStart, Duration cutoff, Instant now) {
    return now.isBefore(slotStart.minus(cutoff));
  }

  public static final int MIN_REASON = 3;
  public static final int MAX_REASON = 1000;

  static boolean reasonGiven(String reason) {
    return reason != null && reason.strip().length() >= MIN_REASON && reason.length() <= MAX_REASON;
  }

  private BookingPolicy() {
  }
}
