package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In a real browser (issue 16): an organiser's open reports page shows a new chat report without a reload; another
 * organiser marks it handled and it leaves the first one's open list (into "handled recently") without a reload, while
 * what the first one is typing into another report's note stays; the sign-ups page and a fair's admin page show a new
 * sign-up and a new application to exhibit without a reload.
 */
class OrganiserLiveBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long booth;

  /** A person writes to the booth, the booth answers, the person reports the answer: the report's id. */
  static long report(String prefix, String answer) {
    TestClient person = app.client();
    assertEquals(200, person.signIn(fx.jobseekers(prefix, 1).get(0), Fixtures.PASSWORD).status());
    long conv = person.post("/api/booths/" + booth + "/chat/messages", new JsonObject().put("text", "Guten Tag")).json().getLong("conversation");
    long message = app.as("employer@demo.test").post("/api/chats/" + conv + "/messages", new JsonObject().put("text", answer)).json().getLong("id");
    assertEquals(200, person.post("/api/chat-messages/" + message + "/report", new JsonObject().put("reason", "unangemessen")).status());
    return app.count("select id from chat_report where message_id = " + message);
  }

  static Page live(BrowserContext context, String email, String password, String path) {
    Page page = signedIn(context, email, password);
    page.navigate(app.baseUrl() + path);
    page.waitForFunction("() => document.body.dataset.liveReady === 'true'");
    return page;
  }

  @Test
  void aNewReportAppearsLiveAndMarkingItHandledUpdatesAnotherOrganisersPage() {
    fx = new Fixtures(app);
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    booth = fx.booth(fx.fair("Live-Meldungen", true, 0), hotel);
    String colleague = fx.jobseekers("orga-live", 1).get(0);
    fx.exec("update account_role set role = 'ORGANIZER' where account_id = ?", fx.accountId(colleague));
    long first = report("live-report-a", "Melden Sie sich privat bei mir.");

    try (BrowserContext a = Browsers.context(browser); BrowserContext b = FairPagesBrowserTest.phone(390, 844)) {
      Page lena = live(a, "organizer@demo.test", "demo", "/admin/chat-reports");
      Page other = live(b, colleague, Fixtures.PASSWORD, "/admin/chat-reports");
      assertThat(lena.locator("#report-" + first)).containsText("Melden Sie sich privat bei mir.");

      // Lena starts a note on the first report; a new report arrives: it shows up, her note stays
      lena.locator("#outcome-" + first).fill("Ich rufe den Stand an");
      long second = report("live-report-b", "Das war eine dumme Frage.");
      assertThat(lena.locator("#report-" + second)).containsText("Das war eine dumme Frage.");
      assertThat(other.locator("#report-" + second)).isVisible();
      assertThat(lena.locator("#outcome-" + first)).hasValue("Ich rufe den Stand an");

      // the colleague marks the second one handled: it leaves Lena's open list and shows among those handled
      other.locator("#outcome-" + second).fill("Stand verwarnt");
      other.locator("#handle-" + second).click();
      assertThat(other.locator("[role=status]")).containsText("erledigt");
      assertThat(lena.locator("#report-" + second)).hasCount(0);
      assertThat(lena.locator("#handled-reports")).containsText("Stand verwarnt");
      assertThat(lena.locator("#open-reports-count")).hasText(String.valueOf(app.count("select count(*) from chat_report where handled_at is null")));

      // Lena, late, tries the same one on a page she has not reloaded? Her page no longer offers it; the API says 409
      assertEquals(409, app.as("organizer@demo.test").post("/api/chat-reports/" + second + "/handled",
          new JsonObject().put("outcome", "auch")).status());
      lena.locator("#handle-" + first).click();
      assertThat(lena.locator("#report-" + first)).hasCount(0);
      assertThat(other.locator("#report-" + first)).hasCount(0);
      assertThat(other.locator("#handled-reports")).containsText("Ich rufe den Stand an");
    }
  }

  @Test
  void aNewSignUpAndANewApplicationAppearLiveOnTheOrganisersPages() {
    fx = new Fixtures(app);
    long fair = fx.fair("Live-Bewerbungen", true, 60);
    try (BrowserContext a = Browsers.context(browser); BrowserContext b = Browsers.context(browser)) {
      Page signups = live(a, "organizer@demo.test", "demo", "/admin/employer-signups");
      Page fairPage = live(b, "organizer@demo.test", "demo", "/admin/fairs/" + fair);

      JsonObject signup = new JsonObject().put("company", "Tischlerei Live").put("address", "Holzgasse 2, 1100 Wien").put("region", "Wien")
          .put("phone", "+43 1 999").put("name", "Tom Live").put("email", "tom@tischlerei-live.example");
      assertEquals(202, app.client().post("/api/employer-signups", signup).status());
      // Organisers see an application once its address is confirmed (by the mailed link, which this test has no mailbox
      // for: the confirmation is written as the link's page writes it), and then at once.
      fx.exec("update employer_signup set email_confirmed_at = now() where employer_id = (select employer_id from account where email = ?)",
          "tom@tischlerei-live.example");
      assertThat(signups.locator("#pending-signups")).containsText("Tischlerei Live");

      assertEquals(201, app.as("employer2@demo.test").post("/api/fairs/" + fair + "/exhibitor-applications", new JsonObject()).status());
      assertThat(fairPage.locator("#applications")).containsText("Gasthof Donaublick");
    }
  }
}
