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
  void everyLanguageHasEveryKeyAndNoOther() {
    Set<String> german = new TreeSet<>(messages.bundle(Lang.DE).stringPropertyNames());
    for (Lang lang : Lang.values()) {
      Set<String> missing = new TreeSet<>(german);
      missing.removeAll(messages.bundle(lang).stringPropertyNames());
      Set<String> extra = new TreeSet<>(messages.bundle(lang).stringPropertyNames());
      extra.removeAll(german);
      assertTrue(missing.isEmpty() && extra.isEmpty(), lang + " misses " + missing + " and has extra " + extra);
    }
  }

  /** A translation keeps the numbers and names a text is filled with, and each text still parses as a MessageFormat. */
  @Test
  void everyTranslationKeepsItsPlaceholdersAndParses() {
    Pattern arg = Pattern.compile("\\{(\\d+)");
    Set<String> wrong = new TreeSet<>();
    for (Lang lang : Lang.values()) {
      for (String key : messages.bundle(Lang.DE).stringPropertyNames()) {
        String de = messages.bundle(Lang.DE).getProperty(key);
        String text = messages.bundle(lang).getProperty(key);
        if (text == null) continue;
        Set<String> want = new TreeSet<>();
        Set<String> have = new TreeSet<>();
        for (Matcher m = arg.matcher(de); m.find(); ) want.add(m.group(1));
        for (Matcher m = arg.matcher(text); m.find(); ) have.add(m.group(1));
        if (!want.equals(have)) wrong.add(lang + " " + key + ": " + have + " instead of " + want);
        if (!want.isEmpty()) {
          try {
            new java.text.MessageFormat(text, lang.locale());
          } catch (IllegalArgumentException e) {
            wrong.add(lang + " " + key + " does not parse: " + e.getMessage());
          }
        }
        if (!text.isBlank() && text.strip().isEmpty()) wrong.add(lang + " " + key + " is empty");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
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
  void everyRefusalHasATextInEveryLanguage() {
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
