package at.jobfair.invitation;

import at.jobfair.config.Config.ConfigException;
import at.jobfair.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reminder offsets and link validity are checked at start, naming the key. */
class ReminderConfigTest {

  @Test
  void offsetsAreWholeMinutesSeparatedByCommasLargestFirst() {
    assertEquals(List.of(1440, 60), TestApp.config().reminderOffsets());
    assertEquals(List.of(120, 30, 5), TestApp.config().with(Map.of("reminders.offsetsMinutes", " 5, 120 ,30")).reminderOffsets());
    assertEquals(List.of(), TestApp.config().with(Map.of("reminders.offsetsMinutes", "")).reminderOffsets());
    for (String bad : List.of("1440;60", "abc", "0", "60,60", "-5", "50000")) {
      ConfigException e = assertThrows(ConfigException.class, () -> TestApp.config().with(Map.of("reminders.offsetsMinutes", bad)), bad);
      assertTrue(e.getMessage().contains("reminders.offsetsMinutes"), e.getMessage());
    }
    assertThrows(ConfigException.class, () -> TestApp.config().with(Map.of("reminders.pollSeconds", 0)));
    assertThrows(ConfigException.class, () -> TestApp.config().with(Map.of("invitations.linkValidDays", 0)));
    assertEquals(14, TestApp.config().integer("invitations.linkValidDays"));
  }
}
