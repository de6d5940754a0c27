package at.jobfair.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something the app does in the background (a recorded event, a written row). */
public final class Await {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private Await() {
  }

  /** Polls the condition every 50 ms; fails the test when it does not hold within ten seconds. */
  public static void waitFor(BooleanSupplier condition) {
    long until = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) throw new AssertionError("condition not reached");
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
    }
  }
}
