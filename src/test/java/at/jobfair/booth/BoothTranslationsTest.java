package at.jobfair.booth;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static at.jobfair.support.ApiAssertions.assertBad;
import static at.jobfair.support.ApiAssertions.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Employers give their booth's and vacancies' texts in more languages; readers read them in theirs, each text marked
 * with its language where it is not the page's. The demo's Hotel Alpenblick has English and Turkish translations;
 * employer@demo.test works for it, employer2@demo.test for Gasthof Donaublick.
 */
class BoothTranslationsTest {

  static final String FORM = "application/x-www-form-urlencoded";

  static TestApp app;
  static TestClient organizer;
  static TestClient employer;
  static TestClient employer2;
  static long alpenEmployer;
  static long demoBooth;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    organizer = app.client().signedIn("organizer@demo.test");
    employer = app.client().signedIn("employer@demo.test");
    employer2 = app.client().signedIn("employer2@demo.test");
    alpenEmployer = app.count("select id from employer where name = 'Hotel Alpenblick GmbH'");
    demoBooth = app.count("select b.id from booth b join fair f on f.id = b.fair_id where f.format = 'E_JOBMEETING' and b.employer_id = "
        + alpenEmployer);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A new fair with a booth of Hotel Alpenblick with one vacancy; answers {booth, vacancy}. */
  static long[] newBooth(String name) {
    var fair = organizer.post("/api/fairs", new JsonObject().put("name", name).put("format", "SECTOR")
        .put("start", "2026-12-17T08:00").put("end", "2026-12-17T18:00"));
    assertEquals(201, fair.status(), fair.body());
    var booth = organizer.post("/api/fairs/" + fair.json().getLong("id") + "/employers", new JsonObject().put("employerId", alpenEmployer));
    assertEquals(201, booth.status(), booth.body());
    long boothId = booth.json().getLong("id");
    assertEquals(200, employer.put("/api/booths/" + boothId, new JsonObject().put("headline", "Wir suchen Sie")
        .put("description", "Ein Hotel in den Bergen.")).status());
    var vacancy = employer.post("/api/booths/" + boothId + "/vacancies", new JsonObject().put("title", "Skilehrer:in")
        .put("description", "Kurse für Kinder.").put("workplace", "Lech"));
    assertEquals(201, vacancy.status(), vacancy.body());
    assertEquals("de", vacancy.json().getString("lang"), "German unless the employer says otherwise");
    return new long[] {boothId, vacancy.json().getLong("id")};
  }

  static void exec(String sql) throws SQLException {
    try (var c = app.jdbc(); var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static long translations() {
    return app.count("select (select count(*) from booth_translation) + (select count(*) from vacancy_translation)");
  }

  // --- what readers read ---

  @Test
  void theBoothPageInEnglishShowsTheEnglishTranslationAndInUkrainianTheGermanOriginalMarkedGerman() {
    String en = app.client().get("/booths/" + demoBooth + "?lang=en").body();
    assertTrue(en.contains("<html lang=\"en\""), "an English page");
    assertTrue(en.contains("<p class=\"lead\">Seasonal jobs with accommodation</p>"), en);
    assertTrue(en.contains("<h3>Cook</h3>"));
    assertTrue(en.contains("<p>À la carte kitchen, winter season December to April.</p>"));
    assertTrue(en.contains("<dd>€2,450 gross/month</dd>"));
    assertTrue(en.contains("<p>Family-run 4-star hotel on the Arlberg with 80 rooms.</p>"), "the company's description too");
    assertTrue(en.contains("<dd lang=\"de\">St. Anton am Arlberg, <span>Tirol</span></dd>"), "a text left untranslated: the original, marked");
    assertFalse(en.contains("Koch / Köchin"));
    assertTrue(en.contains("<dt>Pay</dt>"), "the page's own words stay in the page's language");

    String uk = app.client().get("/booths/" + demoBooth + "?lang=uk").body();
    assertTrue(uk.contains("<html lang=\"uk\""));
    assertTrue(uk.contains("<p class=\"lead\" lang=\"de\">Saisonstellen mit Unterkunft</p>"), "no translation into Ukrainian: German, marked");
    assertTrue(uk.contains("<h3 lang=\"de\">Koch / Köchin</h3>"));
    assertTrue(uk.contains("<p lang=\"de\">À-la-carte-Küche, Wintersaison Dezember bis April.</p>"));
    assertTrue(uk.contains("<dd lang=\"de\">2.450 € brutto/Monat</dd>"));
    assertFalse(uk.contains("Cook"), "no third language the reader did not ask for");

    String tr = app.client().get("/booths/" + demoBooth + "?lang=tr").body();
    assertTrue(tr.contains("<h3>Aşçı</h3>"), "Turkish readers read Turkish");

    String de = app.client().get("/booths/" + demoBooth + "?lang=de").body();
    assertTrue(de.contains("<p class=\"lead\">Saisonstellen mit Unterkunft</p>"), "German text on a German page is not marked");
    assertTrue(de.contains("<h3>Koch / Köchin</h3>"));
    assertTrue(app.client().get("/booths/" + demoBooth + "?lang=de-simple").body().contains("<h3>Koch / Köchin</h3>"),
        "plain German pages are German to a screen reader: German text unmarked");
  }

  @Test
  void anArabicPageMarksGermanTextGermanAndLeftToRight() {
    String ar = app.client().get("/booths/" + demoBooth + "?lang=ar").body();
    assertTrue(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assertTrue(ar.contains("<p class=\"lead\" lang=\"de\" dir=\"ltr\">Saisonstellen mit Unterkunft</p>"), ar);
    assertTrue(ar.contains("<h3 lang=\"de\" dir=\"ltr\">Koch / Köchin</h3>"));
    assertTrue(ar.contains("<dd lang=\"de\" dir=\"ltr\">2.450 € brutto/Monat</dd>"));
    assertTrue(ar.contains("<dd lang=\"de\" dir=\"ltr\">St. Anton am Arlberg, <span>Tirol</span></dd>"), "one line, left to right");
  }

  @Test
  void theFairsBoothCardsAndItsSearchUseTheTranslationsToo() {
    long fair = app.count("select fair_id from booth where id = " + demoBooth);
    String en = app.client().get("/fairs/" + fair + "?lang=en").body();
    assertTrue(en.contains("<p class=\"lead\">Seasonal jobs with accommodation</p>"), en);
    assertTrue(en.contains("<strong>Cook</strong> · <span lang=\"de\">Tirol</span>"));
    assertTrue(en.contains("<p class=\"lead\" lang=\"de\">Wir suchen Verstärkung für Küche und Service</p>"),
        "a booth without an English translation: German, marked");
    String uk = app.client().get("/fairs/" + fair + "?lang=uk").body();
    assertTrue(uk.contains("<strong lang=\"de\">Koch / Köchin</strong>"));
    assertTrue(en.contains(">Go to the booth</a>"), "the page's own words stay in the page's language");

    String found = app.client().get("/fairs/" + fair + "?lang=en&q=Receptionist").body();
    assertTrue(found.contains("<strong>Receptionist</strong>"), "a search finds a vacancy by its translated title");
    assertFalse(found.contains("Gasthof Donaublick"));
  }

  @Test
  void theApiAnswersTheOriginalLanguageAndEveryTranslation() {
    JsonObject booth = app.client().get("/api/booths/" + demoBooth).json();
    assertEquals("de", booth.getString("lang"));
    assertEquals("Seasonal jobs with accommodation", booth.getJsonObject("translations").getJsonObject("en").getString("headline"));
    JsonObject cook = booth.getJsonArray("vacancies").getJsonObject(0);
    assertEquals("Koch / Köchin", cook.getString("title"));
    assertEquals("de", cook.getString("lang"));
    assertEquals("Aşçı", cook.getJsonObject("translations").getJsonObject("tr").getString("title"));
  }

  // --- what employers write ---

  @Test
  void anEmployerStoresReplacesAndRemovesTranslationsAndTheyGoWithTheirBoothOrVacancy() throws SQLException {
    long[] ids = newBooth("Übersetzungen speichern");
    long booth = ids[0];
    long vacancy = ids[1];
    var saved = employer.post("/api/booths/" + booth + "/translations", new JsonObject().put("lang", "en")
        .put("headline", "We are looking for you").put("companyDescription", "A hotel in the mountains."));
    assertEquals(200, saved.status(), saved.body());
    assertEquals("en", saved.json().getString("lang"));
    assertEquals("", saved.json().getString("description"));
    assertEquals(1, app.count("select count(*) from booth_translation where booth_id = " + booth
        + " and lang = 'en' and headline = 'We are looking for you' and company_description = 'A hotel in the mountains.'"));
    var replaced = employer.post("/api/booths/" + booth + "/translations", new JsonObject().put("lang", "en").put("description", "Hello"));
    assertEquals(200, replaced.status(), replaced.body());
    assertEquals(1, app.count("select count(*) from booth_translation where booth_id = " + booth
        + " and lang = 'en' and headline = '' and description = 'Hello' and company_description = ''"), "saving replaces every text");

    var v = organizer.post("/api/vacancies/" + vacancy + "/translations", new JsonObject().put("lang", "ar").put("title", "مدرب تزلج")
        .put("pay", "٢٠٠٠ يورو"));
    assertEquals(200, v.status(), "organisers too: " + v.body());
    assertEquals(1, app.count("select count(*) from vacancy_translation where vacancy_id = " + vacancy
        + " and lang = 'ar' and title = 'مدرب تزلج' and workplace is null"));

    // A German page shows the Arabic translation to no one but an Arabic reader, who reads it unmarked (the page is Arabic).
    String arPage = organizer.get("/booths/" + booth + "?lang=ar").body();
    assertTrue(arPage.contains("<h3>مدرب تزلج</h3>"), arPage);
    assertTrue(arPage.contains("<dd lang=\"de\" dir=\"ltr\">Lech</dd>"), arPage);
    assertTrue(organizer.get("/booths/" + booth + "?lang=de").body().contains("<h3>Skilehrer:in</h3>"));

    // Arabic as the original: on a German page its texts are Arabic, right to left.
    assertEquals(200, employer.put("/api/vacancies/" + vacancy, new JsonObject().put("title", "مدرب تزلج للأطفال").put("lang", "tr")).status());
    assertEquals(409, employer.put("/api/vacancies/" + vacancy, new JsonObject().put("title", "x").put("lang", "ar")).status(),
        "the original language cannot be one there is a translation into");
    var conflict = employer.put("/api/vacancies/" + vacancy, new JsonObject().put("title", "x").put("lang", "ar"));
    assertEquals("original_has_translation", conflict.json().getString("error"));
    assertEquals(204, employer.delete("/api/vacancies/" + vacancy + "/translations/ar").status());
    assertEquals(200, employer.put("/api/vacancies/" + vacancy, new JsonObject().put("title", "مدرب تزلج للأطفال").put("lang", "ar")).status());
    String dePage = organizer.get("/booths/" + booth + "?lang=de").body();
    assertTrue(dePage.contains("<h3 lang=\"ar\" dir=\"rtl\">مدرب تزلج للأطفال</h3>"), dePage);
    assertTrue(organizer.get("/booths/" + booth + "?lang=ar").body().contains("<h3>مدرب تزلج للأطفال</h3>"));
    assertEquals(200, employer.put("/api/vacancies/" + vacancy, new JsonObject().put("title", "Skilehrer:in")).status());
    assertEquals(1, app.count("select count(*) from vacancy where id = " + vacancy + " and lang = 'ar'"), "absent keeps the language");

    assertEquals(204, employer.delete("/api/booths/" + booth + "/translations/en").status());
    assertEquals(0, app.count("select count(*) from booth_translation where booth_id = " + booth));
    var again = employer.delete("/api/booths/" + booth + "/translations/en");
    assertEquals(404, again.status());
    assertEquals("translation_not_found", again.json().getString("error"));
    assertEquals(404, employer.delete("/api/vacancies/" + vacancy + "/translations/fr").status());

    assertEquals(200, employer.post("/api/booths/" + booth + "/translations", new JsonObject().put("lang", "tr").put("headline", "Sizi arıyoruz")).status());
    assertEquals(200, employer.post("/api/vacancies/" + vacancy + "/translations", new JsonObject().put("lang", "en").put("title", "Ski instructor")).status());
    assertEquals(204, employer.delete("/api/vacancies/" + vacancy).status());
    assertEquals(0, app.count("select count(*) from vacancy_translation where vacancy_id = " + vacancy), "gone with its vacancy");
    exec("delete from booth where id = " + booth);
    assertEquals(0, app.count("select count(*) from booth_translation where booth_id = " + booth), "gone with its booth");
  }

  @Test
  void aStrangerIsRefusedAndNothingIsWritten() {
    long donauBooth = app.count("select b.id from booth b join employer e on e.id = b.employer_id where e.name = 'Gasthof Donaublick' order by b.id limit 1");
    long donauVacancy = app.count("select id from vacancy where booth_id = " + donauBooth + " order by id limit 1");
    long alpenVacancy = app.count("select id from vacancy where booth_id = " + demoBooth + " order by id limit 1");
    long before = translations();
    JsonObject booth = new JsonObject().put("lang", "en").put("headline", "Taken over");
    JsonObject vacancy = new JsonObject().put("lang", "en").put("title", "Taken over");
    var r = employer.post("/api/booths/" + donauBooth + "/translations", booth);
    assertEquals(403, r.status(), r.body());
    assertEquals("not_your_booth", r.json().getString("error"));
    assertEquals(403, employer.post("/api/booths/" + donauBooth + "/translations", new JsonObject().put("lang", "fr")).status(),
        "refused before the input is even looked at");
    assertEquals(403, employer.post("/api/vacancies/" + donauVacancy + "/translations", vacancy).status());
    assertEquals(403, employer2.delete("/api/booths/" + demoBooth + "/translations/en").status());
    assertEquals(403, employer2.delete("/api/vacancies/" + alpenVacancy + "/translations/en").status());
    assertEquals(403, app.as("seeker@demo.test").post("/api/booths/" + demoBooth + "/translations", booth).status());
    int anonymous = app.client().post("/api/booths/" + demoBooth + "/translations", booth).status();
    assertTrue(anonymous == 401 || anonymous == 403, "anonymous: " + anonymous);
    var form = employer2.postRaw("/booths/" + demoBooth + "/manage/translations", FORM, form(Map.of("language", "en", "headline", "Taken over")));
    assertEquals(403, form.status());
    assertEquals(before, translations());
    assertEquals(0, app.count("select count(*) from booth_translation where headline = 'Taken over'"));
  }

  @Test
  void invalidInputIsRefusedWithAClearMessageAndNothingIsWritten() {
    long[] ids = newBooth("Übersetzungen prüfen");
    long booth = ids[0];
    long vacancy = ids[1];
    long before = translations();
    String b = "/api/booths/" + booth + "/translations";
    String v = "/api/vacancies/" + vacancy + "/translations";
    assertBad(employer.post(b, new JsonObject().put("lang", "fr").put("headline", "Bonjour")), "text_language", "lang");
    assertBad(employer.post(b, new JsonObject().put("headline", "Hello")), "text_language", "lang");
    assertBad(employer.post(b, new JsonObject().put("lang", "en").put("headline", " ")), "translation_empty");
    assertBad(employer.post(b, new JsonObject().put("lang", "de").put("headline", "Hallo")), "translation_is_original", "lang");
    assertBad(employer.post(b, new JsonObject().put("lang", "en").put("headline", "x".repeat(201))), "booth_headline");
    assertBad(employer.post(v, new JsonObject().put("lang", "en").put("title", "")), "vacancy_title", "title");
    assertBad(employer.post(v, new JsonObject().put("lang", "en")), "vacancy_title", "title");
    assertBad(employer.post(v, new JsonObject().put("lang", "xx").put("title", "Cook")), "text_language", "lang");
    assertBad(employer.put("/api/booths/" + booth, new JsonObject().put("lang", "klingon")), "text_language", "lang");
    // In the reader's language (an organiser runs the booth too; ?lang= chooses the language of the answer).
    TestClient english = app.client().signedIn("organizer@demo.test");
    var message = english.post(v + "?lang=en", new JsonObject().put("lang", "en").put("title", " "));
    assertEquals("Please give the job title (at most 200 characters).", message.json().getString("message"), message.body());
    var fr = english.post(b + "?lang=en", new JsonObject().put("lang", "fr").put("headline", "Bonjour"));
    assertTrue(fr.json().getString("message").startsWith("Please choose one of the languages"), fr.body());
    english.get("/api/me?lang=de");
    assertEquals(before, translations());
    assertEquals(1, app.count("select count(*) from booth where id = " + booth + " and lang = 'de'"));
  }

  @Test
  void theDatabaseHoldsTheRulesWhateverTheApplicationDoes() throws SQLException {
    long[] ids = newBooth("Übersetzungen in der Datenbank");
    long booth = ids[0];
    assertThrows(SQLException.class, () -> exec("insert into booth_translation (booth_id, lang, headline) values (" + booth + ", 'de', 'Hallo')"),
        "never into the original language");
    assertThrows(SQLException.class, () -> exec("insert into booth_translation (booth_id, lang) values (" + booth + ", 'en')"),
        "a translation says something");
    assertThrows(SQLException.class, () -> exec("insert into booth_translation (booth_id, lang, headline) values (" + booth + ", 'fr', 'Salut')"));
    assertThrows(SQLException.class, () -> exec("insert into vacancy_translation (vacancy_id, lang, title) values (" + ids[1] + ", 'en', ' ')"));
    exec("insert into booth_translation (booth_id, lang, headline) values (" + booth + ", 'en', 'Hello')");
    assertThrows(SQLException.class, () -> exec("update booth set lang = 'en' where id = " + booth),
        "the original cannot become a language there is a translation into");
    assertEquals(1, app.count("select count(*) from booth where id = " + booth + " and lang = 'de'"));
  }

  // --- the manage page ---

  @Test
  void theManagePageAddsEditsAndRemovesTranslationsWithoutChangingTheEmployersOwnLanguage() {
    long[] ids = newBooth("Übersetzungen am Telefon");
    long booth = ids[0];
    long vacancy = ids[1];
    String page = employer.get("/booths/" + booth + "/manage").body();
    assertTrue(page.contains("<section class=\"panel\" id=\"translations\">"));
    assertTrue(page.contains("<option value=\"tr\" lang=\"tr\">Türkçe</option>"), "languages by their own names");
    assertTrue(page.contains("<option value=\"de\" lang=\"de\" selected>Deutsch</option>"), "the original language, chosen");

    var saved = employer.postRaw("/booths/" + booth + "/manage/translations", FORM,
        form(Map.of("language", "en", "headline", "We are looking for you", "description", "", "companyDescription", "")));
    assertEquals(303, saved.status(), saved.body());
    assertEquals("/booths/" + booth + "/manage?done=translationSaved#translations", saved.header("location"));
    assertEquals(1, app.count("select count(*) from booth_translation where booth_id = " + booth + " and lang = 'en' and headline = 'We are looking for you'"));
    String after = employer.get(saved.header("location")).body();
    assertTrue(after.contains("<html lang=\"de\""), "the form's language is the texts', not the employer's page language");
    assertEquals("de", employer.get("/api/me").json().getString("language"));
    assertTrue(after.contains("Die Übersetzung wurde gespeichert."));
    assertTrue(after.contains("lang=\"en\" dir=\"ltr\" value=\"We are looking for you\""), "the translation's own form, in English");
    assertTrue(after.contains("<label for=\"bt-en-headline\">Überschrift</label>"), "its labels in the page's language");
    java.util.Set<String> elements = new java.util.HashSet<>();
    var m = java.util.regex.Pattern.compile(" id=\"([^\"]+)\"").matcher(after);
    while (m.find()) assertTrue(elements.add(m.group(1)), "one element per id: " + m.group(1));
    var f = java.util.regex.Pattern.compile(" for=\"([^\"]+)\"").matcher(after);
    while (f.find()) assertTrue(elements.contains(f.group(1)), "every label names its field: " + f.group(1));
    String newForm = after.substring(after.indexOf("id=\"translation-new\""));
    newForm = newForm.substring(0, newForm.indexOf("</form>"));
    assertFalse(newForm.contains("value=\"en\""), "a new translation is into another language than those there are");
    assertFalse(newForm.contains("value=\"de\""), "and than the original");
    assertTrue(newForm.contains("<option value=\"ar\" lang=\"ar\">العربية</option>"));

    var vt = employer.postRaw("/booths/" + booth + "/manage/vacancies/" + vacancy + "/translations", FORM,
        form(Map.of("language", "en", "title", "Ski instructor", "workplace", "")));
    assertEquals(303, vt.status(), vt.body());
    assertEquals("/booths/" + booth + "/manage?done=translationSaved#vacancy-" + vacancy, vt.header("location"));
    assertEquals(1, app.count("select count(*) from vacancy_translation where vacancy_id = " + vacancy + " and title = 'Ski instructor' and workplace is null"));
    assertTrue(employer.get(vt.header("location")).body().contains("<label for=\"vt" + vacancy + "-en-title\">Bezeichnung der Stelle</label>"));

    long before = translations();
    var noTitle = employer.postRaw("/booths/" + booth + "/manage/vacancies/" + vacancy + "/translations", FORM,
        form(Map.of("language", "tr", "title", " ", "description", "Çocuklar için kurslar")));
    assertEquals(400, noTitle.status());
    assertTrue(noTitle.body().contains("Bitte geben Sie die Bezeichnung der Stelle an (höchstens 200 Zeichen)."), noTitle.body());
    assertTrue(noTitle.body().contains("Çocuklar için kurslar"), "what was typed stays");
    assertTrue(noTitle.body().contains("<option value=\"tr\" lang=\"tr\" selected>Türkçe</option>"));
    var unknown = employer.postRaw("/booths/" + booth + "/manage/translations", FORM, form(Map.of("language", "fr", "headline", "Salut")));
    assertEquals(400, unknown.status());
    assertTrue(unknown.body().contains("Bitte wählen Sie eine der Sprachen"), unknown.body());
    assertEquals(before, translations());

    var original = employer.postRaw("/booths/" + booth + "/manage/booth", FORM,
        form(Map.of("headline", "Wir suchen Sie", "language", "en")));
    assertEquals(409, original.status(), "English is taken by a translation");
    assertTrue(original.body().contains("Es gibt eine Übersetzung in diese Sprache."));
    var turkish = employer.postRaw("/booths/" + booth + "/manage/booth", FORM, form(Map.of("headline", "Sizi arıyoruz", "language", "tr")));
    assertEquals(303, turkish.status(), turkish.body());
    assertEquals(1, app.count("select count(*) from booth where id = " + booth + " and lang = 'tr' and headline = 'Sizi arıyoruz'"));

    var removed = employer.postRaw("/booths/" + booth + "/manage/translations/en/delete", FORM, "");
    assertEquals(303, removed.status(), removed.body());
    assertEquals(0, app.count("select count(*) from booth_translation where booth_id = " + booth));
    var removedV = employer.postRaw("/booths/" + booth + "/manage/vacancies/" + vacancy + "/translations/en/delete", FORM, "");
    assertEquals(303, removedV.status(), removedV.body());
    assertEquals(0, app.count("select count(*) from vacancy_translation where vacancy_id = " + vacancy));
  }
}
