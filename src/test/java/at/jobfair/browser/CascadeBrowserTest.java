package at.jobfair.browser;

import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One person through every station of the demo's supra-regional fair: the organiser admits Anna; the SfU at the offer
 * (her proposal preselected, handed over with the notice), the hearing record at the check,
 * a second SfU at the local offer and the SfA checking on site each watch their queue, and Anna watches her own page;
 * every hand-off arrives without a reload. The SfA, Anna's own caseworker, then decides, and Anna reads it.
 */
class CascadeBrowserTest extends BrowserTestSupport {

  private static long station(long fair, String name) {
    return app.count("select id from cascade_station where fair_id = " + fair + " and station = '" + name + "'");
  }

  private static Page watching(BrowserContext context, String email, String password, String path) {
    Page page = signedIn(context, email, password);
    page.navigate(app.baseUrl() + path);
    page.waitForSelector("body[data-live-ready]", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
    page.evaluate("window.__sameDocument = true");
    return page;
  }

  private static void assertNotReloaded(Page page) {
    assertEquals(true, page.evaluate("window.__sameDocument === true"), "the page was not reloaded: " + page.url());
  }

  private static Page button(Page page, Locator scope, String name) {
    scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true)).click();
    return page;
  }

  @Test
  void onePersonGoesThroughEveryStationWhileThreeStaffWatchTheHandOffsLive() {
    long fair = app.count("select id from fair where format = 'SUPRA_REGIONAL'");
    long anna = app.count("select id from account where email = 'anna@demo.test'");
    long hotelVacancy = app.count("select min(v.id) from vacancy v join booth b on b.id = v.booth_id join employer e on e.id = b.employer_id "
        + "where b.fair_id = " + fair + " and e.name = 'Hotel Alpenblick GmbH'");
    long localVacancy = app.count("select min(v.id) from vacancy v join booth b on b.id = v.booth_id join employer e on e.id = b.employer_id "
        + "where b.fair_id = " + fair + " and e.name = 'Bäckerei Sonnenschein'");
    String secondSfu = new CascadeTestData(app).staff("sfu-local", "SFU");

    try (BrowserContext organiserCtx = Browsers.context(browser); BrowserContext offerCtx = Browsers.context(browser);
         BrowserContext localCtx = Browsers.context(browser); BrowserContext checkCtx = Browsers.context(browser);
         BrowserContext annaCtx = Browsers.context(browser)) {
      Page offer = watching(offerCtx, "sfu@demo.test", "demo", "/staff/stations/" + station(fair, "OFFER"));
      Page local = watching(localCtx, secondSfu, Fixtures.PASSWORD, "/staff/stations/" + station(fair, "LOCAL_OFFER"));
      Page check = watching(checkCtx, "sfa@demo.test", "demo", "/staff/stations/" + station(fair, "SANCTION_CHECK"));
      Page mine = watching(annaCtx, "anna@demo.test", "demo", "/me/cascade");
      assertThat(mine.locator("#my-cascade")).containsText("Sie sind derzeit bei keiner Jobbörse im Ablauf.");
      for (Page p : List.of(offer, local, check)) assertThat(p.locator("#queue .empty")).isVisible();

      // The organiser admits Anna: she appears in the offer station's queue and on her own page at once.
      Page organiser = signedIn(organiserCtx, "organizer@demo.test", "demo");
      organiser.navigate(app.baseUrl() + "/staff/fairs/" + fair + "/cascade");
      button(organiser, organiser.locator("li[data-person='" + anna + "']"), "Aufnehmen");
      assertThat(organiser.locator(".notice")).hasText("Die Person ist aufgenommen und wartet an der ersten Station.");
      assertThat(offer.locator("#queue ol.queue li[data-cascade]")).containsText("Anna Novak");
      assertNotReloaded(offer);
      assertThat(mine.locator(".go-next")).containsText("Bitte gehen Sie jetzt zu: Stellenangebot.");
      assertThat(mine.locator(".go-next .place")).hasText("Saal A, Tische 1–4");
      assertNotReloaded(mine);
      long cascade = app.count("select id from cascade where jobseeker_id = " + anna + " and fair_id = " + fair);

      // Offer: the SfU calls her, presents the seasonal job in Tirol; she declines in her own words.
      button(offer, offer.locator("form.next"), "Nächste Person");
      Locator card = offer.locator("#cascade-" + cascade);
      assertThat(card.locator("h2")).hasText("Anna Novak");
      assertThat(mine.locator(".my-cascade .now")).hasText("Sie sind gerade im Gespräch.");
      // Her placement proposal's vacancy comes first, marked and preselected; its mail was never sent (the demo has no
      // SMTP), so the SfU hands the proposal over with the notice now: only then may a decline lead to the check.
      assertThat(card.locator("#vacancy-" + cascade)).hasValue(String.valueOf(hotelVacancy));
      assertThat(card.locator("#vacancy-" + cascade + " option").first()).containsText("vorgeschlagen");
      assertThat(card.locator(".proposal-mark[data-vacancy='" + hotelVacancy + "']")).containsText("Zustellung der Rechtsfolgenbelehrung nicht nachweisbar");
      card.getByLabel("Vermittlungsvorschlag mit Rechtsfolgenbelehrung (Version 1) heute persönlich übergeben").check();
      card.locator("#offer-reasons-" + cascade).fill("Ich kann wegen meiner Kinder nicht nach Tirol ziehen.");
      button(offer, card, "Abgelehnt");
      assertThat(offer.locator(".notice")).hasText("Gespeichert.");

      // Hand-off: the local offer's queue and Anna's page change at once.
      assertThat(local.locator("#queue ol.queue li[data-cascade='" + cascade + "']")).containsText("Anna Novak");
      assertNotReloaded(local);
      assertThat(mine.locator(".go-next")).containsText("Angebot in der Nähe");
      assertThat(mine.locator(".go-next .place")).hasText("Saal A, Tisch 5");
      assertThat(mine.locator(".my-cascade .history")).containsText("Ich kann wegen meiner Kinder nicht nach Tirol ziehen.");
      assertNotReloaded(mine);
      assertThat(check.locator("#queue .empty")).isVisible();

      // Local offer: declined too.
      button(local, local.locator("form.next"), "Nächste Person");
      card = local.locator("#cascade-" + cascade);
      card.locator("#vacancy-" + cascade).selectOption(String.valueOf(localVacancy));
      card.locator("#offer-reasons-" + cascade).fill("Um vier Uhr früh fährt kein Bus.");
      button(local, card, "Abgelehnt");
      assertThat(local.locator(".notice")).hasText("Gespeichert.");

      // Hand-off to the SfA checking on site.
      assertThat(check.locator("#queue ol.queue li[data-cascade='" + cascade + "']")).containsText("Anna Novak");
      assertNotReloaded(check);
      assertThat(mine.locator(".go-next")).containsText("Sanktionsprüfung");
      assertThat(mine.locator(".go-next .place")).hasText("Raum 2 (SfA)");
      assertNotReloaded(mine);

      // Sanction check: the hearing record (an item of reasonableness and a statement), then the finding; a sanction is
      // proposed, not imposed.
      button(check, check.locator("form.next"), "Nächste Person");
      card = check.locator("#cascade-" + cascade);
      card.locator("#words-" + cascade + "-HOURS").fill("Um vier Uhr früh anfangen geht nicht.");
      card.locator("#finding-" + cascade + "-HOURS").selectOption("REASONABLE");
      card.locator("#statement-" + cascade).fill("Ich will einfach nicht in der Küche arbeiten.");
      card.getByLabel("Die Person hat die Niederschrift gelesen (oder vorgelesen bekommen) und bestätigt.").check();
      button(check, card, "Niederschrift speichern");
      card = check.locator("#cascade-" + cascade);
      card.getByLabel("Ablehnung nicht begründet – Sanktion wird vorgeschlagen").check();
      card.locator("#finding-reasons-" + cascade).fill("Keine wichtigen Gründe genannt.");
      button(check, card, "Ergebnis speichern");
      assertThat(check.locator(".notice")).hasText("Gespeichert.");
      assertThat(mine.locator(".my-cascade .now")).hasText("Es wurde eine Sanktion vorgeschlagen. Noch ist nichts entschieden.");
      assertNotReloaded(mine);

      // The dossier prints everything the decision rests on.
      check.navigate(app.baseUrl() + "/staff/cascades/" + cascade + "/dossier");
      assertThat(check.locator(".offers")).containsText("Ich kann wegen meiner Kinder nicht nach Tirol ziehen.");
      assertThat(check.locator(".statement")).containsText("Ich will einfach nicht in der Küche arbeiten.");
      assertThat(check.locator(".statement tr[data-topic=HOURS]")).containsText("Um vier Uhr früh anfangen geht nicht.");
      assertThat(check.locator(".statement tr[data-topic=HOURS]")).containsText("zumutbar");
      assertThat(check.locator(".handovers")).containsText("Sabine Fuchs");
      assertThat(check.locator(".invitations")).containsText("Vermittlungsvorschlag");
      assertThat(check.locator(".sanction")).hasAttribute("data-status", "PROPOSED");

      // The decision: Anna's own caseworker, from the task list.
      check.navigate(app.baseUrl() + "/staff/decisions");
      check.locator("li[data-cascade='" + cascade + "'] a").click();
      check.getByLabel("Sanktion verhängen").check();
      check.locator("#decision-reasons").fill("Zumutbare Stellen ohne wichtigen Grund abgelehnt.");
      button(check, check.locator("form.decide"), "Entscheidung speichern");
      assertThat(check.locator(".case-facts dd[data-state]")).hasAttribute("data-state", "IMPOSED");
      assertThat(mine.locator(".my-cascade .now")).hasText("Es wurde eine Sanktion verhängt.");
      assertThat(mine.locator(".my-cascade .history")).containsText("Zumutbare Stellen ohne wichtigen Grund abgelehnt.");
      assertNotReloaded(mine);
      // The dossier no longer says "proposed": decided, by whom, why.
      check.navigate(app.baseUrl() + "/staff/cascades/" + cascade + "/dossier");
      assertThat(check.locator(".sanction")).hasAttribute("data-status", "IMPOSED");
      assertThat(check.locator(".sanction .decision")).containsText("Markus Lehner");
      assertThat(check.locator(".sanction")).containsText("Zumutbare Stellen ohne wichtigen Grund abgelehnt.");
      assertThat(check.locator(".proposal")).hasCount(0);

      // The board's funnel counts the run.
      organiser.navigate(app.baseUrl() + "/staff/fairs/" + fair + "/board");
      assertThat(organiser.locator("[data-funnel=offer]")).hasText("1");
      assertThat(organiser.locator("[data-funnel=localOffer]")).hasText("1");
      assertThat(organiser.locator("[data-funnel=sanctionCheck]")).hasText("1");
      assertThat(organiser.locator("[data-funnel=decided]")).hasText("1");
    }
  }
}
