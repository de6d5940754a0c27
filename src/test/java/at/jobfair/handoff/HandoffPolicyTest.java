package at.jobfair.handoff;

import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every combination of the facts a hand-off and an invitation into the call depend on. */
class HandoffPolicyTest {

  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  static final long ME = 1;
  static final long COLLEAGUE = 2;

  @Test
  void everyCombination() {
    for (boolean works : new boolean[] {true, false})
      for (boolean staffs : new boolean[] {true, false})
        for (boolean active : new boolean[] {true, false})
          for (boolean ended : new boolean[] {true, false})
            for (Long current : new Long[] {null, ME, COLLEAGUE}) {
              HandoffPolicy.Facts f = new HandoffPolicy.Facts(works, staffs, active,
                  ended ? NOW : NOW.plusSeconds(60), current, COLLEAGUE);
              String what = works + " " + staffs + " " + active + " " + ended + " " + current;
              Reason handOff = HandoffPolicy.handOff(f, NOW);
              Reason expected = !works ? Reason.BOOKING_NOT_FOUND : !staffs ? Reason.HANDOFF_NOT_STAFF
                  : !active ? Reason.BOOKING_NOT_ACTIVE : ended ? Reason.HANDOFF_ENDED
                  : current != null && current == COLLEAGUE ? Reason.HANDOFF_SAME : null;
              assertEquals(expected, handOff, what);
              Reason invite = HandoffPolicy.invite(f, ME);
              Reason expectedInvite = !works ? Reason.BOOKING_NOT_FOUND : !staffs ? Reason.HANDOFF_NOT_STAFF
                  : !active ? Reason.BOOKING_NOT_ACTIVE : null;
              assertEquals(expectedInvite, invite, what);
            }
  }

  @Test
  void nobodyAsksThemselvesIn() {
    assertEquals(Reason.HANDOFF_NOT_STAFF, HandoffPolicy.invite(new HandoffPolicy.Facts(true, true, true, NOW.plusSeconds(60), null, ME), ME));
    assertNull(HandoffPolicy.invite(new HandoffPolicy.Facts(true, true, true, NOW.plusSeconds(60), null, COLLEAGUE), ME));
  }
}
