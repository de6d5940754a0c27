package at.jobfair.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {

  private static final Path DEFAULTS = Path.of("config", "application.json");

  @Test
  void defaultsAreTheShippedFile() {
    Config c = Config.load(DEFAULTS, Map.of());
    assertEquals(8080, c.integer("http.port"));
    assertEquals("", c.string("db.url"));
    assertEquals("./data", c.string("data.dir"));
    assertTrue(c.bool("demo"));
    assertEquals("Europe/Vienna", c.zone().getId());
  }

  @Test
  void environmentVariablesOverrideEveryKey() {
    Config c = Config.load(DEFAULTS, Map.of(
        "JOBFAIR_HTTP_PORT", "9090",
        "JOBFAIR_DB_URL", "postgresql://u:p@db:5432/jobs",
        "JOBFAIR_DATA_DIR", "/var/lib/jobfair",
        "JOBFAIR_DEMO", "false",
        "JOBFAIR_DB_POOL_SIZE", "4",
        "PATH", "/usr/bin"));
    assertEquals(9090, c.integer("http.port"));
    assertEquals("postgresql://u:p@db:5432/jobs", c.string("db.url"));
    assertEquals("/var/lib/jobfair", c.string("data.dir"));
    assertFalse(c.bool("demo"));
    assertEquals(4, c.integer("db.poolSize"));
  }

  @Test
  void everyKeyHasAnEnvironmentName() {
    assertEquals("JOBFAIR_HTTP_PORT", Config.envName("http.port"));
    assertEquals("JOBFAIR_DB_POOL_SIZE", Config.envName("db.poolSize"));
    assertEquals("JOBFAIR_AUTH_ARGON2_MEMORY_KI_B", Config.envName("auth.argon2MemoryKiB"));
    assertEquals("JOBFAIR_DEMO", Config.envName("demo"));
  }

  @Test
  void badValuesFailNamingTheKey() {
    var e = assertThrows(Config.ConfigException.class, () -> Config.load(DEFAULTS, Map.of("JOBFAIR_HTTP_PORT", "eighty")));
    assertEquals("http.port", e.key());
    assertTrue(e.getMessage().contains("JOBFAIR_HTTP_PORT"), e.getMessage());
    assertEquals("http.port", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_HTTP_PORT", "70000"))).key());
    assertEquals("demo", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_DEMO", "yes"))).key());
    assertEquals("db.url", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_DB_URL", "mysql://x"))).key());
    assertEquals("timezone", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_TIMEZONE", "Mars/Olympus"))).key());
    assertEquals("session.secret", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_SESSION_SECRET", "short"))).key());
    assertEquals("db.appUser", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_DB_APP_USER", "jobfair_app"))).key(), "only with a database URL");
    assertEquals("cascade.closePollSeconds", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_CASCADE_CLOSE_POLL_SECONDS", "0"))).key());
    assertEquals("cascade.closeGraceDays", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_CASCADE_CLOSE_GRACE_DAYS", "-1"))).key());
  }

  @Test
  void aMistypedVariableIsNotSilentlyIgnored() {
    var e = assertThrows(Config.ConfigException.class, () -> Config.load(DEFAULTS, Map.of("JOBFAIR_HTTP_PROT", "9090")));
    assertEquals("JOBFAIR_HTTP_PROT", e.key());
    assertTrue(e.getMessage().contains("JOBFAIR_HTTP_PORT"), "lists the known names: " + e.getMessage());
  }

  @Test
  void anOverlayFileChangesSomeKeysAndIsChecked(@TempDir Path dir) throws IOException {
    Path overlay = dir.resolve("prod.json");
    Files.writeString(overlay, "{\"demo\": false, \"http\": {\"port\": 80}}");
    Config c = Config.load(DEFAULTS, Map.of("JOBFAIR_CONFIG", overlay.toString(), "JOBFAIR_HTTP_PORT", "8443"));
    assertFalse(c.bool("demo"));
    assertEquals(8443, c.integer("http.port"), "the environment wins over the file");

    Files.writeString(overlay, "{\"http\": {\"prot\": 80}}");
    assertEquals("http.prot", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_CONFIG", overlay.toString()))).key());
    Files.writeString(overlay, "{\"demo\": \"no\"}");
    assertEquals("demo", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_CONFIG", overlay.toString()))).key());
    Files.writeString(overlay, "{ not json");
    assertEquals("file", assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_CONFIG", overlay.toString()))).key());
  }

  @Test
  void theShippedProductionOverlayIsValid() {
    Config c = Config.load(DEFAULTS, Map.of("JOBFAIR_CONFIG", "config/production.json"));
    assertFalse(c.bool("demo"));
    assertTrue(c.bool("session.secureCookie"));
  }
}
