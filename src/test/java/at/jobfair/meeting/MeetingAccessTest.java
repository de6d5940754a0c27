package at.jobfair.meeting;

import at.jobfair.meeting.MeetingAccess.BookingStatus;
import at.jobfair.meeting.MeetingAccess.Decision;
import at.jobfair.meeting.MeetingAccess.Facts;
import at.jobfair.meeting.MeetingAccess.Outcome;
import at.jobfair.meeting.MeetingAccess.Role;
import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The join window at its edges, and every combination of role, relation, status and moment against the rules. */
class MeetingAccessTest {

  private static final Instant START = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET, the repeated hour in Vienna
  private static final Instant END = START.plus(Duration.ofMinutes(20));
  private static final Duration BEFORE = JoinWindow.DEFAULT_BEFORE;

  /** Well before, a second before opening, at opening, at the start, a second before the end, at the end, after. */
  private static final List<Instant> MOMENTS = List.of(START.minus(Duration.ofDays(1)), START.minus(BEFORE).minusSeconds(1),
      START.minus(BEFORE), START, END.minusSeconds(1), END, END.plus(Duration.ofHours(1)));

  @Test
  void theWindowAtItsEdges() {
    assertEquals(JoinWindow.State.TOO_EARLY, JoinWindow.open(START, END, BEFORE, START.minus(BEFORE).minusNanos(1)).state());
    assertEquals(JoinWindow.State.OPEN, JoinWindow.open(START, END, BEFORE, START.minus(BEFORE)).state());
    assertEquals(JoinWindow.State.OPEN, JoinWindow.open(START, END, BEFORE, END.minusNanos(1)).state());
    assertEquals(JoinWindow.State.CLOSED, JoinWindow.open(START, END, BEFORE, END).state());
    JoinWindow.Result early = JoinWindow.open(START, END, BEFORE, START.minus(Duration.ofHours(2)));
    assertEquals(Instant.parse("2026-10-25T01:20:00Z"), early.opensAt());
    assertEquals(END, early.closesAt());
    // Zero minutes before: the room opens with the slot.
    assertEquals(JoinWindow.State.TOO_EARLY, JoinWindow.open(START, END, Duration.ZERO, START.minusNanos(1)).state());
    assertEquals(JoinWindow.State.OPEN, JoinWindow.open(START, END, Duration.ZERO, START).state());
  }

  @Test
  void nonsenseWindowsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> JoinWindow.open(START, START, BEFORE, START));
    assertThrows(IllegalArgumentException.class, () -> JoinWindow.open(END, START, BEFORE, START));
    assertThrows(IllegalArgumentException.class, () -> JoinWindow.open(START, END, Duration.ofMinutes(-1), START));
    assertThrows(NullPointerException.class, () -> JoinWindow.open(START, END, BEFORE, null));
  }

  @Test
  void everyCombination() {
    int checked = 0, entered = 0, moderators = 0;
    for (Role role : Role.values()) {
      for (int relation = 0; relation < 8; relation++) {
        boolean jobseeker = (relation & 1) != 0, booth = (relation & 2) != 0, authorised = (relation & 4) != 0;
        for (BookingStatus status : BookingStatus.values()) {
          for (Instant now : MOMENTS) {
            JoinWindow.Result window = JoinWindow.open(START, END, BEFORE, now);
            Decision d = MeetingAccess.decide(new Facts(role, jobseeker, booth, authorised, status, window));
            Decision want = expected(role, jobseeker, booth, authorised, status, now);
            String what = role + " jobseeker=" + jobseeker + " booth=" + booth + " authorised=" + authorised + " " + status + " at " + now;
            assertEquals(want, d, what);
            assertEquals(d.outcome() != Outcome.REFUSED, d.entered(), what);
            if (d.entered()) {
              entered++;
              assertNull(d.refusal(), what);
            }
            if (d.moderator()) moderators++;
            checked++;
          }
        }
      }
    }
    assertEquals(3 * 8 * 2 * 7, checked);
    // Open moments: at opening, at the start, a second before the end; four relations out of eight per role.
    assertEquals(3 * 4 * 3, entered);
    assertEquals(4 * 3, moderators);
  }

  /** The rules, written out independently of the implementation. */
  private static Decision expected(Role role, boolean jobseeker, boolean booth, boolean authorised, BookingStatus status,
                                   Instant now) {
    boolean related = switch (role) {
      case JOBSEEKER -> jobseeker;
      case EMPLOYER -> booth;
      case STAFF -> authorised;
    };
    if (!related) return new Decision(Outcome.REFUSED, Reason.NOT_YOUR_MEETING, null);
    if (status == BookingStatus.CANCELLED) return new Decision(Outcome.REFUSED, Reason.BOOKING_CANCELLED, null);
    Instant opens = START.minus(Duration.ofMinutes(10));
    if (now.isBefore(opens)) return new Decision(Outcome.REFUSED, Reason.TOO_EARLY, opens);
    if (!now.isBefore(END)) return new Decision(Outcome.REFUSED, Reason.CLOSED, null);
    return new Decision(role == Role.EMPLOYER ? Outcome.ENTER_AS_MODERATOR : Outcome.ENTER_AS_GUEST, null, null);
  }

  @Test
  void onlyTheBoothsStaffModerate() {
    JoinWindow.Result open = JoinWindow.open(START, END, BEFORE, START);
    assertTrue(MeetingAccess.decide(new Facts(Role.EMPLOYER, false, true, false, BookingStatus.ACTIVE, open)).moderator());
    // A caseworker who is also listed as authorised never moderates, nor does the jobseeker.
    assertFalse(MeetingAccess.decide(new Facts(Role.STAFF, true, true, true, BookingStatus.ACTIVE, open)).moderator());
    assertFalse(MeetingAccess.decide(new Facts(Role.JOBSEEKER, true, true, true, BookingStatus.ACTIVE, open)).moderator());
  }

  @Test
  void anOutsiderLearnsNeitherStatusNorTime() {
    for (BookingStatus status : BookingStatus.values()) {
      for (Instant now : MOMENTS) {
        Decision d = MeetingAccess.decide(new Facts(Role.EMPLOYER, true, false, true, status, JoinWindow.open(START, END, BEFORE, now)));
        assertEquals(new Decision(Outcome.REFUSED, Reason.NOT_YOUR_MEETING, null), d);
      }
    }
  }
}
