package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Booking by keyboard only (issue 15): from the start address a jobseeker signs in, finds a fair, opens a booth, books
 * a free time and cancels it again with its confirmation, pressing only Tab, Enter and Space. Every element the Tab key
 * reaches must show that it has the focus (an outline or a shadow, on screen), the skip link must lead into the page's
 * main part, and after booking and cancelling the focus must be on the message that says what happened.
 */
class KeyboardBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long fair;
  static long booth;
  static List<Long> slots;

  @BeforeAll
  static void fixtures() {
    fx = new Fixtures(app);
    long employer = fx.employer("Tastenwerk GmbH");
    fair = fx.fair("Tastaturbörse", true, 0);
    booth = fx.booth(fair, employer);
    slots = fx.slots(booth, Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS), 2, Duration.ofMinutes(30), 1);
  }

  /** What has the focus, for messages. */
  private static final String DESCRIBE = "() => { const e = document.activeElement; if (!e) return 'nothing';"
      + " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')"
      + " + (e.getAttribute('href') ? ' href=' + e.getAttribute('href') : '') + ' \"' + (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '\"'; }";

  /** Empty when the focused element shows its focus: on screen, with an outline or a box shadow; else why not. */
  private static final String FOCUS_SHOWN = "() => { const e = document.activeElement;"
      + " if (!e || e === document.body || e === document.documentElement) return 'nothing has the focus';"
      + " const s = getComputedStyle(e); const r = e.getBoundingClientRect();"
      + " if (r.width < 1 || r.height < 1) return 'the focused element has no size';"
      + " if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return 'the focused element is off screen at ' + Math.round(r.left) + ',' + Math.round(r.top);"
      + " const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"
      + " const shadow = s.boxShadow && s.boxShadow !== 'none';"
      + " return outline || shadow ? '' : 'no outline and no shadow'; }";

  private static String focused(Page page) {
    return (String) page.evaluate(DESCRIBE);
  }

  private static void assertFocusShown(Page page) {
    String why = (String) page.evaluate(FOCUS_SHOWN);
    assertEquals("", why, page.url() + ": focus not visible on " + focused(page));
  }

  private static boolean focusMatches(Page page, String selector) {
    return (Boolean) page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector);
  }

  /** Presses a key and checks that whatever then has the focus shows it. */
  private static void press(Page page, String key) {
    page.keyboard().press(key);
    assertFocusShown(page);
  }

  /** Tabs forward until the focused element matches the selector (if it does not already), checking every stop. */
  private static void tabTo(Page page, String selector) {
    if (focusMatches(page, selector)) return;
    StringBuilder way = new StringBuilder();
    for (int i = 0; i < 80; i++) {
      press(page, "Tab");
      if (focusMatches(page, selector)) return;
      way.append("\n  ").append(focused(page));
    }
    fail(page.url() + ": Tab never reached " + selector + "; it went through" + way);
  }

  /** On a freshly loaded page: the first Tab shows the skip link; Enter on it, and the next Tab is inside main. */
  private static void skipToMain(Page page) {
    press(page, "Tab");
    assertTrue(focusMatches(page, "a.skip"), page.url() + ": the first Tab should reach the skip link, was " + focused(page));
    page.keyboard().press("Enter");
    press(page, "Tab");
    assertTrue(focusMatches(page, "main *"), page.url() + ": after the skip link the next Tab should be inside main, was " + focused(page));
  }

  /** Presses the key on the focused link or button and waits for the page it leads to. */
  private static void follow(Page page, String key, String urlPart) {
    page.keyboard().press(key);
    page.waitForURL(u -> u.contains(urlPart));
    page.waitForLoadState();
  }

  /** The keyboard sign-in from the start page: skip link, the sign-in link in main, the form, Enter. */
  private static Page signInByKeyboard(BrowserContext context, String email) {
    Page page = context.newPage();
    page.navigate(app.baseUrl() + "/");
    skipToMain(page);
    tabTo(page, "main a[href='/signin']");
    follow(page, "Enter", "/signin");
    skipToMain(page);
    tabTo(page, "#email");
    page.keyboard().type(email);
    tabTo(page, "#password");
    page.keyboard().type(Fixtures.PASSWORD);
    page.keyboard().press("Enter");
    page.waitForURL(app.baseUrl() + "/");
    return page;
  }

  @Test
  void aJobseekerBooksAndCancelsWithTheKeyboardOnlyAndAlwaysSeesWhereTheFocusIs() {
    String person = fx.jobseekers("keys", 1).get(0);
    try (BrowserContext context = Browsers.context(browser)) {
      Page page = signInByKeyboard(context, person);
      page.setViewportSize(1366, 900);

      // The start page's way to the fairs, then this fair, then its booth.
      skipToMain(page);
      tabTo(page, "main a[href='/fairs']");
      follow(page, "Enter", "/fairs");
      skipToMain(page);
      tabTo(page, "main a[href='/fairs/" + fair + "']");
      follow(page, "Enter", "/fairs/" + fair);
      skipToMain(page);
      tabTo(page, "main a[href='/booths/" + booth + "']");
      follow(page, "Enter", "/booths/" + booth);

      // The first free time, booked with the space bar.
      skipToMain(page);
      tabTo(page, "li.slot[data-slot='" + slots.get(0) + "'] form.book button");
      follow(page, " ", "/me/appointments");
      assertTrue(focusMatches(page, ".notice[role=status]"), "after booking the focus should be on the message, was " + focused(page));
      assertFocusShown(page);
      assertTrue(page.locator(".notice").textContent().contains("gebucht"), page.locator(".notice").textContent());

      // From the message the Tab key goes on to the appointment: its cancel link, then the confirmation page.
      tabTo(page, "article[data-booking] a.cancel");
      String cancel = (String) page.evaluate("document.activeElement.getAttribute('href')");
      follow(page, "Enter", cancel);
      skipToMain(page);
      tabTo(page, "form.cancel button[type=submit]");
      follow(page, "Enter", "/me/appointments");
      assertTrue(focusMatches(page, ".notice[role=status]"), "after cancelling the focus should be on the message, was " + focused(page));
      assertFocusShown(page);
      assertTrue(page.locator(".notice").textContent().contains("abgesagt"), page.locator(".notice").textContent());
      // The next Tab offers to undo it.
      press(page, "Tab");
      assertTrue(focusMatches(page, "form.undo button"), "the Tab after the message should reach undo, was " + focused(page));
      assertEquals(0L, ((Number) page.locator("article.appointment:not(.cancelled)").count()).longValue());
    }
  }

  @Test
  void onAPhoneTheMenuAndTheLanguageMenuOpenAndCloseByKeyboardAndDoNotTrapTheFocus() {
    String person = fx.jobseekers("keymenu", 1).get(0);
    try (BrowserContext context = Browsers.context(browser)) {
      Page page = signInByKeyboard(context, person);
      page.setViewportSize(390, 844);
      page.navigate(app.baseUrl() + "/");

      // The menu button comes right after the skip link and the brand; Enter opens it and Tab walks its links.
      tabTo(page, "header .menu-toggle");
      assertTrue(page.locator("header nav a").first().isHidden(), "the menu starts closed on a phone");
      press(page, "Enter");
      assertEquals("true", page.locator("header .menu-toggle").getAttribute("aria-expanded"));
      press(page, "Tab");
      assertTrue(focusMatches(page, "header nav a"), "the Tab after opening the menu should reach its first link, was " + focused(page));

      // The language menu: Enter opens it, Tab reaches a language, Escape closes it and gives the focus back.
      tabTo(page, "details.langs summary");
      press(page, "Enter");
      assertTrue((Boolean) page.evaluate("document.querySelector('details.langs').open"), "Enter opens the language menu");
      press(page, "Tab");
      assertTrue(focusMatches(page, "details.langs a.lang"), "the Tab after opening reaches a language, was " + focused(page));
      press(page, "Escape");
      assertTrue(!(Boolean) page.evaluate("document.querySelector('details.langs').open"), "Escape closes the language menu");
      assertTrue(focusMatches(page, "details.langs summary"), "Escape gives the focus back to the language menu, was " + focused(page));

      // Escape again closes the whole menu and puts the focus on its button; the next Tab leaves the header.
      press(page, "Escape");
      assertEquals("false", page.locator("header .menu-toggle").getAttribute("aria-expanded"));
      assertTrue(focusMatches(page, "header .menu-toggle"), "Escape gives the focus back to the menu button, was " + focused(page));
      press(page, "Tab");
      assertTrue(focusMatches(page, "main *"), "with the menu closed the next Tab is in main, was " + focused(page));

      // Opened again and walked to its end, the Tab key leaves the menu for the page (no trap).
      press(page, "Shift+Tab");
      assertTrue(focusMatches(page, "header .menu-toggle"), "Shift+Tab goes back to the menu button, was " + focused(page));
      press(page, "Space");
      assertEquals("true", page.locator("header .menu-toggle").getAttribute("aria-expanded"));
      tabTo(page, "main *");
    }
  }
}
