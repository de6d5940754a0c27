package at.jobfair.config;

/** What one address may hold or try on a node ({@code limits.*}). */
public record LimitsConfig(int websocketsPerAddress, int signInsPerMinute) {

  static LimitsConfig from(Config c) {
    return new LimitsConfig(c.integer("limits.websocketsPerAddress"), c.integer("limits.signInsPerMinute"));
  }
}
