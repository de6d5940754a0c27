package at.jobfair.observe;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example Prometheus set-up in deploy/: Prometheus's checker accepts it, and the alerts fire when they should. */
class PrometheusDeployFilesTest {

  @Test
  void theScrapeConfigAndItsAlertRulesAreValid() throws Exception {
    String out = promtool(new File("."), "check", "config", "deploy/prometheus.yml");
    assertTrue(out.contains("SUCCESS: 6 rules found"), out);
  }

  @Test
  void theAlertsFireOnALaggingJobAndACutOffNodeAndNotBefore() throws Exception {
    String out = promtool(new File("src/test/resources/prometheus"), "test", "rules", "alerts-test.yml");
    assertTrue(out.contains("SUCCESS"), out);
  }

  private static String promtool(File dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/promtool"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
