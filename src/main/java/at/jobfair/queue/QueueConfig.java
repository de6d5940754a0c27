package at.jobfair.queue;

import at.jobfair.config.Config;
import at.jobfair.config.Config.ConfigException;

import java.time.Duration;

/**
 * The walk-up queue's settings ({@code queue.*}), checked once at start: anything wrong names its key.
 *
 * @param absentAfter      a waiting person whose page has not said "still here" for this long, or a called person who
 *                         has not entered the room within it, is passed over
 * @param meeting          the length of the walk-up appointment "next" makes
 * @param defaultPerPerson the estimated wait per person ahead until the booth's own pace is known
 * @param maxLength        the longest a queue may grow when its booth set no length of its own; 0 = no limit
 * @param sweep            how often a node passes over the absent and the unanswered
 * @param retentionDays    after how many days a finished place (left, called, passed over) is removed by the retention
 *                         job ({@link QueueRetention})
 */
public record QueueConfig(Duration absentAfter, Duration meeting, Duration defaultPerPerson, int maxLength, Duration sweep,
                          int retentionDays) {

  public static QueueConfig from(Config c) {
    int absent = range("queue.absentAfterSeconds", c.integer("queue.absentAfterSeconds"), 15, 3600);
    int minutes = range("queue.meetingMinutes", c.integer("queue.meetingMinutes"), 5, 120);
    int per = range("queue.defaultMinutesPerPerson", c.integer("queue.defaultMinutesPerPerson"), 1, 120);
    int max = range("queue.maxLength", c.integer("queue.maxLength"), 0, 1000);
    int sweep = range("queue.sweepSeconds", c.integer("queue.sweepSeconds"), 1, 60);
    int retention = range("queue.retentionDays", c.integer("queue.retentionDays"), 1, 3650);
    return new QueueConfig(Duration.ofSeconds(absent), Duration.ofMinutes(minutes), Duration.ofMinutes(per), max, Duration.ofSeconds(sweep),
        retention);
  }

  private static int range(String key, int v, int min, int max) {
    if (v < min || v > max) throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + v);
    return v;
  }
}
