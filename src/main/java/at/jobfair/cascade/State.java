package at.jobfair.cascade;

/**
 * Where a cascade stands. WAITING and AT_STATION carry a {@link Station} in {@link Cascade#station()}; so do
 * SENT_BACK (waiting again at SANCTION_CHECK), SANCTION_PROPOSED and DECISION_PENDING (at DECISION). All others have
 * no station.
 */
public enum State {
  INVITED, BOOKED, NO_SHOW, EXCUSED,
  /** In the queue of a station, not yet taken by its staff. Check-in and every decline lead here at once. */
  WAITING,
  /** Taken by the staff of a station, who records the outcome. */
  AT_STATION,
  ENDED_COURSE_ACCEPTED, ENDED_JOB_ACCEPTED,
  /** Every offer declined, but no sanction check: voluntary participation, employer no-show, outage, or no station. */
  ENDED_NO_SANCTION_CHECK,
  /** The sanction check found the refusal justified. */
  NO_SANCTION,
  /** The sanction check found it not justified and proposes a sanction; the decider decides. */
  SANCTION_PROPOSED,
  /** The sanction check could not judge (UNCLEAR); the decider clarifies and decides, without a proposal. */
  DECISION_PENDING,
  /** The decider sent the case back to the sanction check; waits there like WAITING(SANCTION_CHECK). */
  SENT_BACK,
  IMPOSED, NOT_IMPOSED,
  /** A job started within the waiver deadline; the decider waives or refuses. */
  WAIVER_CONSIDERATION, WAIVED,
  /** Nothing happens after this. */
  CLOSED
}
