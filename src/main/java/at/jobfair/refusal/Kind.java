package at.jobfair.refusal;

/**
 * What sort of refusal it is, in the domain's words. The web layer turns a kind into an HTTP status in one place
 * ({@code web/Failures}); nothing below it knows a status.
 */
public enum Kind {
  /** The input breaks a rule of its own (a missing, malformed or out-of-range value). */
  INVALID,
  /** Nobody is signed in, or the sign-in is not good enough for this step. */
  SIGN_IN_REQUIRED,
  /** The person is known but may not do this. */
  FORBIDDEN,
  /** There is no such thing, or not for this person (a stranger's record looks the same as none). */
  NOT_FOUND,
  /** The path exists, but not for this method. */
  METHOD_NOT_ALLOWED,
  /** The thing is not (or no longer) in a state where this step fits. */
  CONFLICT,
  /** It existed and is gone for good (a used or expired link). */
  GONE,
  /** More than the product accepts at once (a body, a file). */
  TOO_LARGE,
  /** A body of a type this step does not take. */
  UNSUPPORTED_TYPE,
  /** Too many attempts in a short time. */
  TOO_MANY,
  /** A part the product needs is down for a moment. */
  UNAVAILABLE,
  /** Our fault: nothing the person can do about it. */
  FAILED;

  /** The product's fault (failed, or a part of it down), not a refusal of what the person asked for. */
  public boolean failure() {
    return this == FAILED || this == UNAVAILABLE;
  }
}
