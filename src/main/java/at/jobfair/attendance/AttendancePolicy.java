package at.jobfair.attendance;

import at.jobfair.legal.Obligation;
import at.jobfair.refusal.Reason;

import java.time.Duration;
import java.time.Instant;

/**
 * What counts as attended, no-show or excused, and who may record which fact when. Pure: the services load the
 * facts (under a row lock where they write), ask here, and write. Exhaustively tested in AttendancePolicyTest.
 */
public final class AttendancePolicy {

  /** How early before the start a person may check in. */
  public static final Duration CHECKIN_EARLY = Duration.ofMinutes(10);
  /** How long after the slot's end an employer may still state or correct the outcome (staff: always). */
  public static final Duration EMPLOYER_OUTCOME_WINDOW = Duration.ofDays(14);
  public static final int MAX_NOTE = 2000;

  public enum Outcome { APPEARED, NO_SHOW, UNSUITABLE, CANDIDATE_DECLINED, EMPLOYER_NO_SHOW }

  public enum NextStep { SECOND_INTERVIEW, TRIAL_DAY, HIRED }

  /** What the appointment obliged the person to (booking.legal_basis): CONTROL is a control appointment (§ 49 AlVG). */
  /** Who records an outcome: the booth's employer representative, or staff (organisers). */
  public enum Actor { EMPLOYER, STAFF }

  /**
   * The state of one appointment as staff see it, in order of precedence. Employers see only the facts they
   * stated or witnessed (check-in, outcome), never why an appointment was excused.
   */
  public enum State {
    CANCELLED, EXCUSED_SICK, EXCUSED_OUTAGE, EMPLOYER_NO_SHOW, APPEARED, UNSUITABLE, CANDIDATE_DECLINED, NO_SHOW,
    /** Checked in, slot running: derived until the meetings issue records joining the room. */
    IN_MEETING,
    /** Checked in, the slot has not started yet. */
    CHECKED_IN,
    /** Checked in, the slot is over, no outcome stated yet. */
    AWAITING_OUTCOME,
    /** Not checked in, the slot has not started. */
    BOOKED,
    /** Not checked in, the slot has started (until the grace after its end is over). */
    LATE,
    /** Not checked in, no outcome, the grace after the slot is over: the no-show job marks it. */
    NO_SHOW_DUE
  }

  /** The facts about one booking that the rules need. */
  public record Facts(boolean active, Obligation legalBasis, Instant start, Instant end, Instant checkedInAt, Outcome outcome,
                      boolean sickNote, boolean inOutage) {
    public boolean checkedIn() {
      return checkedInAt != null;
    }
  }

  /** Whether an outcome says the person was there (and talked to the employer). */
  public static boolean attendedOutcome(Outcome o) {
    return o == Outcome.APPEARED || o == Outcome.UNSUITABLE || o == Outcome.CANDIDATE_DECLINED;
  }

  public static State state(Facts f, Instant now, Duration grace) {
    if (!f.active()) return State.CANCELLED;
    Outcome o = f.outcome();
    if (attendedOutcome(o)) return State.valueOf(o.name());
    if (o == Outcome.EMPLOYER_NO_SHOW) return State.EMPLOYER_NO_SHOW;
    // Not (known to have) attended: a sick note or an outage excuses it, whatever was stated.
    if (f.sickNote()) return State.EXCUSED_SICK;
    if (f.inOutage() && !f.checkedIn()) return State.EXCUSED_OUTAGE;
    if (o == Outcome.NO_SHOW) return State.NO_SHOW;
    if (f.checkedIn()) {
      if (now.isBefore(f.start())) return State.CHECKED_IN;
      return now.isBefore(f.end()) ? State.IN_MEETING : State.AWAITING_OUTCOME;
    }
    if (now.isBefore(f.start())) return State.BOOKED;
    return dueForNoShow(f, now, grace) ? State.NO_SHOW_DUE : State.LATE;
  }

  /**
   * Whether the no-show job marks this booking: active, ended more than the grace ago, nobody checked in, no outcome,
   * and not excused. (The job's conditional UPDATE states the same in SQL.)
   */
  public static boolean dueForNoShow(Facts f, Instant now, Duration grace) {
    return f.active() && !f.checkedIn() && f.outcome() == null && !f.sickNote() && !f.inOutage()
        && now.isAfter(f.end().plus(grace));
  }

  /** A no-show that may be held against the person: not excused, not the employer's, not cancelled. */
  public static boolean countsAsNoShow(Facts f, Instant now, Duration grace) {
    State s = state(f, now, grace);
    return s == State.NO_SHOW;
  }

  /**
   * What the person is asked for reasons about, and the caseworker then looks at: a no-show that counts, on an
   * appointment with an obligation (binding or control). Voluntary ones never. (The request job in the no-show package
   * states the same in SQL.)
   */
  public static boolean needsCaseworkerReview(Facts f, Instant now, Duration grace) {
    return f.legalBasis() != Obligation.VOLUNTARY && countsAsNoShow(f, now, grace);
  }

  /** Whether the appointment is in the participation rate's denominator: over, and not excused or the employer's fault. */
  public static boolean countsForParticipation(Facts f, Instant now, Duration grace) {
    return switch (state(f, now, grace)) {
      case APPEARED, UNSUITABLE, CANDIDATE_DECLINED, NO_SHOW, IN_MEETING, AWAITING_OUTCOME -> true;
      default -> false;
    };
  }

  /** Whether the person took part (an attended outcome, or checked in and the slot has started). */
  public static boolean participated(Facts f, Instant now, Duration grace) {
    return switch (state(f, now, grace)) {
      case APPEARED, UNSUITABLE, CANDIDATE_DECLINED, IN_MEETING, AWAITING_OUTCOME -> true;
      default -> false;
    };
  }

  /** When the check-in button is shown: from {@link #CHECKIN_EARLY} before the start until the end. */
  public static boolean checkinOpen(Instant start, Instant end, Instant now) {
    return !now.isBefore(start.minus(CHECKIN_EARLY)) && now.isBefore(end);
  }

  /** A refusal code for a check-in by the person ({@code error.<code>}), or null when allowed (again: no change). */
  public static Reason checkin(Facts f, boolean ownBooking, Instant now) {
    if (!ownBooking) return Reason.BOOKING_NOT_FOUND;
    if (!f.active()) return Reason.BOOKING_NOT_ACTIVE;
    if (f.checkedIn()) return null;
    if (now.isBefore(f.start().minus(CHECKIN_EARLY))) return Reason.CHECKIN_TOO_EARLY;
    if (!now.isBefore(f.end())) return Reason.CHECKIN_CLOSED;
    return null;
  }

  /** A refusal code for stating an outcome, or null when allowed. */
  public static Reason outcome(Actor actor, boolean staffsBooth, Facts f, Outcome outcome, NextStep nextStep, String note, Instant now) {
    if (actor == Actor.EMPLOYER && !staffsBooth) return Reason.BOOKING_NOT_FOUND;
    if (outcome == null) return Reason.OUTCOME_REQUIRED;
    if (!f.active()) return Reason.BOOKING_NOT_ACTIVE;
    if (nextStep != null && outcome != Outcome.APPEARED) return Reason.NEXT_STEP_NOT_ALLOWED;
    if (note != null && note.length() > MAX_NOTE) return Reason.NOTE_TOO_LONG;
    if (now.isBefore(f.start())) return Reason.OUTCOME_TOO_EARLY;
    if (actor == Actor.EMPLOYER) {
      if (now.isAfter(f.end().plus(EMPLOYER_OUTCOME_WINDOW))) return Reason.OUTCOME_CLOSED;
      // The person's own check-in stands against an employer's "did not come"; staff decide such a case.
      if (outcome == Outcome.NO_SHOW && f.checkedIn()) return Reason.NO_SHOW_BUT_CHECKED_IN;
    }
    return null;
  }

  /** A refusal code for recording a sick note (staff), or null when allowed. */
  public static Reason sickNote(Facts f, String note) {
    if (note != null && note.length() > MAX_NOTE) return Reason.NOTE_TOO_LONG;
    if (!f.active()) return Reason.BOOKING_NOT_ACTIVE;
    if (f.sickNote()) return Reason.SICK_NOTE_EXISTS;
    if (f.checkedIn() || attendedOutcome(f.outcome())) return Reason.SICK_NOTE_ATTENDED;
    return null;
  }

  /**
   * Whether a sick note for an appointment under {@code basis}, the count-th of one person for fair appointments with an
   * obligation, raises the flag to inform the health insurer. A sick note for a voluntary appointment never counts: the
   * person owed nobody an excuse for it.
   */
  public static boolean sickNoteFlag(Obligation basis, int count, int flagAfter) {
    return basis != Obligation.VOLUNTARY && count >= flagAfter;
  }

  /** A refusal code for an outage window, or null when it is valid. */
  public static Reason outage(Instant from, Instant to, String reason) {
    if (from == null || to == null) return Reason.OUTAGE_TIMES_REQUIRED;
    if (!to.isAfter(from)) return Reason.OUTAGE_END_BEFORE_START;
    if (reason == null || reason.strip().length() < 3 || reason.length() > 1000) return Reason.OUTAGE_REASON_REQUIRED;
    return null;
  }

  private AttendancePolicy() {
  }
}
