package at.jobfair.letter;

import at.jobfair.legal.Catalogue;
import at.jobfair.legal.CatalogueFile;
import com.ibm.icu.text.ArabicShaping;
import io.vertx.core.json.JsonObject;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Messages;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Letters rendered and read back with PDFBox: the words in each of the seven languages (Arabic right to left, its letters
 * joined), the binding German text, PDF/A with every font embedded.
 */
class LetterPdfTest {

  private static final Messages MESSAGES = new Messages();
  private static final LetterTexts TEXTS = new LetterTexts(MESSAGES, ZoneId.of("Europe/Vienna"));
  private static final Catalogue AT_BASES = CatalogueFile.builtIn("AT");
  private static final Function<Lang, String> FROM = lang -> lang == Lang.DE ? "Arbeitsmarktservice Testhausen" : "Public Employment Service Testhausen";
  private static final LetterPdf PDF = new LetterPdf();
  // 23:30 UTC on 31 March is 1 April in Vienna (summer time): the date is the configured zone's.
  private static final Instant AT = Instant.parse("2027-03-31T22:30:00Z");

  @Test
  void whatStaffTypedRendersWhateverItHoldsMarkupAndCharactersXmlCannotCarryIncluded() throws IOException {
    String reasons = "Grund\u0007 <script>x</script> ]]> &amp; \uFFFE\uD800 Ende – 😀";
    byte[] pdf = PDF.render(TEXTS.model(decision(LetterOutcome.IMPOSED, reasons), new LetterTexts.People("Zoë <O'Brien>", Lang.DE, "A & B"),
        "JB-2027-000019", FROM));
    String text = text(pdf);
    assertTrue(text.contains("Grund <script>x</script> ]]> &amp; Ende"), text);
    assertTrue(text.contains("Sehr geehrte:r Zoë <O'Brien>,") && text.contains("A & B, Service für Arbeitssuchende"), text);
    assertEveryFontEmbedded(pdf, "a glyph DejaVu lacks (an emoji)");
  }

  @Test
  void aGermanOperatorsLetterQuotesTheSgbAndComesFromTheJobcentre() throws IOException {
    Catalogue de = CatalogueFile.builtIn("DE");
    LetterBasis sgb2 = LetterBasis.of(de.resolve("PLACEMENT_PROPOSAL", "CITIZENS_BENEFIT", AT).orElseThrow());
    assertEquals("DE_SGB2_31", sgb2.code());
    LetterRequest r = new LetterRequest(LetterKind.DECISION, LetterOutcome.IMPOSED, LetterRequest.Case.cascade(7, 42, 99L),
        new LetterRequest.Content(sgb2, "Jobmesse Köln", "Ohne wichtigen Grund.", null), new LetterRequest.Actor(5L, "SFA"), AT);
    byte[] pdf = PDF.render(TEXTS.model(r, new LetterTexts.People("Kim Schmidt", Lang.EN, "Jana Wolf"), "JB-2027-000020",
        lang -> de.authority(lang.code())));
    String text = text(pdf);
    assertTrue(text.contains("Jobcentre / Federal Employment Agency") && text.contains("Jobcenter / Agentur für Arbeit"), text);
    assertTrue(text.contains(sgb2.law(Lang.DE)) && text.contains(sgb2.law(Lang.EN)), text);
    assertTrue(text.contains("Rechtsbehelfsbelehrung " + LetterTexts.heading(sgb2.appeal(Lang.DE))[1].replaceAll("\\s+", " ")), text);
    assertFalse(text.contains("Rechtsmittelbelehrung"), "Germany's heading, not Austria's: " + text);
    assertFalse(text.contains("AlVG"), text);
  }

  @Test
  void theCataloguesOwnHeadingHeadsTheInstructionOnceAndATextWithoutOneKeepsTheLetters() {
    assertArrayEquals(new String[] {"Rechtsbehelfsbelehrung", "Gegen diesen Bescheid …"},
        LetterTexts.heading("Rechtsbehelfsbelehrung: gegen diesen Bescheid …"));
    assertArrayEquals(new String[] {"Instruction on rights of appeal", "You may appeal."},
        LetterTexts.heading("Instruction on rights of appeal: you may appeal."));
    assertArrayEquals(new String[] {null, "Gegen diesen Bescheid kann bis 1.3. um 12:00 Beschwerde erhoben werden."},
        LetterTexts.heading("Gegen diesen Bescheid kann bis 1.3. um 12:00 Beschwerde erhoben werden."));
  }

  static LetterRequest decision(LetterOutcome outcome, String reasons) {
    return new LetterRequest(LetterKind.DECISION, outcome, LetterRequest.Case.cascade(7, 42, 99L),
        new LetterRequest.Content(basis("AT_ALVG_10"), "e-Jobmeeting Gastronomie", reasons, null), new LetterRequest.Actor(5L, "SFA"), AT);
  }

  static LetterBasis basis(String code) {
    return LetterBasis.of(AT_BASES.find(code, 1).orElseThrow());
  }

  /** Every font any page uses is embedded, and it is the bundled DejaVu Sans. */
  static void assertEveryFontEmbedded(byte[] pdf, String what) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      int fonts = 0;
      for (PDPage page : doc.getPages()) {
        PDResources res = page.getResources();
        for (COSName name : res.getFontNames()) {
          PDFont font = res.getFont(name);
          assertTrue(font.isEmbedded(), what + ": " + font.getName() + " is not embedded");
          assertTrue(font.getName().contains("DejaVuSans"), what + ": " + font.getName());
          fonts++;
        }
      }
      assertTrue(fonts > 0, what);
    }
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void aGermanDecisionLetterSaysWhatWasDecidedByWhomOnWhichBasisAndHowToAppeal() throws IOException {
    byte[] pdf = PDF.render(TEXTS.model(decision(LetterOutcome.IMPOSED, "Zumutbare Stelle ohne Grund abgelehnt; Äußerung <b>geprüft</b> & gewürdigt."),
        new LetterTexts.People("Anna Gruber", Lang.DE, "Sabine Fuchs"), "JB-2027-000017", FROM));
    String text = text(pdf);
    assertTrue(text.contains("Arbeitsmarktservice Testhausen"), text);
    assertFalse(text.contains("Public Employment Service"), text);
    assertTrue(text.contains("Sehr geehrte:r Anna Gruber,"), text);
    assertFalse(text.contains("Hallo"), text);
    assertTrue(text.contains("JB-2027-000017"), text);
    assertTrue(text.contains("1. April 2027"), "the date in Vienna: " + text);
    assertTrue(text.contains("Bescheid: Sanktion verhängt"), text);
    assertTrue(text.contains("§ 10 Arbeitslosenversicherungsgesetz (AlVG)"), "the catalogue's law: " + text);
    assertTrue(text.contains("Zumutbare Stelle ohne Grund abgelehnt; Äußerung <b>geprüft</b> & gewürdigt."), "the reasons as typed, escaped: " + text);
    assertTrue(text.contains("Sabine Fuchs, Service für Arbeitssuchende"), text);
    assertTrue(text.contains("Rechtsmittelbelehrung Gegen diesen Bescheid können Sie innerhalb von drei Wochen") && text.contains("Bundesverwaltungsgericht"),
        "the catalogue's instruction under the letter's heading, once: " + text);
    assertFalse(text.contains("rechtsverbindlich"), "a German letter needs no note on which text binds: " + text);
  }

  @Test
  void anEnglishLetterComesWithTheGermanTextMarkedAsTheBindingOne() throws IOException {
    byte[] pdf = PDF.render(TEXTS.model(decision(LetterOutcome.NOT_IMPOSED, "Reasons were credible."),
        new LetterTexts.People("Alex Berger", Lang.EN, "Sabine Fuchs"), "JB-2027-000018", FROM));
    String text = text(pdf);
    assertTrue(text.contains("Dear Alex Berger,"), text);
    assertTrue(text.contains("Decision: no sanction"), text);
    assertTrue(text.contains("Only the German text is legally binding."), text);
    assertTrue(text.contains("1 April 2027"), text);
    assertTrue(text.contains("Instruction on rights of appeal You may appeal") && text.contains("Federal Administrative Court"), text);
    assertTrue(text.contains("Public Employment Service Testhausen") && text.contains("Arbeitsmarktservice Testhausen"), "each text names the authority in its language: " + text);
    int english = text.indexOf("Dear Alex Berger,");
    int german = text.indexOf("Sehr geehrte:r Alex Berger,");
    assertTrue(german > english, "the German text follows the translation: " + text);
    assertTrue(text.contains("Deutsche Fassung (rechtsverbindlich)") && text.contains("Nur der deutsche Text ist rechtsverbindlich."), text);
    assertTrue(text.contains("Bescheid: keine Sanktion") && text.contains("Rechtsmittelbelehrung"), text);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertTrue(doc.getNumberOfPages() >= 2, "the German text starts on a page of its own");
    }
  }

  @Test
  void everyLetterIsPdfA2uWithEveryFontEmbeddedAndAnSrgbOutputIntent() throws Exception {
    for (Lang lang : Lang.values()) {
      for (LetterKind kind : LetterKind.values()) {
        List<LetterOutcome> outcomes = kind.outcomes().isEmpty() ? java.util.Collections.singletonList(null) : new ArrayList<>(kind.outcomes());
        for (LetterOutcome outcome : outcomes) {
          LetterRequest r = new LetterRequest(kind, outcome, LetterRequest.Case.of(7, "noshow:3"),
              new LetterRequest.Content(basis("AT_MINDESTSICHERUNG"), "Termin am 3. März", "Gründe – „so“.",
                  kind == LetterKind.REASONS_REQUESTED ? AT.plusSeconds(7 * 86400) : null),
              kind.decided() ? new LetterRequest.Actor(5L, "KOMMUNE") : null, AT);
          byte[] pdf = PDF.render(TEXTS.model(r, new LetterTexts.People("Ben Öztürk", lang, "Gemeindeamt"), "JB-2027-000001", FROM));
          String what = kind + "/" + outcome + "/" + lang;
          try (PDDocument doc = Loader.loadPDF(pdf)) {
            XMPMetadata xmp = new DomXmpParser().parse(doc.getDocumentCatalog().getMetadata().toByteArray());
            PDFAIdentificationSchema id = xmp.getPDFAIdentificationSchema();
            assertNotNull(id, what);
            assertEquals(2, id.getPart(), what);
            assertEquals("U", id.getConformance(), what);
            List<PDOutputIntent> intents = doc.getDocumentCatalog().getOutputIntents();
            assertEquals(1, intents.size(), what);
            assertTrue(intents.get(0).getDestOutputIntent() != null, what);
          }
          assertEveryFontEmbedded(pdf, what);
          String text = text(pdf);
          assertTrue(text.contains("Ben Öztürk") && text.contains("Gründe – „so“."), what + ": " + text);
          if (kind.decided()) assertTrue(text.contains("Landesverwaltungsgericht") && text.contains("Gemeindeamt, Kommune"), what + ": " + text);
          else assertFalse(text.contains("Landesverwaltungsgericht"), what + ": only a decision instructs on appeal");
          assertTrue(text.contains("Sozialhilfe- bzw. Mindestsicherungsgesetz des Bundeslandes"), what + ": " + text);
        }
      }
    }
  }

  // ---- the person's language ---------------------------------------------------------------------------------------

  /**
   * A letter to a person reading Turkish, Ukrainian or Arabic: their text first, headed as the translation in their
   * language and saying in it that only the German text binds, then the German text. The words come from the bundles,
   * whatever they hold (until a language's bundle is there, its German fallback); the person's name, the date and the
   * reasons typed in their script are this test's own.
   */
  @Test
  void aTurkishUkrainianOrArabicPersonReadsTheLetterInTheirLanguageFollowedByTheBindingGermanText() throws IOException {
    Map<Lang, String[]> people = Map.of(
        Lang.TR, new String[] {"Ayşe Yılmaz", "İş görüşmesine gelmedi; çağrıyı aldığını söyledi."},
        Lang.UK, new String[] {"Олена Шевченко", "Не з’явилася на співбесіду; запрошення отримала."},
        Lang.AR, new String[] {"سارة", "لم تحضر الموعد الملزم دون سبب وجيه"});
    for (var e : people.entrySet()) {
      Lang lang = e.getKey();
      String name = e.getValue()[0];
      String reasons = e.getValue()[1];
      byte[] pdf = PDF.render(TEXTS.model(decision(LetterOutcome.IMPOSED, reasons), new LetterTexts.People(name, lang, "Sabine Fuchs"),
          "JB-2027-000030", FROM));
      String text = read(text(pdf));
      assertReads(text, name, lang);
      assertReads(text, reasons, lang);
      assertReads(text, TEXTS.date(AT, lang), lang);
      for (String key : List.of("letter.translation", "letter.binding", "letter.kind.DECISION.IMPOSED.subject", "letter.label.reasons")) {
        assertReads(text, MESSAGES.get(lang, key), lang);
      }
      int translation = text.indexOf(read(MESSAGES.get(lang, "letter.translation")));
      int german = text.indexOf("Deutsche Fassung (rechtsverbindlich)");
      assertTrue(translation >= 0 && german > translation, lang + ": their text first, then the German one: " + text);
      String binding = text.substring(german);
      assertTrue(binding.contains("Nur der deutsche Text ist rechtsverbindlich.") && binding.contains("Bescheid: Sanktion verhängt")
          && binding.contains("Sehr geehrte:r " + read(name) + ",") && binding.contains("1. April 2027"), lang + ": " + binding);
      assertEveryFontEmbedded(pdf, lang.code());
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        assertTrue(doc.getNumberOfPages() >= 2, lang + ": the German text starts on a page of its own");
      }
    }
  }

  /**
   * Arabic right to left: the letters drawn are the joined forms (none is left in its unjoined code), and the text reads
   * back in logical order (the name as سارة, not its letters reversed), with the section marked right to left.
   */
  @Test
  void anArabicLetterIsDrawnRightToLeftWithItsLettersJoined() throws IOException {
    String reasons = "لم تحضر الموعد الملزم دون سبب وجيه";
    var model = TEXTS.model(decision(LetterOutcome.IMPOSED, reasons), new LetterTexts.People("سارة", Lang.AR, "Sabine Fuchs"), "JB-2027-000031", FROM);
    String xhtml = PDF.xhtml(model);
    assertTrue(xhtml.contains("lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"") && xhtml.contains("lang=\"de\" xml:lang=\"de\" dir=\"ltr\""), xhtml);
    byte[] pdf = PDF.render(model);
    String text = read(text(pdf));
    assertTrue(text.contains("سارة") && !text.contains("ةراس"), "the name in logical order: " + text);
    assertTrue(text.contains(reasons), "an Arabic sentence in logical order: " + text);
    assertTrue(text.contains("أبريل"), "the month in Arabic: " + text);

    StringBuilder drawn = new StringBuilder();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper raw = new PDFTextStripper() {
        @Override
        protected void writeString(String s, List<TextPosition> positions) {
          for (TextPosition t : positions) drawn.append(t.getUnicode());
        }
      };
      raw.setEndPage(1);
      raw.getText(doc);
    }
    TreeSet<String> unjoined = new TreeSet<>();
    int joined = 0;
    for (int c : drawn.codePoints().toArray()) {
      if (c >= 0x0621 && c <= 0x064A) unjoined.add(Character.getName(c));
      if (c >= 0xFE70 && c <= 0xFEFC) joined++;
    }
    assertTrue(unjoined.isEmpty(), "every Arabic letter drawn in its joined form: " + unjoined);
    assertTrue(drawn.toString().contains("\uFEB3"), "seen at the start of سارة, in its initial form: " + drawn);
    assertTrue(joined >= reasons.replace(" ", "").length(), "the Arabic letters drawn: " + joined);
  }

  /**
   * Plain German first, marked as such and as not binding, then the standard German text; the letter is German to a
   * screen reader throughout.
   */
  @Test
  void aPlainGermanLetterIsFollowedByTheStandardGermanText() throws IOException {
    var model = TEXTS.model(decision(LetterOutcome.NOT_IMPOSED, "Gründe glaubhaft."), new LetterTexts.People("Mia Huber", Lang.DE_SIMPLE, "Sabine Fuchs"),
        "JB-2027-000032", FROM);
    assertFalse(PDF.xhtml(model).contains("de-simple"), "lang is de");
    String text = text(PDF.render(model));
    int plain = text.indexOf(MESSAGES.get(Lang.DE_SIMPLE, "letter.plainVersion"));
    int standard = text.indexOf("Deutsche Fassung (rechtsverbindlich)");
    assertTrue(plain >= 0 && standard > plain, text);
    assertTrue(text.substring(plain, standard).contains(MESSAGES.get(Lang.DE_SIMPLE, "letter.plainBinding")), text);
    assertTrue(text.substring(standard).contains("Nur der deutsche Text ist rechtsverbindlich."), text);
    assertFalse(text.contains(MESSAGES.get(Lang.DE, "letter.untranslated")), "German is no translation: " + text);
  }

  /**
   * The catalogue's texts in whatever languages it has: a Turkish law name is quoted in Turkish, an instruction on
   * rights of appeal the catalogue has only in German is quoted in German under a note that says so; an English letter
   * needs no note. (A copy of AT.json with a Turkish name added: the catalogue's own texts are the legal department's.)
   */
  @Test
  void aCatalogueTextInTheLanguageIsQuotedInItAndOneMissingInGermanMarkedAsUntranslated() throws IOException {
    JsonObject at;
    try (InputStream in = CatalogueFile.class.getResourceAsStream("/legal/AT.json")) {
      at = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    String turkishLaw = "İşsizlik Sigortası Kanunu (AlVG) § 10 — test çevirisi";
    for (Object o : at.getJsonArray("bases")) {
      JsonObject b = (JsonObject) o;
      if (b.getString("code").equals("AT_ALVG_10")) {
        b.getJsonObject("law").put("tr", turkishLaw);
        b.getJsonObject("appeal").remove("tr");
      }
    }
    LetterBasis alvg = LetterBasis.of(CatalogueFile.parse(at.encode(), "test", "AT").find("AT_ALVG_10", 1).orElseThrow());
    assertEquals(turkishLaw, alvg.law(Lang.TR));
    assertEquals(alvg.law(Lang.DE), alvg.law(Lang.UK), "no Ukrainian text: the German one");
    LetterRequest r = new LetterRequest(LetterKind.DECISION, LetterOutcome.IMPOSED, LetterRequest.Case.cascade(7, 42, 99L),
        new LetterRequest.Content(alvg, "Jobmesse", "Ohne Grund.", null), new LetterRequest.Actor(5L, "SFA"), AT);
    String appeal = LetterTexts.heading(alvg.appeal(Lang.DE))[1].replaceAll("\\s+", " ");

    String turkish = text(PDF.render(TEXTS.model(r, new LetterTexts.People("Ayşe Yılmaz", Lang.TR, "Sabine Fuchs"), "JB-2027-000033", FROM)));
    String own = turkish.substring(0, turkish.indexOf("Deutsche Fassung (rechtsverbindlich)"));
    String note = MESSAGES.get(Lang.TR, "letter.untranslated");
    assertTrue(own.contains(turkishLaw), own);
    assertFalse(own.contains(alvg.law(Lang.DE)), "the law's name in Turkish only: " + own);
    assertEquals(1, own.split(java.util.regex.Pattern.quote(note), -1).length - 1, "one note, on the appeal: " + own);
    assertTrue(own.indexOf(note) < own.indexOf(appeal), own);

    String ukrainian = text(PDF.render(TEXTS.model(r, new LetterTexts.People("Олена Шевченко", Lang.UK, "Sabine Fuchs"), "JB-2027-000034", FROM)));
    own = ukrainian.substring(0, ukrainian.indexOf("Deutsche Fassung (rechtsverbindlich)"));
    note = MESSAGES.get(Lang.UK, "letter.untranslated");
    assertEquals(2, own.split(java.util.regex.Pattern.quote(note), -1).length - 1, "law and appeal in German, each marked: " + own);
    assertTrue(own.contains(alvg.law(Lang.DE)) && own.contains(appeal), own);

    String english = text(PDF.render(TEXTS.model(r, new LetterTexts.People("Alex Berger", Lang.EN, "Sabine Fuchs"), "JB-2027-000035", FROM)));
    assertFalse(english.contains(MESSAGES.get(Lang.EN, "letter.untranslated")), "English has both texts: " + english);
  }

  /**
   * Every letter of every text a letter can hold, in every bundle, the languages' names and each language's months, is
   * in both bundled fonts (Arabic in the joined forms the shaping draws): a bundle arriving later cannot bring a glyph
   * the letters would draw as an empty box.
   */
  @Test
  void theBundledFontsHaveEveryLetterOfEveryLanguage() throws Exception {
    List<CmapLookup> fonts = new ArrayList<>();
    for (String f : List.of("/letter/fonts/DejaVuSans.ttf", "/letter/fonts/DejaVuSans-Bold.ttf")) {
      try (InputStream in = LetterPdf.class.getResourceAsStream(f)) {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
        fonts.add(ttf.getUnicodeCmapLookup());
      }
    }
    ArabicShaping shaping = new ArabicShaping(ArabicShaping.TEXT_DIRECTION_LOGICAL | ArabicShaping.LETTERS_SHAPE | ArabicShaping.LENGTH_GROW_SHRINK);
    TreeSet<String> missing = new TreeSet<>();
    for (Lang lang : Lang.values()) {
      StringBuilder all = new StringBuilder(lang.nativeName());
      for (String key : MESSAGES.bundle(lang).stringPropertyNames()) {
        if (key.startsWith("letter.") || key.startsWith("role.")) all.append(' ').append(MESSAGES.bundle(lang).getProperty(key));
      }
      for (int month = 1; month <= 12; month++) all.append(' ').append(TEXTS.date(Instant.parse(String.format("2027-%02d-15T10:00:00Z", month)), lang));
      String drawn = lang.rightToLeft() ? shaping.shape(all.toString()) : all.toString();
      drawn.codePoints().filter(c -> !Character.isWhitespace(c) && Character.getType(c) != Character.FORMAT).forEach(c -> {
        for (CmapLookup font : fonts) if (font.getGlyphId(c) == 0) missing.add(lang.code() + " U+" + Integer.toHexString(c) + " " + Character.getName(c));
      });
    }
    assertTrue(missing.isEmpty(), "not in the bundled fonts: " + missing);
  }

  /**
   * A text as it reads back from a PDF for comparison: Arabic presentation forms to the letters they draw (NFKC), the
   * tatweel that shaping puts under a vowel sign removed, spaces collapsed.
   */
  static String read(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).replace("\u0640", "").replaceAll("\\s+", " ").strip();
  }

  /**
   * The PDF's text holds {@code expected}: as a whole, where it is written in one direction; a right-to-left text that
   * mixes in digits or Latin letters reads back in the order the runs stand on the line, so then word by word.
   */
  static void assertReads(String text, String expected, Lang lang) {
    String e = read(expected);
    boolean mixed = lang.rightToLeft() && e.codePoints().anyMatch(c -> Character.isDigit(c)
        || Character.getDirectionality(c) == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
    if (!mixed) {
      assertTrue(text.contains(e), lang + ": \"" + e + "\" in " + text);
      return;
    }
    for (String word : e.split(" ")) assertTrue(text.contains(word), lang + ": \"" + word + "\" of \"" + e + "\" in " + text);
  }
}
