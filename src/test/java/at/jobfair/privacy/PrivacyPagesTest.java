package at.jobfair.privacy;

import at.jobfair.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy notice says who is responsible and the periods this installation keeps data for, linked from every page. */
class PrivacyPagesTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("retention.sickNoteDays", 321, "retention.caseEvidenceDays", 1234, "jurisdiction", "DE"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void theNoticeNamesTheAuthorityAndTheConfiguredPeriodsInTheReadersLanguage() {
    var de = app.client().get("/privacy");
    assertEquals(200, de.status());
    assertTrue(de.body().contains("Jobcenter / Agentur für Arbeit"), "the DE authority");
    assertTrue(de.body().contains("321 Tage") && de.body().contains("1234 Tage"), "the configured periods");
    var en = app.client().get("/privacy?lang=en");
    assertTrue(en.body().contains("321 days") && en.body().contains("Your rights"), en.body());
    assertTrue(app.client().get("/").body().contains("href=\"/privacy\""), "linked from every page's footer");
  }
}
