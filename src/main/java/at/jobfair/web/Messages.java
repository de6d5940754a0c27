package at.jobfair.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The message bundles: every text a person reads, in German (first) and English. */
public final class Messages {

  /** The languages of the user interface. German is the default. */
  public enum Lang {
    DE, EN;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
      return this == DE ? Locale.GERMAN : Locale.ENGLISH;
    }

    public static Lang parse(String code) {
      if (code == null) return null;
      String c = code.trim().toLowerCase(Locale.ROOT);
      if (c.startsWith("de")) return DE;
      if (c.startsWith("en")) return EN;
      return null;
    }
  }

  private final Map<Lang, Properties> bundles = new EnumMap<>(Lang.class);

  public Messages() {
    for (Lang lang : Lang.values()) bundles.put(lang, load("/i18n/messages_" + lang.code() + ".properties"));
  }

  /** The text for a key; a missing key shows itself rather than failing, and a test keeps the bundles complete. */
  public String get(Lang lang, String key, Object... args) {
    String pattern = bundles.get(lang).getProperty(key);
    if (pattern == null) pattern = bundles.get(Lang.DE).getProperty(key, key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, lang.locale()).format(args);
  }

  public boolean has(Lang lang, String key) {
    return bundles.get(lang).containsKey(key);
  }

  public Properties bundle(Lang lang) {
    return bundles.get(lang);
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    var in = Messages.class.getResourceAsStream(resource);
    if (in == null) throw new IllegalStateException("missing message bundle " + resource);
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
