package at.jobfair.browser;

import at.jobfair.support.Browsers;
import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People's rights over their data in the browser. Erasure on the demo's decided case (Dora): she reads and downloads everything held about her,
 * asks for erasure; an organiser carries it out. Afterwards she cannot sign in, her name and email are in no table
 * but the case records under retention (which stay), and the audit trail still verifies. Screenshots of both pages at
 * 390 and 1366 px in German and English land in target/screenshots/rights. A correction goes from Mina to her
 * caseworker and back; the privacy notice leads to it all.
 */
class RightsBrowserTest extends BrowserTestSupport {

  private static final Path SHOTS = Path.of("target", "screenshots", "rights");
  /** Case records the law makes the service keep until retention removes them: they may still name the person. */
  private static final Set<String> RETAINED = Set.of("cascade_step", "hearing_record", "hearing_item", "reasons_answer",
      "reasons_step", "reasons_evidence", "letter", "sick_note", "attendance", "worklist_item");

  @Test
  void thePersonAsksForErasureAnOrganiserCarriesItOutAndOnlyTheRetainedCaseRecordsRemain() throws Exception {
    Files.createDirectories(SHOTS);
    long dora = new Fixtures(app).accountId("dora@demo.test");
    long cascades = app.count("select count(*) from cascade where jobseeker_id = " + dora);
    long steps = app.count("select count(*) from cascade_step s join cascade c on c.id = s.cascade_id where c.jobseeker_id = " + dora);
    long letters = app.count("select count(*) from letter where jobseeker_id = " + dora);
    assertTrue(cascades >= 1 && steps >= 3 && letters >= 1, "the demo's decided case");

    try (BrowserContext person = Browsers.context(browser); BrowserContext staff = Browsers.context(browser)) {
      Page page = signedIn(person, "dora@demo.test", "demo");
      for (String lang : new String[] {"de", "en"}) {
        for (int width : new int[] {390, 1366}) {
          page.setViewportSize(width, width == 390 ? 844 : 900);
          page.navigate(app.baseUrl() + "/me/data?lang=" + lang);
          assertThat(page.locator("h1")).hasText(lang.equals("de") ? "Meine Daten" : "My data");
          assertThat(page.locator("#data-letters a[download]").first()).isVisible();
          page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("me-data-" + lang + "-" + width + ".png")).setFullPage(true));
          // the long page in parts a person can read: its top, the case and the request forms
          page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("me-data-" + lang + "-" + width + "-top.png")));
          page.locator("#data-cascade").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
              .setPath(SHOTS.resolve("me-data-" + lang + "-" + width + "-cascade.png")));
          page.locator("#requests").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
              .setPath(SHOTS.resolve("me-data-" + lang + "-" + width + "-requests.png")));
          assertEquals(0L, ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue(),
              "nothing wider than the window at " + width);
        }
      }
      page.navigate(app.baseUrl() + "/me/data?lang=de");
      Download file = page.waitForDownload(() -> page.locator("a[href='/api/me/data']").click());
      JsonObject export = new JsonObject(Files.readString(file.path()));
      assertEquals("dora@demo.test", export.getJsonObject("sections").getJsonArray("account").getJsonObject(0).getString("email"));

      page.locator("#erasure-text").fill("Ich brauche die Plattform nicht mehr.");
      page.locator("#erasure-form button").click();
      assertThat(page.locator("p.notice")).hasText("Ihr Antrag auf Löschung ist eingegangen.");
      assertThat(page.locator("article.rights-request[data-kind=ERASURE]")).containsText("offen");

      Page organiser = signedIn(staff, "organizer@demo.test", "demo");
      for (String lang : new String[] {"de", "en"}) {
        for (int width : new int[] {390, 1366}) {
          organiser.setViewportSize(width, width == 390 ? 844 : 900);
          organiser.navigate(app.baseUrl() + "/staff/rights-requests?lang=" + lang);
          assertThat(organiser.locator("article.rights-item[data-kind=ERASURE]").filter(new com.microsoft.playwright.Locator.FilterOptions()
              .setHasText("Dora Berisha"))).containsText(lang.equals("de") ? "Zu erledigen bis" : "Due by");
          organiser.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("staff-requests-" + lang + "-" + width + ".png")).setFullPage(true));
        }
      }
      organiser.navigate(app.baseUrl() + "/staff/rights-requests?lang=de");
      var item = organiser.locator("article.rights-item[data-kind=ERASURE]").filter(new com.microsoft.playwright.Locator.FilterOptions()
          .setHasText("Dora Berisha"));
      item.locator("textarea").fill("Ihre Daten sind gelöscht; die Akte Ihres Falls bleibt bis zum Ende der Frist.");
      item.locator("button[value=DONE]").click();
      assertThat(organiser.locator("p.notice")).hasText("Der Antrag ist abgeschlossen.");
      assertThat(organiser.locator("body")).not().containsText("Dora Berisha");

      // Checked before anyone tries her old address below (a failed sign-in is recorded by address for the throttle).
      List<String> found = wherever("Dora Berisha", "dora@demo.test");
      assertEquals(List.of(), found, "her name or email outside the retained case records");

      // Her open session is over, and she cannot sign in again.
      page.navigate(app.baseUrl() + "/me/data");
      assertTrue(page.url().contains("/signin") || page.content().contains("Bitte melden Sie sich zuerst an."), page.url());
      Page again = person.newPage();
      again.navigate(app.baseUrl() + "/signin");
      again.getByLabel("E-Mail-Adresse").fill("dora@demo.test");
      again.getByLabel("Passwort").fill("demo");
      again.locator("form.stack button").click();
      again.waitForLoadState();
      assertTrue(again.url().contains("/signin"), "still on the sign-in page: " + again.url());
    }
    int status = app.client().signIn("dora@demo.test", "demo").status();
    assertTrue(status >= 400 && status < 500, "no sign-in with the old address: " + status);

    assertEquals(cascades, app.count("select count(*) from cascade where jobseeker_id = " + dora), "the case stays");
    assertEquals(steps, app.count("select count(*) from cascade_step s join cascade c on c.id = s.cascade_id where c.jobseeker_id = " + dora));
    assertEquals(letters, app.count("select count(*) from letter where jobseeker_id = " + dora), "her letters stay");
    assertEquals(1, app.count("select count(*) from account where id = " + dora + " and not active and erased_at is not null and password_hash is null"));
    assertEquals(1, app.count("select count(*) from audit_log where event = 'ERASE' and reasons like 'account " + dora + ";%'"));
    JsonObject verified = app.as("organizer@demo.test").get("/api/audit/verify").json();
    assertTrue(verified.getBoolean("ok"), verified.encode());
    assertTrue(verified.getLong("records") > 0);
  }

  @Test
  void aCorrectionAskedOnMyDataIsAnsweredByTheCaseworkerAndThePersonReadsTheReply() {
    try (BrowserContext person = Browsers.context(browser); BrowserContext staff = Browsers.context(browser)) {
      Page page = signedIn(person, "seeker2@demo.test", "demo");
      page.navigate(app.baseUrl() + "/me/data?lang=en");
      page.locator("#correction-text").fill("My region is Niederösterreich, not Wien.");
      page.locator("#correction-form button").click();
      assertThat(page.locator("p.notice")).hasText("Your request for a correction has been received.");
      assertThat(page.locator("#correction-form")).hasCount(0);

      Page sfa = signedIn(staff, "sfa@demo.test", "demo");
      sfa.navigate(app.baseUrl() + "/staff/rights-requests");
      var item = sfa.locator("article.rights-item[data-kind=CORRECTION]").filter(new com.microsoft.playwright.Locator.FilterOptions()
          .setHasText("My region is Niederösterreich"));
      assertThat(item.locator("a[href^='/staff/jobseekers/']")).hasText("Kundendaten öffnen");
      item.locator("textarea").fill("Die Region ist jetzt Niederösterreich.");
      item.locator("button[value=DONE]").click();
      assertThat(sfa.locator("p.notice")).hasText("Der Antrag ist abgeschlossen.");

      page.navigate(app.baseUrl() + "/me/data?lang=en");
      var mine = page.locator("article.rights-request[data-kind=CORRECTION]");
      assertThat(mine).containsText("done");
      assertThat(mine.locator("p.reply")).containsText("Die Region ist jetzt Niederösterreich.");
      assertThat(page.locator("#correction-form")).hasCount(1);
    }
  }

  @Test
  void thePrivacyNoticeSaysWhatIsKeptAndForHowLongAndLeadsToMyData() throws Exception {
    Files.createDirectories(SHOTS);
    try (BrowserContext person = Browsers.context(browser)) {
      Page page = signedIn(person, "seeker@demo.test", "demo");
      for (String lang : new String[] {"de", "en"}) {
        for (int width : new int[] {390, 1366}) {
          page.setViewportSize(width, width == 390 ? 844 : 900);
          page.navigate(app.baseUrl() + "/privacy?lang=" + lang);
          assertThat(page.locator("table.periods")).containsText(lang.equals("de") ? "innerhalb von 30 Tagen" : "within 30 days");
          assertThat(page.locator("article a[href='/me/data']")).isVisible();
          page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("privacy-" + lang + "-" + width + ".png")).setFullPage(true));
          page.navigate(app.baseUrl() + "/?lang=" + lang);
          assertThat(page.locator("main a[href='/me/data']")).hasText(lang.equals("de") ? "Meine Daten" : "My data");
          page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("home-" + lang + "-" + width + ".png")));
        }
      }
    }
  }

  /** Every table and column (text, JSON, arrays, bytes) outside {@link #RETAINED} that still holds one of the words. */
  private static List<String> wherever(String... words) throws Exception {
    List<String> hits = new ArrayList<>();
    try (Connection c = app.jdbc()) {
      List<String[]> columns = new ArrayList<>();
      try (var st = c.createStatement(); ResultSet rs = st.executeQuery("""
          select c.table_name, c.column_name, c.data_type from information_schema.columns c
            join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema and t.table_type = 'BASE TABLE'
           where c.table_schema = 'public' and (c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')
                 or c.udt_name = 'citext')""")) {
        while (rs.next()) columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
      for (String[] col : columns) {
        if (RETAINED.contains(col[0])) continue;
        for (String w : words) {
          String where = col[2].equals("bytea") ? "position(convert_to(?, 'UTF8') in \"" + col[1] + "\") > 0"
              : "\"" + col[1] + "\"::text ilike '%' || ? || '%'";
          try (var p = c.prepareStatement("select count(*) from \"" + col[0] + "\" where " + where)) {
            p.setString(1, w);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              if (rs.getLong(1) > 0) hits.add(col[0] + "." + col[1] + " holds " + w);
            }
          }
        }
      }
    }
    return hits;
  }
}
