package at.jobfair.letter;

/**
 * What a DECISION or WAIVER letter reports; the names are the database's spelling ({@code letter.outcome}, V20), which
 * also checks that each belongs to its kind (see {@link LetterKind#outcomes}).
 */
public enum LetterOutcome {
  /** DECISION: the sanction is imposed. */
  IMPOSED,
  /** DECISION: no sanction. */
  NOT_IMPOSED,
  /** WAIVER: the sanction is waived. */
  GRANTED,
  /** WAIVER: the waiver is refused. */
  REFUSED
}
