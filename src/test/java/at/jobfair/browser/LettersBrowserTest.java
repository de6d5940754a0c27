package at.jobfair.browser;

import at.jobfair.support.Browsers;
import at.jobfair.support.BrowserTestSupport;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Meine Schreiben" in the browser, on the demo's decided case (Dora reads English): the letter is listed in both
 * languages, on a phone and on a desktop, and the download is the PDF/A with the binding German text. Screenshots of
 * every variant land in target/screenshots/letters for a person to look at.
 */
class LettersBrowserTest extends BrowserTestSupport {

  private static final Path SHOTS = Path.of("target", "screenshots", "letters");

  @Test
  void thePersonFindsTheirDecisionLetterOnMyLettersAndDownloadsThePdf() throws Exception {
    Files.createDirectories(SHOTS);
    for (int width : new int[] {390, 1366}) {
      try (BrowserContext context = Browsers.context(browser)) {
        Page page = signedIn(context, "dora@demo.test", "demo");
        page.setViewportSize(width, width == 390 ? 844 : 900);
        page.navigate(app.baseUrl() + "/me/letters?lang=de");
        assertThat(page.locator("h1")).hasText("Meine Schreiben");
        assertThat(page.locator("li.letter[data-kind=DECISION] h2")).hasText("Bescheid: Sanktion verhängt");
        assertThat(page.locator("nav a[href='/me/letters']")).hasText("Meine Schreiben");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("me-letters-de-" + width + ".png")).setFullPage(true));
        page.navigate(app.baseUrl() + "/me/letters?lang=en");
        assertThat(page.locator("h1")).hasText("My letters");
        assertThat(page.locator("li.letter[data-kind=DECISION] h2")).hasText("Decision: sanction imposed");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("me-letters-en-" + width + ".png")).setFullPage(true));
        assertEquals(0L, ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue(),
            "nothing wider than the window at " + width);
        if (width == 390) {
          Download download = page.waitForDownload(() -> page.locator("li.letter[data-kind=DECISION] a[download]").click());
          assertTrue(download.suggestedFilename().matches("Schreiben-JB-\\d{4}-\\d{6}\\.pdf"), download.suggestedFilename());
          try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(download.path()))) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("Dear Dora Berisha,") && text.contains("Sehr geehrte:r Dora Berisha,"), text);
            assertTrue(text.contains("Only the German text is legally binding."), text);
          }
        }
      }
    }
  }

  @Test
  void theCaseworkerFindsTheLetterInTheDossier() throws Exception {
    Files.createDirectories(SHOTS);
    long cascade = app.count("select c.id from cascade c join account a on a.id = c.jobseeker_id where a.email = 'dora@demo.test'");
    for (String lang : new String[] {"de", "en"}) {
      for (int width : new int[] {390, 1366}) {
        try (BrowserContext context = Browsers.context(browser)) {
          Page page = signedIn(context, "sfa@demo.test", "demo");
          page.setViewportSize(width, 900);
          page.navigate(app.baseUrl() + "/staff/cascades/" + cascade + "/dossier?lang=" + lang);
          assertThat(page.locator("section.letters tr[data-kind=DECISION]"))
              .containsText(lang.equals("de") ? "Bescheid: Sanktion verhängt" : "Decision: sanction imposed");
          assertThat(page.locator("section.letters tr[data-kind=DECISION]")).containsText("Markus Lehner");
          page.locator("section.letters").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
              .setPath(SHOTS.resolve("dossier-letters-" + lang + "-" + width + ".png")));
        }
      }
    }
  }
}
