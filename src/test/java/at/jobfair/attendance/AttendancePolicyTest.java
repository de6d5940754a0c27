package at.jobfair.attendance;

import at.jobfair.attendance.AttendancePolicy.Actor;
import at.jobfair.attendance.AttendancePolicy.Facts;
import at.jobfair.attendance.AttendancePolicy.NextStep;
import at.jobfair.attendance.AttendancePolicy.Outcome;
import at.jobfair.attendance.AttendancePolicy.State;
import at.jobfair.legal.Obligation;
import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every combination of the attendance facts, actor, outcome and moment, against the rules written out here again. */
class AttendancePolicyTest {

  private static final Instant START = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET, the repeated hour in Vienna
  private static final Instant END = START.plus(Duration.ofMinutes(20));
  private static final Duration GRACE = Duration.ofMinutes(15);
  private static final Instant CHECKED_IN = START.minus(Duration.ofMinutes(5));

  /** Before the check-in opens, at its opening, running, at the end, within the grace, at its end, after it, 15 days later. */
  private static final List<Instant> MOMENTS = List.of(START.minus(Duration.ofMinutes(11)), START.minus(Duration.ofMinutes(10)),
      START, START.plusSeconds(60), END, END.plus(GRACE), END.plus(GRACE).plusSeconds(1), END.plus(Duration.ofDays(14)),
      END.plus(Duration.ofDays(14)).plusSeconds(1));

  private static List<Outcome> outcomes() {
    List<Outcome> list = new ArrayList<>(Arrays.asList(Outcome.values()));
    list.add(null);
    return list;
  }

  private static List<NextStep> nextSteps() {
    List<NextStep> list = new ArrayList<>(Arrays.asList(NextStep.values()));
    list.add(null);
    return list;
  }

  private interface FactsCase {
    void check(Facts f, Instant now);
  }

  private static int everyFact(FactsCase c) {
    int n = 0;
    for (boolean active : new boolean[] {true, false}) {
      for (Obligation basis : Obligation.values()) {
        for (boolean checkedIn : new boolean[] {true, false}) {
          for (Outcome outcome : outcomes()) {
            for (boolean sick : new boolean[] {true, false}) {
              for (boolean outage : new boolean[] {true, false}) {
                for (Instant now : MOMENTS) {
                  c.check(new Facts(active, basis, START, END, checkedIn ? CHECKED_IN : null, outcome, sick, outage), now);
                  n++;
                }
              }
            }
          }
        }
      }
    }
    return n;
  }

  private static final int FACT_COMBINATIONS = 2 * 3 * 2 * 6 * 2 * 2 * 9;

  /** The state, written out independently of the implementation. */
  private static State expectedState(Facts f, Instant now) {
    if (!f.active()) return State.CANCELLED;
    Outcome o = f.outcome();
    if (o == Outcome.APPEARED) return State.APPEARED;
    if (o == Outcome.UNSUITABLE) return State.UNSUITABLE;
    if (o == Outcome.CANDIDATE_DECLINED) return State.CANDIDATE_DECLINED;
    if (o == Outcome.EMPLOYER_NO_SHOW) return State.EMPLOYER_NO_SHOW;
    if (f.sickNote()) return State.EXCUSED_SICK;
    if (f.inOutage() && f.checkedInAt() == null) return State.EXCUSED_OUTAGE;
    if (o == Outcome.NO_SHOW) return State.NO_SHOW;
    if (f.checkedInAt() != null) {
      if (now.isBefore(START)) return State.CHECKED_IN;
      if (now.isBefore(END)) return State.IN_MEETING;
      return State.AWAITING_OUTCOME;
    }
    if (now.isBefore(START)) return State.BOOKED;
    return now.isAfter(END.plus(GRACE)) ? State.NO_SHOW_DUE : State.LATE;
  }

  @Test
  void theStateOfEveryCombination() {
    int n = everyFact((f, now) -> assertEquals(expectedState(f, now), AttendancePolicy.state(f, now, GRACE), f + " at " + now));
    assertEquals(FACT_COMBINATIONS, n);
  }

  @Test
  void theJobMarksOnlyActiveUnexcusedBookingsWithoutCheckInOrOutcomeAfterTheGrace() {
    int n = everyFact((f, now) -> {
      boolean expected = f.active() && f.checkedInAt() == null && f.outcome() == null && !f.sickNote() && !f.inOutage()
          && now.isAfter(END.plus(GRACE));
      assertEquals(expected, AttendancePolicy.dueForNoShow(f, now, GRACE), f + " at " + now);
    });
    assertEquals(FACT_COMBINATIONS, n);
  }

  @Test
  void onlyUnexcusedNoShowsOfTheJobseekerCountAndOnlyThoseWithAnObligationGoToTheCaseworker() {
    int[] counted = {0};
    everyFact((f, now) -> {
      boolean noShow = f.active() && f.outcome() == Outcome.NO_SHOW && !f.sickNote() && !(f.inOutage() && f.checkedInAt() == null);
      assertEquals(noShow, AttendancePolicy.countsAsNoShow(f, now, GRACE), f + " at " + now);
      assertEquals(noShow && f.legalBasis() != Obligation.VOLUNTARY, AttendancePolicy.needsCaseworkerReview(f, now, GRACE), f + " at " + now);
      if (noShow) counted[0]++;
    });
    // active, NO_SHOW, no sick note: outage only when checked in (or no outage), all three bases, every moment.
    assertEquals(3 * 9 * (2 + 1), counted[0]);
  }

  @Test
  void neverHeldAgainstThePerson() {
    everyFact((f, now) -> {
      boolean protectedCase = !f.active() || f.outcome() == Outcome.EMPLOYER_NO_SHOW || f.sickNote()
          || (f.inOutage() && f.checkedInAt() == null) || f.legalBasis() == Obligation.VOLUNTARY;
      if (protectedCase) assertFalse(AttendancePolicy.needsCaseworkerReview(f, now, GRACE), f + " at " + now);
    });
  }

  @Test
  void participationCountsOnlyAppointmentsThatTookPlaceOrWereMissed() {
    everyFact((f, now) -> {
      State s = expectedState(f, now);
      boolean took = s == State.APPEARED || s == State.UNSUITABLE || s == State.CANDIDATE_DECLINED || s == State.IN_MEETING
          || s == State.AWAITING_OUTCOME;
      assertEquals(took, AttendancePolicy.participated(f, now, GRACE), f + " at " + now);
      assertEquals(took || s == State.NO_SHOW, AttendancePolicy.countsForParticipation(f, now, GRACE), f + " at " + now);
    });
  }

  @Test
  void checkIn() {
    int n = 0;
    for (boolean own : new boolean[] {true, false}) {
      n += everyFact((f, now) -> {
        Reason expected;
        if (!own) expected = Reason.BOOKING_NOT_FOUND;
        else if (!f.active()) expected = Reason.BOOKING_NOT_ACTIVE;
        else if (f.checkedInAt() != null) expected = null;
        else if (now.isBefore(START.minus(Duration.ofMinutes(10)))) expected = Reason.CHECKIN_TOO_EARLY;
        else if (!now.isBefore(END)) expected = Reason.CHECKIN_CLOSED;
        else expected = null;
        assertEquals(expected, AttendancePolicy.checkin(f, own, now), "own=" + own + " " + f + " at " + now);
      });
    }
    assertEquals(2 * FACT_COMBINATIONS, n);
    assertFalse(AttendancePolicy.checkinOpen(START, END, START.minus(Duration.ofMinutes(10)).minusSeconds(1)));
    assertTrue(AttendancePolicy.checkinOpen(START, END, START.minus(Duration.ofMinutes(10))));
    assertTrue(AttendancePolicy.checkinOpen(START, END, END.minusSeconds(1)));
    assertFalse(AttendancePolicy.checkinOpen(START, END, END));
  }

  @Test
  void whoMaySetWhichOutcomeWhen() {
    List<String> notes = Arrays.asList(null, "", "ok", "x".repeat(2000), "x".repeat(2001));
    int[] n = {0};
    for (Actor actor : Actor.values()) {
      for (boolean staffs : new boolean[] {true, false}) {
        for (Outcome outcome : outcomes()) {
          for (NextStep next : nextSteps()) {
            for (String note : notes) {
              everyFact((f, now) -> {
                assertEquals(expectedOutcome(actor, staffs, f, outcome, next, note, now),
                    AttendancePolicy.outcome(actor, staffs, f, outcome, next, note, now),
                    () -> actor + " staffs=" + staffs + " " + outcome + "/" + next + " note=" + (note == null ? null : note.length()) + " " + f + " at " + now);
                n[0]++;
              });
            }
          }
        }
      }
    }
    assertEquals(2 * 2 * 6 * 4 * 5 * FACT_COMBINATIONS, n[0]);
  }

  private static Reason expectedOutcome(Actor actor, boolean staffs, Facts f, Outcome o, NextStep next, String note, Instant now) {
    if (actor == Actor.EMPLOYER && !staffs) return Reason.BOOKING_NOT_FOUND;
    if (o == null) return Reason.OUTCOME_REQUIRED;
    if (!f.active()) return Reason.BOOKING_NOT_ACTIVE;
    if (next != null && o != Outcome.APPEARED) return Reason.NEXT_STEP_NOT_ALLOWED;
    if (note != null && note.length() > 2000) return Reason.NOTE_TOO_LONG;
    if (now.isBefore(START)) return Reason.OUTCOME_TOO_EARLY;
    if (actor == Actor.EMPLOYER && now.isAfter(END.plus(Duration.ofDays(14)))) return Reason.OUTCOME_CLOSED;
    if (actor == Actor.EMPLOYER && o == Outcome.NO_SHOW && f.checkedInAt() != null) return Reason.NO_SHOW_BUT_CHECKED_IN;
    return null;
  }

  @Test
  void sickNotes() {
    List<String> notes = Arrays.asList(null, "Krankmeldung bis Freitag", "x".repeat(2001));
    for (String note : notes) {
      everyFact((f, now) -> {
        Reason expected;
        if (note != null && note.length() > 2000) expected = Reason.NOTE_TOO_LONG;
        else if (!f.active()) expected = Reason.BOOKING_NOT_ACTIVE;
        else if (f.sickNote()) expected = Reason.SICK_NOTE_EXISTS;
        else if (f.checkedInAt() != null || f.outcome() == Outcome.APPEARED || f.outcome() == Outcome.UNSUITABLE
            || f.outcome() == Outcome.CANDIDATE_DECLINED) expected = Reason.SICK_NOTE_ATTENDED;
        else expected = null;
        assertEquals(expected, AttendancePolicy.sickNote(f, note), f + " note=" + note);
      });
    }
    for (Obligation basis : Obligation.values()) {
      for (int flagAfter = 1; flagAfter <= 4; flagAfter++) {
        for (int count = 0; count <= 5; count++) {
          // a sick note for a voluntary appointment never raises the flag, however many there are
          boolean expected = basis != Obligation.VOLUNTARY && count >= flagAfter;
          assertEquals(expected, AttendancePolicy.sickNoteFlag(basis, count, flagAfter), basis + ": " + count + " of " + flagAfter);
        }
      }
    }
  }

  @Test
  void outageWindows() {
    assertEquals(Reason.OUTAGE_TIMES_REQUIRED, AttendancePolicy.outage(null, END, "Serverausfall"));
    assertEquals(Reason.OUTAGE_TIMES_REQUIRED, AttendancePolicy.outage(START, null, "Serverausfall"));
    assertEquals(Reason.OUTAGE_END_BEFORE_START, AttendancePolicy.outage(START, START, "Serverausfall"));
    assertEquals(Reason.OUTAGE_END_BEFORE_START, AttendancePolicy.outage(END, START, "Serverausfall"));
    assertEquals(Reason.OUTAGE_REASON_REQUIRED, AttendancePolicy.outage(START, END, null));
    assertEquals(Reason.OUTAGE_REASON_REQUIRED, AttendancePolicy.outage(START, END, "  ab  "));
    assertEquals(Reason.OUTAGE_REASON_REQUIRED, AttendancePolicy.outage(START, END, "x".repeat(1001)));
    assertNull(AttendancePolicy.outage(START, END, "abc"));
    assertNull(AttendancePolicy.outage(START, START.plusSeconds(1), "Videodienst gestört"));
  }
}
