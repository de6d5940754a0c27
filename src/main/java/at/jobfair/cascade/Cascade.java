package at.jobfair.cascade;

import at.jobfair.legal.Obligation;
import at.jobfair.refusal.Reason;

import java.time.Instant;
import java.util.Set;

/**
 * One participant's cascade at one fair: where it stands ({@code state}, {@code station}) and the facts its guards
 * need, in three parts: the terms it runs under, what was found on the way, and its dates.
 *
 * @param station the station for WAITING, AT_STATION, SENT_BACK (SANCTION_CHECK), SANCTION_PROPOSED and
 *                DECISION_PENDING (DECISION); null otherwise
 */
public record Cascade(State state, Station station, Terms terms, Findings findings, Dates dates) {

  /**
   * What the cascade runs under and who decides in it.
   *
   * @param minimumIncome a minimum-income recipient: the municipality (KOMMUNE) decides, not the caseworker
   * @param caseworkerId  the user id of the person's own SFA caseworker, the only SFA who may decide
   */
  public record Terms(Obligation basis, boolean minimumIncome, String caseworkerId) {
  }

  /**
   * What was found on the way, as far as a sanction check may follow from it.
   *
   * @param employerNoShow the employer did not appear: never held against the person
   * @param outage         the person's slot lay inside a platform outage window
   * @param statementGiven the person's statement was recorded at the current sanction check
   * @param noticed        the vacancies (ids) proposed to this person with a notice of legal consequences whose delivery
   *                       is provable (a placement proposal whose mail was sent, or one handed over at a station): a fact
   * @param noticeDeclined one of the {@code noticed} vacancies was declined in this cascade: only such a decline may lead
   *                       to a sanction check
   */
  public record Findings(boolean employerNoShow, boolean outage, boolean statementGiven, Set<String> noticed,
                         boolean noticeDeclined) {
    public Findings {
      noticed = noticed == null ? Set.of() : Set.copyOf(noticed);
    }
  }

  /**
   * @param decisionDue when the decision is due (set when the case reaches DECISION)
   * @param imposedAt   when the sanction was imposed
   * @param jobStart    the job start that opened the waiver consideration
   */
  public record Dates(Instant decisionDue, Instant imposedAt, Instant jobStart) {
    static final Dates NONE = new Dates(null, null, null);
  }

  public static Cascade invited(Obligation basis, boolean minimumIncome, String caseworkerId) {
    return new Cascade(State.INVITED, null, new Terms(basis, minimumIncome, caseworkerId),
        new Findings(false, false, false, Set.of(), false), Dates.NONE);
  }

  /** Why this person may never reach a sanction check, as a refusal code, or null when they may. */
  public Reason sanctionBar() {
    if (terms.basis() == Obligation.VOLUNTARY) return Reason.SANCTION_BARRED_VOLUNTARY;
    if (terms.basis() == Obligation.CONTROL) return Reason.SANCTION_BARRED_CONTROL;
    if (findings.employerNoShow()) return Reason.SANCTION_BARRED_EMPLOYER_NO_SHOW;
    if (findings.outage()) return Reason.SANCTION_BARRED_OUTAGE;
    if (!findings.noticeDeclined()) return Reason.SANCTION_BARRED_NO_NOTICE;
    return null;
  }

  Cascade at(State s, Station st) {
    return new Cascade(s, st, terms, findings, dates);
  }

  /**
   * The facts read fresh from the database merged in: a no-show or an outage, once recorded, stays; without facts (the
   * person is no jobseeker) the cascade is left as it is.
   */
  Cascade withFacts(CascadeStore.Facts f) {
    return f == null ? this : withEmployerNoShow(findings.employerNoShow() || f.employerNoShow())
        .withOutage(findings.outage() || f.outage()).withNoticed(f.noticed());
  }

  public Cascade withEmployerNoShow(boolean v) {
    Findings f = findings;
    return with(new Findings(v, f.outage(), f.statementGiven(), f.noticed(), f.noticeDeclined()));
  }

  public Cascade withOutage(boolean v) {
    Findings f = findings;
    return with(new Findings(f.employerNoShow(), v, f.statementGiven(), f.noticed(), f.noticeDeclined()));
  }

  public Cascade withBasis(Obligation v) {
    return new Cascade(state, station, new Terms(v, terms.minimumIncome(), terms.caseworkerId()), findings, dates);
  }

  Cascade withStatement(boolean v) {
    Findings f = findings;
    return with(new Findings(f.employerNoShow(), f.outage(), v, f.noticed(), f.noticeDeclined()));
  }

  Cascade withDecisionDue(Instant v) {
    return with(new Dates(v, dates.imposedAt(), dates.jobStart()));
  }

  Cascade withImposedAt(Instant v) {
    return with(new Dates(dates.decisionDue(), v, dates.jobStart()));
  }

  Cascade withJobStart(Instant v) {
    return with(new Dates(dates.decisionDue(), dates.imposedAt(), v));
  }

  public Cascade withNoticed(Set<String> v) {
    Findings f = findings;
    return with(new Findings(f.employerNoShow(), f.outage(), f.statementGiven(), v, f.noticeDeclined()));
  }

  public Cascade withNoticeDeclined(boolean v) {
    Findings f = findings;
    return with(new Findings(f.employerNoShow(), f.outage(), f.statementGiven(), f.noticed(), v));
  }

  private Cascade with(Findings f) {
    return new Cascade(state, station, terms, f, dates);
  }

  private Cascade with(Dates d) {
    return new Cascade(state, station, terms, findings, d);
  }
}
