package at.jobfair.cascade;

import java.time.Instant;

/**
 * One participant's cascade at one fair: where it stands and the facts its guards need.
 *
 * @param station        the station for WAITING, AT_STATION, SENT_BACK (SANCTION_CHECK), SANCTION_PROPOSED and
 *                       DECISION_PENDING (DECISION); null otherwise
 * @param employerNoShow the employer did not appear: never held against the person
 * @param outage         the person's slot lay inside a platform outage window
 * @param minimumIncome  a minimum-income recipient: the municipality (KOMMUNE) decides, not the caseworker
 * @param caseworkerId   the user id of the person's own SFA caseworker, the only SFA who may decide
 * @param statementGiven the person's statement was recorded at the current sanction check
 * @param decisionDue    when the decision is due (set when the case reaches DECISION)
 * @param imposedAt      when the sanction was imposed
 * @param jobStart       the job start that opened the waiver consideration
 */
public record Cascade(State state, Station station, LegalBasis basis, boolean employerNoShow, boolean outage,
                      boolean minimumIncome, String caseworkerId, boolean statementGiven, Instant decisionDue,
                      Instant imposedAt, Instant jobStart) {

  public static Cascade invited(LegalBasis basis, boolean minimumIncome, String caseworkerId) {
    return new Cascade(State.INVITED, null, basis, false, false, minimumIncome, caseworkerId, false, null, null, null);
  }

  /** Why this person may never reach a sanction check, as a refusal code, or null when they may. */
  public String sanctionBar() {
    if (basis != LegalBasis.BINDING) return "sanction_barred_voluntary";
    if (employerNoShow) return "sanction_barred_employer_no_show";
    if (outage) return "sanction_barred_outage";
    return null;
  }

  Cascade at(State s, Station st) {
    return new Cascade(s, st, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven, decisionDue,
        imposedAt, jobStart);
  }

  /**
   * The facts read fresh from the database merged in: a no-show or an outage, once recorded, stays; without facts (the
   * person is no jobseeker) the cascade is left as it is.
   */
  Cascade withFacts(CascadeStore.Facts f) {
    return f == null ? this : withEmployerNoShow(employerNoShow || f.employerNoShow()).withOutage(outage || f.outage());
  }

  public Cascade withEmployerNoShow(boolean v) {
    return new Cascade(state, station, basis, v, outage, minimumIncome, caseworkerId, statementGiven, decisionDue,
        imposedAt, jobStart);
  }

  public Cascade withOutage(boolean v) {
    return new Cascade(state, station, basis, employerNoShow, v, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, jobStart);
  }

  public Cascade withBasis(LegalBasis v) {
    return new Cascade(state, station, v, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, jobStart);
  }

  Cascade withStatement(boolean v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, v, decisionDue,
        imposedAt, jobStart);
  }

  Cascade withDecisionDue(Instant v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven, v,
        imposedAt, jobStart);
  }

  Cascade withImposedAt(Instant v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, v, jobStart);
  }

  Cascade withJobStart(Instant v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, v);
  }
}
