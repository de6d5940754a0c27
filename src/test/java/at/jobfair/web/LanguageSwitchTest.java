package at.jobfair.web;


import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.web.Messages.Lang;
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

  /** The language menu's link to a language (by its code), as the browser reads it. */
  private static String switchTo(String html, String code) {
    java.util.List<String> links = new java.util.ArrayList<>();
    var m = java.util.regex.Pattern.compile("class=\"lang\" href=\"([^\"]*)\"").matcher(html);
    // As the browser reads the attribute: Handlebars escapes & and = in it.
    while (m.find()) links.add(m.group(1).replace("&#x3D;", "=").replace("&amp;", "&"));
    assertEquals(Lang.values().length, links.size(), "the menu lists every language: " + links);
    return links.stream().filter(l -> l.endsWith("lang=" + code)).findFirst().orElseThrow(() -> new AssertionError(code + " in " + links));
  }

  private static String switchOf(String html) {
    return switchTo(html, html.contains("<html lang=\"en\"") ? "de" : "en");
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
  void theMenuOffersEveryLanguageByItsOwnNameAndArabicReadsRightToLeft() {
    String html = app.client().get("/fairs?region=Wien").body();
    for (Lang l : Lang.values()) {
      assertEquals("/fairs?region=Wien&lang=" + l.code(), switchTo(html, l.code()));
      assertTrue(html.contains(">" + l.nativeName() + "</a>"), l.nativeName());
    }
    String ar = app.client().get("/fairs?lang=ar").body();
    assertTrue(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "Arabic right to left");
    assertTrue(app.client().get("/fairs?lang=de-simple").body().contains("<html lang=\"de\">"), "plain German is German to a screen reader");
    assertTrue(app.client().get("/fairs?lang=tr").body().contains("<html lang=\"tr\">"));
  }

  @Test
  void theBrowsersPreferenceChoosesTheFirstLanguageWeHave() {
    assertTrue(app.client().language("fr-FR,tr;q=0.8,en;q=0.5").get("/fairs").body().contains("<html lang=\"tr\">"));
    assertTrue(app.client().language("hr-HR").get("/fairs").body().contains("<html lang=\"bs\">"), "Croatian reads the shared texts");
    assertTrue(app.client().language("en;q=0.2, uk;q=0.9").get("/fairs").body().contains("<html lang=\"uk\">"));
    assertTrue(app.client().language("fr").get("/fairs").body().contains("<html lang=\"de\">"), "German when we have none of them");
  }

  @Test
  void aSignedInPersonsChoiceIsKeptInTheAccountSoMailsFollowIt() throws Exception {
    String email = new Fixtures(app).jobseekers("lang-choice", 1).get(0);
    var person = app.as(email);
    // A ?lang= in a link from elsewhere answers in the language but is not a choice the account keeps.
    assertTrue(person.get("/fairs?lang=en").body().contains("<html lang=\"en\">"));
    try (var c = app.jdbc(); var st = c.prepareStatement("select language from account where email = ?")) {
      st.setString(1, email);
      var rs = st.executeQuery();
      rs.next();
      assertEquals("de", rs.getString(1));
    }
    // A click in the menu of our own page is.
    assertTrue(person.getWith("/fairs?lang=uk", "Referer", app.baseUrl() + "/fairs").body().contains("<html lang=\"uk\">"));
    try (var c = app.jdbc(); var st = c.prepareStatement("select language from account where email = ?")) {
      st.setString(1, email);
      var rs = st.executeQuery();
      rs.next();
      assertEquals("uk", rs.getString(1));
    }
    // An API call's ?lang= answers in that language and leaves the choice alone.
    person.get("/api/me?lang=en");
    try (var c = app.jdbc(); var st = c.prepareStatement("select language from account where email = ?")) {
      st.setString(1, email);
      var rs = st.executeQuery();
      rs.next();
      assertEquals("uk", rs.getString(1));
    }
    // Another device, no cookie: the account's language.
    assertTrue(app.as(email).get("/fairs").body().contains("<html lang=\"uk\">"));
  }

  @Test
  void followingTheSwitchShowsThePageInTheOtherLanguageAndKeepsIt() {
    var client = app.client();
    var en = client.get("/fairs?region=Wien&lang=en");
    assertTrue(en.body().contains("<html lang=\"en\">"), "switched");
    assertTrue(client.get("/fairs").body().contains("<html lang=\"en\">"), "and remembered");
  }
}
