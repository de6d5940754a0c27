package at.jobfair.browser;

import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.InBrowser;
import at.jobfair.support.TestApp;
import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The no-show path end to end in Chromium: the person is asked, answers on their phone in their own words with a sick
 * note attached; after the deadline their caseworker reads the answer and the proof, opens a case and decides; the
 * decision letter arrives in GreenMail with its PDF, whose text PDFBox reads back.
 */
@InBrowser
class NoShowBrowserTest {

  static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static GreenMail smtp;
  static TestApp app;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = MailFixtures.sendingTo(smtp.getSmtp().getPort(), 200);
    settings.put("attendance.pollSeconds", 3600);
    settings.put("noshow.pollSeconds", 3600);
    app = TestApp.start(settings);
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
  }

  @AfterAll
  static void stop() {
    browser.close();
    playwright.close();
    app.close();
    smtp.stop();
  }

  @Test
  void thePersonAnswersWithASickNoteAndTheCaseworkerOpensACaseAndDecidesAndTheLetterArrives() throws Exception {
    Fixtures fx = new Fixtures(app);
    String email = fx.jobseekers("e2e-noshow", 1).get(0);
    long person = fx.accountId(email);
    fx.exec("update jobseeker set caseworker_id = (select id from account where email = 'sfa@demo.test'), benefit_type = 'UNEMPLOYMENT_BENEFIT' where account_id = ?", person);
    long fair = fx.fair("Jobbörse Küche", true, 0);
    long booth = fx.booth(fair, fx.employer("Gasthaus Sonne"));
    long booking = fx.booking(booth, person, Instant.now().minus(Duration.ofMinutes(90)), 20, "BINDING");
    fx.exec("update booking set basis_code = 'AT_ALVG_10', basis_version = 1 where id = ?", booking);
    fx.exec("insert into attendance (booking_id, outcome, outcome_source, outcome_at) values (?, 'NO_SHOW', 'SYSTEM', ?)", booking,
        Timestamp.from(Instant.now().minus(Duration.ofMinutes(50))));
    app.app().services().cases().noShows().run().await(30, TimeUnit.SECONDS);
    long request = app.count("select id from reasons_request where booking_id = " + booking);
    assertTrue(mailTo(email, "Bitte nennen Sie uns").getContent().toString().contains("/me/reasons/" + request), "the email links to the answer page");

    // The person, on a phone: the request, the deadline, the form.
    try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("de-AT").setTimezoneId("Europe/Vienna").setViewportSize(390, 844))) {
      Page page = Browsers.signIn(phone, app.baseUrl(), email, Fixtures.PASSWORD);
      page.navigate(app.baseUrl() + "/me/reasons");
      page.click("text=Jetzt antworten");
      assertTrue(page.textContent("#reasons-request").contains("Bitte antworten Sie bis"));
      page.fill("#reasons-text", "Ich hatte hohes Fieber und lag im Bett. Die Krankmeldung hänge ich an.");
      page.setInputFiles("#reasons-files", new FilePayload("Krankmeldung.pdf", "application/pdf", PDF));
      page.click("#reasons-form button[type=submit]");
      page.waitForSelector("p.notice");
      assertTrue(page.textContent("p.notice").contains("Ihre Antwort ist angekommen"), page.content());
      assertTrue(page.textContent("#reasons-given").contains("hohes Fieber"));
      assertTrue(page.textContent("#reasons-given").contains("Krankmeldung.pdf"));
    }
    assertEquals("ANSWERED", text("select state from reasons_request where id = " + request));

    // A week passes: the deadline is over.
    fx.exec("update reasons_request set asked_at = now() - interval '8 days', deadline = now() - interval '1 minute' where id = ?", request);

    try (BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setLocale("de-AT").setTimezoneId("Europe/Vienna").setViewportSize(1366, 900))) {
      Page page = Browsers.signIn(desk, app.baseUrl(), "sfa@demo.test", "demo");
      page.navigate(app.baseUrl() + "/staff/worklist");
      page.click("#worklist-reasons a[href='/staff/reasons/" + request + "']");
      assertTrue(page.textContent("section.answers").contains("hohes Fieber"));
      assertTrue(page.textContent("section.evidence").contains("Krankmeldung.pdf"));
      page.fill("#case-reasons", "Die Krankmeldung gilt erst ab dem Folgetag; der Termin war davor.");
      page.click("#reasons-open-case button[type=submit]");
      page.waitForSelector("#reasons-decide");
      assertTrue(page.textContent("#reasons-facts").contains("Verfahren eröffnet"));
      page.check("#reasons-decide input[value=SANCTION_IMPOSED]");
      page.fill("#decide-reasons", "Verbindlichen Termin ohne wichtigen Grund versäumt; die Krankmeldung deckt den Tag nicht.");
      page.click("#reasons-decide button[type=submit]");
      page.waitForSelector("p.notice");
      assertTrue(page.textContent("#reasons-facts").contains("Sanktion verhängt"), page.content());
      page.navigate(app.baseUrl() + "/staff/reasons/" + request + "/dossier");
      assertTrue(page.textContent("main").contains("Krankmeldung.pdf"));
    }

    MimeMessage letter = mailTo(email, "Bescheid: Sanktion verhängt");
    byte[] pdf = pdfAttachment(letter);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertTrue(text.contains("die Krankmeldung deckt den Tag nicht"), text);
      assertTrue(text.contains("§ 10"), text);
    }
  }

  static String text(String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first message to the address whose subject contains the word, waited for. */
  static MimeMessage mailTo(String address, String subjectWord) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(address) && m.getSubject().contains(subjectWord)) return m;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no mail to " + address + " about " + subjectWord);
  }

  static byte[] pdfAttachment(MimeMessage m) throws Exception {
    Multipart parts = (Multipart) m.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart p = parts.getBodyPart(i);
      if (p.getContentType().toLowerCase().startsWith("application/pdf")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        return out.toByteArray();
      }
    }
    throw new AssertionError("no PDF attached to " + m.getSubject());
  }
}
