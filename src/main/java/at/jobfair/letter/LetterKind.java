package at.jobfair.letter;

import java.util.Set;

/**
 * What a letter tells the person; each step of a case that concerns them produces one. A DECISION or WAIVER letter
 * carries its outcome and names who decided; the database refuses one without the decision step it reports (V20).
 */
public enum LetterKind {
  REASONS_REQUESTED, REASONS_ACCEPTED, CASE_OPENED, DECISION, PAYMENT_SUSPENDED, PAYMENT_RESUMED, WAIVER;

  /** The outcomes a letter of this kind may report; empty where it reports none. */
  public Set<LetterOutcome> outcomes() {
    return switch (this) {
      case DECISION -> Set.of(LetterOutcome.IMPOSED, LetterOutcome.NOT_IMPOSED);
      case WAIVER -> Set.of(LetterOutcome.GRANTED, LetterOutcome.REFUSED);
      case REASONS_REQUESTED, REASONS_ACCEPTED, CASE_OPENED, PAYMENT_SUSPENDED, PAYMENT_RESUMED -> Set.of();
    };
  }

  /**
   * Whether a human's decision is what the letter reports: it names them and the instruction on rights of appeal. A
   * suspension of payment is the caseworker's decision (a control appointment missed); its resumption follows the
   * person's contact.
   */
  public boolean decided() {
    return this == DECISION || this == WAIVER || this == PAYMENT_SUSPENDED;
  }

  /** The key of its texts in the bundles: {@code letter.kind.DECISION.IMPOSED.*}, {@code letter.kind.CASE_OPENED.*}. */
  String textKey(LetterOutcome outcome) {
    return "letter.kind." + name() + (outcome == null ? "" : "." + outcome.name());
  }
}
