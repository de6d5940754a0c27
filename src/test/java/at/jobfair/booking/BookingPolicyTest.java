package at.jobfair.booking;

import at.jobfair.booking.BookingPolicy.Actor;
import at.jobfair.booking.BookingPolicy.Facts;
import at.jobfair.booking.BookingPolicy.Status;
import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every combination of actor, status, relation to the booking, moment and reason, against the rules as written. */
class BookingPolicyTest {

  private static final Instant START = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET, the repeated hour in Vienna
  private static final Duration CUTOFF = Duration.ofMinutes(60);

  /** Moments relative to the slot: well before, just before the cutoff, at the cutoff, after it, at the start, after. */
  private static final List<Instant> MOMENTS = List.of(START.minus(Duration.ofDays(1)), START.minus(CUTOFF).minusSeconds(1),
      START.minus(CUTOFF), START.minus(Duration.ofMinutes(5)), START, START.plusSeconds(60));
  private static final List<String> REASONS = List.of("", "ab", "  ab  ", "abc", "Kandidat passt nicht", "x".repeat(1001));

  @Test
  void everyCombination() {
    int checked = 0;
    for (Actor actor : Actor.values()) {
      for (Status status : Status.values()) {
        for (boolean own : new boolean[] {true, false}) {
          for (boolean staffs : new boolean[] {true, false}) {
            for (Instant now : MOMENTS) {
              for (String reason : withNull(REASONS)) {
                Facts f = new Facts(status, own, staffs, START, CUTOFF);
                assertEquals(expected(actor, status, own, staffs, now, reason), BookingPolicy.cancel(actor, f, reason, now),
                    actor + " " + status + " own=" + own + " staffs=" + staffs + " at " + now + " reason=" + reason);
                checked++;
              }
            }
          }
        }
      }
    }
    assertEquals(3 * 2 * 2 * 2 * 6 * 7, checked);
  }

  /** The rules, written out independently of the implementation. */
  private static Reason expected(Actor actor, Status status, boolean own, boolean staffs, Instant now, String reason) {
    boolean reasonOk = reason != null && reason.strip().length() >= 3 && reason.length() <= 1000;
    if (actor == Actor.JOBSEEKER) {
      if (!own) return Reason.BOOKING_NOT_FOUND;
      if (status == Status.CANCELLED) return Reason.BOOKING_NOT_ACTIVE;
      return now.isBefore(START.minus(CUTOFF)) ? null : Reason.CANCEL_CLOSED;
    }
    if (actor == Actor.EMPLOYER) {
      if (!staffs) return Reason.BOOKING_NOT_FOUND;
      if (status == Status.CANCELLED) return Reason.BOOKING_NOT_ACTIVE;
      if (!now.isBefore(START)) return Reason.CANCEL_STARTED;
      return reasonOk ? null : Reason.REASON_REQUIRED;
    }
    if (status == Status.CANCELLED) return Reason.BOOKING_NOT_ACTIVE;
    return reasonOk ? null : Reason.REASON_REQUIRED;
  }

  @Test
  void aRefusedBookingIsExplainedByItsMostUsefulReason() {
    int checked = 0;
    for (int bits = 0; bits < 32; bits++) {
      boolean visible = (bits & 1) != 0, open = (bits & 2) != 0, full = (bits & 4) != 0, atBooth = (bits & 8) != 0, busy = (bits & 16) != 0;
      Reason expected = !visible ? Reason.SLOT_NOT_FOUND : !open ? Reason.BOOKING_CLOSED : atBooth ? Reason.ALREADY_BOOKED_AT_BOOTH
          : busy ? Reason.OVERLAPPING_BOOKING : Reason.SLOT_TAKEN;
      assertEquals(expected, BookingPolicy.refusal(new BookingPolicy.SlotFacts(visible, open, full, atBooth, busy)), "facts " + bits);
      assertEquals(visible && open && !full && !atBooth && !busy,
          BookingPolicy.bookable(new BookingPolicy.SlotFacts(visible, open, full, atBooth, busy)), "bookable " + bits);
      checked++;
    }
    assertEquals(32, checked);
  }

  @Test
  void bookingIsOpenUntilTheCutoff() {
    assertTrue(BookingPolicy.open(START, CUTOFF, START.minus(CUTOFF).minusMillis(1)));
    assertFalse(BookingPolicy.open(START, CUTOFF, START.minus(CUTOFF)));
    assertTrue(BookingPolicy.open(START, Duration.ZERO, START.minusMillis(1)));
    assertFalse(BookingPolicy.open(START, Duration.ZERO, START));
  }

  private static List<String> withNull(List<String> list) {
    List<String> out = new ArrayList<>(list);
    out.add(null);
    return out;
  }
}
