package at.jobfair.meeting;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the room of an appointment can be entered: from a configurable time before the slot starts (default ten
 * minutes, so both sides can test camera and microphone) until the slot ends. Pure.
 */
public final class JoinWindow {

  public static final Duration DEFAULT_BEFORE = Duration.ofMinutes(10);

  public enum State { OPEN, TOO_EARLY, CLOSED }

  /** The state now, and when the room opens (also when it is already open, for the page's countdown). */
  public record Result(State state, Instant opensAt, Instant closesAt) {
    public Result {
      Objects.requireNonNull(state);
      Objects.requireNonNull(opensAt);
      Objects.requireNonNull(closesAt);
    }
  }

  public static Result open(Instant slotStart, Instant slotEnd, Duration before, Instant now) {
    Objects.requireNonNull(slotStart, "slotStart");
    Objects.requireNonNull(slotEnd, "slotEnd");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(now, "now");
    if (!slotEnd.isAfter(slotStart)) throw new IllegalArgumentException("a slot ends after it starts");
    if (before.isNegative()) throw new IllegalArgumentException("the window cannot open after the start");
    Instant opensAt = slotStart.minus(before);
    State state = now.isBefore(opensAt) ? State.TOO_EARLY : now.isBefore(slotEnd) ? State.OPEN : State.CLOSED;
    return new Result(state, opensAt, slotEnd);
  }

  private JoinWindow() {
  }
}
