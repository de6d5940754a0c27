package at.jobfair.invitation;

import at.jobfair.config.Config.ConfigException;
import at.jobfair.support.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reminder offsets and link validity are checked at start, naming the key. */
class ReminderConfigTest {

  @Test
  void offsetsAreWholeMinutesSeparatedByCommasLargestFirst() {
    assertEquals(minutes(1440, 60), TestApp.config().reminders().offsets());
    assertEquals(minutes(120, 30, 5), TestApp.config().with(Map.of("reminders.offsetsMinutes", " 5, 120 ,30")).reminders().offsets());
    assertEquals(List.of(), TestApp.config().with(Map.of("reminders.offsetsMinutes", "")).reminders().offsets());
    for (String bad : List.of("1440;60", "abc", "0", "60,60", "-5", "50000")) {
      ConfigException e = assertThrows(ConfigException.class, () -> TestApp.config().with(Map.of("reminders.offsetsMinutes", bad)), bad);
      assertTrue(e.getMessage().contains("reminders.offsetsMinutes"), e.getMessage());
    }
    assertThrows(ConfigException.class, () -> TestApp.config().with(Map.of("reminders.pollSeconds", 0)));
    assertThrows(ConfigException.class, () -> TestApp.config().with(Map.of("invitations.linkValidDays", 0)));
    assertEquals(Duration.ofDays(14), TestApp.config().invitations().linkValid());
  }

  private static List<Duration> minutes(int... offsets) {
    return java.util.Arrays.stream(offsets).mapToObj(Duration::ofMinutes).toList();
  }
}
