package at.jobfair.config;

import java.time.Duration;

/**
 * People's rights over their data ({@code privacy.*}).
 *
 * @param erasure by when organisers must carry out (or refuse) an erasure request: art. 12 (3) GDPR allows one month,
 *                extended by two at most
 */
public record PrivacyConfig(Duration erasure) {

  static PrivacyConfig from(Config c) {
    return new PrivacyConfig(Duration.ofDays(c.integer("privacy.erasureDays", 1, 90)));
  }
}
