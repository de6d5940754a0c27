package at.jobfair.cascade;

import java.time.Instant;

/** Something that happens to a cascade, with its payload; build with the factories. */
public record Event(Type type, String vacancyId, String reasons, Finding finding, Decision decision, Instant jobStart) {

  public enum Type {
    BOOK, CHECK_IN, NO_SHOW, EXCUSE, TAKE,
    COURSE_ACCEPTED, COURSE_DECLINED,
    OFFER_ACCEPTED, OFFER_DECLINED, LOCAL_OFFER_ACCEPTED, LOCAL_OFFER_DECLINED,
    STATEMENT, FINDING, DECIDE,
    JOB_START, WAIVE, REFUSE_WAIVER, CLOSE,
    /**
     * The platform ends a case whose sanction bar (employer no-show, outage) became known only after the person reached
     * the sanction check or the decision: every sanction step is barred, so the case ends without one.
     */
    SANCTION_BARRED;

    /** The station whose staff records this event, or null for events outside the stations. */
    public Station station() {
      return switch (this) {
        case COURSE_ACCEPTED, COURSE_DECLINED -> Station.TRAINING_SCREENING;
        case OFFER_ACCEPTED, OFFER_DECLINED -> Station.OFFER;
        case LOCAL_OFFER_ACCEPTED, LOCAL_OFFER_DECLINED -> Station.LOCAL_OFFER;
        case STATEMENT, FINDING -> Station.SANCTION_CHECK;
        case DECIDE -> Station.DECISION;
        default -> null;
      };
    }

    /** A decision on the person's benefit (the decider's alone): asks the decider to prove again who they are. */
    public boolean decision() {
      return this == DECIDE || this == WAIVE || this == REFUSE_WAIVER;
    }
  }

  public enum Finding { JUSTIFIED, NOT_JUSTIFIED, UNCLEAR }

  public enum Decision { IMPOSE, DO_NOT_IMPOSE, SEND_BACK }

  public static Event of(Type type) {
    return new Event(type, null, null, null, null, null);
  }

  public static Event excuse(String reasons) {
    return new Event(Type.EXCUSE, null, reasons, null, null, null);
  }

  public static Event courseDeclined(String reasons) {
    return new Event(Type.COURSE_DECLINED, null, reasons, null, null, null);
  }

  public static Event offerAccepted(String vacancyId) {
    return new Event(Type.OFFER_ACCEPTED, vacancyId, null, null, null, null);
  }

  public static Event offerDeclined(String vacancyId, String reasons) {
    return new Event(Type.OFFER_DECLINED, vacancyId, reasons, null, null, null);
  }

  public static Event localOfferAccepted(String vacancyId) {
    return new Event(Type.LOCAL_OFFER_ACCEPTED, vacancyId, null, null, null, null);
  }

  public static Event localOfferDeclined(String vacancyId, String reasons) {
    return new Event(Type.LOCAL_OFFER_DECLINED, vacancyId, reasons, null, null, null);
  }

  public static Event statement(String text) {
    return new Event(Type.STATEMENT, null, text, null, null, null);
  }

  public static Event finding(Finding finding, String reasons) {
    return new Event(Type.FINDING, null, reasons, finding, null, null);
  }

  public static Event decide(Decision decision, String reasons) {
    return new Event(Type.DECIDE, null, reasons, null, decision, null);
  }

  public static Event jobStart(Instant start) {
    return new Event(Type.JOB_START, null, null, null, null, start);
  }

  public static Event refuseWaiver(String reasons) {
    return new Event(Type.REFUSE_WAIVER, null, reasons, null, null, null);
  }

  /** A late sanction bar; {@code bar} is the bar's code ({@link Cascade#sanctionBar()}), kept as the step's reason. */
  public static Event sanctionBarred(String bar) {
    return new Event(Type.SANCTION_BARRED, null, bar, null, null, null);
  }

  public static Event waive(String reasons) {
    return new Event(Type.WAIVE, null, reasons, null, null, null);
  }
}
