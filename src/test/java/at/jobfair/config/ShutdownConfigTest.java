package at.jobfair.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShutdownConfigTest {

  @Test
  void theStopWaitsTwoSecondsForTheBalancerWithinTwentyByDefault() {
    Config c = Config.load(Config.DEFAULTS_FILE, Map.of());
    assertEquals(Duration.ofSeconds(2), c.shutdown().readyDelay());
    assertEquals(Duration.ofSeconds(20), c.shutdown().drain());
  }

  @Test
  void aReadyDelayThatIsNotShorterThanTheDrainTimeOrAnyValueOutOfRangeStopsTheStartNamingTheKey() {
    assertEquals("shutdown.readyDelaySeconds", assertThrows(Config.ConfigException.class, () -> Config.load(Config.DEFAULTS_FILE,
        Map.of("JOBFAIR_SHUTDOWN_READY_DELAY_SECONDS", "20", "JOBFAIR_SHUTDOWN_DRAIN_SECONDS", "20"))).key());
    assertEquals("shutdown.readyDelaySeconds", assertThrows(Config.ConfigException.class, () -> Config.load(Config.DEFAULTS_FILE,
        Map.of("JOBFAIR_SHUTDOWN_READY_DELAY_SECONDS", "-1"))).key());
    assertEquals("shutdown.drainSeconds", assertThrows(Config.ConfigException.class, () -> Config.load(Config.DEFAULTS_FILE,
        Map.of("JOBFAIR_SHUTDOWN_DRAIN_SECONDS", "0"))).key());
    var e = assertThrows(Config.ConfigException.class, () -> Config.load(Config.DEFAULTS_FILE,
        Map.of("JOBFAIR_SHUTDOWN_DRAIN_SECONDS", "soon")));
    assertEquals("shutdown.drainSeconds", e.key());
  }
}
