package at.jobfair.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A browser test: the app with its demo, one headless Chromium, and signing in through the real form. */
@InBrowser
public abstract class BrowserTestSupport {

  protected static TestApp app;
  protected static Playwright playwright;
  protected static Browser browser;

  @BeforeAll
  static void startAppAndBrowser() {
    app = TestApp.start();
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
  }

  @AfterAll
  static void stopAppAndBrowser() {
    browser.close();
    playwright.close();
    app.close();
  }

  /** Signs in on the sign-in page (German labels) and waits for the start page. */
  protected static Page signedIn(BrowserContext context, String email, String password) {
    return Browsers.signIn(context, app.baseUrl(), email, password);
  }
}
