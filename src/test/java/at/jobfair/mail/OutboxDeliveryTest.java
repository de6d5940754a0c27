package at.jobfair.mail;

import at.jobfair.support.TestApp;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static at.jobfair.mail.MailFixtures.await;
import static at.jobfair.mail.MailFixtures.enqueue;
import static at.jobfair.mail.MailFixtures.mail;
import static at.jobfair.mail.MailFixtures.received;
import static at.jobfair.mail.MailFixtures.status;
import static at.jobfair.mail.MailFixtures.text;
import static at.jobfair.mail.MailFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery over real SMTP. Nothing polls here (pollMillis is an hour): a message goes out only when the test wakes
 * its sender, so every send below is one the test asked for.
 */
class OutboxDeliveryTest {

  static GreenMail smtp;
  static TestApp app;
  static Pool pool;
  static Outbox outbox;
  static MailSender sender;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 3_600_000));
    app = TestApp.start(settings);
    pool = app.app().pool();
    OutboxStore store = new OutboxStore(pool);
    sender = new MailSender(store, app.app().config());
    await(app.app().vertx().deployVerticle(sender));
    outbox = new Outbox(store, sender.delivers());
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (smtp != null) smtp.stop();
  }

  @Test
  void aCommittedMessageIsDeliveredOnceWithItsAttachmentAndAStableMessageId() throws Exception {
    assertTrue(sender.delivers());
    byte[] ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//DE\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
        + "UID:booking-1@jobs.example.org\r\nSUMMARY:Gespräch mit Hotel Alpenblick – Küche\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        .getBytes(StandardCharsets.UTF_8);
    String type = "text/calendar; charset=UTF-8; method=REQUEST";
    Mail m = new Mail("juergen@example.org", "Jürgen Müller, Mag.", "Termin bestätigt: Hotel Alpenblick",
        "Grüß Gott!\nIhr Termin ist am 12. März um 10:00.", "<p>Grüß Gott!</p>",
        List.of(new Mail.Attachment("termin.ics", type, ics)), "BOOKING_CONFIRMED", "booking:1");
    long id = enqueue(pool, outbox, m);
    // Committed and on its way: the app's own sender may already have picked it up (it listens for new messages).
    String queued = status(app, id);
    assertTrue(List.of("QUEUED", "SENDING", "SENT").contains(queued), queued);
    sender.wake();
    waitUntil("message " + id + " sent", () -> "SENT".equals(status(app, id)));

    List<MimeMessage> got = received(smtp, "Termin bestätigt: Hotel Alpenblick");
    assertEquals(1, got.size());
    MimeMessage mail = got.get(0);
    String messageId = text(app, "select message_id from mail_outbox where id = " + id);
    assertTrue(messageId.matches("<outbox-" + id + "\\.\\d+@jobs\\.example\\.org>"), messageId);
    assertEquals(messageId, mail.getMessageID());
    InternetAddress to = (InternetAddress) mail.getRecipients(jakarta.mail.Message.RecipientType.TO)[0];
    assertEquals("juergen@example.org", to.getAddress());
    assertEquals("Jürgen Müller, Mag.", to.getPersonal());
    InternetAddress from = (InternetAddress) mail.getFrom()[0];
    assertEquals("noreply@jobboerse.local", from.getAddress());
    assertEquals("Jobbörse", from.getPersonal());
    assertEquals("Grüß Gott!\nIhr Termin ist am 12. März um 10:00.", text(mail).replace("\r\n", "\n").strip());

    BodyPart part = MailFixtures.part(mail, "termin.ics");
    assertNotNull(part, "the .ics is attached");
    assertTrue(part.getContentType().toLowerCase().startsWith("text/calendar"), part.getContentType());
    assertTrue(part.getContentType().toLowerCase().contains("method=request"), part.getContentType());
    assertArrayEquals(ics, part.getInputStream().readAllBytes(), "the attachment arrives byte for byte");

    assertEquals("1", text(app, "select attempts from mail_outbox where id = " + id));
    assertNotNull(text(app, "select sent_at from mail_outbox where id = " + id));

    // Waking again sends the next message, and only that one.
    long next = enqueue(pool, outbox, mail("next@example.org", "booking:1b"));
    sender.wake();
    waitUntil("the next message sent", () -> "SENT".equals(status(app, next)));
    assertEquals(1, received(smtp, "Termin bestätigt: Hotel Alpenblick").size(), "not sent a second time");
  }

  @Test
  void aMessageOfARolledBackTransactionIsNeverSent() {
    Future<Long> failed = pool.withTransaction(tx -> outbox.enqueue(tx, mail("rollback@example.org", "booking:rolled-back"))
        .compose(id -> Future.failedFuture(new IllegalStateException("the booking was refused after all"))));
    try {
      await(failed);
      throw new AssertionError("the transaction should have failed");
    } catch (IllegalStateException expected) {
      assertEquals("the booking was refused after all", expected.getMessage());
    }
    assertEquals(0, app.count("select count(*) from mail_outbox where ref = 'booking:rolled-back'"));

    long control = enqueue(pool, outbox, mail("control@example.org", "booking:control"));
    sender.wake();
    waitUntil("the control message sent", () -> "SENT".equals(status(app, control)));
    assertEquals(1, received(smtp, "Ihr Termin booking:control").size());
    assertEquals(0, received(smtp, "Ihr Termin booking:rolled-back").size());
  }

  @Test
  void theSameDedupeKeyTwiceIsOneMail() {
    long first = enqueue(pool, outbox, mail("twice@example.org", "booking:7"));
    long again = enqueue(pool, outbox, mail("twice@example.org", "booking:7"));
    long upper = enqueue(pool, outbox, mail("TWICE@Example.org", "booking:7"));
    assertEquals(first, again, "a retried request finds the message already there");
    assertEquals(first, upper, "addresses are compared without case");
    long otherKey = enqueue(pool, outbox, mail("twice@example.org", "booking:7/2"));
    long otherKind = enqueue(pool, outbox, Mail.text("twice@example.org", null, "Ihr Termin booking:7 abgesagt", "Abgesagt.",
        "BOOKING_CANCELLED", "booking:7"));
    assertNotEquals(first, otherKey);
    assertNotEquals(first, otherKind);
    assertEquals(3, app.count("select count(*) from mail_outbox where to_address = 'twice@example.org'"));

    sender.wake();
    waitUntil("all three sent", () -> app.count("select count(*) from mail_outbox where to_address = 'twice@example.org' "
        + "and status = 'SENT'") == 3);
    assertEquals(1, received(smtp, "Ihr Termin booking:7").size());
    assertEquals(1, received(smtp, "Ihr Termin booking:7/2").size());
    assertEquals(1, received(smtp, "Ihr Termin booking:7 abgesagt").size());
  }

  @Test
  void twoTransactionsEnqueuingTheSameMessageAtOnceMakeOneRow() throws Exception {
    SqlConnection c1 = await(pool.getConnection());
    SqlConnection c2 = await(pool.getConnection());
    try {
      Transaction t1 = await(c1.begin());
      long id1 = await(outbox.enqueue(c1, mail("race@example.org", "booking:9")));
      Transaction t2 = await(c2.begin());
      // The second insert waits for the first transaction to decide.
      Future<Long> id2 = outbox.enqueue(c2, mail("race@example.org", "booking:9"));
      Thread.sleep(200);
      assertTrue(!id2.isComplete(), "the second insert waits on the first");
      await(t1.commit());
      assertEquals(id1, await(id2));
      await(t2.commit());
    } finally {
      c1.close();
      c2.close();
    }
    assertEquals(1, app.count("select count(*) from mail_outbox where ref = 'booking:9'"));
  }

  @Test
  void badMessagesAreRefusedBeforeTheyReachTheTable() {
    long before = app.count("select count(*) from mail_outbox");
    for (Runnable bad : List.<Runnable>of(
        () -> mail("not-an-address", "x"),
        () -> mail("a@example.org\r\nBcc: all@example.org", "x"),
        () -> Mail.text("a@example.org", null, "Betreff\r\nBcc: all@example.org", "t", "BOOKING_CONFIRMED", "x"),
        () -> Mail.text("a@example.org", "Name\nBcc: x@example.org", "Betreff", "t", "BOOKING_CONFIRMED", "x"),
        () -> Mail.text("a@example.org", null, "Betreff", "t", "booking confirmed", "x"),
        () -> Mail.text("a@example.org", null, "Betreff", "t", "BOOKING_CONFIRMED", " "),
        () -> new Mail.Attachment("../../etc/passwd", "text/plain", new byte[0]),
        () -> new Mail.Attachment("a.ics", "text/calendar\r\nX-Evil: 1", new byte[0]))) {
      try {
        bad.run();
        throw new AssertionError("accepted a bad message");
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().startsWith("invalid mail "), expected.getMessage());
      }
    }
    assertEquals(before, app.count("select count(*) from mail_outbox"));
  }
}
