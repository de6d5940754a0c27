package at.jobfair.booth;

import at.jobfair.web.Messages.Lang;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Which version of an employer's text a reader reads, and how the page marks it (pure). A booth's or a vacancy's texts
 * are written in one language, its original ({@code "lang"}), and may be translated into other languages of the
 * interface ({@code "translations"}: language code → texts). A reader reads each text in their own language where the
 * employer gave it, plain German (Einfache Sprache) readers German next, and else the original; nobody is given a third
 * language they did not ask for. Every text whose language is not the page's carries its {@code lang}, and its
 * {@code dir} where its direction differs (WCAG 3.1.2: a screen reader switches its voice, a browser its direction).
 */
public final class Translations {

  private Translations() {
  }

  /** The booth's translatable texts, as the catalogue's JSON names them; the company's description is {@code companyDescription}. */
  public static final List<String> BOOTH_TEXTS = List.of("headline", "description", "companyDescription");

  /** A vacancy's translatable texts. */
  public static final List<String> VACANCY_TEXTS = List.of("title", "description", "pay", "workplace", "region");

  /**
   * How an element holding text in one language is marked on a page in another: {@code lang} (an HTML language tag)
   * when the languages differ to a screen reader, {@code dir} when the direction of writing differs; null when not.
   */
  public record Mark(String lang, String dir) {
    public static final Mark NONE = new Mark(null, null);

    public Map<String, Object> toMap() {
      java.util.HashMap<String, Object> m = new java.util.HashMap<>();
      if (lang != null) m.put("lang", lang);
      if (dir != null) m.put("dir", dir);
      return m;
    }
  }

  /** The mark of a text in language {@code text} on a page in language {@code page}. */
  public static Mark mark(Lang text, Lang page) {
    String lang = text.htmlLang().equals(page.htmlLang()) ? null : text.htmlLang();
    String dir = text.rightToLeft() == page.rightToLeft() ? null : text.rightToLeft() ? "rtl" : "ltr";
    return lang == null && dir == null ? Mark.NONE : new Mark(lang, dir);
  }

  /** The languages whose translation a reader reads, best first (the original comes after all of them). */
  public static List<Lang> preference(Lang reader) {
    return reader == Lang.DE_SIMPLE ? List.of(Lang.DE_SIMPLE, Lang.DE) : List.of(reader);
  }

  /** A text as a reader reads it: the words and the language they are in. */
  public record Shown(String text, Lang lang) {
  }

  /**
   * One text of an item for a reader: the first of their languages ({@link #preference}) in which the item's
   * translations give this text (not blank), else the original. {@code original} is the original's text,
   * {@code originalLang} its language, {@code translations} language code → texts.
   */
  public static Shown choose(String field, String original, Lang originalLang, JsonObject translations, Lang reader) {
    for (Lang l : preference(reader)) {
      if (l == originalLang) break; // the original is in the reader's own language
      JsonObject t = translations == null ? null : translations.getJsonObject(l.code());
      String text = t == null ? null : t.getString(field);
      if (text != null && !text.isBlank()) return new Shown(text, l);
    }
    return new Shown(original, originalLang);
  }

  /**
   * A copy of a booth or vacancy (with {@code lang} and {@code translations}) as a reader on a page in their language
   * reads it: each of {@code fields} in the version they read, and {@code marks}: field → its {@link Mark} as a map
   * (empty when the text is in the page's language), {@code languages}: field → the code of the language it is shown
   * in; without {@code lang} and {@code translations}, which a template
   * would take for the page's language. A text not among the item's own fields (the company's description)
   * is answered through {@code originals}: field → original text; the copy then has it under the same name.
   */
  public static JsonObject localise(JsonObject item, List<String> fields, Map<String, String> originals, Lang page) {
    JsonObject out = item.copy();
    Lang original = originalLanguage(item.getString("lang"));
    JsonObject translations = item.getJsonObject("translations");
    JsonObject marks = new JsonObject();
    JsonObject languages = new JsonObject();
    for (String field : fields) {
      String text = originals.containsKey(field) ? originals.get(field) : item.getString(field);
      Shown shown = choose(field, text, original, translations, page);
      out.put(field, shown.text());
      marks.put(field, new JsonObject(mark(shown.lang(), page).toMap()));
      languages.put(field, shown.lang().code());
    }
    out.put("marks", marks);
    out.put("languages", languages);
    out.remove("translations");
    // A page's texts read the page's language under this name ({{t}} in a template): the item's stays in its marks.
    out.remove("lang");
    return out;
  }

  /**
   * The mark of a text inside an element that holds another text already marked (a region after its workplace, in
   * one line): relative to the language of that text, as it is where the region stands.
   */
  public static Map<String, Object> markWithin(JsonObject localised, String field, String outer) {
    JsonObject languages = localised.getJsonObject("languages");
    return mark(originalLanguage(languages.getString(field)), originalLanguage(languages.getString(outer))).toMap();
  }

  /** The language a stored code names; German for anything else (the column's check allows only ours). */
  public static Lang originalLanguage(String code) {
    Lang l = code == null ? null : Lang.ofCode(code);
    return l == null ? Lang.DE : l;
  }
}
