package at.jobfair.mail;

import at.jobfair.App;
import at.jobfair.support.TestApp;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static at.jobfair.mail.MailFixtures.await;
import static at.jobfair.mail.MailFixtures.enqueue;
import static at.jobfair.mail.MailFixtures.mail;
import static at.jobfair.mail.MailFixtures.messageIds;
import static at.jobfair.mail.MailFixtures.status;
import static at.jobfair.mail.MailFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two application instances on one database share the outbox: each message goes out exactly once. */
class OutboxRaceTest {

  private static final int MESSAGES = 200;

  @Test
  void twoInstancesRacingOverTwoHundredMessagesDeliverEachExactlyOnce() throws SQLException {
    GreenMail smtp = MailFixtures.smtp();
    Map<String, Object> settings = MailFixtures.sendingTo(smtp.getSmtp().getPort(), 20);
    try (TestApp first = TestApp.start(settings); App second = MailFixtures.startOn(first, settings)) {
      Pool pool = first.app().pool();
      // what the demo put into the outbox when it started (its decision letter): sent by the same senders
      long demo = first.count("select count(*) from mail_outbox");
      Outbox outbox = new Outbox(new OutboxStore(pool), true);
      // All in one transaction, so both senders find all of them due at the same moment.
      await(pool.withTransaction(tx -> {
        Future<Long> chain = Future.succeededFuture();
        for (int i = 0; i < MESSAGES; i++) {
          Mail m = mail("race" + i + "@example.org", "booking:" + i);
          chain = chain.compose(x -> outbox.enqueue(tx, m));
        }
        return chain;
      }));
      waitUntil("all " + MESSAGES + " sent", () -> first.count("select count(*) from mail_outbox where status = 'SENT'") == MESSAGES + demo);
      // A last message through the same senders: anything still under way would have arrived before it.
      long last = enqueue(pool, outbox, mail("last@example.org", "booking:last"));
      waitUntil("the last message sent", () -> "SENT".equals(status(first, last)));

      List<String> received = messageIds(smtp);
      assertEquals(MESSAGES + 1 + demo, received.size(), "one delivery per message");
      Set<String> distinct = new HashSet<>(received);
      assertEquals(MESSAGES + 1 + demo, distinct.size(), "no Message-ID twice");
      Set<String> stored = new HashSet<>();
      try (var c = first.jdbc(); var st = c.createStatement(); var rs = st.executeQuery("select message_id from mail_outbox")) {
        while (rs.next()) stored.add(rs.getString(1));
      }
      assertEquals(stored, distinct, "what arrived is exactly what the outbox holds");
      assertEquals(MESSAGES + 1 + demo, first.count("select count(*) from mail_outbox where attempts = 1 and status = 'SENT'"));
      assertEquals(2, first.count("select count(distinct claimed_by) from mail_outbox"), "both instances took part");
    } finally {
      smtp.stop();
    }
  }
}
