package at.jobfair.mail;

import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static at.jobfair.mail.MailFixtures.await;
import static at.jobfair.mail.MailFixtures.enqueue;
import static at.jobfair.mail.MailFixtures.status;
import static at.jobfair.mail.MailFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without SMTP the outbox keeps every message, and staff (only staff) read them in the browser and the API. */
class OutboxPagesTest {

  static final String ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Gespräch\r\nEND:VCALENDAR\r\n";
  static final String ICS_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
  static TestApp app;
  static long kept;
  static long queuedBefore;
  /** What the demo itself put into the outbox at start (its decision letter), kept as everything is without SMTP. */
  static long demoMessages;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("mail.pollMillis", 50));
    Pool pool = app.app().pool();
    demoMessages = app.count("select count(*) from mail_outbox");
    OutboxStore store = new OutboxStore(pool);
    Outbox outbox = new Outbox(store, false);
    kept = enqueue(pool, outbox, new Mail("anna.muster@example.org", "Anna Muster", "Ihr Termin bei Hotel Alpenblick",
        "Guten Tag!\n<b>Das ist Text</b>, kein HTML.", "<script>alert('x')</script><b>fett</b>",
        List.of(new Mail.Attachment("termin-ü.ics", ICS_TYPE, ICS.getBytes(StandardCharsets.UTF_8))), "BOOKING_CONFIRMED",
        "booking:1"));
    // One that was queued for SMTP (say, before the mail server was taken out of the configuration).
    queuedBefore = await(pool.withTransaction(tx -> store.insert(tx,
        Mail.text("ben@example.org", null, "Termin abgesagt", "Leider abgesagt.", "BOOKING_CANCELLED", "booking:2"),
        OutboxStore.Status.QUEUED)));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void withoutSmtpMessagesAreKept() {
    assertEquals("KEPT", status(app, kept), "kept as it is enqueued");
    waitUntil("the queued message kept", () -> "KEPT".equals(status(app, queuedBefore)));
    assertEquals(0, app.count("select count(*) from mail_outbox where attempts > 0 or sent_at is not null or message_id is not null"),
        "nothing was tried");
  }

  /** Organisers run the platform's mail: they see every message (SfA and SfU only their people's: OutboxScopeTest). */
  @ParameterizedTest
  @ValueSource(strings = {"organizer@demo.test"})
  void staffSeeTheOutbox(String email) {
    TestClient c = app.client().signedIn(email);
    var list = c.get("/admin/outbox");
    assertEquals(200, list.status());
    assertTrue(list.body().contains("Ihr Termin bei Hotel Alpenblick"), list.body());
    assertTrue(list.body().contains("anna.muster@example.org"));
    assertTrue(list.body().contains("aufbewahrt"), "the state, in German");
    assertTrue(list.body().contains("Es ist kein Mailserver eingerichtet"), "says why nothing is sent");
    assertTrue(list.body().contains("href=\"/admin/outbox/" + kept + "\""));
    assertEquals(200, c.get("/admin/outbox/" + kept).status());
    assertEquals(200, c.get("/api/outbox").status());
    assertTrue(c.get("/").body().contains("href=\"/admin/outbox\""), "a link in the navigation");
  }

  @ParameterizedTest
  @ValueSource(strings = {"seeker@demo.test", "employer@demo.test"})
  void jobseekersAndEmployersAreRefused(String email) {
    TestClient c = app.client().signedIn(email);
    for (String path : List.of("/admin/outbox", "/admin/outbox?status=KEPT", "/admin/outbox/" + kept,
        "/admin/outbox/" + kept + "/attachments/0")) {
      var r = c.get(path);
      assertEquals(403, r.status(), path);
      assertFalse(r.body().contains("Ihr Termin bei Hotel Alpenblick"), path);
      assertFalse(r.body().contains("BEGIN:VCALENDAR"), path);
    }
    var api = c.get("/api/outbox");
    assertEquals(403, api.status());
    assertEquals("forbidden_role", api.json().getString("error"));
    assertEquals(403, c.postRaw("/admin/outbox/" + kept + "/resend", "application/x-www-form-urlencoded", "").status());
    assertFalse(c.get("/").body().contains("href=\"/admin/outbox\""), "no link for them");
  }

  @Test
  void anonymousVisitorsAreSentToSignIn() {
    TestClient c = app.client();
    var page = c.get("/admin/outbox/" + kept);
    assertEquals(303, page.status());
    assertEquals("/signin?next=%2Fadmin%2Foutbox%2F" + kept, page.header("location"));
    assertEquals(401, c.get("/api/outbox").status());
  }

  @Test
  void aMessageShowsItsTextAndItsHtmlOnlyAsSource() {
    var r = app.client().signedIn("organizer@demo.test").get("/admin/outbox/" + kept);
    assertEquals(200, r.status());
    String body = r.body();
    assertTrue(body.contains("<pre class=\"mail-text\">Guten Tag!\n&lt;b&gt;Das ist Text&lt;/b&gt;, kein HTML.</pre>"), body);
    assertTrue(body.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;"), body);
    assertFalse(body.contains("<script>alert"), "the HTML is never rendered");
    assertFalse(body.contains("<b>fett</b>"));
    assertTrue(body.contains("href=\"/admin/outbox/" + kept + "/attachments/0\""), body);
    assertTrue(body.contains("termin-ü.ics"));
    assertTrue(body.contains("BOOKING_CONFIRMED"));
    assertTrue(body.contains("booking:1"));
    assertFalse(body.contains("/resend"), "no SMTP, nothing to send again with");
  }

  @Test
  void attachmentsDownloadWithTheirTypeAndName() {
    TestClient c = app.client().signedIn("organizer@demo.test");
    var r = c.get("/admin/outbox/" + kept + "/attachments/0");
    assertEquals(200, r.status());
    assertEquals(ICS_TYPE, r.header("content-type"));
    assertEquals("attachment; filename=\"termin-_.ics\"; filename*=UTF-8''termin-%C3%BC.ics", r.header("content-disposition"));
    assertEquals("nosniff", r.header("x-content-type-options"));
    assertEquals(ICS, r.body());
    assertEquals(404, c.get("/admin/outbox/" + kept + "/attachments/1").status());
    assertEquals(404, c.get("/admin/outbox/" + kept + "/attachments/-1").status());
    assertEquals(404, c.get("/admin/outbox/" + kept + "/attachments/x").status());
    assertEquals(404, c.get("/admin/outbox/999999/attachments/0").status());
    assertEquals(404, c.get("/admin/outbox/999999").status());
    assertEquals(404, c.get("/admin/outbox/abc").status());
  }

  @Test
  void theApiListsNewestFirstAndFilters() {
    waitUntil("the queued message kept", () -> "KEPT".equals(status(app, queuedBefore)));
    TestClient c = app.client().signedIn("organizer@demo.test");
    JsonArray all = c.get("/api/outbox").array();
    assertEquals(2 + demoMessages, all.size());
    assertEquals(queuedBefore, all.getJsonObject(0).getLong("id"), "newest first");
    JsonObject m = all.getJsonObject(1);
    assertEquals(kept, m.getLong("id"));
    assertEquals("anna.muster@example.org", m.getString("to"));
    assertEquals("Anna Muster", m.getString("toName"));
    assertEquals("Ihr Termin bei Hotel Alpenblick", m.getString("subject"));
    assertEquals("BOOKING_CONFIRMED", m.getString("kind"));
    assertEquals("booking:1", m.getString("ref"));
    assertEquals("KEPT", m.getString("status"));
    assertEquals(0, m.getInteger("attempts"));
    assertEquals(null, m.getString("sentAt"));
    assertTrue(m.getString("createdAt").endsWith("Z"), m.getString("createdAt"));
    assertEquals(new JsonArray().add(new JsonObject().put("filename", "termin-ü.ics").put("contentType", ICS_TYPE)
        .put("size", ICS.getBytes(StandardCharsets.UTF_8).length)), m.getJsonArray("attachments"));
    assertFalse(m.containsKey("text"), "no bodies in the list");

    assertEquals(2 + demoMessages, c.get("/api/outbox?status=KEPT").array().size());
    assertEquals(2 + demoMessages, c.get("/api/outbox?status=kept").array().size());
    assertEquals(0, c.get("/api/outbox?status=SENT").array().size());
    JsonArray byTo = c.get("/api/outbox?to=ANNA.MUSTER").array();
    assertEquals(1, byTo.size());
    assertEquals(kept, byTo.getJsonObject(0).getLong("id"));
    assertEquals(0, c.get("/api/outbox?to=%25").array().size(), "a % is a character, not a wildcard");
    assertEquals(1, c.get("/api/outbox?limit=1").array().size());
    assertEquals("invalid_value", c.get("/api/outbox?status=LOST").json().getString("error"));
    assertEquals(400, c.get("/api/outbox?limit=0").status());
    assertEquals(400, c.get("/api/outbox?limit=many").status());
  }

  @Test
  void thePageFiltersByStatusAndRecipient() {
    TestClient c = app.client().signedIn("organizer@demo.test");
    String byTo = c.get("/admin/outbox?to=ben%40").body();
    assertTrue(byTo.contains("Termin abgesagt"), byTo);
    assertFalse(byTo.contains("Ihr Termin bei Hotel Alpenblick"));
    assertTrue(byTo.contains("value=\"ben@\""), "the filter stays filled in");
    String sent = c.get("/admin/outbox?status=SENT").body();
    assertFalse(sent.contains("Termin abgesagt"));
    assertTrue(sent.contains("Keine Nachricht passt zu diesen Filtern."), sent);
    assertTrue(sent.contains("<option value=\"SENT\" selected>"), sent);
    String english = c.get("/admin/outbox?lang=en").body();
    assertTrue(english.contains("<h1>Outbox</h1>"), english);
    assertTrue(english.contains(">kept<"), english);
  }

  @Test
  void sendingAgainNeedsAnSmtpServer() {
    TestClient c = app.client().signedIn("organizer@demo.test");
    var r = c.postRaw("/admin/outbox/" + kept + "/resend", "application/x-www-form-urlencoded", "");
    assertEquals(409, r.status());
    assertTrue(r.body().contains("Es ist kein Mailserver eingerichtet, daher kann nichts gesendet werden."), r.body());
    assertEquals("KEPT", status(app, kept));
    assertEquals(403, c.postWithoutCsrf("/admin/outbox/" + kept + "/resend", "").status(), "forms carry the CSRF token");
  }
}
