package at.jobfair.letter;

import java.time.Instant;
import java.util.Objects;

/**
 * What a step asks {@link Letters#issue} to write and send.
 *
 * @param kind          what the letter tells
 * @param outcome       for DECISION {@code IMPOSED}/{@code NOT_IMPOSED}, for WAIVER {@code GRANTED}/{@code REFUSED}; else null
 * @param jobseekerId   the person the letter goes to
 * @param caseRef       the case it belongs to, {@code feature:id}: {@code cascade:42}, {@code noshow:17}
 * @param cascadeId     the cascade, when the case is one (then {@code caseRef} is {@code cascade:<id>})
 * @param cascadeStepId the cascade step that caused the letter (required for DECISION and WAIVER of a cascade)
 * @param basis         the legal basis quoted, or null where none applies
 * @param deciderId     for DECISION and WAIVER: the account that decided (the step's actor)
 * @param deciderRole   the role they decided in ({@code SFA}, {@code KOMMUNE})
 * @param occasion      what the case is about, one line the person recognises (a fair, an appointment); may be null
 * @param reasons       the reasons as the decider or caseworker wrote them; may be null
 * @param deadline      for REASONS_REQUESTED: by when the person answers; else null
 * @param at            when the step happened (the letter's date, in the configured zone)
 */
public record LetterRequest(LetterKind kind, String outcome, long jobseekerId, String caseRef, Long cascadeId, Long cascadeStepId,
                            LetterBasis basis, Long deciderId, String deciderRole, String occasion, String reasons,
                            Instant deadline, Instant at) {

  public LetterRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    if (outcome == null ? !kind.outcomes().isEmpty() : !kind.outcomes().contains(outcome)) {
      throw new IllegalArgumentException("outcome " + outcome + " for a " + kind + " letter");
    }
    if (caseRef == null || !caseRef.matches("[a-z][a-z_]{0,30}:[0-9]{1,19}")) throw new IllegalArgumentException("case reference: " + caseRef);
    if (cascadeId != null && !caseRef.equals("cascade:" + cascadeId)) throw new IllegalArgumentException("case reference " + caseRef + " for cascade " + cascadeId);
    if (kind.decided() && (deciderId == null || deciderRole == null)) {
      throw new IllegalArgumentException("a " + kind + " letter names who decided");
    }
  }

  /** The same request naming the cascade step that caused it (null: as it was). */
  public LetterRequest withCascadeStep(Long stepId) {
    return stepId == null ? this : new LetterRequest(kind, outcome, jobseekerId, caseRef, cascadeId, stepId, basis, deciderId, deciderRole,
        occasion, reasons, deadline, at);
  }

  /** A letter about a cascade step. */
  public static LetterRequest ofCascade(LetterKind kind, String outcome, long jobseekerId, long cascadeId, long stepId, LetterBasis basis,
                                        Long deciderId, String deciderRole, String occasion, String reasons, Instant at) {
    return new LetterRequest(kind, outcome, jobseekerId, "cascade:" + cascadeId, cascadeId, stepId, basis, deciderId, deciderRole,
        occasion, reasons, null, at);
  }
}
