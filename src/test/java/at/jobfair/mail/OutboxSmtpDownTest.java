package at.jobfair.mail;

import at.jobfair.support.Ports;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static at.jobfair.mail.MailFixtures.enqueue;
import static at.jobfair.mail.MailFixtures.mail;
import static at.jobfair.mail.MailFixtures.received;
import static at.jobfair.mail.MailFixtures.status;
import static at.jobfair.mail.MailFixtures.text;
import static at.jobfair.mail.MailFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An SMTP server that is down: the message is tried maxAttempts times, then FAILED; staff can send it again. */
class OutboxSmtpDownTest {

  @Test
  void retriesThenFailsAndStaffCanSendAgainOnceTheServerIsBack() throws Exception {
    int port = Ports.free();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(port, 20));
    settings.put("mail.maxAttempts", 3);
    settings.put("mail.retryMillis", 20);
    try (TestApp app = TestApp.start(settings)) {
      long id = enqueue(app.app().pool(), new Outbox(new OutboxStore(app.app().pool()), true), mail("down@example.org", "booking:down"));
      waitUntil("the message failed", () -> "FAILED".equals(status(app, id)));
      assertEquals("3", text(app, "select attempts from mail_outbox where id = " + id));
      String error = text(app, "select last_error from mail_outbox where id = " + id);
      assertTrue(error.contains("Connect"), error);
      assertTrue(text(app, "select next_attempt_at > created_at from mail_outbox where id = " + id).equals("t"), "it waited between tries");

      var api = app.client().signedIn("organizer@demo.test").get("/api/outbox?status=FAILED");
      assertEquals(200, api.status());
      // this message among the failed ones (the demo's own letter failed the same way)
      assertTrue(api.array().stream().anyMatch(o -> ((io.vertx.core.json.JsonObject) o).getLong("id") == id), api.body());
      assertTrue(api.array().stream().allMatch(o -> "FAILED".equals(((io.vertx.core.json.JsonObject) o).getString("status"))));
      assertEquals(3, api.array().getJsonObject(0).getInteger("attempts"));

      GreenMail smtp = MailFixtures.smtp(port);
      try {
        TestClient staff = app.client().signedIn("organizer@demo.test");
        var resend = staff.postRaw("/admin/outbox/" + id + "/resend", "application/x-www-form-urlencoded", "");
        assertEquals(303, resend.status(), resend.body());
        waitUntil("sent once the server is back", () -> "SENT".equals(status(app, id)));
        assertEquals(1, received(smtp, "Ihr Termin booking:down").size());
        assertEquals("1", text(app, "select attempts from mail_outbox where id = " + id), "counted afresh after resend");
        assertEquals(null, text(app, "select last_error from mail_outbox where id = " + id));
      } finally {
        smtp.stop();
      }
    }
  }
}
