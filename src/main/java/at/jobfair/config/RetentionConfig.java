package at.jobfair.config;

import java.time.Duration;

/**
 * How long evidence about people is kept ({@code retention.*}).
 *
 * @param sickNote     a sick note's text where the appointment had an obligation
 * @param voluntary    a sick note's text for a voluntary appointment
 * @param caseEvidence the person's words in a closed case's hearing record and reasons
 * @param poll         how often the retention job runs
 */
public record RetentionConfig(Duration sickNote, Duration voluntary, Duration caseEvidence, Duration poll) {

  static RetentionConfig from(Config c) {
    return new RetentionConfig(Duration.ofDays(c.integer("retention.sickNoteDays", 1, 3650)),
        Duration.ofDays(c.integer("retention.voluntaryDays", 1, 3650)),
        Duration.ofDays(c.integer("retention.caseEvidenceDays", 1, 3650)),
        Duration.ofSeconds(c.integer("retention.pollSeconds", 60, 24 * 3600)));
  }
}
