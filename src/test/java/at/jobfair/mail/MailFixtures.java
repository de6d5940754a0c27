package at.jobfair.mail;

import at.jobfair.App;
import at.jobfair.support.TestApp;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.sqlclient.Pool;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the outbox tests share: a real SMTP server (GreenMail), waiting with a deadline, and looking into the table. */
public final class MailFixtures {

  static final Duration DEADLINE = Duration.ofSeconds(30);

  private MailFixtures() {
  }

  /** A GreenMail SMTP server on a free port of 127.0.0.1. */
  public static GreenMail smtp() {
    return smtp(0);
  }

  static GreenMail smtp(int port) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail g = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    g.start();
    return g;
  }

  /** Settings that send to this server, looking at the outbox every {@code pollMillis}. */
  public static Map<String, Object> sendingTo(int port, int pollMillis) {
    Map<String, Object> s = new HashMap<>();
    s.put("mail.smtpHost", "127.0.0.1");
    s.put("mail.smtpPort", port);
    s.put("mail.starttls", "DISABLED");
    s.put("mail.pollMillis", pollMillis);
    s.put("http.publicUrl", "https://jobs.example.org");
    return s;
  }


  /** Another instance of the application on the same database as {@code first} (which may be closed by now). */
  static App startOn(TestApp first, Map<String, Object> settings) {
    Map<String, Object> s = TestApp.defaults(first.app().config().db().url());
    s.put("demo", false);
    s.putAll(settings);
    return App.start(TestApp.config().with(s));
  }

  static Mail mail(String to, String dedupeKey) {
    return Mail.text(to, "Anna Muster", "Ihr Termin " + dedupeKey, "Guten Tag!\nIhr Termin ist bestätigt.", "BOOKING_CONFIRMED",
        dedupeKey);
  }

  /** Enqueues in a transaction of its own and waits for the commit. */
  static long enqueue(Pool pool, Outbox outbox, Mail mail) {
    return await(pool.withTransaction(tx -> outbox.enqueue(tx, mail)));
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  /** Waits until the condition holds, failing the test with {@code what} at the deadline. */
  static void waitUntil(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("gave up waiting: " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static String status(TestApp app, long id) {
    return text(app, "select status from mail_outbox where id = " + id);
  }

  static String text(TestApp app, String sql) {
    try (var c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void execute(TestApp app, String sql) {
    try (var c = app.jdbc(); var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> messageIds(GreenMail g) {
    List<String> out = new ArrayList<>();
    try {
      for (MimeMessage m : g.getReceivedMessages()) out.add(m.getMessageID());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  static List<MimeMessage> received(GreenMail g, String subject) {
    List<MimeMessage> out = new ArrayList<>();
    try {
      for (MimeMessage m : g.getReceivedMessages()) if (subject.equals(m.getSubject())) out.add(m);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The part of a received message that carries this file name, or null. */
  static BodyPart part(MimeMessage m, String filename) throws MessagingException, IOException {
    Object content = m.getContent();
    if (!(content instanceof Multipart mp)) return null;
    return find(mp, filename);
  }

  private static BodyPart find(Multipart mp, String filename) throws MessagingException, IOException {
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (filename.equals(p.getFileName())) return p;
      if (p.getContent() instanceof Multipart inner) {
        BodyPart found = find(inner, filename);
        if (found != null) return found;
      }
    }
    return null;
  }

  /** The plain-text body of a received message. */
  static String text(MimeMessage m) throws MessagingException, IOException {
    Object content = m.getContent();
    if (content instanceof String s) return s;
    return textOf((Multipart) content);
  }

  private static String textOf(Multipart mp) throws MessagingException, IOException {
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.isMimeType("text/plain") && p.getFileName() == null) {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
      if (p.getContent() instanceof Multipart inner) {
        String t = textOf(inner);
        if (t != null) return t;
      }
    }
    return null;
  }
}
