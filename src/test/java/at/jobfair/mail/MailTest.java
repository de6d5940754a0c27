package at.jobfair.mail;

import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;

import static at.jobfair.mail.MailSender.Failure.REFUSED;
import static at.jobfair.mail.MailSender.Failure.RETRY;
import static at.jobfair.mail.MailSender.Failure.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pieces of the outbox that need no server. */
class MailTest {

  @Test
  void onlyFailuresThatCertainlyDeliveredNothingAreRetried() {
    assertEquals(RETRY, MailSender.classify(new SMTPException("MAIL FROM", 451, List.of("451 try later"), false)));
    assertEquals(REFUSED, MailSender.classify(new SMTPException("RCPT TO", 550, List.of("550 no such user"), false)));
    assertEquals(RETRY, MailSender.classify(new ConnectException("Connection refused")));
    assertEquals(RETRY, MailSender.classify(new IllegalStateException("wrapped", new ConnectException("refused"))));
    assertEquals(UNKNOWN, MailSender.classify(new NoStackTraceTimeoutException("no answer")), "a send that timed out may have arrived");
    assertEquals(UNKNOWN, MailSender.classify(new IllegalStateException("connection closed")));
  }

  @Test
  void theRecipientsNameCannotBreakTheAddress() {
    assertEquals("a@example.org", MailSender.address("a@example.org", null));
    assertEquals("a@example.org", MailSender.address("a@example.org", " \"()<> "));
    assertEquals("Muster, Anna <a@example.org>", MailSender.address("a@example.org", "Muster, Anna"));
    assertEquals("Anna Q Muster <a@example.org>", MailSender.address("a@example.org", "Anna \"Q\" Muster"));
    assertEquals("Ben x@evil.org <a@example.org>", MailSender.address("a@example.org", "Ben <x@evil.org>"));
    assertEquals("Jürgen Müller Mag. <a@example.org>", MailSender.address("a@example.org", "Jürgen (Müller)\tMag."));
  }

  @Test
  void downloadsNameTheFileForOldAndNewBrowsers() {
    assertEquals("attachment; filename=\"termin.ics\"; filename*=UTF-8''termin.ics", OutboxPages.disposition("termin.ics"));
    assertEquals("attachment; filename=\"Termin _ Gespr_ch.ics\"; filename*=UTF-8''Termin%20%3B%20Gespr%C3%A4ch.ics",
        OutboxPages.disposition("Termin ; Gespräch.ics"));
  }

  @Test
  void aMailCannotChangeAfterItIsMade() {
    byte[] bytes = {1, 2, 3};
    Mail.Attachment a = new Mail.Attachment("a.bin", "application/octet-stream", bytes);
    bytes[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, a.bytes());
    a.bytes()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, a.bytes());
    assertEquals(new Mail.Attachment("a.bin", "application/octet-stream", new byte[] {1, 2, 3}), a);

    var list = new java.util.ArrayList<>(List.of(a));
    Mail m = new Mail("a@example.org", " ", "S", "T", null, list, "TEST", "k");
    list.clear();
    assertEquals(1, m.attachments().size());
    assertNull(m.toName(), "a blank name is no name");
    assertThrows(UnsupportedOperationException.class, () -> m.attachments().clear());
    assertEquals(List.of(), new Mail("a@example.org", null, "S", "T", null, null, "TEST", "k").attachments());
  }

  @Test
  void statesParseAndSayWhetherTheyMayBeSentAgain() {
    assertEquals(OutboxStore.Status.KEPT, OutboxStore.Status.parse(" kept "));
    assertNull(OutboxStore.Status.parse("LOST"));
    assertNull(OutboxStore.Status.parse(null));
    for (OutboxStore.Status s : OutboxStore.Status.values()) {
      assertEquals(s == OutboxStore.Status.UNCERTAIN || s == OutboxStore.Status.FAILED || s == OutboxStore.Status.KEPT,
          s.resendable(), s.name());
    }
  }
}
