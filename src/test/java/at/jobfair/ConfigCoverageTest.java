package at.jobfair;

import at.jobfair.config.Config;
import at.jobfair.meeting.MeetingConfig;
import at.jobfair.noshow.NoShowConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * config/application.json, the sections that read it and the README's table say the same: every key is read by the
 * one factory of its section, nothing reads a key that is not there, and the README documents exactly these keys.
 */
class ConfigCoverageTest {

  private static final Path SOURCES = Path.of("src", "main", "java");
  /** A raw read by key: {@code c.string("mail.from")}, {@code integer("http.port", 0, 65535)}. */
  private static final Pattern RAW_READ = Pattern.compile("\\b(string|integer|bool)\\(\"([A-Za-z0-9.]+)\"");
  /** A row of the README's configuration table: {@code | `http.port` | `JOBFAIR_HTTP_PORT` |}. */
  private static final Pattern README_ROW = Pattern.compile("(?m)^\\| `([A-Za-z0-9.]+)` \\| `(JOBFAIR_[A-Z0-9_]+)` \\|");

  private static Config defaults() {
    return Config.load(Config.DEFAULTS_FILE, Map.of());
  }

  @Test
  void everyKeyOfTheDefaultsIsReadWhenTheSectionsAreBuilt() {
    Config c = defaults();
    // The sections the features own are built at start (App.start); the others when the configuration is loaded.
    MeetingConfig.from(c);
    NoShowConfig.from(c);
    at.jobfair.waitlist.WaitlistConfig.from(c);
    at.jobfair.chat.ChatConfig.from(c);
    at.jobfair.queue.QueueConfig.from(c);
    at.jobfair.profile.ProfileConfig.from(c);
    assertEquals(Set.of(), c.unread(), "keys in config/application.json that no section reads");
  }

  @Test
  void everyKeyReadByASectionIsInTheDefaultsAndOnlySectionsReadKeys() throws IOException {
    Set<String> known = defaults().asMap().keySet();
    Map<String, Set<String>> readers = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = RAW_READ.matcher(Files.readString(file));
        while (m.find()) readers.computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(file.getFileName().toString());
      }
    }
    Set<String> unknown = new TreeSet<>(readers.keySet());
    unknown.removeAll(known);
    assertEquals(Set.of(), unknown, "keys read in the sources but missing from config/application.json");
    Set<String> unread = new TreeSet<>(known);
    unread.removeAll(readers.keySet());
    assertEquals(Set.of(), unread, "keys of config/application.json no source reads");
    readers.forEach((key, where) -> where.forEach(file -> assertTrue(file.endsWith("Config.java"),
        key + " is read by key in " + file + ": read the typed section (config." + key.split("\\.")[0] + "()) instead")));
  }

  @Test
  void theReadmeTableListsEveryKeyWithItsVariableAndNoOther() throws IOException {
    Set<String> known = new TreeSet<>(defaults().asMap().keySet());
    Map<String, String> documented = new TreeMap<>();
    Matcher m = README_ROW.matcher(Files.readString(Path.of("README.md")));
    while (m.find()) documented.put(m.group(1), m.group(2));
    Set<String> undocumented = new TreeSet<>(known);
    undocumented.removeAll(documented.keySet());
    assertEquals(Set.of(), undocumented, "keys of config/application.json missing from the README's configuration table");
    Set<String> stale = new TreeSet<>(documented.keySet());
    stale.removeAll(known);
    assertEquals(Set.of(), stale, "keys in the README's configuration table that config/application.json does not have");
    documented.forEach((key, env) -> assertEquals(Config.envName(key), env, key));
  }
}
