package at.jobfair.chat;

import at.jobfair.mail.MailFixtures;
import at.jobfair.support.Fixtures;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What organisers handle, through a real SMTP server and the live socket (issue 16): a new chat report mails every
 * organiser in their language (in the report's transaction) and appears live for organisers only; an organiser marks it
 * handled with an outcome (who, when, audited) and it leaves the open list; of many organisers marking one report at
 * once exactly one wins and the others get 409; a new application to exhibit, a new sign-up and another organiser's
 * decision arrive live on the organisers' topics, which nobody else may watch.
 */
class ChatReportHandlingTest {

  static GreenMail smtp;
  static TestApp app;
  static Fixtures fx;
  static Vertx vertx;
  static io.vertx.core.http.WebSocketClient ws;
  static long booth;
  static String englishOrganiser;
  static List<String> organisers;

  @BeforeAll
  static void start() {
    smtp = MailFixtures.smtp();
    Map<String, Object> settings = new HashMap<>(MailFixtures.sendingTo(smtp.getSmtp().getPort(), 50));
    app = TestApp.start(settings);
    fx = new Fixtures(app);
    vertx = Vertx.vertx();
    ws = vertx.createWebSocketClient();
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    booth = fx.booth(fx.fair("Melde-Börse", true, 0), hotel);
    // more organisers: one reads English, the others race for the same reports
    organisers = fx.jobseekers("orga", 8);
    for (String o : organisers) {
      fx.exec("update account_role set role = 'ORGANIZER' where account_id = ?", fx.accountId(o));
      fx.exec("delete from jobseeker where account_id = ?", fx.accountId(o));
    }
    englishOrganiser = organisers.get(0);
    fx.exec("update account set language = 'en' where email = ?", englishOrganiser);
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
    smtp.stop();
  }

  /** A person writes to the booth, the booth answers, the person reports the answer: the report's id. */
  static long report(String prefix, String answer) {
    TestClient person = app.client();
    assertEquals(200, person.signIn(fx.jobseekers(prefix, 1).get(0), Fixtures.PASSWORD).status());
    TestClient.Response first = person.post("/api/booths/" + booth + "/chat/messages", new JsonObject().put("text", "Guten Tag"));
    assertEquals(201, first.status(), first.body());
    long conv = first.json().getLong("conversation");
    TestClient.Response rude = app.as("employer@demo.test").post("/api/chats/" + conv + "/messages", new JsonObject().put("text", answer));
    assertEquals(201, rude.status(), rude.body());
    long message = rude.json().getLong("id");
    assertEquals(200, person.post("/api/chat-messages/" + message + "/report", new JsonObject().put("reason", "unangemessen")).status());
    return app.count("select id from chat_report where message_id = " + message);
  }

  /** A live connection as a page opens it. */
  static final class Socket implements AutoCloseable {
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final WebSocket socket;

    Socket(String email, String password) throws Exception {
      RawSession raw = RawSession.signIn(app.baseUrl(), email, password);
      WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live")
          .addHeader("Cookie", raw.cookieHeader());
      socket = ws.connect(o).await(10, TimeUnit.SECONDS);
      socket.textMessageHandler(t -> received.add(new JsonObject(t)));
    }

    JsonArray subscribe(String... topics) throws InterruptedException {
      socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray(List.of((Object[]) topics))).encode());
      JsonObject answer = received.poll(5, TimeUnit.SECONDS);
      assertNotNull(answer);
      assertEquals("subscribed", answer.getString("type"));
      return answer.getJsonArray("topics");
    }

    /** The next message that matches (others skipped), or null after the wait. */
    JsonObject next(Predicate<JsonObject> wanted, int seconds) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < until) {
        JsonObject m = received.poll(100, TimeUnit.MILLISECONDS);
        if (m != null && wanted.test(m)) return m;
      }
      return null;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  /** The mails to {@code to} with this subject whose text holds {@code about} (other tests' reports mail too). */
  static List<MimeMessage> mailsTo(String to, String subject, String about) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getRecipients(Message.RecipientType.TO)[0].toString().contains(to) && subject.equals(m.getSubject())
          && textOf(m).replace("\r\n", "\n").contains(about)) out.add(m);
    }
    return out;
  }

  static List<MimeMessage> awaitMails(String to, String subject, String about) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      List<MimeMessage> got = mailsTo(to, subject, about);
      if (!got.isEmpty()) return got;
      Thread.sleep(50);
    }
    throw new AssertionError("no mail '" + subject + "' to " + to);
  }

  @Test
  void aNewReportMailsEveryOrganiserInTheirLanguageAndAppearsLiveForOrganisersOnly() throws Exception {
    try (Socket organiser = new Socket("organizer@demo.test", "demo");
         Socket employer = new Socket("employer@demo.test", "demo");
         Socket sfa = new Socket("sfa@demo.test", "demo");
         Socket seeker = new Socket("seeker@demo.test", "demo")) {
      assertEquals(new JsonArray().add("organisers:0"), organiser.subscribe("organisers:0"));
      assertEquals(new JsonArray(), employer.subscribe("organisers:0"), "deny by default: not an employer's");
      assertEquals(new JsonArray(), sfa.subscribe("organisers:0"), "nor other staff's");
      assertEquals(new JsonArray(), seeker.subscribe("organisers:0"), "nor a jobseeker's");

      long id = report("melde-mail", "Schicken Sie mir Ihre Handynummer, wir zahlen bar.");
      JsonObject live = organiser.next(m -> "chat-report".equals(m.getString("type")) && m.getLong("report") == id, 10);
      assertNotNull(live, "the organiser's page hears of the new report");
      assertFalse(live.getBoolean("handled"));
      assertNull(employer.next(m -> "chat-report".equals(m.getString("type")), 1));

      String link = "https://jobs.example.org/admin/chat-reports#report-" + id;
      List<MimeMessage> germans = awaitMails("organizer@demo.test", "Gemeldete Chat-Nachricht: Melde-Börse", link + "\n");
      assertEquals(1, germans.size());
      MimeMessage german = germans.get(0);
      String text = textOf(german);
      assertTrue(text.contains("Hallo Lena Steiner") && text.contains(link), text);
      assertFalse(text.contains("Handynummer"), "the message's text stays on the page");
      MimeMessage english = awaitMails(englishOrganiser, "Chat message reported: Melde-Börse", link + "\n").get(0);
      assertTrue(textOf(english).startsWith("Hello Person orga 0"), textOf(english));
      // every active organiser once, queued with the report
      long active = app.count("select count(*) from account a join account_role r on r.account_id = a.id and r.role = 'ORGANIZER' where a.active");
      assertEquals(active, app.count("select count(*) from mail_outbox where kind = 'CHAT_REPORTED' and ref = 'chat-report:" + id + "'"));
      assertTrue(active >= 9);
    }
  }

  static void assertNull(Object o) {
    org.junit.jupiter.api.Assertions.assertNull(o);
  }

  @Test
  void anOrganiserMarksAReportHandledWithAnOutcomeKeptWithWhoAndWhenAndAuditedAndItLeavesTheOpenList() throws Exception {
    long id = report("melde-handle", "Das ist doch lächerlich.");
    TestClient organiser = app.as("organizer@demo.test");
    assertTrue(ids(organiser.get("/api/chat-reports").array()).contains(id));
    assertTrue(organiser.get("/admin/chat-reports").body().contains("id=\"report-" + id + "\""));

    // bad input: a clear 400, nothing written; others: 403; a report that is not there: 404
    TestClient.Response blank = organiser.post("/api/chat-reports/" + id + "/handled", new JsonObject().put("outcome", "   "));
    assertEquals(400, blank.status(), blank.body());
    assertEquals("chat_report_outcome_missing", blank.json().getString("error"));
    TestClient.Response longer = organiser.post("/api/chat-reports/" + id + "/handled", new JsonObject().put("outcome", "x".repeat(501)));
    assertEquals(400, longer.status());
    assertEquals("chat_report_outcome_too_long", longer.json().getString("error"));
    assertTrue(longer.json().getString("message").contains("500"), longer.body());
    assertEquals(403, app.as("employer@demo.test").post("/api/chat-reports/" + id + "/handled", new JsonObject().put("outcome", "ich")).status());
    assertEquals(403, app.as("sfa@demo.test").post("/api/chat-reports/" + id + "/handled", new JsonObject().put("outcome", "ich")).status());
    assertEquals(0, app.count("select count(*) from chat_report where id = " + id + " and handled_at is not null"));
    TestClient.Response missing = organiser.post("/api/chat-reports/999999999/handled", new JsonObject().put("outcome", "erledigt"));
    assertEquals(404, missing.status());
    assertEquals("chat_report_not_found", missing.json().getString("error"));

    try (Socket watching = new Socket(organisers.get(1), Fixtures.PASSWORD)) {
      watching.subscribe("organisers:0");
      TestClient.Response done = organiser.post("/api/chat-reports/" + id + "/handled", new JsonObject().put("outcome", "  Stand verwarnt, Nachricht an die Person  "));
      assertEquals(200, done.status(), done.body());
      assertEquals("handled", done.json().getString("state"));
      assertEquals("Lena Steiner", done.json().getJsonObject("handled").getString("by"));
      assertEquals("Stand verwarnt, Nachricht an die Person", done.json().getJsonObject("handled").getString("outcome"));
      assertNotNull(watching.next(m -> "chat-report".equals(m.getString("type")) && m.getLong("report") == id && m.getBoolean("handled"), 10),
          "another organiser's page hears it");
    }
    assertFalse(ids(organiser.get("/api/chat-reports").array()).contains(id), "no longer open");
    JsonObject handled = organiser.get("/api/chat-reports?state=handled").array().stream().map(o -> (JsonObject) o)
        .filter(r -> r.getLong("id") == id).findFirst().orElseThrow();
    assertNotNull(handled.getJsonObject("handled").getString("at"));
    assertEquals(400, organiser.get("/api/chat-reports?state=maybe").status());
    String page = organiser.get("/admin/chat-reports").body();
    assertFalse(page.contains("id=\"report-" + id + "\""), "not among the open ones");
    assertTrue(page.contains("Stand verwarnt"), "among those handled recently");
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'chat-report:" + id + "' and event = 'CHAT_REPORT_HANDLED'"
        + " and actor_id = " + fx.accountId("organizer@demo.test") + " and reasons = 'Stand verwarnt, Nachricht an die Person'"));
    assertEquals(1, app.count("select count(*) from chat_report where id = " + id + " and handled_by = "
        + fx.accountId("organizer@demo.test") + " and handled_at is not null"));

    // twice: a clear conflict, nothing changes
    TestClient.Response again = app.as(organisers.get(2)).post("/api/chat-reports/" + id + "/handled", new JsonObject().put("outcome", "auch erledigt"));
    assertEquals(409, again.status());
    assertEquals("chat_report_handled", again.json().getString("error"));
    assertTrue(again.json().getString("message").contains("schon erledigt"), again.body());
    assertEquals(1, app.count("select count(*) from chat_report where id = " + id + " and outcome = 'Stand verwarnt, Nachricht an die Person'"));
    assertTrue(app.as("organizer@demo.test").get("/api/audit/verify").status() < 300);
  }

  static List<Long> ids(JsonArray reports) {
    return reports.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  @Test
  void manyOrganisersMarkingOneReportAtOnceExactlyOneWinsAndTheOthersGetAClear409() throws Exception {
    List<TestClient> clients = new ArrayList<>();
    for (String o : organisers) clients.add(app.as(o));
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      for (int round = 0; round < 5; round++) {
        long id = report("melde-race-" + round, "Runde " + round + ": unfreundlich");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TestClient.Response>> answers = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
          TestClient c = clients.get(i);
          String outcome = "erledigt von " + i;
          answers.add(pool.submit(() -> {
            go.await();
            return c.post("/api/chat-reports/" + id + "/handled", new JsonObject().put("outcome", outcome));
          }));
        }
        go.countDown();
        int won = 0;
        int conflicts = 0;
        String winner = null;
        for (Future<TestClient.Response> f : answers) {
          TestClient.Response r = f.get(60, TimeUnit.SECONDS);
          if (r.status() == 200) {
            won++;
            winner = r.json().getJsonObject("handled").getString("outcome");
          } else {
            assertEquals(409, r.status(), r.body());
            assertEquals("chat_report_handled", r.json().getString("error"));
            conflicts++;
          }
        }
        assertEquals(1, won, "exactly one organiser marks report " + id);
        assertEquals(clients.size() - 1, conflicts);
        assertEquals(1, app.count("select count(*) from chat_report where id = " + id + " and outcome = '" + winner + "'"),
            "what is kept is the winner's");
        assertEquals(1, app.count("select count(*) from audit_log where subject = 'chat-report:" + id + "' and event = 'CHAT_REPORT_HANDLED'"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNewApplicationASignUpAndAnotherOrganisersDecisionArriveLiveOnTheOrganisersTopics() throws Exception {
    long fair = fx.fair("Aussteller-Börse", true, 0);
    try (Socket organiser = new Socket("organizer@demo.test", "demo"); Socket employer = new Socket("employer2@demo.test", "demo")) {
      assertEquals(new JsonArray().add("organisers:0").add("organisers:" + fair), organiser.subscribe("organisers:0", "organisers:" + fair));
      assertEquals(new JsonArray(), employer.subscribe("organisers:" + fair), "an employer does not watch the organisers' lists");

      TestClient.Response applied = app.as("employer2@demo.test").post("/api/fairs/" + fair + "/exhibitor-applications", new JsonObject());
      assertEquals(201, applied.status(), applied.body());
      long application = applied.json().getLong("id");
      Predicate<JsonObject> pending = m -> "exhibitor-application".equals(m.getString("type")) && m.getLong("application") == application
          && "PENDING".equals(m.getString("status"));
      JsonObject onFair = organiser.next(m -> pending.test(m) && ("organisers:" + fair).equals(m.getString("topic")), 10);
      assertNotNull(onFair, "the fair's admin page hears the new application");

      // another organiser decides: the first one's open page hears it
      TestClient.Response decided = app.as(organisers.get(3)).post("/api/fairs/" + fair + "/exhibitor-applications/" + application + "/decision",
          new JsonObject().put("approve", true));
      assertTrue(decided.status() < 300, decided.body());
      assertNotNull(organiser.next(m -> "exhibitor-application".equals(m.getString("type")) && m.getLong("application") == application
          && "APPROVED".equals(m.getString("status")), 10));
      assertTrue(app.as("organizer@demo.test").get("/admin/fairs/" + fair).body().contains("data-live=\"organisers:" + fair + "\""));

      // a sign-up that comes in, is confirmed and decided by another organiser: heard on organisers:0 each time
      JsonObject signup = new JsonObject().put("company", "Live GmbH").put("address", "Hauptstraße 1, 1010 Wien").put("region", "Wien")
          .put("phone", "+43 1 234").put("name", "Rita Live").put("email", "rita@live-gmbh.example").put("password", "geheim1234");
      assertEquals(202, app.client().post("/api/employer-signups", signup).status());
      JsonObject came = organiser.next(m -> "employer-signup".equals(m.getString("type")), 10);
      assertNotNull(came, "the sign-ups page hears the new sign-up");
      long employerId = came.getLong("employer");
      fx.exec("update employer_signup set email_confirmed_at = now() where employer_id = ?", employerId);
      assertNotNull(organiser.next(m -> "employer-signup".equals(m.getString("type")) && m.getLong("employer") == employerId, 10));
      assertEquals(204, app.as(organisers.get(4)).post("/api/employer-signups/" + employerId + "/decision", new JsonObject().put("approve", true)).status());
      assertNotNull(organiser.next(m -> "employer-signup".equals(m.getString("type")) && m.getLong("employer") == employerId
          && "APPROVED".equals(m.getString("decision")), 10));
      assertNull(employer.next(m -> m.getString("type").startsWith("e"), 1));
    }
  }

  /** The plain text of a received mail. */
  static String textOf(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof String s) return s;
    jakarta.mail.Multipart mp = (jakarta.mail.Multipart) content;
    for (int i = 0; i < mp.getCount(); i++) {
      if (mp.getBodyPart(i).isMimeType("text/plain")) return new String(mp.getBodyPart(i).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    throw new AssertionError("no text part");
  }
}
