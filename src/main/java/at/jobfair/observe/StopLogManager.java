package at.jobfair.observe;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, except that its own shutdown hook ("Logging-Cleaner") leaves the handlers open: that hook
 * runs at the same time as the node's graceful stop and would close every handler while the stop still logs its
 * phases, so those lines were lost. The console handler writes each line as it comes, so nothing waits to be flushed.
 * Main names this class in {@code java.util.logging.manager} before anything logs.
 */
public final class StopLogManager extends LogManager {

  /** Main sets the property to this name as its first act, without loading any logging class first. */
  public static final String NAME = "at.jobfair.observe.StopLogManager";

  @Override
  public void reset() {
    if ("Logging-Cleaner".equals(Thread.currentThread().getName())) return;
    super.reset();
  }
}
