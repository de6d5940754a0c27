package at.jobfair.booking;

import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A booking confirms itself by email with the calendar entry; a cancellation sends the cancelled entry. */
class BookingMailTest {

  static GreenMail smtp;
  static TestApp app;
  static Fixtures fx;
  static List<Long> slots;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 200));
    app = TestApp.start(settings);
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long booth = fx.booth(fx.fair("Mailbörse", true, 0), hotel);
    slots = fx.slots(booth, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 3, Duration.ofMinutes(30), 1);
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  @Test
  void confirmationAndCancellationArriveOnceWithTheirCalendarEntries() throws Exception {
    String email = fx.jobseekers("mail", 1).get(0);
    TestClient person = app.client();
    person.signIn(email, Fixtures.PASSWORD);
    long id = person.post("/api/slots/" + slots.get(0) + "/bookings", "").json().getLong("id");

    MimeMessage confirmation = awaitMail(email, "Ihr Termin bei Hotel Alpenblick GmbH");
    String ics = calendarPart(confirmation);
    assertTrue(ics.contains("UID:booking-" + id + "@jobs.example.org"), ics);
    assertTrue(ics.contains("STATUS:CONFIRMED"));
    assertTrue(ics.contains("METHOD:REQUEST"));
    assertTrue(text(confirmation).contains("Hallo Person mail 0"), text(confirmation));

    var r = app.client().signedIn("employer@demo.test").send("DELETE", "/api/bookings/" + id,
        new JsonObject().put("reason", "Die Stelle ist schon besetzt"));
    assertEquals(200, r.status(), r.body());
    MimeMessage cancellation = awaitMail(email, "Abgesagt: Ihr Termin bei Hotel Alpenblick GmbH");
    String cancelledIcs = calendarPart(cancellation);
    assertTrue(cancelledIcs.contains("STATUS:CANCELLED"), cancelledIcs);
    assertTrue(cancelledIcs.contains("SEQUENCE:1"));
    assertTrue(cancelledIcs.contains("METHOD:CANCEL"));
    assertTrue(text(cancellation).contains("Grund: Die Stelle ist schon besetzt"), text(cancellation));

    Thread.sleep(500);
    assertEquals(2, Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(email)).count(), "each exactly once");
  }

  @Test
  void aRefusedBookingSendsNothing() throws Exception {
    String first = fx.jobseekers("mail-first", 1).get(0);
    String second = fx.jobseekers("mail-second", 1).get(0);
    TestClient a = app.client();
    a.signIn(first, Fixtures.PASSWORD);
    TestClient b = app.client();
    b.signIn(second, Fixtures.PASSWORD);
    assertEquals(201, a.post("/api/slots/" + slots.get(2) + "/bookings", "").status());
    assertEquals(409, b.post("/api/slots/" + slots.get(2) + "/bookings", "").status());
    awaitMail(first, "Ihr Termin");
    Thread.sleep(500);
    assertEquals(0, Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(second)).count());
    assertEquals(0, app.count("select count(*) from mail_outbox where to_address = '" + second + "'"));
  }

  private static MimeMessage awaitMail(String to, String subjectStart) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (recipient(m).equals(to) && m.getSubject().startsWith(subjectStart)) return m;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no mail '" + subjectStart + "' to " + to);
  }

  private static String recipient(MimeMessage m) {
    try {
      return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
    } catch (Exception e) {
      return "";
    }
  }

  private static String calendarPart(MimeMessage m) throws Exception {
    Multipart mp = (Multipart) m.getContent();
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.getContentType().toLowerCase().startsWith("text/calendar")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getDataHandler().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no calendar part");
  }

  private static String text(MimeMessage m) throws Exception {
    Multipart mp = (Multipart) m.getContent();
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.getContentType().toLowerCase().startsWith("text/plain")) return p.getContent().toString();
    }
    return "";
  }
}
