package at.jobfair.waitlist;

import at.jobfair.refusal.Reason;
import at.jobfair.waitlist.WaitlistStore.BoothState;
import at.jobfair.waitlist.WaitlistStore.Entry;
import at.jobfair.waitlist.WaitlistStore.Offer;
import at.jobfair.waitlist.WaitlistStore.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every combination of the facts the waitlist's rules read. */
class WaitlistPolicyTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void joiningEveryCombination() {
    assertEquals(Reason.BOOTH_NOT_FOUND, WaitlistPolicy.join(null));
    for (boolean visible : new boolean[] {false, true}) {
      for (boolean free : new boolean[] {false, true}) {
        for (boolean anyOpen : new boolean[] {false, true}) {
          for (boolean booked : new boolean[] {false, true}) {
            Reason expected = !visible ? Reason.BOOTH_NOT_FOUND : booked ? Reason.ALREADY_BOOKED_AT_BOOTH
                : free ? Reason.WAITLIST_SEATS_FREE : !anyOpen ? Reason.WAITLIST_CLOSED : null;
            assertEquals(expected, WaitlistPolicy.join(new BoothState(visible, free, anyOpen, booked)),
                visible + " " + free + " " + anyOpen + " " + booked);
          }
        }
      }
    }
  }

  @Test
  void takingAHeldSeatOnlyWhileItIsHeld() {
    Offer held = new Offer(1, NOW.plusSeconds(3600), NOW.plusSeconds(5400), NOW.plusSeconds(60));
    for (Status s : Status.values()) {
      Reason r = WaitlistPolicy.accept(entry(s, s == Status.OFFERED ? held : null), NOW);
      if (s == Status.OFFERED) assertNull(r);
      else assertEquals(Reason.OFFER_ENDED, r, s.name());
    }
    Offer over = new Offer(1, NOW.plusSeconds(3600), NOW.plusSeconds(5400), NOW);
    assertEquals(Reason.OFFER_ENDED, WaitlistPolicy.accept(entry(Status.OFFERED, over), NOW), "the hold ends at its time");
    assertEquals(Reason.OFFER_ENDED, WaitlistPolicy.accept(entry(Status.OFFERED, null), NOW));
  }

  static Entry entry(Status s, Offer o) {
    return new Entry(1, 2, 3, s, NOW.minusSeconds(600), 0, o, "Firma", 4, "Messe");
  }
}
