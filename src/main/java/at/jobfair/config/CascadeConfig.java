package at.jobfair.config;

import java.time.Duration;

/**
 * The interview cascade ({@code cascade.*}).
 *
 * @param waiver     after an imposed sanction, within which a recorded job start puts "consider waiver" on the case
 * @param closePoll  how often the closing job runs
 * @param closeGrace after a cascade's last step, before the closing job closes an ended case
 */
public record CascadeConfig(Duration waiver, Duration closePoll, Duration closeGrace) {

  static CascadeConfig from(Config c) {
    return new CascadeConfig(Duration.ofDays(c.integer("cascade.waiverDays", 1, 365)),
        Duration.ofSeconds(c.integer("cascade.closePollSeconds", 1, 24 * 3600)),
        Duration.ofDays(c.integer("cascade.closeGraceDays", 0, 365)));
  }
}
