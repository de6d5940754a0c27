package at.jobfair.meeting;

import at.jobfair.refusal.Reason;

import java.time.Instant;
import java.util.Objects;

/**
 * Who may enter the room of an appointment, in which capacity, and why not. Pure: the service loads the booking and
 * the person's relation to it, asks here, and only then names the room or mints a token.
 *
 * <p>The booth's employer staff run the conversation and are moderators. The booked jobseeker enters as a guest;
 * so does authorised public-employment staff (the jobseeker's caseworker, the fair's organisers), who may sit in but
 * not take over the room. Everybody else learns nothing, not even whether the booking is cancelled or when it starts:
 * the relation is checked first.
 */
public final class MeetingAccess {

  /** In which capacity someone asks to enter. */
  public enum Role { JOBSEEKER, EMPLOYER, STAFF }

  public enum BookingStatus { ACTIVE, CANCELLED }

  public enum Outcome { ENTER_AS_MODERATOR, ENTER_AS_GUEST, REFUSED }

  /**
   * The facts about one person and one booking.
   *
   * @param theBookedJobseeker the person is the jobseeker who holds the booking
   * @param staffsTheBooth     the person is employer staff of the booth the booking is at
   * @param authorisedStaff    the person is public-employment staff entitled to this appointment: the jobseeker's
   *                           caseworker or an organiser of the fair
   */
  public record Facts(Role role, boolean theBookedJobseeker, boolean staffsTheBooth, boolean authorisedStaff,
                      BookingStatus status, JoinWindow.Result window) {
    public Facts {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(window, "window");
    }
  }

  /** The answer: an outcome, and for a refusal its code ({@code error.<code>} in the bundles) and when it opens. */
  public record Decision(Outcome outcome, Reason refusal, Instant opensAt) {
    public boolean entered() {
      return outcome != Outcome.REFUSED;
    }

    public boolean moderator() {
      return outcome == Outcome.ENTER_AS_MODERATOR;
    }

    static Decision enter(Outcome outcome) {
      return new Decision(outcome, null, null);
    }

    static Decision refuse(Reason code, Instant opensAt) {
      return new Decision(Outcome.REFUSED, code, opensAt);
    }
  }

  public static Decision decide(Facts f) {
    Outcome capacity = switch (f.role()) {
      case EMPLOYER -> f.staffsTheBooth() ? Outcome.ENTER_AS_MODERATOR : null;
      case JOBSEEKER -> f.theBookedJobseeker() ? Outcome.ENTER_AS_GUEST : null;
      case STAFF -> f.authorisedStaff() ? Outcome.ENTER_AS_GUEST : null;
    };
    if (capacity == null) return Decision.refuse(Reason.NOT_YOUR_MEETING, null);
    if (f.status() != BookingStatus.ACTIVE) return Decision.refuse(Reason.BOOKING_CANCELLED, null);
    return byWindow(f.window(), capacity);
  }

  /** What the join window decides for someone entitled to enter in this capacity: in while open, else why not. */
  public static Decision byWindow(JoinWindow.Result window, Outcome capacity) {
    return switch (window.state()) {
      case TOO_EARLY -> Decision.refuse(Reason.TOO_EARLY, window.opensAt());
      case CLOSED -> Decision.refuse(Reason.CLOSED, null);
      case OPEN -> Decision.enter(capacity);
    };
  }

  private MeetingAccess() {
  }
}
