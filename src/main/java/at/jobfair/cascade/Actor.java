package at.jobfair.cascade;

import at.jobfair.identity.Role;

/**
 * Who acts: a user with a role and an id, or the platform itself ({@link #SYSTEM}, role null). {@code standsInFor}: the
 * caseworker an SfA acts for as deputy or team member (found by access/Relations before the machine is asked), or null.
 */
public record Actor(Role role, String id, String standsInFor) {
  public static final Actor SYSTEM = new Actor(null, "system");

  public Actor(Role role, String id) {
    this(role, id, null);
  }

  public boolean isSystem() {
    return role == null;
  }

  /** The code written to the audit trail: the role's name or "SYSTEM". */
  public String roleCode() {
    return role == null ? "SYSTEM" : role.name();
  }
}
