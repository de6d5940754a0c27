package at.jobfair.legal;

import at.jobfair.identity.Role;

/** Who decides under a basis: the person's own caseworker, or the municipality (minimum income, Land law). */
public enum Decider {
  CASEWORKER(Role.SFA), MUNICIPALITY(Role.KOMMUNE);

  private final Role role;

  Decider(Role role) {
    this.role = role;
  }

  /** The role that holds this decision; for CASEWORKER only the person's own caseworker of that role decides. */
  public Role role() {
    return role;
  }
}
