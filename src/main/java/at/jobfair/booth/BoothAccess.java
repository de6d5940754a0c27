package at.jobfair.booth;

import at.jobfair.identity.Account;
import at.jobfair.identity.Role;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Who may run a booth: organisers every booth, employer representatives the booths (and vacancies, staff, company
 * profile) of their own employer, nobody else. The route's access rule keeps other roles out already; this is the
 * one place that compares the booth's employer with the person's.
 */
public final class BoothAccess {

  private final BoothStore store;

  public BoothAccess(BoothStore store) {
    this.store = store;
  }

  /** Whether the person may run this employer's booths: an organiser, or one of the employer's representatives. */
  public static boolean mayRun(Account who, long employerId) {
    return who != null && (who.has(Role.ORGANIZER) || who.worksFor(employerId));
  }

  /** Refuses with 403 {@code not_your_booth} unless the person may act for this employer. */
  public static void check(Account who, long employerId) {
    if (who == null) throw Reason.SIGN_IN_REQUIRED.refuse();
    if (!mayRun(who, employerId)) throw Reason.NOT_YOUR_BOOTH.refuse();
  }

  /** The booth's employer, when the person may run the booth; 404 when there is no such booth. */
  public Future<Long> booth(SqlClient c, Account who, long boothId) {
    return store.boothEmployer(c, boothId).map(employerId -> {
      if (employerId == null) throw Reason.BOOTH_NOT_FOUND.refuse();
      check(who, employerId);
      return employerId;
    });
  }

  /** The vacancy's booth and employer, when the person may change it; 404 when there is no such vacancy. */
  public Future<BoothStore.Owner> vacancy(SqlClient c, Account who, long vacancyId) {
    return store.vacancyOwner(c, vacancyId).map(owner -> {
      if (owner == null) throw Reason.VACANCY_NOT_FOUND.refuse();
      check(who, owner.employerId());
      return owner;
    });
  }

  /** Succeeds when the person may change this employer's company profile; 404 when there is no such employer. */
  public Future<Void> employer(SqlClient c, Account who, long employerId) {
    check(who, employerId);
    return store.employerExists(c, employerId).map(exists -> {
      if (!exists) throw Reason.EMPLOYER_NOT_FOUND.refuse();
      return null;
    });
  }

  /** A window for adding slots (see {@link BoothStore#lockForSlots}), when the person may run the booth. */
  public Future<BoothStore.SlotWindow> slots(SqlClient tx, Account who, long boothId) {
    return store.lockForSlots(tx, boothId).map(window -> {
      if (window == null) throw Reason.BOOTH_NOT_FOUND.refuse();
      check(who, window.employerId());
      return window;
    });
  }
}
