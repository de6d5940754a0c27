package at.jobfair.identity;

import java.util.EnumSet;
import java.util.Set;

/** The roles of the platform, with the codes used in the API and the database. */
public enum Role {
  JOBSEEKER, EMPLOYER, SFU, SFA, ERHEBUNG, PROVIDER, ORGANIZER, KOMMUNE;

  /** Staff of the employment service (or acting for it): everyone but jobseekers and employers. */
  public static final Set<Role> STAFF = EnumSet.of(SFU, SFA, ERHEBUNG, PROVIDER, ORGANIZER, KOMMUNE);

  /**
   * Who reads the mail outbox, which holds everyone's letters: those who send invitations and run the platform; never
   * training providers, the municipality or the inquiry service. The route table and the page header both ask here.
   */
  public static final Set<Role> OUTBOX = EnumSet.of(ORGANIZER, SFA, SFU);

  public static Role parse(String code) {
    try {
      return Role.valueOf(code);
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }
}
