package at.jobfair.web;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may use a route. Every route is registered with one (see {@link Endpoints}); there is no way to add a
 * route without saying who may use it, and a signed-in user with none of the roles is refused.
 */
public final class Access {

  private final boolean signInRequired;
  private final Set<Role> roles;

  private Access(boolean signInRequired, Set<Role> roles) {
    this.signInRequired = signInRequired;
    this.roles = roles;
  }

  /** Anyone, signed in or not: sign-in, public pages, published fairs. */
  public static Access anyone() {
    return new Access(false, EnumSet.allOf(Role.class));
  }

  /** Anyone signed in, whatever their role; the handler limits what they see to their own data. */
  public static Access signedIn() {
    return new Access(true, EnumSet.allOf(Role.class));
  }

  /** Signed in with at least one of these roles. */
  public static Access roles(Role first, Role... more) {
    return new Access(true, EnumSet.of(first, more));
  }

  /** Signed in with at least one of these roles (a named set of {@link Role}). */
  public static Access anyOf(java.util.Set<Role> roles) {
    return new Access(true, EnumSet.copyOf(roles));
  }

  /** Any staff role of the employment service. */
  public static Access staff() {
    return new Access(true, EnumSet.copyOf(Role.STAFF));
  }

  public boolean signInRequired() {
    return signInRequired;
  }

  public boolean permits(Account account) {
    if (!signInRequired) return true;
    return account != null && account.roles().stream().anyMatch(roles::contains);
  }

}
