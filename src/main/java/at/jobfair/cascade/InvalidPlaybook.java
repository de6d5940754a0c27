package at.jobfair.cascade;

import at.jobfair.refusal.Reason;

/** A playbook that breaks a rule of {@link Playbook#problem}, with the reason to answer. */
public final class InvalidPlaybook extends RuntimeException {
  private final Reason code;

  public InvalidPlaybook(Reason code) {
    super(code.code());
    this.code = code;
  }

  public Reason code() {
    return code;
  }
}
