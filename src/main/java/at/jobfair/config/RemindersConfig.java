package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Reminder emails ({@code reminders.*}).
 *
 * @param offsets how long before an appointment a reminder goes out, largest first; empty: no reminders
 * @param poll    how often due reminders are looked for
 */
public record RemindersConfig(List<Duration> offsets, Duration poll) {

  static RemindersConfig from(Config c) {
    int poll = c.integer("reminders.pollSeconds", 1, 3600);
    return new RemindersConfig(offsets(c.string("reminders.offsetsMinutes")), Duration.ofSeconds(poll));
  }

  /** Minutes separated by commas: "1440,60". */
  private static List<Duration> offsets(String text) {
    String raw = text.strip();
    TreeSet<Integer> out = new TreeSet<>(Comparator.reverseOrder());
    if (raw.isEmpty()) return List.of();
    for (String part : raw.split(",")) {
      int v;
      try {
        v = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        throw new ConfigException("reminders.offsetsMinutes", "must be whole minutes separated by commas, such as 1440,60; was '" + raw + "'");
      }
      if (v < 1 || v > 43_200) throw new ConfigException("reminders.offsetsMinutes", "each offset must be between 1 and 43200 minutes, was " + v);
      if (!out.add(v)) throw new ConfigException("reminders.offsetsMinutes", "names " + v + " twice");
    }
    return out.stream().map(Duration::ofMinutes).toList();
  }
}
