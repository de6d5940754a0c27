package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.time.Duration;

/**
 * Sessions ({@code session.*}).
 *
 * @param secret  signs session cookies; empty: a key generated once and kept in the database
 * @param timeout idle time before a session ends
 * @param cache   how long a node reuses a session it read
 */
public record SessionConfig(String secret, Duration timeout, Duration cache, boolean secureCookie) {

  static SessionConfig from(Config c) {
    int timeout = c.integer("session.timeoutMinutes", 1, 60 * 24 * 30);
    String secret = c.string("session.secret");
    if (!secret.isEmpty() && secret.length() < 32) {
      throw new ConfigException("session.secret", "must be at least 32 characters (or empty to generate one at start)");
    }
    return new SessionConfig(secret, Duration.ofMinutes(timeout), Duration.ofSeconds(c.integer("session.cacheSeconds")),
        c.bool("session.secureCookie"));
  }
}
