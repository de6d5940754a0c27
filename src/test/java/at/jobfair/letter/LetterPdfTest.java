package at.jobfair.letter;

import at.jobfair.legal.Catalogue;
import at.jobfair.legal.CatalogueFile;
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
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Letters rendered and read back with PDFBox: the words, the binding German text, PDF/A with every font embedded. */
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
}
