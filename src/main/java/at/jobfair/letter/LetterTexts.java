package at.jobfair.letter;

import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Messages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The words of a letter, all from the bundles ({@code letter.*}): one section in the person's language (any of
 * {@link Lang}; Arabic right to left) and, when that is not German, the German text after it, which alone is binding
 * and says so; plain German ({@link Lang#DE_SIMPLE}) is followed by the standard German text in the same way. Formal
 * address, the authority, the date in the configured zone, the reference number, the basis, the reasons and, for a
 * decision, who decided and the instruction on rights of appeal. A catalogue text that has no translation into the
 * section's language is quoted in German, marked as such. Pure.
 */
final class LetterTexts {

  /** Who the letter goes to and who decided, as the database knows them. */
  record People(String recipient, Lang lang, String deciderName) {
  }

  private final Messages messages;
  private final ZoneId zone;

  LetterTexts(Messages messages, ZoneId zone) {
    this.messages = messages;
    this.zone = zone;
  }

  /** The languages of a letter: the person's first, German always (the binding text). */
  static List<Lang> languages(Lang personal) {
    return personal == Lang.DE ? List.of(Lang.DE) : List.of(personal, Lang.DE);
  }

  /** The model of {@code /letter/letter.hbs}; {@code authority} names who writes, per language. */
  Map<String, Object> model(LetterRequest r, People p, String reference, Function<Lang, String> authority) {
    List<Lang> langs = languages(p.lang());
    List<Map<String, Object>> sections = new ArrayList<>();
    for (Lang lang : langs) sections.add(section(r, p, reference, lang, langs.size() > 1, authority.apply(lang)));
    Map<String, Object> m = new HashMap<>();
    m.put("lang", p.lang().htmlLang());
    m.put("title", subject(r, p.lang()) + " – " + reference);
    m.put("authority", authority.apply(p.lang()));
    m.put("reference", reference);
    m.put("recipient", xml(p.recipient()));
    m.put("sections", sections);
    return m;
  }

  private Map<String, Object> section(LetterRequest r, People p, String reference, Lang lang, boolean twoLanguages, String authority) {
    Map<String, Object> s = new HashMap<>();
    s.put("lang", lang.htmlLang());
    s.put("dir", lang.rightToLeft() ? "rtl" : "ltr");
    s.put("authority", authority);
    if (twoLanguages) {
      // The translation first, for reading; the German text after it decides.
      s.put("heading", get(lang, switch (lang) {
        case DE -> "letter.germanVersion";
        case DE_SIMPLE -> "letter.plainVersion";
        default -> "letter.translation";
      }));
      s.put("bindingNote", get(lang, lang == Lang.DE_SIMPLE ? "letter.plainBinding" : "letter.binding"));
    }
    Map<String, String> labels = new HashMap<>();
    for (String k : List.of("reference", "date", "occasion", "to", "deadline", "basis", "reasons", "decidedBy", "appeal")) {
      labels.put(k, get(lang, "letter.label." + k));
    }
    s.put("labels", labels);
    s.put("rtl", lang.rightToLeft());
    // reference, date and what the letter concerns, label and value (the template mirrors them right to left)
    List<Map<String, String>> meta = new ArrayList<>();
    meta.add(Map.of("label", labels.get("reference"), "value", reference, "dir", "ltr"));
    meta.add(Map.of("label", labels.get("date"), "value", date(r.at(), lang), "dir", lang.rightToLeft() ? "rtl" : "ltr"));
    Map<String, String> occasion = typed(r.content().occasion());
    if (occasion != null) meta.add(Map.of("label", labels.get("occasion"), "value", occasion.get("text"), "dir", occasion.get("dir")));
    s.put("meta", meta);
    s.put("subject", subject(r, lang));
    s.put("salutation", messages.get(lang, "letter.salutation", xml(p.recipient())));
    List<String> body = new ArrayList<>();
    String key = r.kind().textKey(r.outcome()) + ".body";
    body.add(messages.get(lang, key, date(r.at(), lang)));
    s.put("body", body);
    if (r.content().deadline() != null) s.put("deadline", date(r.content().deadline(), lang));
    LetterBasis basis = r.content().basis();
    if (basis != null) s.put("basis", catalogueText(lang, basis.law(lang), basis.lawIn(lang)));
    if (r.content().reasons() != null && !r.content().reasons().isBlank()) s.put("reasons", typed(r.content().reasons().strip()));
    if (r.kind().decided()) {
      s.put("decidedBy", messages.get(lang, "letter.decidedByLine", xml(p.deciderName()), get(lang, "role." + r.deciderRole())));
      String appeal = basis == null ? null : basis.appeal(lang);
      if (appeal == null) {
        s.put("appeal", catalogueText(lang, get(lang, "letter.appealGeneral"), true));
      } else if (basis.appealIn(lang) || lang == Lang.DE_SIMPLE) {
        String[] parts = heading(appeal);
        // The catalogue's own heading where it has one (Austria's Rechtsmittelbelehrung, Germany's Rechtsbehelfsbelehrung)
        if (parts[0] != null) labels.put("appeal", parts[0]);
        s.put("appeal", catalogueText(lang, parts[1], basis.appealIn(lang)));
      } else {
        // German only: under the section's own heading, the German text as the catalogue has it, its heading included
        s.put("appeal", catalogueText(lang, appeal.strip(), false));
      }
    }
    s.put("closing", get(lang, "letter.closing"));
    s.put("electronic", get(lang, "letter.electronic"));
    return s;
  }

  /**
   * A text of the legal-basis catalogue in a section: {@code text}; where the catalogue has no translation into the
   * section's language, the German text (the template marks it German, left to right) after a note in the section's
   * language that says so ({@code untranslated}). Plain German quotes the standard German text without a note.
   */
  private Map<String, Object> catalogueText(Lang lang, String text, boolean translated) {
    Map<String, Object> t = new HashMap<>();
    t.put("text", text);
    if (!translated && lang != Lang.DE && lang != Lang.DE_SIMPLE) t.put("untranslated", get(lang, "letter.untranslated"));
    return t;
  }

  /**
   * What people typed ({@link #xml}) with the direction its first strong letter gives it, as HTML's {@code dir="auto"}
   * would: German reasons in an Arabic letter stay left to right (their full stop at the end, not the start), an Arabic
   * name or sentence right to left; "ltr" when it has no letter at all.
   */
  static Map<String, String> typed(String text) {
    if (text == null) return null;
    String clean = xml(text);
    return Map.of("text", clean, "dir", firstStrongRightToLeft(clean) ? "rtl" : "ltr");
  }

  static boolean firstStrongRightToLeft(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      byte d = Character.getDirectionality(c);
      if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) return false;
      if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) return true;
      i += Character.charCount(c);
    }
    return false;
  }

  /**
   * What people typed, without the characters XML 1.0 cannot carry (control characters other than tab and line breaks,
   * lone surrogates, U+FFFE/U+FFFF): the template escapes markup, and these would stop the renderer's parser.
   */
  static String xml(String text) {
    if (text == null) return null;
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
      if (ok) sb.appendCodePoint(c);
    });
    return sb.toString();
  }

  /**
   * A catalogue text split into its own heading and the text ("Rechtsbehelfsbelehrung: gegen diesen …" → heading,
   * "Gegen diesen …"); {@code [null, text]} when it starts without one (a short phrase without a full stop, then a colon).
   */
  static String[] heading(String text) {
    String t = text.strip();
    int colon = t.indexOf(':');
    if (colon < 3 || colon > 60 || t.substring(0, colon).contains(".")) return new String[] {null, t};
    String rest = t.substring(colon + 1).strip();
    if (rest.isEmpty()) return new String[] {null, t};
    return new String[] {t.substring(0, colon).strip(), Character.toUpperCase(rest.charAt(0)) + rest.substring(1)};
  }

  /** The subject line of the letter in the language. */
  String subject(LetterRequest r, Lang lang) {
    return get(lang, r.kind().textKey(r.outcome()) + ".subject");
  }

  /** The short email that carries the letter as its attachment. */
  String[] mail(LetterRequest r, People p, String reference, String link, String authority) {
    Lang lang = p.lang();
    String subject = messages.get(lang, "letter.mail.subject", subject(r, lang), reference);
    String text = messages.get(lang, "letter.mail.text", p.recipient(), subject(r, lang), reference, link, authority);
    return new String[] {subject, text};
  }

  String date(Instant t, Lang lang) {
    // English as written in Europe (1 April 2027), not as in the United States
    java.util.Locale locale = lang == Lang.EN ? java.util.Locale.UK : lang.locale();
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone).format(t);
  }

  private String get(Lang lang, String key) {
    return messages.get(lang, key);
  }
}
