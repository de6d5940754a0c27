package at.jobfair.browser;

import at.jobfair.demo.DemoData;
import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * In Chromium: an SfA sends a control appointment through the invitation form, a proposal to someone without a
 * recorded benefit type is refused in plain words, and the person reads a formal invitation with the notice of § 49
 * AlVG under its heading; the catalogue page lists Austria's bases.
 */
class LegalBasisBrowserTest extends BrowserTestSupport {

  @Test
  void aControlAppointmentSentThroughTheFormReachesThePersonAsAFormalInvitationWithItsNotice() {
    long fair = app.client().get("/api/fairs").array().getJsonObject(0).getLong("id");
    String deadline = LocalDateTime.now(ZoneId.of("Europe/Vienna")).plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString();
    try (BrowserContext staff = Browsers.context(browser)) {
      Page page = signedIn(staff, "sfa@demo.test", DemoData.PASSWORD);
      page.navigate(app.baseUrl() + "/fairs/" + fair + "/invitations");
      // Sam Novak has no benefit type recorded: no binding basis can be chosen for him
      page.locator("#jobseekerEmail").fill("interview@demo.test");
      page.locator("#deadline").fill(deadline);
      page.locator("#proposal button").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Bitte tragen Sie zuerst den Leistungsbezug der Person ein");

      page.locator("#controlEmail").fill("seeker@demo.test");
      page.locator("#boothId").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Hotel Alpenblick GmbH"));
      page.locator("#controlDeadline").fill(deadline);
      page.locator("#control button").click();
      assertThat(page.locator(".notice")).hasText("Der Kontrolltermin an seeker@demo.test ist verschickt.");

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Rechtsgrundlagen ansehen")).click();
      assertThat(page.locator("h1")).hasText("Rechtsgrundlagen");
      assertThat(page.locator("[data-basis=AT_ALVG_49] h3")).containsText("§ 49 Arbeitslosenversicherungsgesetz");
      assertThat(page.locator("[data-basis=AT_MINDESTSICHERUNG]")).containsText("die Gemeinde (Landesrecht)");
    }
    try (BrowserContext person = Browsers.context(browser)) {
      Page page = signedIn(person, "seeker@demo.test", DemoData.PASSWORD);
      page.navigate(app.baseUrl() + "/me/invitations");
      var invitation = page.locator("article.invitation").first();
      assertThat(invitation.locator("h2")).hasText("Kontrolltermin bei Hotel Alpenblick GmbH");
      assertThat(invitation).containsText("Guten Tag Alex Berger,");
      assertThat(invitation).not().containsText("Hallo");
      assertThat(invitation.locator(".consequences h3")).hasText("Rechtsfolgenbelehrung: was passiert, wenn Sie nicht kommen");
      assertThat(invitation.locator(".consequences .basis")).containsText("§ 49 Arbeitslosenversicherungsgesetz (AlVG), Kontrollmeldung");
      assertThat(invitation.locator(".consequences")).containsText("Dieser Termin ist eine Kontrollmeldung nach § 49 AlVG.");
    }
  }
}
