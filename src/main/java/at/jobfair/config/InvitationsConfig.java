package at.jobfair.config;

import java.time.Duration;

/**
 * Invitations ({@code invitations.*}).
 *
 * @param linkValid how long a personal invitation link works after the booking deadline
 */
public record InvitationsConfig(Duration linkValid) {

  static InvitationsConfig from(Config c) {
    return new InvitationsConfig(Duration.ofDays(c.integer("invitations.linkValidDays", 1, 365)));
  }
}
