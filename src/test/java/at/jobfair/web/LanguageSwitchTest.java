package at.jobfair.web;

import at.jobfair.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The language switch keeps the page and its query: a person who switches stays where they were. */
class LanguageSwitchTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String switchOf(String html) {
    int at = html.indexOf("class=\"lang\" href=\"");
    assertTrue(at > 0, "a language switch on the page");
    int from = at + "class=\"lang\" href=\"".length();
    // As the browser reads the attribute: Handlebars escapes & and = in it.
    return html.substring(from, html.indexOf('"', from)).replace("&#x3D;", "=").replace("&amp;", "&");
  }

  @Test
  void theSwitchLeadsToTheSamePageWithItsQueryInTheOtherLanguage() {
    assertEquals("/fairs?region=Wien&lang=en", switchOf(app.client().get("/fairs?region=Wien").body()));
    assertEquals("/fairs?region=Wien&lang=de", switchOf(app.client().get("/fairs?lang=en&region=Wien").body()));
    assertEquals("/signin?next=%2Fme%2Fappointments&lang=en",
        switchOf(app.client().get("/signin?next=%2Fme%2Fappointments").body()));
    assertEquals("/?lang=en", switchOf(app.client().get("/").body()));
  }

  @Test
  void followingTheSwitchShowsThePageInTheOtherLanguageAndKeepsIt() {
    var client = app.client();
    var en = client.get("/fairs?region=Wien&lang=en");
    assertTrue(en.body().contains("<html lang=\"en\">"), "switched");
    assertTrue(client.get("/fairs").body().contains("<html lang=\"en\">"), "and remembered");
  }
}
