package at.jobfair.config;

import java.util.Map;

/**
 * Logging ({@code log.*}).
 *
 * @param json   log lines as JSON objects
 * @param access one log line per HTTP request
 */
public record LogConfig(boolean json, boolean access) {

  static LogConfig from(Config c) {
    return new LogConfig(c.bool("log.json"), c.bool("log.access"));
  }

  /**
   * {@code log.json}, read before the configuration is checked (checking it may already make a library log); false
   * when the configuration cannot be read, and {@link Config#load} then says why.
   */
  public static boolean peekJson(Map<String, String> env) {
    return Config.peek(env, "log.json");
  }
}
