package at.jobfair.access;

import java.util.Set;

/**
 * Who of the staff may read or change which of a person's data, decided by relation (the one place; pure). Deny by
 * default: a member of staff without a relation to the person has no right to any of it.
 *
 * <table>
 *   <tr><th>relation</th><th>record (region, languages, caseworker)</th><th>benefit data (benefit type, sick notes,
 *   case and sanction data, dossier)</th></tr>
 *   <tr><td>CASEWORKER</td><td>read, change</td><td>read, change</td></tr>
 *   <tr><td>DEPUTY (deputy or team member of the caseworker)</td><td>read, change</td><td>read, change</td></tr>
 *   <tr><td>MUNICIPALITY</td><td>read</td><td>read</td></tr>
 *   <tr><td>SANCTION_CHECK</td><td>read</td><td>read</td></tr>
 *   <tr><td>STATION</td><td>read</td><td>—</td></tr>
 *   <tr><td>ADMINISTRATION</td><td>read, change</td><td>—</td></tr>
 * </table>
 */
public final class StaffAccess {

  /** What is asked for. */
  public enum Data { RECORD, BENEFIT }

  public enum Mode { READ, WRITE }

  public static boolean may(Set<Relation> relations, Data data, Mode mode) {
    for (Relation r : relations) {
      if (grants(r, data, mode)) return true;
    }
    return false;
  }

  /** The relation that grants it, for the access log's "why" (the strongest first), or null. */
  public static Relation because(Set<Relation> relations, Data data, Mode mode) {
    for (Relation r : Relation.values()) {
      if (relations.contains(r) && grants(r, data, mode)) return r;
    }
    return null;
  }

  /** Whether this one relation grants it (the table above; {@link Relations} builds its list filters from it). */
  static boolean grants(Relation r, Data data, Mode mode) {
    return switch (r) {
      case CASEWORKER, DEPUTY -> true;
      case MUNICIPALITY, SANCTION_CHECK -> mode == Mode.READ;
      case STATION -> data == Data.RECORD && mode == Mode.READ;
      case ADMINISTRATION -> data == Data.RECORD;
    };
  }

  private StaffAccess() {
  }
}
