package at.jobfair.profile;

import at.jobfair.config.Config;

/**
 * The settings of the profile ({@code profile.*}), checked once at start: anything wrong names its key.
 *
 * @param cvMaxBytes how large a CV may be (the upload routes get a body limit of their own just above it)
 */
public record ProfileConfig(int cvMaxBytes) {

  public static ProfileConfig from(Config c) {
    return new ProfileConfig(c.integer("profile.cvMaxBytes", 16 * 1024, 50 * 1024 * 1024));
  }
}
