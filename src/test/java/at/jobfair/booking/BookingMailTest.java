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
  static long booth;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 200));
    app = TestApp.start(settings);
    fx = new Fixtures(app);
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    booth = fx.booth(fx.fair("Mailbörse", true, 0), hotel);
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

  @Test
  void aMoveIsCalledAMoveInBothMailsAndOnThePage() throws Exception {
    String email = fx.jobseekers("mail-move", 1).get(0);
    List<Long> own = fx.slots(booth, Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS), 2, Duration.ofMinutes(30), 1);
    TestClient person = app.client();
    person.signIn(email, Fixtures.PASSWORD);
    long id = person.post("/api/slots/" + own.get(0) + "/bookings", "").json().getLong("id");
    awaitMail(email, "Ihr Termin bei Hotel Alpenblick GmbH");
    var r = person.post("/api/bookings/" + id + "/rebook", new JsonObject().put("slotId", own.get(1)));
    assertEquals(201, r.status(), r.body());
    long moved = r.json().getLong("id");

    MimeMessage now = awaitMail(email, "Verschoben: Ihr Termin bei Hotel Alpenblick GmbH ist jetzt am");
    String nowText = text(now);
    assertTrue(nowText.contains("Ihr Termin ist verschoben"), nowText);
    assertTrue(nowText.contains("vorher: ") && nowText.contains("jetzt: "), nowText);
    String nowIcs = calendarPart(now);
    assertTrue(nowIcs.contains("UID:booking-" + moved + "@jobs.example.org"), nowIcs);
    assertTrue(nowIcs.contains("METHOD:REQUEST"), nowIcs);

    MimeMessage old = awaitMail(email, "Verschoben: Ihr alter Termin bei Hotel Alpenblick GmbH");
    String oldText = text(old);
    assertTrue(oldText.contains("Sie haben Ihren Termin bei Hotel Alpenblick GmbH"), oldText);
    assertTrue(oldText.contains("verschoben: auf "), oldText);
    String oldIcs = calendarPart(old);
    assertTrue(oldIcs.contains("UID:booking-" + id + "@jobs.example.org"), oldIcs);
    assertTrue(oldIcs.contains("METHOD:CANCEL"), oldIcs);

    Thread.sleep(500);
    List<MimeMessage> mine = Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(email)).toList();
    assertEquals(3, mine.size(), "the first confirmation and the two sides of the move, each once");
    for (MimeMessage m : mine) {
      assertTrue(!m.getSubject().startsWith("Abgesagt") && !text(m).contains("selbst abgesagt"), m.getSubject() + "\n" + text(m));
    }

    // The appointments page shows the old one as moved, not as cancelled by the person.
    String page = person.get("/me/appointments").body();
    assertTrue(page.contains("Sie haben diesen Termin verschoben auf:"), page);
    assertTrue(!page.contains("Sie haben diesen Termin abgesagt."), page);
    // And the booth's schedule tells its staff the person moved it, not that they cancelled.
    String schedule = app.client().signedIn("employer@demo.test").get("/booths/" + booth + "/schedule").body();
    assertTrue(schedule.contains("von der Person verschoben auf"), schedule);
  }

  @Test
  void aSlotInTheRepeatedHourOfTheOctoberChangeShowsItsOffsetsInTheMailAndOnThePages() throws Exception {
    // 31 October 2027, Europe/Vienna: 02:00–03:00 happens twice. The slot runs from the first 02:30 (summer time,
    // 00:30 UTC) to the second 02:00 (winter time, 01:00 UTC): half an hour, not minus half an hour.
    long hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long fair = fx.fair("Herbstbörse", true, 0);
    fx.exec("update fair set ends_at = '2027-11-30T00:00:00Z' where id = ?", fair);
    long autumn = fx.booth(fair, hotel);
    long slot = fx.slots(autumn, Instant.parse("2027-10-31T00:30:00Z"), 1, Duration.ofMinutes(30), 1).get(0);
    String email = fx.jobseekers("mail-autumn", 1).get(0);
    TestClient person = app.client();
    person.signIn(email, Fixtures.PASSWORD);
    var r = person.post("/api/slots/" + slot + "/bookings", "");
    assertEquals(201, r.status(), r.body());

    String text = text(awaitMail(email, "Ihr Termin bei Hotel Alpenblick GmbH"));
    assertTrue(text.contains("02:30 (UTC+2) bis 02:00 (UTC+1) Uhr"), text);
    String page = person.get("/me/appointments").body();
    assertTrue(page.contains("02:30 (UTC+2) – 02:00 (UTC+1)"), page);
    String booth = person.get("/booths/" + autumn).body();
    assertTrue(booth.contains("02:30 (UTC+2)"), booth);
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
