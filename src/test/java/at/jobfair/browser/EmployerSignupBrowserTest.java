package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a real browser (issue 16): an employer applies for an account on the public page, confirms the address by the
 * mailed link and sets its password there, cannot sign in until an organiser approves it on the admin page (where it
 * shows only once confirmed), then applies to exhibit at a fair with one click,
 * the organiser approves on the admin fair page, and the representative builds the booth.
 */
class EmployerSignupBrowserTest extends BrowserTestSupport {

  static String mailed(String to, String kind) {
    try (var c = app.jdbc(); var st = c.prepareStatement("select body_text from mail_outbox where to_address = ? and kind = ? order by id desc limit 1")) {
      st.setString(1, to);
      st.setString(2, kind);
      try (var rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/screenshots/" + name + ".png")));
  }

  @Test
  void anEmployerSignsUpIsApprovedAndBuildsABooth() {
    String email = "lea@radwerkstatt.example";
    long fair = new Fixtures(app).fair("Frühjahrsbörse Handwerk", true, 60);
    try (BrowserContext context = FairPagesBrowserTest.phone(390, 844)) {
      Page page = context.newPage();
      page.navigate(app.baseUrl() + "/");
      page.locator("#employer-signup-link").click();
      assertThat(page.locator("h1")).hasText("Unternehmenskonto beantragen");
      page.locator("#signup-company").fill("Radwerkstatt Lea");
      page.locator("#signup-address").fill("Radgasse 5, 1070 Wien");
      page.locator("#signup-region").fill("Wien");
      page.locator("#signup-name").fill("Lea Rad");
      page.locator("#signup-email").fill(email);
      shot(page, "employer-signup-390");
      assertEquals(390.0, ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue(), 0.5, "no sideways scrolling");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Antrag senden")).click();
      assertThat(page.locator("h1")).hasText("Bitte bestätigen Sie Ihre E-Mail-Adresse");

      Matcher link = Pattern.compile("(/employers/signup/confirm/[A-Za-z0-9_-]{43})").matcher(mailed(email, "SIGNUP_CONFIRM"));
      assertTrue(link.find());
      // unconfirmed, the organisers do not see it yet
      assertTrue(!app.client().signedIn("organizer@demo.test").get("/admin/employer-signups").body().contains("Radwerkstatt Lea"));
      // the link asks for the password the representative will sign in with
      page.navigate(app.baseUrl() + link.group(1));
      page.locator("#confirm-password").fill("speichen123");
      shot(page, "employer-signup-confirm-390");
      page.locator("#confirm-signup").click();
      assertThat(page.locator("#signup-confirmed")).isVisible();

      // before the approval: a clear word on the sign-in page
      page.navigate(app.baseUrl() + "/signin");
      page.getByLabel("E-Mail-Adresse").fill(email);
      page.getByLabel("Passwort").fill("speichen123");
      page.locator("form.stack button").first().click();
      shot(page, "employer-signin-pending-390");
      assertThat(page.locator("[role=alert]").first()).containsText("noch nicht freigegeben");
    }

    try (BrowserContext context = Browsers.context(browser)) {
      Page page = signedIn(context, "organizer@demo.test", "demo");
      page.navigate(app.baseUrl() + "/admin/employer-signups");
      assertThat(page.locator("#pending-signups")).containsText("Radwerkstatt Lea");
      shot(page, "employer-signups-1366");
      long employer = app.count("select employer_id from account where email = '" + email + "'");
      page.locator("#approve-" + employer).click();
      page.waitForLoadState();
      shot(page, "employer-signups-approved-1366");
      assertThat(page.locator(".notice")).containsText("freigegeben");
    }

    try (BrowserContext context = FairPagesBrowserTest.phone(390, 844)) {
      Page page = signedIn(context, email, "speichen123");
      page.navigate(app.baseUrl() + "/employer");
      page.locator("#apply-" + fair).click();
      assertThat(page.locator(".notice")).containsText("Ihre Bewerbung ist eingegangen");
      assertThat(page.locator("#my-applications")).containsText("Frühjahrsbörse Handwerk");
      shot(page, "employer-home-390");
    }

    try (BrowserContext context = Browsers.context(browser)) {
      Page page = signedIn(context, "organizer@demo.test", "demo");
      page.navigate(app.baseUrl() + "/admin/fairs/" + fair);
      long application = app.count("select id from exhibitor_application where fair_id = " + fair);
      page.locator("#approve-application-" + application).click();
      assertThat(page.locator(".notice")).containsText("Stand");
      assertThat(page.locator("#employers table")).containsText("Radwerkstatt Lea");
      shot(page, "admin-fair-applications-1366");
    }

    try (BrowserContext context = FairPagesBrowserTest.phone(390, 844)) {
      Page page = signedIn(context, email, "speichen123");
      page.navigate(app.baseUrl() + "/employer");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stand gestalten")).click();
      assertThat(page.locator("h1")).hasText("Stand von Radwerkstatt Lea");
      page.locator("#vn-title").fill("Fahrradmechaniker:in");
      page.locator("#vn-hours").fill("38,5");
      page.locator("#vn-workplace").fill("Wien");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stelle hinzufügen")).click();
      assertThat(page.locator(".notice")).hasText("Die Stelle wurde hinzugefügt.");
      assertEquals(1, app.count("select count(*) from vacancy v join booth b on b.id = v.booth_id where b.fair_id = " + fair
          + " and v.title = 'Fahrradmechaniker:in'"));
    }
  }
}
