package at.jobfair.letter;

import at.jobfair.support.TestApp;
import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static at.jobfair.letter.LetterCases.await;
import static at.jobfair.letter.LetterCases.pdfText;
import static at.jobfair.letter.LetterPdfTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Letters to people of every language of the interface, through the running product: kept with the languages they are
 * in (the person's first, German always), and the database admits no other combination (V33).
 */
class LetterLanguagesTest {

  static TestApp app;
  static LetterCases cases;
  static final Messages MESSAGES = new Messages();

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("attendance.pollSeconds", 3600));
    cases = new LetterCases(app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aPersonOfEachLanguageGetsTheLetterInItWithTheGermanTextAndTheLetterKeepsBoth() throws Exception {
    Letters letters = app.app().services().cases().letters();
    Map<String, String> names = Map.of("tr", "Ayşe Yılmaz", "uk", "Олена Шевченко", "ar", "سارة", "bs", "Đorđe Čolić-Šćekić Žunić",
        "de-simple", "Mia Huber", "en", "Alex Berger", "de", "Anna Gruber");
    for (Lang lang : Lang.values()) {
      long person = cases.someone();
      String name = names.get(lang.code());
      cases.data.fx().exec("update account set language = ?, name = ? where id = ?", lang.code(), name, person);
      String ref = "example:" + (800 + lang.ordinal());
      LetterRequest r = new LetterRequest(LetterKind.CASE_OPENED, null, LetterRequest.Case.of(person, ref),
          new LetterRequest.Content(letters.basis("AT_ALVG_10", 1).orElseThrow(), "Jobmesse Gastronomie", null, null), null, Instant.now());
      long id = await(app.app().pool().withTransaction(tx -> letters.issue(tx, r)));
      String expected = lang == Lang.DE ? "{de}" : "{" + lang.code() + ",de}";
      assertEquals(expected, cases.text("select languages::text from letter where id = " + id), lang.code());

      byte[] pdf = bytes("select pdf from letter where id = " + id);
      String text = read(pdfText(pdf));
      assertTrue(text.contains(read(name)), lang + ": " + text);
      assertTrue(text.contains(MESSAGES.get(Lang.DE, "letter.kind.CASE_OPENED.subject")), lang + ": " + text);
      LetterPdfTest.assertReads(text, MESSAGES.get(lang, "letter.kind.CASE_OPENED.subject"), lang);
      if (lang != Lang.DE) {
        String heading = MESSAGES.get(lang, lang == Lang.DE_SIMPLE ? "letter.plainVersion" : "letter.translation");
        int own = text.indexOf(read(heading));
        int german = text.indexOf("Deutsche Fassung (rechtsverbindlich)");
        assertTrue(own >= 0 && german > own && text.substring(german).contains("Nur der deutsche Text ist rechtsverbindlich."),
            lang + ": their text, then the binding German one: " + text);
      }
    }
  }

  @Test
  void theDatabaseKeepsOnlyGermanAloneOrThePersonsLanguageFollowedByGerman() {
    long person = cases.someone();
    long outbox = app.count("select id from mail_outbox order by id limit 1");
    String insert = "insert into letter (kind, jobseeker_id, case_ref, reference, languages, pdf, sha256, outbox_id, audit_seq) "
        + "values ('CASE_OPENED', ?, 'example:900', ?, ?::text[], '\\x25504446'::bytea, encode(sha256('\\x25504446'::bytea), 'hex'), ?, ?)";
    long seq = -100;
    for (String ok : List.of("{de}", "{en,de}", "{tr,de}", "{bs,de}", "{ar,de}", "{uk,de}", "{de-simple,de}")) {
      assertEquals(null, cases.data.sqlError(insert, person, "L-" + ok, ok, outbox, seq--), ok);
    }
    for (String refused : List.of("{de,tr}", "{tr}", "{tr,en}", "{tr,de,en}", "{de,de}", "{fr,de}", "{}", "[0:1]={tr,de}", "{tr,NULL}")) {
      String error = cases.data.sqlError(insert, person, "L-" + refused, refused, outbox, seq--);
      assertTrue(error != null && error.startsWith("23514") && error.contains("letter_languages"), refused + ": " + error);
    }
  }

  static byte[] bytes(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getBytes(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
