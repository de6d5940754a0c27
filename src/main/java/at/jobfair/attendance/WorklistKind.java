package at.jobfair.attendance;

/**
 * What an item on the SfA caseworker's worklist is about, as its {@code kind} says in the API and the page. The
 * attendance feature makes the sick-note flags; the no-show feature the requests for reasons; the cascade its
 * decisions, waiver considerations and course follow-ups (their names here are the contract those sources keep).
 */
public enum WorklistKind {
  /** Repeated sick notes for appointments with an obligation: check whether the health insurer is to be told. */
  SICK_NOTE_FLAG,
  /** A request for reasons (after a no-show or an unbooked binding proposal) waiting for the caseworker's decision. */
  REASONS,
  /** A cascade case waiting for the sanction decision. */
  DECISION,
  /** A cascade case whose sanction may be waived after a job start. */
  CONSIDER_WAIVER,
  /** An accepted course ended a cascade: the caseworker follows it up (a result closes it). */
  COURSE_FOLLOW_UP;

  /** The kind an item names; an item of a kind not listed here is a broken contract, not an input to tolerate. */
  public static WorklistKind of(String kind) {
    try {
      return valueOf(kind);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("a worklist item of an unknown kind: " + kind, e);
    }
  }
}
