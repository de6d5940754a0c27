package at.jobfair.invitation;

import at.jobfair.App;
import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Fixtures;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reminders go out exactly once per booking and offset: across a restart, with two instances, never for cancelled ones. */
class ReminderMailTest {

  static final String SUBJECT = "Erinnerung: Ihr Termin";
  GreenMail smtp;

  @BeforeEach
  void smtp() {
    smtp = MailFixtures.smtp();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  Map<String, Object> settings() {
    Map<String, Object> s = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 100));
    s.put("reminders.offsetsMinutes", "1440,60");
    s.put("reminders.pollSeconds", 1);
    return s;
  }

  /** Another instance on the same database. */
  static App another(TestApp first, Map<String, Object> settings) {
    Map<String, Object> s = new HashMap<>(settings);
    s.put("http.port", 0);
    s.put("http.host", "127.0.0.1");
    s.put("db.url", first.app().config().db().url());
    s.put("db.poolSize", 8);
    s.put("demo", false);
    s.put("auth.argon2MemoryKiB", 1024);
    s.put("limits.signInsPerMinute", 1_000_000);
    s.put("auth.argon2Iterations", 1);
    try {
      s.put("data.dir", Files.createTempDirectory("jobfair-test-data").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return App.start(TestApp.config().with(s));
  }

  /** A fair with one booth whose slots start {@code from} now, 30 minutes apart. */
  static List<Long> slots(TestApp app, Duration from, int count) {
    Fixtures fx = new Fixtures(app);
    long employer = fx.employer("Reminder GmbH " + System.nanoTime());
    long booth = fx.booth(fx.fair("Erinnerungsbörse", true, 0), employer);
    return fx.slots(booth, Instant.now().plus(from).truncatedTo(ChronoUnit.MINUTES), count, Duration.ofMinutes(30), 5);
  }

  /** Books the slot as the person and backdates the booking, as if made days ago. */
  static long bookDaysAgo(TestApp app, String email, long slot) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(email, Fixtures.PASSWORD).status());
    var r = c.post("/api/slots/" + slot + "/bookings", "");
    assertEquals(201, r.status(), r.body());
    long id = r.json().getLong("id");
    new Fixtures(app).exec("update booking set created_at = now() - interval '3 days' where id = ?", id);
    return id;
  }

  long reminders(String to) {
    long n = 0;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to) && m.getSubject().startsWith(SUBJECT)) n++;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return n;
  }

  List<String> subjects(String to) {
    List<String> out = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to)) out.add(m.getSubject());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  String reminderText(String to) throws Exception {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to) && m.getSubject().startsWith(SUBJECT)) {
        Object content = m.getContent();
        return content instanceof String s ? s : ((Multipart) content).getBodyPart(0).getContent().toString();
      }
    }
    throw new AssertionError("no reminder to " + to);
  }

  static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) throw new AssertionError("gave up waiting: " + what);
      Thread.sleep(50);
    }
  }

  @Test
  void aReminderIsSentOnceAcrossARestartAndNoneForACancelledBooking() throws Exception {
    TestApp first = TestApp.start(settings());
    String kept;
    String cancelled;
    long keptId;
    try {
      List<Long> slots = slots(first, Duration.ofHours(3), 2);
      List<String> people = new Fixtures(first).jobseekers("remind", 3);
      kept = people.get(0);
      cancelled = people.get(1);
      keptId = bookDaysAgo(first, kept, slots.get(0));
      // Someone who reads Ukrainian gets the reminder in Ukrainian.
      String ukrainian = people.get(2);
      new Fixtures(first).exec("update account set language = 'uk' where email = ?", ukrainian);
      bookDaysAgo(first, ukrainian, slots.get(0));
      String ukSubject = new at.jobfair.web.Messages().bundle(at.jobfair.web.Messages.Lang.UK).getProperty("reminders.mail.subject");
      waitUntil("the reminder in Ukrainian", () -> subjects(ukrainian).stream().anyMatch(x -> x.startsWith(ukSubject.substring(0, ukSubject.indexOf('{')))));
      TestClient c = first.client();
      c.signIn(cancelled, Fixtures.PASSWORD);
      long gone = c.post("/api/slots/" + slots.get(1) + "/bookings", "").json().getLong("id");
      new Fixtures(first).exec("update booking set created_at = now() - interval '3 days' where id = ?", gone);
      assertEquals(200, c.delete("/api/bookings/" + gone).status());
      waitUntil("the day-before reminder", () -> reminders(kept) == 1);
    } finally {
      first.close();
    }
    try (App second = another(first, settings())) {
      Thread.sleep(3_000); // three rounds of the second instance
    }
    assertEquals(1, reminders(kept), "once, also after the restart");
    assertEquals(0, reminders(cancelled), "none for the cancelled booking");
    assertEquals(1, first.count("select count(*) from booking_reminder where booking_id = " + keptId));
    assertEquals(1440, first.count("select offset_minutes from booking_reminder where booking_id = " + keptId));
    assertEquals(2, first.count("select count(*) from mail_outbox where kind = 'BOOKING_REMINDER' and status = 'SENT'"), "the German one and the Ukrainian one");

    String text = reminderText(kept);
    assertTrue(text.contains("https://jobs.example.org/me/appointments"), text);
    assertTrue(text.contains("?rebook=" + keptId), text);
    Matcher m = Pattern.compile("https://jobs\\.example\\.org(/appointments/confirm/[A-Za-z0-9_.-]+)").matcher(text);
    assertTrue(m.find(), text);
    // "Ich komme" works without signing in
    try (App third = another(first, settings())) {
      TestClient anonymous = new TestClient("http://127.0.0.1:" + third.port());
      var page = anonymous.get(m.group(1));
      assertEquals(200, page.status(), page.body());
      assertTrue(page.body().contains("Ich komme"), page.body());
      // Cancelling from the reminder goes through the confirmation page, not straight to a one-tap cancel
      assertTrue(page.body().contains("href=\"/bookings/" + keptId + "/cancel\""), page.body());
      assertEquals(200, anonymous.postRaw(m.group(1), "application/x-www-form-urlencoded", "").status());
      assertEquals(401, anonymous.get("/api/me").status());
      assertEquals(1, first.count("select count(*) from booking where confirmed_at is not null and id = " + keptId));
      var tampered = anonymous.get(m.group(1) + "x");
      assertEquals(403, tampered.status());
    }
  }

  @Test
  void twoInstancesSendEachReminderOnceAndOnlyTheNearestWhenSeveralAreDue() throws Exception {
    TestApp first = TestApp.start(settings());
    try (App second = another(first, settings())) {
      List<Long> slots = slots(first, Duration.ofMinutes(150), 5);
      List<String> people = new Fixtures(first).jobseekers("twice", 5);
      for (int i = 0; i < 5; i++) bookDaysAgo(first, people.get(i), slots.get(i));
      // one more, 30 minutes ahead: both offsets are due at once, only the nearest (60) is sent
      List<Long> soon = slots(first, Duration.ofMinutes(30), 1);
      String late = new Fixtures(first).jobseekers("soon", 1).get(0);
      long lateId = bookDaysAgo(first, late, soon.get(0));
      waitUntil("every reminder", () -> people.stream().allMatch(p -> reminders(p) >= 1) && reminders(late) >= 1);
      Thread.sleep(3_000);
      for (String p : people) assertEquals(1, reminders(p), p);
      assertEquals(1, reminders(late));
      assertEquals(2, first.count("select count(*) from booking_reminder where booking_id = " + lateId));
      assertEquals(60, first.count("select offset_minutes from booking_reminder where outbox_id is not null and booking_id = " + lateId));
      assertNotNull(second);
    } finally {
      first.close();
    }
  }
}
