package at.jobfair.mail;

import at.jobfair.App;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static at.jobfair.mail.MailFixtures.enqueue;
import static at.jobfair.mail.MailFixtures.mail;
import static at.jobfair.mail.MailFixtures.received;
import static at.jobfair.mail.MailFixtures.status;
import static at.jobfair.mail.MailFixtures.text;
import static at.jobfair.mail.MailFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping and starting the application: queued mail goes out, sent mail does not go out again, cut-off sends wait. */
class OutboxRestartTest {

  static final int NO_POLL = 3_600_000;
  GreenMail smtp;
  int port;

  @BeforeEach
  void smtp() {
    smtp = MailFixtures.smtp();
    port = smtp.getSmtp().getPort();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void aRestartSendsWhatWasQueuedAndDoesNotResendWhatWasSent() throws Exception {
    TestApp first = TestApp.start(MailFixtures.sendingTo(port, NO_POLL));
    long a;
    long b;
    try {
      Outbox outbox = new Outbox(new OutboxStore(first.app().pool()), true);
      // The demo's own mails (a report to the organisers, the request for reasons, the letters) go out at once; the
      // sender goes on while it finds more, so these two are queued only once it has sent them and stopped.
      waitUntil("the demo's mails sent", () -> first.count("select count(*) from mail_outbox where status = 'QUEUED'") == 0);
      Thread.sleep(1_000);
      a = enqueue(first.app().pool(), outbox, mail("a@example.org", "booking:a"));
      b = enqueue(first.app().pool(), outbox, mail("b@example.org", "booking:b"));
      assertEquals("QUEUED", status(first, a));
    } finally {
      first.close();
    }
    // (the demo's own mails, the request for reasons and the letters, may go out at once: only these two are counted)
    assertEquals(0, received(smtp, "Ihr Termin booking:a").size() + received(smtp, "Ihr Termin booking:b").size(),
        "nothing sent before the restart");

    try (App second = MailFixtures.startOn(first, MailFixtures.sendingTo(port, 50))) {
      waitUntil("both queued messages sent after the restart",
          () -> "SENT".equals(status(first, a)) && "SENT".equals(status(first, b)));
    }
    try (App third = MailFixtures.startOn(first, MailFixtures.sendingTo(port, 50))) {
      long c = enqueue(third.pool(), new Outbox(new OutboxStore(third.pool()), true), mail("c@example.org", "booking:c"));
      waitUntil("a message of the third run sent", () -> "SENT".equals(status(first, c)));
    }
    for (String ref : List.of("booking:a", "booking:b", "booking:c")) {
      assertEquals(1, received(smtp, "Ihr Termin " + ref).size(), ref);
    }
    assertEquals(3, first.count("select count(*) from mail_outbox where status = 'SENT' and attempts = 1 and ref like 'booking:%'"));
  }

  @Test
  void aSendCutOffByACrashBecomesUncertainAndWaitsForStaff() throws Exception {
    TestApp first = TestApp.start(MailFixtures.sendingTo(port, NO_POLL));
    first.close();
    // What a crash leaves behind: a message claimed ten minutes ago by a sender that is gone, and one that a live
    // instance elsewhere claimed a moment ago and is handing to its server right now.
    MailFixtures.execute(first, """
        insert into mail_outbox (kind, ref, to_address, subject, body_text, status, attempts, claimed_at, claimed_by, message_id)
        values ('BOOKING_CONFIRMED', 'booking:crashed', 'crashed@example.org', 'Ihr Termin booking:crashed', 'Text',
                'SENDING', 1, now() - interval '10 minutes', 'gone-1', '<outbox-crashed@jobs.example.org>'),
               ('BOOKING_CONFIRMED', 'booking:peer', 'peer@example.org', 'Ihr Termin booking:peer', 'Text',
                'SENDING', 1, now(), 'alive-2', '<outbox-peer@jobs.example.org>')""");
    long crashed = Long.parseLong(text(first, "select id from mail_outbox where ref = 'booking:crashed'"));
    long peer = Long.parseLong(text(first, "select id from mail_outbox where ref = 'booking:peer'"));

    try (App second = MailFixtures.startOn(first, MailFixtures.sendingTo(port, 50))) {
      assertEquals("UNCERTAIN", status(first, crashed), "marked at start");
      assertEquals(MailSender.CUT_OFF, text(first, "select last_error from mail_outbox where id = " + crashed));
      assertEquals("SENDING", status(first, peer), "a live peer's send is left alone");

      long control = enqueue(second.pool(), new Outbox(new OutboxStore(second.pool()), true), mail("control@example.org", "booking:ctl"));
      waitUntil("the sender works", () -> "SENT".equals(status(first, control)));
      assertEquals("UNCERTAIN", status(first, crashed));
      assertEquals(0, received(smtp, "Ihr Termin booking:crashed").size(), "not sent again by itself");
      assertEquals(0, received(smtp, "Ihr Termin booking:peer").size());

      TestClient seeker = new TestClient("http://127.0.0.1:" + second.port()).signedIn("seeker@demo.test");
      assertEquals(403, seeker.postRaw("/admin/outbox/" + crashed + "/resend", "application/x-www-form-urlencoded", "").status());
      assertEquals("UNCERTAIN", status(first, crashed));

      TestClient staff = new TestClient("http://127.0.0.1:" + second.port()).signedIn("organizer@demo.test");
      var page = staff.get("/admin/outbox/" + crashed);
      assertEquals(200, page.status());
      assertTrue(page.body().contains("/admin/outbox/" + crashed + "/resend"), "offers to send again");
      var resend = staff.postRaw("/admin/outbox/" + crashed + "/resend", "application/x-www-form-urlencoded", "");
      assertEquals(303, resend.status(), resend.body());
      assertEquals("/admin/outbox/" + crashed + "?resent=1", resend.header("location"));
      waitUntil("sent after staff asked", () -> "SENT".equals(status(first, crashed)));
      List<MimeMessage> got = received(smtp, "Ihr Termin booking:crashed");
      assertEquals(1, got.size());
      assertEquals("<outbox-crashed@jobs.example.org>", got.get(0).getMessageID(), "the same Message-ID as the first try");

      var twice = staff.postRaw("/admin/outbox/" + crashed + "/resend", "application/x-www-form-urlencoded", "");
      assertEquals(409, twice.status(), "a sent message is not sent again");
      assertTrue(twice.body().contains("Nur unklare, fehlgeschlagene oder aufbewahrte Nachrichten"), twice.body());
      assertFalse(twice.body().contains("/admin/outbox/" + crashed + "/resend\""), "no button for a sent message");
      assertEquals("SENDING", status(first, peer));
    }
    assertEquals(1, received(smtp, "Ihr Termin booking:crashed").size());
  }
}
