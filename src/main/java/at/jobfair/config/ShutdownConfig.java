package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.time.Duration;

/**
 * The graceful stop ({@code shutdown.*}).
 *
 * @param readyDelay how long the node answers "not ready" while still serving, so the balancer takes it out first
 * @param drain      the whole stop, the ready delay included
 */
public record ShutdownConfig(Duration readyDelay, Duration drain) {

  static ShutdownConfig from(Config c) {
    int drain = c.integer("shutdown.drainSeconds", 1, 3600);
    int readyDelay = c.integer("shutdown.readyDelaySeconds", 0, 300);
    if (readyDelay >= drain) {
      throw new ConfigException("shutdown.readyDelaySeconds", "must be shorter than shutdown.drainSeconds, which it is part of");
    }
    return new ShutdownConfig(Duration.ofSeconds(readyDelay), Duration.ofSeconds(drain));
  }
}
