package at.jobfair.handoff;

import at.jobfair.refusal.Reason;

import java.time.Instant;

/**
 * Who may pass an appointment to a colleague, or ask a colleague into its call, and to whom. Pure: the service loads
 * the facts (with the booking locked) and asks here before writing.
 *
 * <p>Only the booth's own employer acts (anyone else learns nothing: the booking "does not exist" for them); the
 * colleague is a member of this booth's staff, of the same employer; an appointment that has ended or was cancelled
 * is not handed on; handing it to whoever has it already changes nothing and says so. That the colleague is free at
 * that time is the database's to say (two hand-offs at once), see V39.
 */
public final class HandoffPolicy {

  /**
   * @param actorWorksForBooth the actor is an employer representative of the booth's employer
   * @param colleagueStaffs    the colleague is an active member of this booth's staff, of the same employer
   * @param active             the booking is active
   * @param end                when the appointment ends
   * @param current            who interviews now (null: the booth's team)
   * @param colleague          whom it is to go to
   */
  public record Facts(boolean actorWorksForBooth, boolean colleagueStaffs, boolean active, Instant end, Long current,
                      long colleague) {
  }

  /** Why the appointment cannot be handed to the colleague now, or null when it can. */
  public static Reason handOff(Facts f, Instant now) {
    if (!f.actorWorksForBooth()) return Reason.BOOKING_NOT_FOUND;
    if (!f.colleagueStaffs()) return Reason.HANDOFF_NOT_STAFF;
    if (!f.active()) return Reason.BOOKING_NOT_ACTIVE;
    if (!now.isBefore(f.end())) return Reason.HANDOFF_ENDED;
    if (f.current() != null && f.current() == f.colleague()) return Reason.HANDOFF_SAME;
    return null;
  }

  /**
   * Why the colleague cannot be asked into the call, or null: the same relations as a hand-off (the room's own
   * window is the meeting rules', asked before), and not oneself.
   */
  public static Reason invite(Facts f, long actor) {
    if (!f.actorWorksForBooth()) return Reason.BOOKING_NOT_FOUND;
    if (!f.colleagueStaffs() || f.colleague() == actor) return Reason.HANDOFF_NOT_STAFF;
    if (!f.active()) return Reason.BOOKING_NOT_ACTIVE;
    return null;
  }

  private HandoffPolicy() {
  }
}
