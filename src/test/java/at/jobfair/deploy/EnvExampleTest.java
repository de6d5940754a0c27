package at.jobfair.deploy;

import at.jobfair.config.Config;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/jobfair.env.example is what an operator copies: it must start a node, not stop it with a configuration error. */
class EnvExampleTest {

  @Test
  void theExampleEnvironmentNamesOnlyKnownSettingsWithValidValues() throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("deploy", "jobfair.env.example"))) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int eq = line.indexOf('=');
      assertTrue(eq > 0, "KEY=value: " + line);
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    Config c = Config.load(Config.DEFAULTS_FILE, env);
    assertTrue(c.cluster().enabled());
    assertEquals(false, c.demo());
    assertTrue(c.shutdown().drain().toSeconds() < 40, "below the unit's TimeoutStopSec");
    assertTrue(Files.readString(Path.of("deploy", "jobfair.service")).contains("TimeoutStopSec=40"));
  }
}
