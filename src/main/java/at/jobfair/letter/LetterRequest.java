package at.jobfair.letter;

import java.time.Instant;
import java.util.Objects;

/**
 * What a step asks {@link Letters#issue} to write and send.
 *
 * @param kind    what the letter tells
 * @param outcome for DECISION {@code IMPOSED}/{@code NOT_IMPOSED}, for WAIVER {@code GRANTED}/{@code REFUSED}; else null
 * @param about   the person and the case the letter belongs to
 * @param content what the letter quotes and says beyond its kind's text
 * @param actor   who took the step; for DECISION and WAIVER the account that decided (the step's actor); may be null
 * @param at      when the step happened (the letter's date, in the configured zone)
 */
public record LetterRequest(LetterKind kind, LetterOutcome outcome, Case about, Content content, Actor actor, Instant at) {

  public LetterRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(about, "about");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(at, "at");
    if (outcome == null ? !kind.outcomes().isEmpty() : !kind.outcomes().contains(outcome)) {
      throw new IllegalArgumentException("outcome " + outcome + " for a " + kind + " letter");
    }
    if (kind.decided() && (actor == null || actor.accountId() == null || actor.role() == null)) {
      throw new IllegalArgumentException("a " + kind + " letter names who decided");
    }
  }

  /**
   * The person the letter goes to and the case it belongs to.
   *
   * @param jobseekerId   the person the letter goes to
   * @param ref           the case, {@code feature:id}: {@code cascade:42}, {@code noshow:17}
   * @param cascadeId     the cascade, when the case is one (then {@code ref} is {@code cascade:<id>})
   * @param cascadeStepId the cascade step that caused the letter (required for DECISION and WAIVER of a cascade)
   */
  public record Case(long jobseekerId, String ref, Long cascadeId, Long cascadeStepId) {

    public Case {
      if (ref == null || !ref.matches("[a-z][a-z_]{0,30}:[0-9]{1,19}")) throw new IllegalArgumentException("case reference: " + ref);
      if (cascadeId != null && !ref.equals("cascade:" + cascadeId)) throw new IllegalArgumentException("case reference " + ref + " for cascade " + cascadeId);
    }

    /** A case that is no cascade, such as {@code noshow:17}. */
    public static Case of(long jobseekerId, String ref) {
      return new Case(jobseekerId, ref, null, null);
    }

    /** A cascade's case; {@code stepId} null until the step that causes the letter is written. */
    public static Case cascade(long jobseekerId, long cascadeId, Long stepId) {
      return new Case(jobseekerId, "cascade:" + cascadeId, cascadeId, stepId);
    }
  }

  /**
   * What the letter quotes and says beyond its kind's text.
   *
   * @param basis    the legal basis quoted, or null where none applies
   * @param occasion what the case is about, one line the person recognises (a fair, an appointment); may be null
   * @param reasons  the reasons as the decider or caseworker wrote them; may be null
   * @param deadline for REASONS_REQUESTED: by when the person answers; else null
   */
  public record Content(LetterBasis basis, String occasion, String reasons, Instant deadline) {
  }

  /**
   * Who took the step: the account (null for the platform) and the role they acted in ({@code SFA}, {@code KOMMUNE}).
   */
  public record Actor(Long accountId, String role) {
  }

  /** The account that decided, for a letter that reports a decision; else null. */
  public Long deciderId() {
    return kind.decided() ? actor.accountId() : null;
  }

  /** The role they decided in, for a letter that reports a decision; else null. */
  public String deciderRole() {
    return kind.decided() ? actor.role() : null;
  }

  /** The same request naming the cascade step that caused it (null: as it was). */
  public LetterRequest withCascadeStep(Long stepId) {
    return stepId == null ? this : new LetterRequest(kind, outcome,
        new Case(about.jobseekerId(), about.ref(), about.cascadeId(), stepId), content, actor, at);
  }
}
