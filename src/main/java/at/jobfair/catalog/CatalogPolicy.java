package at.jobfair.catalog;

import at.jobfair.identity.Account;

/** Who sees what in the catalogue: everyone the published fairs, staff the drafts too (to check them before publishing). */
public final class CatalogPolicy {

  private CatalogPolicy() {
  }

  /** Staff see draft fairs and their booths; jobseekers, employers and visitors only published ones. */
  public static boolean seesDrafts(Account viewer) {
    return viewer != null && viewer.isStaff();
  }
}
