package at.jobfair.site;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's face: its name, logo, favicon, colours and hotline on every page, a footer linking imprint, privacy
 * notice, accessibility statement and help, and those pages in German and English with the configured texts.
 */
class SitePagesTest {

  static TestApp app;
  static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

  @BeforeAll
  static void start() {
    try {
      Path data = Files.createTempDirectory("jobfair-site-test");
      Files.createDirectories(data.resolve("branding"));
      Files.write(data.resolve("branding/stadt.png"), LOGO);
      app = TestApp.start(Map.ofEntries(Map.entry("data.dir", data.toString()),
          Map.entry("operator.name", "Stadt Teststadt Arbeitsservice"),
          Map.entry("operator.logo", "branding/stadt.png"),
          Map.entry("operator.primaryColour", "#004d40"),
          Map.entry("operator.address", "Testgasse 7, 8010 Graz"),
          Map.entry("operator.email", "hilfe@teststadt.example"),
          Map.entry("operator.hotlinePhone", "+43 316 999 111"),
          Map.entry("operator.hotlineHours", "Mo–Do 7:30–15:30"),
          Map.entry("operator.imprint", "Firmenbuch FN 999999x, Landesgericht Graz"),
          Map.entry("operator.accessibilityContact", "barrieren@teststadt.example"),
          Map.entry("operator.accessibilityComplaintUrl", "https://beschwerde.example.at/wzg"),
          Map.entry("operator.accessibilityDate", "2026-11-30")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyPageHasTheFooterWithHotlineImprintPrivacyAccessibilityAndHelp() {
    TestClient anonymous = app.client();
    TestClient seeker = app.as("seeker@demo.test");
    TestClient sfa = app.as("sfa@demo.test");
    long fair = app.count("select id from fair where format = 'E_JOBMEETING' order by id limit 1");
    long booth = app.count("select id from booth where fair_id = " + fair + " order by id limit 1");
    for (var page : List.of(Map.entry(anonymous, "/"), Map.entry(anonymous, "/fairs"), Map.entry(anonymous, "/fairs/" + fair),
        Map.entry(anonymous, "/booths/" + booth), Map.entry(anonymous, "/signin"), Map.entry(anonymous, "/privacy"),
        Map.entry(anonymous, "/imprint"), Map.entry(anonymous, "/accessibility"), Map.entry(anonymous, "/help"),
        Map.entry(anonymous, "/no-such-page"), Map.entry(seeker, "/me/appointments"), Map.entry(sfa, "/staff/worklist"),
        Map.entry(anonymous, "/?lang=en"))) {
      String body = page.getKey().get(page.getValue()).body();
      String where = page.getValue();
      for (String link : List.of("href=\"/imprint\"", "href=\"/privacy\"", "href=\"/accessibility\"", "href=\"/help\"",
          "href=\"tel:+43316999111\"", "+43 316 999 111", "Mo–Do 7:30–15:30", "href=\"mailto:hilfe@teststadt.example\"")) {
        assertTrue(body.contains(link), where + " lacks " + link);
      }
      assertTrue(body.contains("<footer class=\"bottom\">"), where);
      assertTrue(body.contains("Stadt Teststadt Arbeitsservice"), where + ": the operator's name");
      assertTrue(body.contains("<img class=\"brand-logo\" src=\"/branding/logo\""), where + ": the operator's logo in the header");
      assertTrue(body.contains("<link rel=\"icon\" href=\"/static/img/favicon.svg\" type=\"image/svg+xml\">"), where + ": the favicon");
      assertTrue(body.contains("<link rel=\"stylesheet\" href=\"/branding/theme.css\">"), where + ": the operator's colours");
    }
  }

  @Test
  void theOperatorsColoursLogoAndTheDefaultFaviconAreServed() {
    var theme = app.client().get("/branding/theme.css");
    assertEquals(200, theme.status());
    assertTrue(theme.header("Content-Type").startsWith("text/css"), theme.header("Content-Type"));
    assertTrue(theme.body().contains("--accent: #004d40;") && theme.body().contains("--accent-ink: #ffffff;"), theme.body());
    var logo = app.client().get("/branding/logo");
    assertEquals(200, logo.status());
    assertEquals("image/png", logo.header("Content-Type"));
    assertEquals(String.valueOf(LOGO.length), logo.header("Content-Length"), "the file from the data directory");
    var favicon = app.client().get("/static/img/favicon.svg");
    assertEquals(200, favicon.status());
    assertTrue(favicon.body().startsWith("<svg"), favicon.body());
    assertEquals(200, app.client().get("/static/img/logo.svg").status(), "the built-in logo, the default");
    assertEquals(404, app.client().get("/branding/favicon").status(), "the favicon is the built-in one under /static");
  }

  @Test
  void theImprintNamesTheOperatorInBothLanguages() {
    var de = app.client().get("/imprint");
    assertEquals(200, de.status());
    for (String s : List.of("<h1>Impressum</h1>", "§ 5 E-Commerce-Gesetz", "Stadt Teststadt Arbeitsservice", "Testgasse 7, 8010 Graz",
        "mailto:hilfe@teststadt.example", "Firmenbuch FN 999999x, Landesgericht Graz", "lang=\"de\"")) {
      assertTrue(de.body().contains(s), "de: " + s);
    }
    var en = app.client().language("en").get("/imprint");
    assertEquals(200, en.status());
    for (String s : List.of("<html lang=\"en\">", "<h1>Imprint</h1>", "E-Commerce Act", "Testgasse 7, 8010 Graz", "Firmenbuch FN 999999x")) {
      assertTrue(en.body().contains(s), "en: " + s);
    }
  }

  @Test
  void theAccessibilityStatementHasWhatTheWebAccessibilityActAsksInBothLanguages() {
    var de = app.client().get("/accessibility");
    assertEquals(200, de.status());
    for (String s : List.of("<h1>Erklärung zur Barrierefreiheit</h1>", "Web-Zugänglichkeits-Gesetz", "WCAG 2.1", "EN 301 549",
        "teilweise", "Stand der Vereinbarkeit", "Nicht barrierefreie Inhalte", "Untertitel", "Feedback und Kontakt",
        "mailto:barrieren@teststadt.example", "Durchsetzungsverfahren", "FFG", "href=\"https://beschwerde.example.at/wzg\"",
        "30. November 2026")) {
      assertTrue(de.body().contains(s), "de: " + s);
    }
    var en = app.client().get("/accessibility?lang=en");
    assertEquals(200, en.status());
    for (String s : List.of("<h1>Accessibility statement</h1>", "Web Accessibility Act", "WCAG 2.1", "EN 301 549", "partially compliant",
        "Non-accessible content", "captions", "Feedback and contact", "mailto:barrieren@teststadt.example", "Enforcement procedure",
        "FFG", "November 30, 2026")) {
      assertTrue(en.body().contains(s), "en: " + s);
    }
  }

  @Test
  void theHelpPageTellsJobseekersHowToBookMoveCancelJoinAndWhatToDoWhenVideoFails() {
    var de = app.client().get("/help");
    assertEquals(200, de.status());
    for (String s : List.of("<h1>Hilfe</h1>", "Einen Termin buchen", "Diesen Termin buchen", "Einen Termin verschieben",
        "Anderen Termin wählen", "Einen Termin absagen", "Termin absagen", "Am Videogespräch teilnehmen", "Zum Videogespräch",
        "Wenn das Video nicht funktioniert", "Rückruf", "href=\"tel:+43316999111\"")) {
      assertTrue(de.body().contains(s), "de: " + s);
    }
    var en = app.client().get("/help?lang=en");
    assertEquals(200, en.status());
    for (String s : List.of("<h1>Help</h1>", "Book an appointment", "Book this appointment", "Move an appointment", "Choose another time",
        "Cancel an appointment", "Join the video call", "Join the video interview", "If the video does not work", "call back")) {
      assertTrue(en.body().contains(s), "en: " + s);
    }
    assertFalse(en.body().contains("Termin"), "no German left on the English help page");
  }
}
