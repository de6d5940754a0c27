package at.jobfair.attendance;

import at.jobfair.config.Config;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attendance settings: shipped defaults, checked ranges, and every key documented in the README. */
class AttendanceConfigTest {

  private static final Path DEFAULTS = Path.of("config", "application.json");

  @Test
  void defaults() {
    Config c = Config.load(DEFAULTS, Map.of());
    assertEquals(Duration.ofMinutes(15), c.attendance().grace());
    assertEquals(Duration.ofSeconds(30), c.attendance().poll());
    assertEquals(2, c.attendance().sickNoteFlagAfter());
    assertEquals(Duration.ofMinutes(5), Config.load(DEFAULTS, Map.of("JOBFAIR_ATTENDANCE_GRACE_MINUTES", "5")).attendance().grace());
  }

  @Test
  void wrongValuesStopTheStartNamingTheKey() {
    for (var bad : java.util.List.of(Map.entry("JOBFAIR_ATTENDANCE_GRACE_MINUTES", "-1"), Map.entry("JOBFAIR_ATTENDANCE_GRACE_MINUTES", "1441"),
        Map.entry("JOBFAIR_ATTENDANCE_POLL_SECONDS", "0"), Map.entry("JOBFAIR_ATTENDANCE_SICK_NOTE_FLAG_AFTER", "0"),
        Map.entry("JOBFAIR_ATTENDANCE_POLL_SECONDS", "soon"))) {
      var e = assertThrows(Config.ConfigException.class, () -> Config.load(DEFAULTS, Map.of(bad.getKey(), bad.getValue())), bad.toString());
      assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
    }
  }

  @Test
  void theReadmeDocumentsEveryAttendanceKey() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (String key : new String[] {"attendance.graceMinutes", "attendance.pollSeconds", "attendance.sickNoteFlagAfter"}) {
      assertTrue(readme.contains("| `" + key + "` | `" + Config.envName(key) + "` |"), key);
    }
  }
}
