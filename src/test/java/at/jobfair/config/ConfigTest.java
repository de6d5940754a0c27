package at.jobfair.config;

import at.jobfair.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {

  private static final Path DEFAULTS = Path.of("config", "application.json");

  @Test
  void defaultsAreTheShippedFile() {
    Config c = Config.load(DEFAULTS, Map.of());
    assertEquals(8080, c.http().port());
    assertEquals("", c.db().url());
    assertEquals(Path.of("./data"), c.data().dir());
    assertTrue(c.demo());
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
    assertEquals(9090, c.http().port());
    assertEquals("postgresql://u:p@db:5432/jobs", c.db().url());
    assertEquals(Path.of("/var/lib/jobfair"), c.data().dir());
    assertFalse(c.demo());
    assertEquals(4, c.db().poolSize());
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
    assertFalse(c.demo());
    assertEquals(8443, c.http().port(), "the environment wins over the file");

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
    assertFalse(c.demo());
    assertTrue(c.session().secureCookie());
  }

  @Test
  void eachSectionIsReadAsTypedValues() {
    Config c = Config.load(DEFAULTS, Map.of(
        "JOBFAIR_HTTP_PUBLIC_URL", "https://jobs.example.org",
        "JOBFAIR_HTTP_TRUSTED_PROXIES", "10.0.0.1, ,10.0.0.2",
        "JOBFAIR_CLUSTER_MEMBERS", "a:5701, b:5701",
        "JOBFAIR_JURISDICTION", "DE",
        "JOBFAIR_AUTH_SECOND_FACTOR_ROLES", "SFA, ORGANIZER",
        "JOBFAIR_AUTH_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
        "JOBFAIR_RETENTION_CASE_EVIDENCE_DAYS", "1234"));
    assertEquals(URI.create("https://jobs.example.org"), c.http().publicUrl());
    assertEquals(Set.of("10.0.0.1", "10.0.0.2"), c.http().trustedProxies());
    assertEquals(List.of("a:5701", "b:5701"), c.cluster().members());
    assertEquals(LegalConfig.Jurisdiction.DE, c.legal().jurisdiction());
    assertEquals(Optional.empty(), c.legal().catalogueFile(), "empty: the built-in catalogue");
    assertEquals(Set.of(Role.SFA, Role.ORGANIZER), c.auth().secondFactorRoles());
    assertEquals(32, c.auth().secretKey().length);
    assertEquals(Duration.ofDays(1234), c.retention().caseEvidence());
    assertEquals(Duration.ofMinutes(240), c.session().timeout());
    assertEquals(Duration.ofDays(30), c.privacy().erasure());
    assertEquals(Duration.ofSeconds(20), c.shutdown().drain());
    assertEquals(MailConfig.StartTls.OPTIONAL, c.mail().starttls());
    assertTrue(c.db().embedded());
    assertNull(Config.load(DEFAULTS, Map.of()).auth().secretKey(), "empty: a key kept in the database");
  }

  @Test
  void theOperatorsColoursAreCssHexColoursReadableOnThePageOrTheStartIsRefused() {
    var c = Config.load(DEFAULTS, Map.of("JOBFAIR_OPERATOR_PRIMARY_COLOUR", "#A0F", "JOBFAIR_OPERATOR_PRIMARY_TEXT_COLOUR", "#FFF"));
    assertEquals("#aa00ff", c.operator().primaryColour(), "short hex spelt out, as the stylesheet gets it");
    assertEquals("#ffffff", c.operator().primaryTextColour());
    assertEquals("/static/img/logo.svg", c.operator().logo().url(), "the built-in logo");
    var notAColour = assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_OPERATOR_PRIMARY_COLOUR", "red; } body { display: none")));
    assertEquals("Configuration error in 'operator.primaryColour' (environment variable JOBFAIR_OPERATOR_PRIMARY_COLOUR): "
        + "must be a CSS colour in hex notation such as #0b5cad or #fff, was 'red; } body { display: none'", notAColour.getMessage());
    var tooLight = assertThrows(Config.ConfigException.class,
        () -> Config.load(DEFAULTS, Map.of("JOBFAIR_OPERATOR_PRIMARY_COLOUR", "#7fb2e6")));
    assertTrue(tooLight.getMessage().contains("too light") && tooLight.getMessage().contains("4.5 : 1"), tooLight.getMessage());
  }

  @Test
  void theOperatorsLogoMayBeAFileInTheDataDirectory(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("branding"));
    Files.writeString(dir.resolve("branding/logo.png"), "png");
    var c = Config.load(DEFAULTS, Map.of("JOBFAIR_DATA_DIR", dir.toString(), "JOBFAIR_OPERATOR_LOGO", "branding/logo.png"));
    assertEquals("/branding/logo", c.operator().logo().url());
    assertEquals("image/png", c.operator().logo().contentType());
    assertEquals(dir.resolve("branding/logo.png").toAbsolutePath().normalize(), c.operator().logo().file());
  }

  @Test
  void badValuesOfEverySectionFailWhenTheConfigurationIsLoadedNamingTheKey() {
    for (var bad : List.of(Map.entry("JOBFAIR_PRIVACY_ERASURE_DAYS", "0"), Map.entry("JOBFAIR_PRIVACY_ERASURE_DAYS", "91"),
        Map.entry("JOBFAIR_AUTH_SECOND_FACTOR_ROLES", "SFA,NOBODY"), Map.entry("JOBFAIR_AUTH_SECRET_KEY", "not base64!"),
        Map.entry("JOBFAIR_AUTH_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[16])),
        Map.entry("JOBFAIR_JURISDICTION", "CH"), Map.entry("JOBFAIR_CLUSTER_MEMBERS", "nohostport"),
        Map.entry("JOBFAIR_MAIL_STARTTLS", "sometimes"), Map.entry("JOBFAIR_HTTP_PUBLIC_URL", "ftp://x"),
        Map.entry("JOBFAIR_OPERATOR_PRIMARY_COLOUR", "blue"), Map.entry("JOBFAIR_OPERATOR_PRIMARY_COLOUR", "#12345"),
        Map.entry("JOBFAIR_OPERATOR_PRIMARY_COLOUR", "#ff0"), Map.entry("JOBFAIR_OPERATOR_PRIMARY_TEXT_COLOUR", "#1b1f24"),
        Map.entry("JOBFAIR_OPERATOR_LOGO", "/static/../../etc/x.svg"), Map.entry("JOBFAIR_OPERATOR_LOGO", "/static/img/logo.gif"),
        Map.entry("JOBFAIR_OPERATOR_FAVICON", "not-there.png"), Map.entry("JOBFAIR_OPERATOR_NAME", " "),
        Map.entry("JOBFAIR_OPERATOR_EMAIL", "nobody"), Map.entry("JOBFAIR_OPERATOR_HOTLINE_PHONE", "call us"),
        Map.entry("JOBFAIR_OPERATOR_ACCESSIBILITY_COMPLAINT_URL", "http://x"),
        Map.entry("JOBFAIR_OPERATOR_ACCESSIBILITY_DATE", "7.12.2026"))) {
      var e = assertThrows(Config.ConfigException.class, () -> Config.load(DEFAULTS, Map.ofEntries(bad)), bad.toString());
      assertEquals(bad.getKey(), Config.envName(e.key()), e.getMessage());
    }
  }
}
