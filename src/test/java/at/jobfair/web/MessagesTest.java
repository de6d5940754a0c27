package at.jobfair.web;

import at.jobfair.refusal.Reason;
import at.jobfair.web.Messages.Lang;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every text a person reads exists in German and in English. */
class MessagesTest {

  private final Messages messages = new Messages();

  @Test
  void bothBundlesHaveTheSameKeys() {
    assertEquals(new TreeSet<>(messages.bundle(Lang.DE).stringPropertyNames()),
        new TreeSet<>(messages.bundle(Lang.EN).stringPropertyNames()));
  }

  @Test
  void everyKeyATemplateUsesExists() throws IOException {
    Set<String> missing = new TreeSet<>();
    Pattern t = Pattern.compile("\\{\\{t \"([^\"]+)\"");
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".hbs")).toList()) {
        Matcher m = t.matcher(Files.readString(f));
        while (m.find()) if (!messages.has(Lang.DE, m.group(1))) missing.add(f.getFileName() + ": " + m.group(1));
      }
    }
    assertTrue(missing.isEmpty(), missing.toString());
  }

  @Test
  void everyRefusalHasATextInBothLanguages() {
    Set<String> missing = new TreeSet<>();
    for (Reason r : Reason.values()) {
      for (Lang lang : Lang.values()) if (!messages.has(lang, "error." + r.code())) missing.add(lang + " error." + r.code());
    }
    assertTrue(missing.isEmpty(), missing.toString());
  }

  @Test
  void everyErrorTextBelongsToARefusal() {
    // The error page's own words, and the two answers given before a request is parsed (InvalidRequests).
    Set<String> notRefusals = Set.of("title", "home", "request_line_too_long", "headers_too_large");
    Set<String> orphans = new TreeSet<>();
    for (String key : messages.bundle(Lang.DE).stringPropertyNames()) {
      if (!key.startsWith("error.")) continue;
      String code = key.substring("error.".length());
      if (notRefusals.contains(code)) continue;
      try {
        Reason.valueOf(code.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        orphans.add(key);
      }
    }
    assertTrue(orphans.isEmpty(), "texts no refusal answers with: " + orphans);
  }

  @Test
  void everyCsvProblemTheImportRaisesHasAMessage() throws IOException {
    Set<String> missing = new TreeSet<>();
    Pattern csv = Pattern.compile("new (?:JobseekerCsv\\.)?Problem\\([^,]+, \"([a-z_]+)\"");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
        Matcher m = csv.matcher(Files.readString(f));
        while (m.find()) if (!messages.has(Lang.DE, "csv." + m.group(1))) missing.add("csv." + m.group(1));
      }
    }
    assertTrue(missing.isEmpty(), missing.toString());
  }

  @Test
  void numbersAndTextsAreFilledIn() {
    assertEquals("Zeile 1234: Für a@b.at gibt es schon ein Konto.", messages.get(Lang.DE, "csv.csv_email_exists", 1234, "a@b.at"));
    assertEquals("Line 7: There is already an account for a@b.at.", messages.get(Lang.EN, "csv.csv_email_exists", 7, "a@b.at"));
  }
}
