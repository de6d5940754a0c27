package at.jobfair.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The jar carries config/application.json, so a node started from any directory has the documented defaults. */
class PackedDefaultsTest {

  @Test
  void theDefaultsPackedIntoTheJarAreTheDocumentedFile() {
    assertEquals(Config.load(Config.DEFAULTS_FILE, Map.of()).asMap(), Config.loadPacked(Map.of()).asMap());
  }

  @Test
  void environmentVariablesOverrideThePackedDefaultsToo() {
    Config c = Config.loadPacked(Map.of("JOBFAIR_HTTP_PORT", "9091", "JOBFAIR_DEMO", "false"));
    assertEquals(9091, c.http().port());
    assertEquals(false, c.demo());
  }
}
