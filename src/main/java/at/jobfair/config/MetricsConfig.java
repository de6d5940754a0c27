package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.time.Duration;

/**
 * Prometheus metrics ({@code metrics.*}).
 *
 * @param token when set, {@code /metrics} asks for it as a bearer token
 * @param poll  how often the figures read from the database are refreshed
 */
public record MetricsConfig(boolean enabled, String token, Duration poll) {

  static MetricsConfig from(Config c) {
    int poll = c.integer("metrics.pollSeconds", 1, 3600);
    String token = c.string("metrics.token");
    if (!token.matches("[\\x21-\\x7e]*")) {
      throw new ConfigException("metrics.token", "must be printable ASCII without spaces (it travels in an Authorization header)");
    }
    return new MetricsConfig(c.bool("metrics.enabled"), token, Duration.ofSeconds(poll));
  }
}
