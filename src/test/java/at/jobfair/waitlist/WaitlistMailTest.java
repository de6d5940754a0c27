package at.jobfair.waitlist;

import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offer of a freed seat arrives by email, once, in the person's language, with the link to take it. */
class WaitlistMailTest {

  static GreenMail smtp;
  static TestApp app;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 200));
    settings.put("waitlist.pollSeconds", 1);
    app = TestApp.start(settings);
    fx = new Fixtures(app);
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  @Test
  void theFirstInLineIsOfferedTheFreedSeatByEmailInTheirLanguageOnce() throws Exception {
    long booth = fx.booth(fx.fair("Wartelisten-Mail", true, 0), fx.employer("Mailwarte GmbH"));
    long slot = fx.slots(booth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 1, Duration.ofMinutes(30), 1).get(0);
    TestClient holder = app.client();
    holder.signIn(fx.jobseekers("wmail-holder", 1).get(0), Fixtures.PASSWORD);
    long booking = holder.post("/api/slots/" + slot + "/bookings", "").json().getLong("id");
    List<String> line = fx.jobseekers("wmail", 2);
    fx.exec("update account set language = 'en' where email = ?", line.get(0));
    TestClient first = app.client();
    first.signIn(line.get(0), Fixtures.PASSWORD);
    long entry = first.post("/api/booths/" + booth + "/waitlist", "").json().getLong("id");
    TestClient second = app.client();
    second.signIn(line.get(1), Fixtures.PASSWORD);
    assertEquals(201, second.post("/api/booths/" + booth + "/waitlist", "").status());

    assertEquals(200, holder.send("DELETE", "/api/bookings/" + booking, new JsonObject()).status());
    MimeMessage offer = awaitMail(line.get(0), "A time is free for you: Mailwarte GmbH");
    String text = text(offer);
    assertTrue(text.contains("Hello Person wmail 0"), text);
    assertTrue(text.contains("https://jobs.example.org/me/appointments#waitlist-" + entry), text);
    assertTrue(text.contains("held for you until"), text);

    // Taken through the link's page: booked, with the usual confirmation; the second is offered nothing.
    TestClient.Response taken = first.post("/api/waitlist/" + entry + "/accept", "");
    assertEquals(201, taken.status(), taken.body());
    Thread.sleep(2500);
    assertEquals(1, Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(line.get(0))
        && subject(m).startsWith("A time is free")).count(), "the offer exactly once");
    assertEquals(0, Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(line.get(1))).count(),
        "nothing for the second");
    assertEquals("WAITING", second.get("/api/me/waitlist").array().getJsonObject(0).getString("status"));
  }

  private static MimeMessage awaitMail(String to, String subjectStart) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (recipient(m).equals(to) && subject(m).startsWith(subjectStart)) return m;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no mail '" + subjectStart + "' to " + to);
  }

  private static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof String s) return s;
    jakarta.mail.Multipart mp = (jakarta.mail.Multipart) content;
    for (int i = 0; i < mp.getCount(); i++) {
      if (mp.getBodyPart(i).getContentType().toLowerCase().startsWith("text/plain")) return mp.getBodyPart(i).getContent().toString();
    }
    return "";
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      return "";
    }
  }

  private static String recipient(MimeMessage m) {
    try {
      return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
    } catch (Exception e) {
      return "";
    }
  }
}
