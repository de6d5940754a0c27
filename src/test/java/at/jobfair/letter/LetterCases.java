package at.jobfair.letter;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.util.concurrent.TimeUnit;

import static at.jobfair.cascade.CascadeTestData.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the letter tests share: people whose cascades reached a proposed sanction, reading PDFs and waiting. */
final class LetterCases {

  /** A case: the person and their cascade. */
  record Case(long person, long id) {
  }

  final TestApp app;
  final CascadeTestData data;
  final long hotel;
  final long sfa;

  LetterCases(TestApp app) {
    this.app = app;
    this.data = new CascadeTestData(app);
    this.hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    this.sfa = data.fx().accountId("sfa@demo.test");
  }

  /**
   * A new binding person (reading {@code language}) whose cascade was taken to a proposed sanction: both offers declined,
   * statement and finding by another SfA; their caseworker is sfa@demo.test.
   */
  Case proposed(String language) {
    long fair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(fair, hotel, "Koch / Köchin");
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    data.fx().exec("update account set language = ? where id = ?", language, person);
    JsonObject c = data.declineBoth(fair, vacancy, person);
    assertEquals("SANCTION_CHECK", c.getString("station"), c.encode());
    TestClient checker = data.as(data.staff("sfa-check", "SFA"));
    long id = c.getLong("id");
    data.next(checker, data.stations(checker, fair).getLong("SANCTION_CHECK"));
    data.event(checker, id, ev("STATEMENT").put("reasons", "Die Küche ist mir zu heiß."));
    c = data.event(checker, id, ev("FINDING").put("finding", "NOT_JUSTIFIED").put("reasons", "Kein wichtiger Grund."));
    assertEquals("SANCTION_PROPOSED", c.getString("state"));
    return new Case(person, id);
  }

  /** A jobseeker of their own, with nothing else. */
  long someone() {
    return data.fx().accountId(data.fx().jobseekers("someone" + System.nanoTime(), 1).get(0));
  }

  String text(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  static String pdfText(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable assertFails(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("succeeded");
  }
}
