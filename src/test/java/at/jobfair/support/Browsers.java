package at.jobfair.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium through Playwright. Uses the system Chromium when there is one (CI installs Debian's), so
 * nothing is downloaded; elsewhere Playwright fetches its own browser.
 */
public final class Browsers {

  private static final Path SYSTEM_CHROMIUM = Path.of("/usr/bin/chromium");

  private Browsers() {
  }

  public static Playwright playwright() {
    Playwright.CreateOptions options = new Playwright.CreateOptions();
    if (Files.isExecutable(SYSTEM_CHROMIUM)) options.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    return Playwright.create(options);
  }

  /** A fresh browser profile as an Austrian user has it: German, Vienna time, a phone-sized window if asked. */
  public static BrowserContext context(Browser browser) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("de-AT").setTimezoneId("Europe/Vienna"));
    context.setDefaultTimeout(10_000);
    return context;
  }

  /** Signs in on the sign-in page of the app at {@code baseUrl} (German labels) and waits for the start page. */
  public static Page signIn(BrowserContext context, String baseUrl, String email, String password) {
    Page page = context.newPage();
    page.navigate(baseUrl + "/signin");
    page.getByLabel("E-Mail-Adresse").fill(email);
    page.getByLabel("Passwort").fill(password);
    page.locator("form.stack button").click();
    page.waitForURL(baseUrl + "/");
    return page;
  }

  public static Browser chromium(Playwright playwright) {
    BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(List.of(
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"));
    if (Files.isExecutable(SYSTEM_CHROMIUM)) options.setExecutablePath(SYSTEM_CHROMIUM);
    return playwright.chromium().launch(options);
  }
}
