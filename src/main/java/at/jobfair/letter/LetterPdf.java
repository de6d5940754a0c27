package at.jobfair.letter;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import com.openhtmltopdf.util.XRLog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.logging.Level;

/**
 * A letter as PDF/A-2u: the XHTML of the Handlebars template {@code /letter/letter.hbs} (escaped: the reasons are what
 * a person typed) rendered by openhtmltopdf. Every glyph comes from the bundled DejaVu Sans, embedded (subset), and the
 * output intent is the bundled sRGB profile, as PDF/A asks; nothing is loaded from outside. DejaVu Sans has the letters of
 * every language of the interface: Latin with Turkish and Bosnian/Croatian/Serbian letters, Cyrillic, and Arabic with
 * its joined forms (Arabic Presentation Forms-B), which ICU4J's shaping picks by each letter's place in the word; ICU4J's
 * Unicode bidirectional algorithm orders right-to-left text (LetterPdfTest reads the text back). Blocking and CPU-bound:
 * callers run it off the event loop. Thread-safe.
 */
final class LetterPdf {

  /** The conformance the letters claim (part 2, level U: PDF/A-2b with text that maps to Unicode). */
  static final PdfAConformance CONFORMANCE = PdfAConformance.PDFA_2_U;
  static final String FONT = "DejaVu Sans";

  private static final byte[] REGULAR = resource("/letter/fonts/DejaVuSans.ttf");
  private static final byte[] BOLD = resource("/letter/fonts/DejaVuSans-Bold.ttf");
  private static final byte[] SRGB = resource("/letter/sRGB.icc");

  /** Held here: java.util.logging keeps loggers only weakly, and a collected logger would forget its level. */
  private static final java.util.logging.Logger PDTYPE1_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font");

  static {
    // The renderer's own logging through java.util.logging like the product's (JSON lines when configured), warnings only: it
    // would otherwise print timings for every letter to the console in a format of its own.
    XRLog.setLoggerImpl(new WarningsOnly());
    // The renderer sets up PDF's standard fonts for every document, and PDFBox warns each time that this machine has no
    // ZapfDingbats. No letter uses them (every glyph is DejaVu, embedded; LetterPdfTest checks it): not worth a warning.
    PDTYPE1_LOG.setLevel(Level.SEVERE);
  }


  private final Template template;

  LetterPdf() {
    try {
      template = new Handlebars(new ClassPathTemplateLoader("/letter", ".hbs")).compile("letter");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The XHTML of a letter (see {@link LetterTexts#model}). */
  String xhtml(Map<String, Object> model) {
    try {
      return template.apply(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PDF/A of a letter. */
  byte[] render(Map<String, Object> model) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder b = new PdfRendererBuilder();
    b.useFastMode();
    b.usePdfAConformance(CONFORMANCE);
    b.useColorProfile(SRGB);
    b.useFont(() -> new ByteArrayInputStream(REGULAR), FONT, 400, FontStyle.NORMAL, true);
    b.useFont(() -> new ByteArrayInputStream(BOLD), FONT, 700, FontStyle.NORMAL, true);
    // Arabic: runs split and ordered by the Unicode bidirectional algorithm, letters shaped (joined) for their place
    b.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
    b.useUnicodeBidiReorderer(new ICUBidiReorderer());
    b.defaultTextDirection(TextDirection.LTR);
    // A letter needs nothing from outside: no address in it can make the renderer fetch anything.
    b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    b.withProducer("jobfair letters (openhtmltopdf)");
    b.withHtmlContent(xhtml(model), null);
    b.toStream(out);
    try {
      b.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The renderer's messages of WARNING and above, to java.util.logging under the renderer's logger names. */
  private static final class WarningsOnly implements XRLogger {
    @Override
    public void log(String where, Level level, String msg) {
      if (level.intValue() >= Level.WARNING.intValue()) java.util.logging.Logger.getLogger(where).log(level, msg);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
      if (level.intValue() >= Level.WARNING.intValue()) java.util.logging.Logger.getLogger(where).log(level, msg, th);
    }

    @Override
    public void setLevel(String logger, Level level) {
      // the level is fixed: warnings and worse
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
      return diagnostic.getLevel().intValue() >= Level.WARNING.intValue();
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = LetterPdf.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
