package at.jobfair.queue;

import at.jobfair.refusal.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The walk-up queue's pure rules, every combination of the facts a join depends on. */
class QueuePolicyTest {

  static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void joiningIsRefusedForTheFirstReasonThatHoldsAndOnlyThen() {
    for (boolean running : new boolean[] {true, false}) {
      for (boolean open : new boolean[] {true, false}) {
        for (boolean booked : new boolean[] {true, false}) {
          for (Integer max : new Integer[] {null, 1, 3}) {
            for (int waiting = 0; waiting <= 4; waiting++) {
              Reason got = QueuePolicy.join(new QueuePolicy.JoinFacts(running, open, waiting, max, booked));
              Reason expected = !running ? Reason.QUEUE_FAIR_NOT_RUNNING : !open ? Reason.QUEUE_CLOSED
                  : booked ? Reason.QUEUE_BOOKED_HERE : max != null && waiting >= max ? Reason.QUEUE_FULL : null;
              assertEquals(expected, got, running + " " + open + " " + booked + " " + max + " " + waiting);
            }
          }
        }
      }
    }
  }

  @Test
  void theLastPlaceIsTheOneBelowTheLimit() {
    assertNull(QueuePolicy.join(new QueuePolicy.JoinFacts(true, true, 4, 5, false)));
    assertEquals(Reason.QUEUE_FULL, QueuePolicy.join(new QueuePolicy.JoinFacts(true, true, 5, 5, false)));
  }

  @Test
  void openingNeedsARunningFairPausingNeverAndNextARunningFair() {
    assertNull(QueuePolicy.open(true, true));
    assertEquals(Reason.QUEUE_FAIR_NOT_RUNNING, QueuePolicy.open(false, true));
    assertNull(QueuePolicy.open(false, false));
    assertNull(QueuePolicy.open(true, false));
    assertNull(QueuePolicy.next(true));
    assertEquals(Reason.QUEUE_FAIR_NOT_RUNNING, QueuePolicy.next(false));
  }

  @Test
  void aFairRunsFromItsStartUntilJustBeforeItsEnd() {
    Instant end = T.plus(Duration.ofHours(6));
    assertEquals(false, QueuePolicy.running(T, end, T.minusNanos(1)));
    assertEquals(true, QueuePolicy.running(T, end, T));
    assertEquals(true, QueuePolicy.running(T, end, end.minusNanos(1)));
    assertEquals(false, QueuePolicy.running(T, end, end));
  }

  @Test
  void theLimitIsTheBoothsOwnElseTheConfiguredOneAndZeroMeansNone() {
    assertEquals(7, QueuePolicy.maxLength(7, 50));
    assertEquals(50, QueuePolicy.maxLength(null, 50));
    assertNull(QueuePolicy.maxLength(null, 0));
    assertEquals(3, QueuePolicy.maxLength(3, 0));
  }

  @Test
  void thePositionIsTheIndexAmongTheWaitingTicketsInOrder() {
    List<Integer> tickets = List.of(3, 7, 8, 12);
    assertEquals(1, QueuePolicy.position(tickets, 3));
    assertEquals(3, QueuePolicy.position(tickets, 8));
    assertEquals(4, QueuePolicy.position(tickets, 12));
    assertEquals(0, QueuePolicy.position(tickets, 5), "a ticket that no longer waits");
    assertEquals(0, QueuePolicy.position(List.of(), 1));
  }

  @Test
  void thePaceIsAMovingAverageOfTheIntervalsBetweenCallsAndABreakDoesNotCount() {
    assertNull(QueuePolicy.pace(null, null, T), "the first call: nothing to measure");
    assertEquals(120, QueuePolicy.pace(null, T.minusSeconds(120), T), "the second call: its interval");
    assertEquals((int) Math.round(100 * 0.7 + 200 * 0.3), QueuePolicy.pace(100, T.minusSeconds(200), T));
    assertEquals(100, QueuePolicy.pace(100, T.minus(Duration.ofHours(2)), T), "a break is not the pace");
    assertEquals(100, QueuePolicy.pace(100, T.plusSeconds(5), T), "a clock running backwards changes nothing");
    assertEquals(1, QueuePolicy.pace(null, T, T), "two calls in the same second: at least one second");
    assertEquals(100, QueuePolicy.pace(100, null, T));
  }

  @Test
  void theEstimateIsOneIntervalPerPersonUpToAndIncludingThemWithTheDefaultUntilThePaceIsKnown() {
    Duration def = Duration.ofMinutes(8);
    assertEquals(Duration.ofMinutes(24), QueuePolicy.estimate(3, null, def));
    assertEquals(Duration.ofSeconds(3 * 90), QueuePolicy.estimate(3, 90, def));
    assertEquals(Duration.ZERO, QueuePolicy.estimate(0, 90, def));
    assertEquals(1, QueuePolicy.minutes(Duration.ofSeconds(10)), "at least a minute");
    assertEquals(5, QueuePolicy.minutes(Duration.ofSeconds(270)), "rounded up");
    assertEquals(1, QueuePolicy.minutes(Duration.ZERO));
  }
}
