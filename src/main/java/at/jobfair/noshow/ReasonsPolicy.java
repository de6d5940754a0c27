package at.jobfair.noshow;

import at.jobfair.legal.Basis;
import at.jobfair.legal.LegalOutcome;
import at.jobfair.legal.Obligation;
import at.jobfair.refusal.Reason;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * The request for reasons (Anhörung) and the case after it, as pure rules: who may do what in which state, and which
 * outcomes a basis allows from where. The service loads the facts under a row lock, asks here, and writes; the database
 * repeats the rules that matter in court (V22: outcome of the basis, decider, order). Tested over every combination.
 */
public final class ReasonsPolicy {

  public static final int MAX_TEXT = 4000;
  public static final int MIN_REASONS = 3;

  /** What a request is about; the names are the database's spelling ({@code reasons_request.kind}). */
  public enum Kind {
    /** The person missed a booked appointment under an obliging basis. */
    NO_SHOW,
    /** The person did not book a binding proposal by its deadline. */
    OVERDUE_PROPOSAL
  }

  /** Where a request stands. */
  public enum State {
    /** The person was asked; the deadline runs. */
    ASKED,
    /** The person answered (and may add more until the deadline). */
    ANSWERED,
    /** The deadline passed without an answer: recorded as such, never as a refusal. */
    NO_ANSWER,
    /** The decider accepted the reasons: closed, nothing follows. */
    REASONS_ACCEPTED,
    /** The appointment was excused afterwards (sick note, outage, corrected outcome): nothing follows. */
    WITHDRAWN,
    /** The decider opened a case: a decision follows. */
    CASE_OPEN,
    IMPOSED, NOT_IMPOSED, WAIVED, SUSPENDED, RESUMED;

    /** Nothing more can happen. */
    public boolean closed() {
      return switch (this) {
        case REASONS_ACCEPTED, WITHDRAWN, NOT_IMPOSED, WAIVED, RESUMED -> true;
        case ASKED, ANSWERED, NO_ANSWER, CASE_OPEN, IMPOSED, SUSPENDED -> false;
      };
    }

    /** Waiting for the decider (the worklist shows these). */
    public boolean needsDecider() {
      return switch (this) {
        case ANSWERED, NO_ANSWER, CASE_OPEN, SUSPENDED -> true;
        case ASKED, REASONS_ACCEPTED, WITHDRAWN, IMPOSED, NOT_IMPOSED, WAIVED, RESUMED -> false;
      };
    }
  }

  private ReasonsPolicy() {
  }

  /** Whether a no-show or an unbooked proposal under this obligation leads to a request for reasons at all. */
  public static boolean asksFor(Obligation obligation) {
    return switch (obligation) {
      case BINDING, CONTROL -> true;
      case VOLUNTARY -> false;
    };
  }

  /** A refusal code for the person answering or adding proof, or null when allowed. */
  public static Reason answer(State s, Instant deadline, Instant now) {
    if (s != State.ASKED && s != State.ANSWERED) return Reason.REASONS_CLOSED;
    if (!now.isBefore(deadline)) return Reason.REASONS_DEADLINE_PASSED;
    return null;
  }

  /** A refusal code for the decider accepting the reasons, or null. Accepting is possible until a case is opened. */
  public static Reason accept(State s, boolean decider, String reasons) {
    if (!decider) return Reason.REASONS_NOT_DECIDER;
    if (!enough(reasons)) return Reason.DECISION_REASONS_REQUIRED;
    return switch (s) {
      case ASKED, ANSWERED, NO_ANSWER -> null;
      default -> Reason.REASONS_CLOSED;
    };
  }

  /**
   * A refusal code for opening a case, or null. Only once the person had the whole deadline (they may add to their
   * answer until then): after it, answered or not.
   */
  public static Reason openCase(State s, Instant deadline, Instant now, boolean decider, String reasons) {
    if (!decider) return Reason.REASONS_NOT_DECIDER;
    if (!enough(reasons)) return Reason.DECISION_REASONS_REQUIRED;
    return switch (s) {
      case ANSWERED, NO_ANSWER -> now.isBefore(deadline) ? Reason.REASONS_DEADLINE_RUNNING : null;
      case ASKED -> Reason.REASONS_DEADLINE_RUNNING;
      default -> Reason.REASONS_CLOSED;
    };
  }

  /** A refusal code for a decision with this outcome, or null. */
  public static Reason decide(Basis basis, State s, LegalOutcome outcome, boolean decider, String reasons, LocalDate reportedOn) {
    if (!decider) return Reason.REASONS_NOT_DECIDER;
    if (outcome == null) return Reason.REASONS_OUTCOME_REQUIRED;
    if (!enough(reasons)) return Reason.DECISION_REASONS_REQUIRED;
    if (!allowed(basis.decision().outcomes(), s, outcome)) return Reason.REASONS_OUTCOME_NOT_ALLOWED;
    if ((outcome == LegalOutcome.PAYMENT_RESUMED) != (reportedOn != null)) return Reason.REASONS_REPORTED_ON;
    return null;
  }

  /** Whether {@code outcome} may be decided in state {@code s} under a basis listing {@code outcomes}. */
  public static boolean allowed(Set<LegalOutcome> outcomes, State s, LegalOutcome outcome) {
    if (!outcomes.contains(outcome)) return false;
    return switch (outcome) {
      case SANCTION_IMPOSED, SANCTION_NOT_IMPOSED, PAYMENT_SUSPENDED -> s == State.CASE_OPEN;
      case SANCTION_WAIVED -> s == State.IMPOSED;
      case PAYMENT_RESUMED -> s == State.SUSPENDED;
    };
  }

  /** The outcomes the decider can choose now (for the page). */
  public static Set<LegalOutcome> choices(Basis basis, State s) {
    Set<LegalOutcome> out = EnumSet.noneOf(LegalOutcome.class);
    for (LegalOutcome o : LegalOutcome.values()) if (allowed(basis.decision().outcomes(), s, o)) out.add(o);
    return out;
  }

  /** The state a decision leads to. */
  public static State after(LegalOutcome outcome) {
    return switch (outcome) {
      case SANCTION_IMPOSED -> State.IMPOSED;
      case SANCTION_NOT_IMPOSED -> State.NOT_IMPOSED;
      case SANCTION_WAIVED -> State.WAIVED;
      case PAYMENT_SUSPENDED -> State.SUSPENDED;
      case PAYMENT_RESUMED -> State.RESUMED;
    };
  }

  /** A refusal code for the person's text, or null. */
  public static Reason text(String text) {
    if (text == null || text.isBlank()) return Reason.REASONS_TEXT_REQUIRED;
    if (text.length() > MAX_TEXT) return Reason.REASONS_TEXT_TOO_LONG;
    return null;
  }

  private static boolean enough(String reasons) {
    return reasons != null && reasons.strip().length() >= MIN_REASONS && reasons.length() <= MAX_TEXT;
  }
}
