package at.jobfair.cascade;

import at.jobfair.refusal.Reason;

import java.time.Instant;
import java.util.Set;

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
 * @param noticed        the vacancies (ids) proposed to this person with a notice of legal consequences whose delivery
 *                       is provable (a placement proposal whose mail was sent, or one handed over at a station): a fact
 * @param noticeDeclined one of the {@code noticed} vacancies was declined in this cascade: only such a decline may lead
 *                       to a sanction check
 */
public record Cascade(State state, Station station, LegalBasis basis, boolean employerNoShow, boolean outage,
                      boolean minimumIncome, String caseworkerId, boolean statementGiven, Instant decisionDue,
                      Instant imposedAt, Instant jobStart, Set<String> noticed, boolean noticeDeclined) {

  public Cascade {
    noticed = noticed == null ? Set.of() : Set.copyOf(noticed);
  }

  public static Cascade invited(LegalBasis basis, boolean minimumIncome, String caseworkerId) {
    return new Cascade(State.INVITED, null, basis, false, false, minimumIncome, caseworkerId, false, null, null, null,
        Set.of(), false);
  }

  /** Why this person may never reach a sanction check, as a refusal code, or null when they may. */
  public Reason sanctionBar() {
    if (basis == LegalBasis.VOLUNTARY) return Reason.SANCTION_BARRED_VOLUNTARY;
    if (basis == LegalBasis.CONTROL) return Reason.SANCTION_BARRED_CONTROL;
    if (employerNoShow) return Reason.SANCTION_BARRED_EMPLOYER_NO_SHOW;
    if (outage) return Reason.SANCTION_BARRED_OUTAGE;
    if (!noticeDeclined) return Reason.SANCTION_BARRED_NO_NOTICE;
    return null;
  }

  Cascade at(State s, Station st) {
    return new Cascade(s, st, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven, decisionDue,
        imposedAt, jobStart, noticed, noticeDeclined);
  }

  /**
   * The facts read fresh from the database merged in: a no-show or an outage, once recorded, stays; without facts (the
   * person is no jobseeker) the cascade is left as it is.
   */
  Cascade withFacts(CascadeStore.Facts f) {
    return f == null ? this : withEmployerNoShow(employerNoShow || f.employerNoShow()).withOutage(outage || f.outage())
        .withNoticed(f.noticed());
  }

  public Cascade withEmployerNoShow(boolean v) {
    return new Cascade(state, station, basis, v, outage, minimumIncome, caseworkerId, statementGiven, decisionDue,
        imposedAt, jobStart, noticed, noticeDeclined);
  }

  public Cascade withOutage(boolean v) {
    return new Cascade(state, station, basis, employerNoShow, v, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, jobStart, noticed, noticeDeclined);
  }

  public Cascade withBasis(LegalBasis v) {
    return new Cascade(state, station, v, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, jobStart, noticed, noticeDeclined);
  }

  Cascade withStatement(boolean v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, v, decisionDue,
        imposedAt, jobStart, noticed, noticeDeclined);
  }

  Cascade withDecisionDue(Instant v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven, v,
        imposedAt, jobStart, noticed, noticeDeclined);
  }

  Cascade withImposedAt(Instant v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, v, jobStart, noticed, noticeDeclined);
  }

  Cascade withJobStart(Instant v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, v, noticed, noticeDeclined);
  }

  public Cascade withNoticed(Set<String> v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, jobStart, v, noticeDeclined);
  }

  public Cascade withNoticeDeclined(boolean v) {
    return new Cascade(state, station, basis, employerNoShow, outage, minimumIncome, caseworkerId, statementGiven,
        decisionDue, imposedAt, jobStart, noticed, v);
  }
}
