package at.jobfair.booking;

import java.time.Duration;
import java.time.Instant;

/**
 * Who may cancel a booking, and until when. Pure: the service loads the booking under a row lock, asks here, and
 * writes; the seat count itself is guarded by the database.
 */
public final class BookingPolicy {

  /** In which capacity someone acts on a booking. */
  public enum Actor { JOBSEEKER, EMPLOYER, STAFF }

  public enum Status { ACTIVE, CANCELLED }

  /** The facts about one booking that the rules need. */
  public record Facts(Status status, boolean actorIsTheJobseeker, boolean actorStaffsTheBooth, Instant slotStart,
                      Duration cutoff) {
  }

  /** A refusal code (see the message bundles, {@code error.<code>}), or null when allowed. */
  public static String cancel(Actor actor, Facts f, String reason, Instant now) {
    switch (actor) {
      case JOBSEEKER -> {
        if (!f.actorIsTheJobseeker()) return "booking_not_found";
        if (f.status() != Status.ACTIVE) return "booking_not_active";
        if (!open(f.slotStart(), f.cutoff(), now)) return "cancel_closed";
        return null;
      }
      case EMPLOYER -> {
        if (!f.actorStaffsTheBooth()) return "booking_not_found";
        if (f.status() != Status.ACTIVE) return "booking_not_active";
        if (!now.isBefore(f.slotStart())) return "cancel_started";
        return reasonGiven(reason) ? null : "reason_required";
      }
      case STAFF -> {
        if (f.status() != Status.ACTIVE) return "booking_not_active";
        return reasonGiven(reason) ? null : "reason_required";
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
  public static String refusal(SlotFacts f) {
    if (!f.visible()) return "slot_not_found";
    if (!f.open()) return "booking_closed";
    if (f.personAtBooth()) return "already_booked_at_booth";
    if (f.personBusyThen()) return "overlapping_booking";
    return "slot_taken";
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
