package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.TestApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a real browser: an organiser creates a fair and brings an employer in; that employer's representative lays out
 * a day of appointments and adds a vacancy on the booth's manage page.
 */
class FairPagesBrowserTest extends BrowserTestSupport {


  static void signIn(Page page, String email) {
    page.getByLabel("E-Mail-Adresse").fill(email);
    page.getByLabel("Passwort").fill("demo");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden")).click();
  }

  @Test
  void anOrganiserOpensAFairAndTheEmployerSetsUpTheBooth() {
    String boothPath;
    try (BrowserContext context = Browsers.context(browser)) {
      Page page = context.newPage();
      page.navigate(app.baseUrl() + "/");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Anmelden")).first().click();
      signIn(page, "organizer@demo.test");
      page.locator("header nav").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Jobbörsen verwalten")).click();
      assertThat(page.locator("h1")).hasText("Jobbörsen verwalten");

      page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("e-Jobmeeting Wintersaison");
      page.getByLabel("Format").selectOption("E_JOBMEETING");
      page.getByLabel("Branche (optional)").fill("Tourismus");
      page.getByLabel("Beginn (Datum und Uhrzeit)").fill("2026-12-03T08:00");
      page.getByLabel("Ende (Datum und Uhrzeit)").fill("2026-12-03T16:00");
      page.getByLabel("Beginn des Orientierungsteils").fill("2026-12-03T08:00");
      page.getByLabel("Dauer des Orientierungsteils in Minuten").fill("30");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Jobbörse anlegen")).click();

      assertThat(page.locator("h1")).hasText("e-Jobmeeting Wintersaison");
      assertThat(page.locator(".notice")).hasText("Die Jobbörse wurde angelegt.");
      assertThat(page.locator("#fair-status")).containsText("Entwurf");
      assertEquals(1, app.count("select count(*) from fair where name = 'e-Jobmeeting Wintersaison' and starts_at = '2026-12-03T07:00:00Z'"
          + " and ends_at = '2026-12-03T15:00:00Z' and orientation_starts_at = '2026-12-03T07:00:00Z' and orientation_minutes = 30"));

      page.locator("#add-employer-id").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Hotel Alpenblick GmbH"));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unternehmen hinzufügen")).click();
      assertThat(page.locator(".notice")).hasText("Das Unternehmen nimmt jetzt teil und hat einen Stand.");
      assertThat(page.locator("#employers table")).containsText("Hotel Alpenblick GmbH");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Jobbörse veröffentlichen")).click();
      assertThat(page.locator(".notice")).hasText("Die Jobbörse ist jetzt veröffentlicht.");
      assertThat(page.locator("#fair-status")).containsText("Veröffentlicht");

      boothPath = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stand bearbeiten")).getAttribute("href");
    }

    try (BrowserContext context = Browsers.context(browser)) {
      Page page = context.newPage();
      page.navigate(app.baseUrl() + boothPath);
      signIn(page, "employer@demo.test");
      assertThat(page.locator("h1")).hasText("Stand von Hotel Alpenblick GmbH");
      assertThat(page.locator("#schedule")).containsText("Noch keine Termine.");

      page.getByLabel("Tag", new Page.GetByLabelOptions().setExact(true)).fill("2026-12-03");
      page.getByLabel("Von", new Page.GetByLabelOptions().setExact(true)).fill("09:00");
      page.getByLabel("Bis", new Page.GetByLabelOptions().setExact(true)).fill("11:10");
      page.getByLabel("Dauer eines Gesprächs in Minuten").fill("20");
      page.getByLabel("Pause nach jedem Gespräch in Minuten").fill("10");
      page.getByLabel("Pause 1 von").fill("10:00");
      page.getByLabel("Pause 1 bis").fill("10:15");
      page.locator("#schedule-form").getByLabel("Plätze je Termin").fill("1");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Termine erzeugen")).click();

      assertThat(page.locator(".notice")).hasText("4 Termine wurden angelegt.");
      assertThat(page.locator("#schedule tbody tr")).hasCount(4);
      assertThat(page.locator("#schedule tbody tr").first()).containsText("09:00–09:20");
      assertThat(page.locator("#schedule tbody tr").nth(2)).containsText("10:15–10:35");
      assertThat(page.locator("#schedule tbody tr").last()).containsText("10:45–11:05");
      assertThat(page.locator("#schedule h3")).hasText("Donnerstag, 3. Dezember 2026");
      assertEquals(4, app.count("select count(*) from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id"
          + " where f.name = 'e-Jobmeeting Wintersaison'"));
      assertEquals(1, app.count("select count(*) from slot s join booth b on b.id = s.booth_id join fair f on f.id = b.fair_id"
          + " where f.name = 'e-Jobmeeting Wintersaison' and s.starts_at = '2026-12-03T09:15:00Z' and s.ends_at = '2026-12-03T09:35:00Z'"));

      // A plan over the same morning would overlap: refused whole, with the reason, and the form keeps what was typed.
      page.getByLabel("Pause 1 von").fill("10:00");
      page.getByLabel("Pause 1 bis").fill("10:15");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Termine erzeugen")).click();
      assertThat(page.getByRole(AriaRole.ALERT)).hasText(
          "Ein neuer Termin überschneidet sich mit Ihrem Termin am 03.12.2026 09:00. Es wurde nichts gespeichert.");
      assertThat(page.getByLabel("Pause 1 von")).hasValue("10:00");
      assertThat(page.locator("#schedule tbody tr")).hasCount(4);

      page.locator("#vn-title").fill("Skilehrer:in");
      page.locator("#vn-hours").fill("38,5");
      page.locator("#vn-workplace").fill("St. Anton am Arlberg");
      page.locator("#vn-german").selectOption("ENGLISH_POSSIBLE");
      page.locator("#vacancy-new input[name=housing]").check();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stelle hinzufügen")).click();
      assertThat(page.locator(".notice")).hasText("Die Stelle wurde hinzugefügt.");
      assertThat(page.locator("#vacancies > details.vacancy > summary").last()).hasText("Skilehrer:in · 38,5 Std./Woche · St. Anton am Arlberg");
      assertEquals(1, app.count("select count(*) from vacancy v join booth b on b.id = v.booth_id join fair f on f.id = b.fair_id"
          + " where f.name = 'e-Jobmeeting Wintersaison' and v.title = 'Skilehrer:in' and v.hours_per_week = 38.5"
          + " and v.german = 'ENGLISH_POSSIBLE' and v.housing and v.workplace = 'St. Anton am Arlberg'"));
    }
  }

  @Test
  void onAPhoneTheBoothPageInEnglishReadsTheEmployersEnglishTextsAndMarksTheGermanOnes() {
    long booth = app.count("select b.id from booth b join employer e on e.id = b.employer_id join fair f on f.id = b.fair_id"
        + " where e.name = 'Hotel Alpenblick GmbH' and f.format = 'E_JOBMEETING'");
    try (BrowserContext ctx = phone(390, 844)) {
      Page page = ctx.newPage();
      page.navigate(app.baseUrl() + "/booths/" + booth + "?lang=en");
      assertThat(page.locator(".booth-head .lead")).hasText("Seasonal jobs with accommodation");
      assertThat(page.locator(".vacancy h3").first()).hasText("Cook");
      assertThat(page.locator(".vacancy dd[lang=de]").first()).hasText("St. Anton am Arlberg, Tirol");
      assertThat(page.locator(".vacancy dt").nth(1)).hasText("Pay");
      assertEquals(390.0, ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue(), 0.5, "no sideways scrolling");
      page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(java.nio.file.Path.of("target/screenshots/booth-390-en.png")));
      page.navigate(app.baseUrl() + "/booths/" + booth + "?lang=ar");
      assertThat(page.locator(".vacancy h3").first()).hasAttribute("dir", "ltr");
      assertEquals("ltr", page.locator(".vacancy h3").first().evaluate("e => getComputedStyle(e).direction"), "German reads left to right");
      assertEquals("rtl", page.locator("h2").first().evaluate("e => getComputedStyle(e).direction"), "on an Arabic page");
      page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(java.nio.file.Path.of("target/screenshots/booth-390-ar.png")));

      // The employer's side: the booth's translations on the manage page, on a phone.
      page.navigate(app.baseUrl() + "/signin?next=/booths/" + booth + "/manage&lang=de");
      signIn(page, "employer@demo.test");
      page.locator("#translation-en summary").click();
      assertThat(page.locator("#bt-en-headline")).hasValue("Seasonal jobs with accommodation");
      assertThat(page.locator("#bt-en-headline")).hasAttribute("lang", "en");
      assertEquals(390.0, ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue(), 0.5, "no sideways scrolling");
      page.locator("#translations").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
          .setPath(java.nio.file.Path.of("target/screenshots/booth-manage-translations-390.png")));
    }
  }

  /** A phone-sized browser as a jobseeker has it: German, Vienna time, touch. */
  static BrowserContext phone(int width, int height) {
    BrowserContext ctx = browser.newContext(new Browser.NewContextOptions().setLocale("de-AT").setTimezoneId("Europe/Vienna")
        .setViewportSize(width, height).setIsMobile(width < 800).setHasTouch(width < 800));
    ctx.setDefaultTimeout(10_000);
    return ctx;
  }

  static double edge(Page page, String selector, String side) {
    return ((Number) page.locator(selector).first().evaluate("(e, side) => e.getBoundingClientRect()[side]", side)).doubleValue();
  }

  @Test
  void onAPhoneTheFirstScreenOfAFairShowsItsBooths() {
    for (int width : new int[] {390, 320}) {
      try (BrowserContext ctx = phone(width, 844)) {
        Page page = ctx.newPage();
        for (String lang : new String[] {"de", "en"}) {
          page.navigate(app.baseUrl() + "/fairs/1?lang=" + lang);
          // The first booth's name, which is the link to it, is wholly on the first screen; so is the way in.
          double bottom = edge(page, "#booths .card h2 a", "bottom");
          assertTrue(bottom <= 844, width + " px, " + lang + ": the first booth ends at " + bottom);
          assertTrue(edge(page, "#register-cta", "bottom") <= 844, "the way in is on the first screen too");
          page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/fair-" + width + "-" + lang + ".png")));
        }
        // The folded texts are one tap away and work without a script: the description and the search form.
        assertTrue(page.locator("details#about-fair summary").isVisible());
        page.locator("details.filters-fold summary").click();
        assertTrue(page.locator("form.filters input[name=q]").isVisible());
        // A search in the address keeps the form open.
        page.navigate(app.baseUrl() + "/fairs/1?q=Koch");
        assertTrue(page.locator("form.filters input[name=q]").isVisible());
      }
    }
    try (BrowserContext ctx = phone(1366, 900)) {
      Page page = ctx.newPage();
      for (String lang : new String[] {"de", "en"}) {
        page.navigate(app.baseUrl() + "/fairs/1?lang=" + lang);
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/fair-1366-" + lang + ".png")));
      }
    }
  }
}
