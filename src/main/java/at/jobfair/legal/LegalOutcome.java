package at.jobfair.legal;

/** What a decision under a basis can lead to; each basis lists the ones its law allows. */
public enum LegalOutcome {
  /** The sanction, reduction or suspension period the basis names is imposed. */
  SANCTION_IMPOSED,
  /** The reasons hold, or the case does not carry: nothing is imposed. */
  SANCTION_NOT_IMPOSED,
  /** An imposed sanction is lifted afterwards (Nachsicht, § 10 (3) AlVG). */
  SANCTION_WAIVED,
  /** Payment stops from the day of the missed appointment until the person reports again (§ 49 AlVG). */
  PAYMENT_SUSPENDED,
  /** The person reported again or the reasons hold: payment resumes. */
  PAYMENT_RESUMED
}
