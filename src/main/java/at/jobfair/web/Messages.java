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

/** The message bundles: every text a person reads, in German (first) and the other languages of {@link Lang}. */
public final class Messages {

  /**
   * The languages of the user interface. German is the default and the binding language of legal texts; the others
   * are what jobseekers read. {@link #DE_SIMPLE} is German in plain language (Einfache Sprache): its pages are German
   * to a screen reader ({@link #htmlLang()}), its texts shorter and simpler.
   */
  public enum Lang {
    DE("de", "de", "Deutsch"),
    EN("en", "en", "English"),
    TR("tr", "tr", "Türkçe"),
    BS("bs", "bs", "Bosanski / Hrvatski / Srpski"),
    AR("ar", "ar", "العربية"),
    UK("uk", "uk", "Українська"),
    DE_SIMPLE("de-simple", "de", "Einfache Sprache");

    private final String code;
    private final String htmlLang;
    private final String name;

    Lang(String code, String htmlLang, String name) {
      this.code = code;
      this.htmlLang = htmlLang;
      this.name = name;
    }

    /** The code in addresses, cookies and the account ({@code ?lang=de-simple}). */
    public String code() {
      return code;
    }

    /** The value of an HTML {@code lang} attribute: what a screen reader and a hyphenator need. */
    public String htmlLang() {
      return htmlLang;
    }

    /** The language's name in itself, as a language menu lists it. */
    public String nativeName() {
      return name;
    }

    /** Arabic is written from right to left. */
    public boolean rightToLeft() {
      return this == AR;
    }

    /** Dates and numbers as the language writes them; Arabic with the digits of the rest of the page (0–9). */
    public Locale locale() {
      return switch (this) {
        case DE, DE_SIMPLE -> Locale.GERMAN;
        case EN -> Locale.ENGLISH;
        case AR -> Locale.forLanguageTag("ar-u-nu-latn");
        default -> Locale.forLanguageTag(htmlLang);
      };
    }

    /** The language with exactly this code, or null. */
    public static Lang ofCode(String code) {
      for (Lang l : values()) if (l.code.equals(code)) return l;
      return null;
    }

    /**
     * The language a code names: our own codes exactly, then a language tag by its first part ({@code tr-AT} is
     * Turkish; Croatian and Serbian read the shared Bosnian/Croatian/Serbian texts). Null for anything else.
     */
    public static Lang parse(String code) {
      if (code == null) return null;
      String c = code.trim().toLowerCase(Locale.ROOT);
      for (Lang l : values()) if (l.code.equals(c)) return l;
      String primary = c.split("[-_;]", 2)[0];
      return switch (primary) {
        case "de" -> DE;
        case "en" -> EN;
        case "tr" -> TR;
        case "bs", "hr", "sr", "sh", "cnr" -> BS;
        case "ar" -> AR;
        case "uk" -> UK;
        default -> null;
      };
    }

    /** The first language of an Accept-Language header we have, by the browser's order of preference. */
    public static Lang fromAcceptLanguage(String header) {
      if (header == null || header.isBlank()) return null;
      Lang best = null;
      double bestQ = 0;
      for (String part : header.split(",")) {
        String[] tagAndParams = part.trim().split(";");
        double q = 1;
        for (int i = 1; i < tagAndParams.length; i++) {
          String p = tagAndParams[i].trim();
          if (p.startsWith("q=")) {
            try {
              q = Double.parseDouble(p.substring(2));
            } catch (NumberFormatException e) {
              q = 0;
            }
          }
        }
        Lang l = parse(tagAndParams[0]);
        if (l != null && q > bestQ) {
          best = l;
          bestQ = q;
        }
      }
      return best;
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
    if (in == null) return p; // every text then in German; MessagesTest keeps every bundle complete
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
