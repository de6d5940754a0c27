package at.jobfair.browser;

import at.jobfair.demo.DemoData;
import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.TestApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every demo login works in a real browser; an organiser manages accounts there, in German and English. */
class SignInBrowserTest extends BrowserTestSupport {


  @Test
  void everyDemoLoginSignsInAndOut() {
    for (String email : DemoData.LOGINS.keySet()) {
      try (BrowserContext context = Browsers.context(browser)) {
        Page page = context.newPage();
        page.navigate(app.baseUrl() + "/");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
            new Page.GetByRoleOptions().setName("Anmelden")).first().click();
        page.getByLabel("E-Mail-Adresse").fill(email);
        page.getByLabel("Passwort").fill(DemoData.PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden")).click();
        // Each person reads the page in the language of their account (seeker2 and dora chose English; another test
        // of this class may have chosen English from the menu for the organiser, which the account keeps).
        boolean english = "en".equals(accountLanguage(email));
        assertThat(page.locator("h1")).hasText(english ? "Welcome to the job fair" : "Willkommen bei der Jobbörse");
        assertThat(page.locator(".lead")).containsText(english ? "Hello" : "Hallo");
        assertThat(page.locator("header .who")).not().isEmpty();
        page.locator("form[action='/signout'] button").click();
        assertThat(page.locator("header a[href='/signin']")).isVisible();
      }
    }
  }

  private static String accountLanguage(String email) {
    try (var c = app.jdbc(); var st = c.prepareStatement("select language from account where email = ?")) {
      st.setString(1, email);
      var rs = st.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onAPhoneASignedInPersonsLinksFoldIntoAMenuAndNothingIsWiderThanTheScreen() throws Exception {
    Path shots = Path.of("target", "screenshots", "header");
    Files.createDirectories(shots);
    for (int width : new int[] {320, 390, 1366}) {
      try (BrowserContext context = Browsers.context(browser)) {
        Page page = signedIn(context, "seeker@demo.test", DemoData.PASSWORD);
        page.setViewportSize(width, width < 500 ? 844 : 900);
        // English first: the choice is kept in the account, so the walk ends in the account's German again.
        for (String lang : new String[] {"en", "de"}) {
          page.navigate(app.baseUrl() + "/?lang=" + lang);
          var toggle = page.locator("header .menu-toggle");
          var appointments = page.locator("header nav a[href='/me/appointments']");
          if (width < 500) {
            double header = ((Number) page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")).doubleValue();
            assertTrue(header < 90, "one row on a phone, was " + header + " px");
            assertThat(appointments).isHidden();
            toggle.click();
            assertThat(toggle).hasAttribute("aria-expanded", "true");
            assertThat(appointments).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("menu-" + lang + "-" + width + ".png")));
            toggle.click();
            assertThat(appointments).isHidden();
          } else {
            assertThat(toggle).isHidden();
            assertThat(appointments).isVisible();
          }
          assertEquals(0L, ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue(),
              "nothing wider than the window at " + width);
        }
      }
    }
  }

  @Test
  void aWrongPasswordIsExplainedOnThePage() {
    try (BrowserContext context = Browsers.context(browser)) {
      Page page = context.newPage();
      page.navigate(app.baseUrl() + "/signin?lang=en");
      page.getByLabel("Email address").fill("sfu@demo.test");
      page.getByLabel("Password").fill("wrong");
      page.locator("form.stack button").click();
      assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).hasText("Email address or password is wrong.");
      assertThat(page.getByLabel("Email address")).hasValue("sfu@demo.test");
    }
  }

  @Test
  void theOrganiserCreatesAnAccountAndImportsAFileInTheBrowser(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    try (BrowserContext context = Browsers.context(browser)) {
      Page page = context.newPage();
      page.navigate(app.baseUrl() + "/admin/users");
      page.getByLabel("E-Mail-Adresse").fill("organizer@demo.test");
      page.getByLabel("Passwort").fill("demo");
      page.locator("form.stack button").click();
      assertThat(page.locator("h1")).hasText("Konten verwalten");

      page.locator("#u-email").fill("neu.sfa@example.org");
      page.locator("#u-name").fill("Neue Beraterin");
      page.locator("#u-password").fill("Passwort-123");
      page.locator("input[name=roles][value=SFA]").check();
      page.locator("form[action='/admin/users'] button").click();
      assertThat(page.locator(".notice")).hasText("Das Konto neu.sfa@example.org wurde angelegt.");
      assertThat(page.locator("table")).containsText("Neue Beraterin");

      Path bad = dir.resolve("bad.csv");
      Files.writeString(bad, "email;name\nok@example.org;Ok\nkaputt;Fehler\n", StandardCharsets.UTF_8);
      page.locator("#u-file").setInputFiles(bad);
      page.locator("form[action='/admin/users/import'] button").click();
      assertThat(page.locator(".error")).containsText("Zeile 3: „kaputt“ ist keine gültige E-Mail-Adresse.");
      assertEquals(0, app.count("select count(*) from account where email = 'ok@example.org'"));

      Path good = dir.resolve("good.csv");
      Files.writeString(good, "\uFEFFemail;name;region\nok@example.org;Ok Person;Wien\nok2@example.org;Zweite Person;Graz\n", StandardCharsets.UTF_8);
      page.locator("#u-file").setInputFiles(good);
      page.locator("form[action='/admin/users/import'] button").click();
      assertThat(page.locator(".notice")).hasText("2 Arbeitssuchende wurden übernommen.");

      page.navigate(app.baseUrl() + "/admin/users?lang=en");
      assertThat(page.locator("h1")).hasText("Manage accounts");
      assertThat(page.locator("table")).containsText("Zweite Person");
    }
  }
}
