package at.jobfair.chat;

import at.jobfair.App;
import at.jobfair.audit.AuditLog;
import at.jobfair.cascade.CascadeTestData;
import at.jobfair.support.Fixtures;
import at.jobfair.support.RawSession;
import at.jobfair.support.TestApp;
import at.jobfair.support.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text chat over HTTP and the live socket: a person and a booth write to each other live, both ways, and what they
 * wrote is there after a reload; nobody else reads it; block and report; HTML stays text; the retention job deletes old
 * messages; many messages at once keep their order and none is lost; the meeting room and the group session.
 */
class ChatTest {

  static final int PER_MINUTE = 40;
  static TestApp app;
  static Fixtures fx;
  static Vertx vertx;
  static io.vertx.core.http.WebSocketClient ws;
  static long hotel;
  static long fair;
  static long booth;
  static long otherBooth;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("chat.messagesPerMinute", PER_MINUTE));
    fx = new Fixtures(app);
    vertx = Vertx.vertx();
    ws = vertx.createWebSocketClient();
    hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    long other = app.as("employer2@demo.test").get("/api/me").json().getLong("employerId");
    fair = fx.fair("Chat-Börse", true, 0);
    booth = fx.booth(fair, hotel);
    otherBooth = fx.booth(fair, other);
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
  }

  static TestClient person(String prefix) {
    TestClient c = app.client();
    assertEquals(200, c.signIn(fx.jobseekers(prefix, 1).get(0), Fixtures.PASSWORD).status());
    return c;
  }

  static TestClient.Response write(TestClient c, long conversation, String text) {
    return c.post("/api/chats/" + conversation + "/messages", new JsonObject().put("text", text));
  }

  static long firstMessage(TestClient person, long toBooth, String text) {
    TestClient.Response r = person.post("/api/booths/" + toBooth + "/chat/messages", new JsonObject().put("text", text));
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("conversation");
  }

  /** A live connection as a page opens it. */
  final class Socket implements AutoCloseable {
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final WebSocket socket;

    Socket(String cookie) throws Exception {
      WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.app().port()).setURI("/live");
      if (cookie != null) o.addHeader("Cookie", cookie);
      socket = ws.connect(o).await(10, TimeUnit.SECONDS);
      socket.textMessageHandler(t -> received.add(new JsonObject(t)));
    }

    JsonObject subscribe(String... topics) throws InterruptedException {
      socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray(List.of((Object[]) topics))).encode());
      JsonObject answer = received.poll(5, TimeUnit.SECONDS);
      assertNotNull(answer);
      assertEquals("subscribed", answer.getString("type"));
      return answer;
    }

    /** The next message of this type (others skipped), or null after the wait. */
    JsonObject next(String type, int seconds) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < until) {
        JsonObject m = received.poll(100, TimeUnit.MILLISECONDS);
        if (m != null && type.equals(m.getString("type"))) return m;
      }
      return null;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  @Test
  void aMessageArrivesLiveBothWaysAndSurvivesAReload() throws Exception {
    String email = fx.jobseekers("chat-live", 1).get(0);
    long personId = fx.accountId(email);
    RawSession personRaw = RawSession.signIn(app.baseUrl(), email, Fixtures.PASSWORD);
    RawSession employerRaw = RawSession.signIn(app.baseUrl(), "employer@demo.test", "demo");
    TestClient person = app.client();
    person.signIn(email, Fixtures.PASSWORD);
    TestClient employer = app.as("employer@demo.test");
    long booth = fx.booth(fx.fair("Chat-Live", true, 0), hotel);
    long conv = firstMessage(person, booth, "Guten Tag, suchen Sie noch Köche?");

    try (Socket personSocket = new Socket(personRaw.cookieHeader()); Socket employerSocket = new Socket(employerRaw.cookieHeader())) {
      assertEquals(new JsonArray().add("chat:" + conv).add("chats:" + personId),
          personSocket.subscribe("chat:" + conv, "chats:" + personId).getJsonArray("topics"));
      assertEquals(new JsonArray().add("chat:" + conv).add("chat-employer:" + hotel),
          employerSocket.subscribe("chat:" + conv, "chat-employer:" + hotel).getJsonArray("topics"));

      // the booth's inbox shows one unread message
      JsonObject inbox = employer.get("/api/booths/" + booth + "/chats").json();
      assertEquals(1, inbox.getLong("unread"));
      assertEquals(conv, inbox.getJsonArray("conversations").getJsonObject(0).getLong("id"));

      // booth → person, live
      assertEquals(201, write(employer, conv, "Ja! Kommen Sie um 10 Uhr vorbei.").status());
      JsonObject heard = personSocket.next("chat", 5);
      assertNotNull(heard, "the person hears the booth's message live");
      assertEquals(conv, heard.getLong("conversation"));
      assertEquals(2, heard.getLong("seq"));
      assertFalse(heard.encode().contains("10 Uhr"), "the live notice carries ids only: " + heard);
      assertEquals(1, person.get("/api/me/chats/unread").json().getLong("unread"));

      // person → booth, live
      assertEquals(201, write(person, conv, "Danke, bis dann.").status());
      JsonObject toBooth = employerSocket.next("chat", 5);
      // its own first (once per topic: the conversation's and the inbox's)
      while (toBooth != null && toBooth.getLong("seq") == 2) toBooth = employerSocket.next("chat", 5);
      assertNotNull(toBooth, "the booth hears the person's message live");
      assertEquals(3, toBooth.getLong("seq"));

      // after a reload: everything there, in order, read by both sides
      JsonObject reloaded = person.get("/api/chats/" + conv).json();
      List<String> texts = reloaded.getJsonArray("messages").stream().map(o -> ((JsonObject) o).getString("text")).toList();
      assertEquals(List.of("Guten Tag, suchen Sie noch Köche?", "Ja! Kommen Sie um 10 Uhr vorbei.", "Danke, bis dann."), texts);
      assertEquals(0, person.get("/api/me/chats/unread").json().getLong("unread"));
      assertEquals(1, employer.get("/api/booths/" + booth + "/chats").json().getLong("unread"));
      JsonObject boothView = employer.get("/api/chats/" + conv + "?after=2").json();
      assertEquals(1, boothView.getJsonArray("messages").size(), "only what came after seq 2");
      assertEquals("BOOTH", boothView.getString("seat"));
      assertEquals(0, employer.get("/api/booths/" + booth + "/chats").json().getLong("unread"));
    }
  }

  @Test
  void nobodyElseReadsOrWritesAConversation() throws Exception {
    TestClient person = person("chat-own");
    long conv = firstMessage(person, booth, "Nur für Hotel Alpenblick");
    TestClient stranger = person("chat-stranger");
    TestClient otherEmployer = app.as("employer2@demo.test");
    for (TestClient c : List.of(stranger, otherEmployer, app.as("sfa@demo.test"), app.as("organizer@demo.test"), app.as("sfu@demo.test"))) {
      TestClient.Response read = c.get("/api/chats/" + conv);
      assertEquals(404, read.status(), read.body());
      assertEquals("chat_not_found", read.json().getString("error"));
      assertEquals(404, write(c, conv, "Darf ich mitlesen?").status());
    }
    assertEquals(401, app.client().get("/api/chats/" + conv).status());
    assertEquals(403, otherEmployer.get("/api/booths/" + booth + "/chats").status(), "another employer's inbox");
    assertEquals(403, person.get("/api/booths/" + booth + "/chats").status());
    // the page too
    assertEquals(404, stranger.get("/chats/" + conv).status());
    // and the live topic
    RawSession raw = RawSession.signIn(app.baseUrl(), "employer2@demo.test", "demo");
    try (Socket s = new Socket(raw.cookieHeader())) {
      JsonObject answer = s.subscribe("chat:" + conv, "chat-employer:" + hotel);
      assertEquals(new JsonArray(), answer.getJsonArray("topics"));
    }
    assertEquals(1, app.count("select count(*) from chat_message where conversation_id = " + conv), "nothing written by others");
  }

  @Test
  void aPersonBlocksTheBoothWhichGetsAClearRefusalAndReportsAMessageToTheOrganisers() {
    TestClient person = person("chat-block");
    TestClient employer = app.as("employer@demo.test");
    long conv = firstMessage(person, booth, "Hallo");
    TestClient.Response rude = write(employer, conv, "Unhöfliche Nachricht");
    assertEquals(201, rude.status());
    long rudeId = rude.json().getLong("id");

    // report: to the organisers with the message's text; one's own message cannot be reported
    assertEquals(200, person.post("/api/chat-messages/" + rudeId + "/report", new JsonObject().put("reason", "beleidigend")).status());
    assertEquals(200, person.post("/api/chat-messages/" + rudeId + "/report", new JsonObject()).status(), "again: nothing new");
    long own = person.get("/api/chats/" + conv).json().getJsonArray("messages").getJsonObject(0).getLong("id");
    TestClient.Response ownReport = person.post("/api/chat-messages/" + own + "/report", new JsonObject());
    assertEquals(400, ownReport.status());
    assertEquals("chat_report_own", ownReport.json().getString("error"));
    assertEquals(404, person("chat-nosy").post("/api/chat-messages/" + rudeId + "/report", new JsonObject()).status());
    JsonArray reports = app.as("organizer@demo.test").get("/api/chat-reports").array();
    JsonObject report = reports.stream().map(o -> (JsonObject) o).filter(r -> "Unhöfliche Nachricht".equals(r.getString("text"))).findFirst().orElseThrow();
    assertEquals("beleidigend", report.getString("reason"));
    assertEquals("Eva Huber", report.getString("sender"));
    assertEquals(1, app.count("select count(*) from chat_report where message_id = " + rudeId));
    assertEquals(403, employer.get("/api/chat-reports").status());
    assertTrue(app.as("organizer@demo.test").get("/admin/chat-reports").body().contains("Unhöfliche Nachricht"));

    // block: the booth is refused with a clear message; the booth cannot block
    TestClient.Response boothBlocks = employer.put("/api/chats/" + conv + "/block", new JsonObject().put("blocked", true));
    assertEquals(403, boothBlocks.status(), "only the person blocks");
    assertEquals(200, person.put("/api/chats/" + conv + "/block", new JsonObject().put("blocked", true)).status());
    TestClient.Response refused = write(employer, conv, "Noch eine");
    assertEquals(403, refused.status());
    assertEquals("chat_blocked", refused.json().getString("error"));
    assertTrue(refused.json().getString("message").contains("keine Nachrichten"), refused.body());
    assertTrue(employer.get("/chats/" + conv).body().contains("möchte keine Nachrichten mehr von Ihrem Stand"));
    assertEquals(201, write(person, conv, "Ich schreibe noch").status(), "the person still writes");
    // the database refuses it too, whatever the application does
    assertTrue(app.count("select count(*) from chat_message where conversation_id = " + conv + " and body = 'Noch eine'") == 0);
    // unblocked: the booth writes again
    assertEquals(200, person.put("/api/chats/" + conv + "/block", new JsonObject().put("blocked", false)).status());
    assertEquals(201, write(employer, conv, "Entschuldigung").status());
  }

  @Test
  void htmlIsKeptAndShownAsTextAndBadTextsAreRefused() {
    TestClient person = person("chat-html");
    String html = "<script>alert(1)</script><b>fett</b> <a href=\"https://evil.example\">Link</a> https://example.org";
    long conv = firstMessage(person, booth, html);
    assertEquals(html, person.get("/api/chats/" + conv).json().getJsonArray("messages").getJsonObject(0).getString("text"));
    String page = app.as("employer@demo.test").get("/chats/" + conv).body();
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;"), "escaped on the page");
    assertFalse(page.contains("<b>fett</b>") || page.contains("href=\"https://evil.example\"") || page.contains("href=\"https://example.org\""));

    TestClient.Response blank = write(person, conv, "   \n ");
    assertEquals(400, blank.status());
    assertEquals("chat_text_missing", blank.json().getString("error"));
    TestClient.Response tooLong = write(person, conv, "x".repeat(2001));
    assertEquals(400, tooLong.status());
    assertEquals("chat_text_too_long", tooLong.json().getString("error"));
    assertTrue(tooLong.json().getString("message").contains("2000"), tooLong.body());
    assertEquals(400, person.post("/api/chats/" + conv + "/messages", new JsonObject()).status());
    // direction overrides and control characters are removed
    assertEquals(201, write(person, conv, "a\u202Eb\u0007c").status());
    assertEquals(1, app.count("select count(*) from chat_message where conversation_id = " + conv + " and body = 'abc'"));
    assertEquals(2, app.count("select count(*) from chat_message where conversation_id = " + conv));
  }

  @Test
  void aPersonWritesAtMostSoManyMessagesAMinute() {
    TestClient person = person("chat-rate");
    long conv = firstMessage(person, otherBooth, "1");
    for (int i = 2; i <= PER_MINUTE; i++) assertEquals(201, write(person, conv, String.valueOf(i)).status());
    TestClient.Response tooMany = write(person, conv, "zu viel");
    assertEquals(429, tooMany.status());
    assertEquals("chat_too_many", tooMany.json().getString("error"));
    assertEquals(PER_MINUTE, app.count("select count(*) from chat_message where conversation_id = " + conv));
  }

  @Test
  void manyMessagesAtOnceKeepTheirOrderAndNoneIsLost() throws Exception {
    TestClient person = person("chat-race");
    TestClient employer = app.as("employer@demo.test");
    long conv = firstMessage(person, booth, "start");
    int threads = 6;
    int each = 6; // 3 threads per side × 6 = 18 per account, with the first message 19: under the minute's limit
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Integer>>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      TestClient c = t % 2 == 0 ? person : employer;
      String name = "t" + t;
      done.add(pool.submit(() -> {
        go.await();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < each; i++) statuses.add(write(c, conv, name + "-" + i).status());
        return statuses;
      }));
    }
    go.countDown();
    for (Future<List<Integer>> f : done) assertEquals(java.util.Collections.nCopies(each, 201), f.get(60, TimeUnit.SECONDS));
    pool.shutdown();
    JsonArray messages = person.get("/api/chats/" + conv).json().getJsonArray("messages");
    assertEquals(1 + threads * each, messages.size(), "none lost");
    for (int i = 0; i < messages.size(); i++) assertEquals(i + 1, messages.getJsonObject(i).getLong("seq"), "gapless and in order");
    // each writer's messages in the order they were sent
    for (int t = 0; t < threads; t++) {
      String name = "t" + t;
      List<String> mine = messages.stream().map(o -> ((JsonObject) o).getString("text")).filter(s -> s.startsWith(name + "-")).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) expected.add(name + "-" + i);
      assertEquals(expected, mine);
    }
    assertEquals(1 + threads * each, app.count("select last_seq from chat_conversation where id = " + conv));
    // two first messages at once make one conversation
    TestClient twice = person("chat-twice");
    ExecutorService two = Executors.newFixedThreadPool(2);
    CountDownLatch both = new CountDownLatch(1);
    List<Future<Integer>> firsts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int n = i;
      firsts.add(two.submit(() -> {
        both.await();
        return twice.post("/api/booths/" + booth + "/chat/messages", new JsonObject().put("text", "erste " + n)).status();
      }));
    }
    both.countDown();
    for (Future<Integer> f : firsts) assertEquals(201, f.get(30, TimeUnit.SECONDS));
    two.shutdown();
    long person2 = fx.accountId("chat-twice-0@example.org");
    assertEquals(1, app.count("select count(*) from chat_conversation where jobseeker_id = " + person2));
    assertEquals(2, app.count("select count(*) from chat_message m join chat_conversation c on c.id = m.conversation_id where c.jobseeker_id = " + person2));
  }

  @Test
  void theRetentionJobDeletesOldMessagesAndTheirReports() throws Exception {
    TestClient person = person("chat-old");
    long conv = firstMessage(person, booth, "alt");
    TestClient.Response answer = write(app.as("employer@demo.test"), conv, "auch alt");
    person.post("/api/chat-messages/" + answer.json().getLong("id") + "/report", new JsonObject());
    long fresh = firstMessage(person, otherBooth, "neu");
    fx.exec("update chat_message set sent_at = now() - interval '181 days' where conversation_id = ?", conv);
    fx.exec("update chat_report set sent_at = now() - interval '181 days' where conversation_id = ?", conv);
    fx.exec("update chat_message set sent_at = now() - interval '179 days' where conversation_id = ?", fresh);
    int removed = App.retentionJob(app.app().config(), app.app().pool(), new AuditLog(app.app().pool())).run().await(30, TimeUnit.SECONDS);
    assertTrue(removed >= 2, "removed " + removed);
    assertEquals(0, app.count("select count(*) from chat_message where conversation_id = " + conv));
    assertEquals(0, app.count("select count(*) from chat_conversation where id = " + conv), "the empty conversation goes too");
    assertEquals(0, app.count("select count(*) from chat_report where conversation_id = " + conv));
    assertEquals(1, app.count("select count(*) from chat_message where conversation_id = " + fresh), "within the period: kept");
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'retention:chat:" + conv + "' and event = 'DELETED'"));
    assertEquals(404, person.get("/api/chats/" + conv).status());
  }

  @Test
  void theCaseworkerReadsOnlyForAnOpenCaseInvolvingTheBoothAndTheReadIsLogged() {
    CascadeTestData data = new CascadeTestData(app);
    long sfa = fx.accountId("sfa@demo.test");
    long caseFair = data.fair("SUPRA_REGIONAL");
    long vacancy = data.vacancy(caseFair, hotel, "Koch");
    long caseBooth = data.boothOf(vacancy);
    long person = data.person(vacancy, "BINDING", sfa, "UNEMPLOYMENT_BENEFIT");
    TestClient personClient = app.client();
    personClient.signIn(fx.email(person), Fixtures.PASSWORD);
    long conv = firstMessage(personClient, caseBooth, "Ich komme etwas später");
    TestClient caseworker = app.as("sfa@demo.test");
    assertEquals(404, caseworker.get("/api/chats/" + conv).status(), "no open case yet");

    data.admit(app.as("sfu@demo.test"), caseFair, person);
    TestClient.Response read = caseworker.get("/api/chats/" + conv);
    assertEquals(200, read.status(), read.body());
    assertEquals("CASE_READER", read.json().getString("seat"));
    TestClient.Response written = write(caseworker, conv, "Hallo");
    assertEquals(403, written.status());
    assertEquals("chat_read_only", written.json().getString("error"));
    assertEquals(1, app.count("select count(*) from audit_log where subject = 'chat:" + conv + "' and event = 'READ' and actor_id = " + sfa));
    assertEquals(1, app.count("select count(*) from data_access where jobseeker_id = " + person + " and what = 'chat' and why = 'CASEWORKER'"));
    assertTrue(caseworker.get("/chats/" + conv).body().contains("Ihr Lesen wird protokolliert"));
    // another booth of another fair: no case involves it
    long elsewhere = firstMessage(personClient, booth, "Andere Messe");
    assertEquals(404, caseworker.get("/api/chats/" + elsewhere).status());
    // the reading did not count as the booth's
    assertEquals(1, app.as("employer@demo.test").get("/api/booths/" + caseBooth + "/chats").json().getLong("unread"));
  }

  @Test
  void theMeetingRoomHasThePersonsConversationWithTheBoothAndTheGroupSessionItsOwn() {
    String email = fx.jobseekers("chat-room", 1).get(0);
    long js = fx.accountId(email);
    long booking = fx.booking(booth, js, Instant.now().minus(Duration.ofMinutes(1)), 30);
    TestClient person = app.client();
    person.signIn(email, Fixtures.PASSWORD);
    JsonObject room = person.get("/api/bookings/" + booking + "/chat").json();
    long conv = room.getLong("id");
    assertEquals("PERSON", room.getString("seat"));
    assertEquals(conv, app.as("employer@demo.test").get("/api/bookings/" + booking + "/chat").json().getLong("id"));
    assertEquals(404, app.as("employer2@demo.test").get("/api/bookings/" + booking + "/chat").status());
    assertEquals(404, person("chat-room-other").get("/api/bookings/" + booking + "/chat").status());
    assertEquals(201, write(person, conv, "Mein Video geht nicht").status());
    assertEquals(conv, person.get("/api/booths/" + booth + "/chat").json().getLong("id"), "the same conversation as at the booth");

    long group = fx.fair("Chat-Orientierung", true, 0);
    fx.exec("update fair set orientation_starts_at = now() - interval '5 minutes', orientation_minutes = 60 where id = ?", group);
    JsonObject g = person.get("/api/fairs/" + group + "/orientation/chat").json();
    assertEquals("MEMBER", g.getString("seat"));
    long gid = g.getLong("id");
    TestClient sfu = app.as("sfu@demo.test");
    assertEquals(gid, sfu.get("/api/fairs/" + group + "/orientation/chat").json().getLong("id"));
    assertEquals(201, write(sfu, gid, "Willkommen zur Orientierung").status());
    assertEquals(201, write(person, gid, "Danke").status());
    JsonArray seen = person.get("/api/chats/" + gid).json().getJsonArray("messages");
    assertEquals(2, seen.size());
    assertFalse(seen.getJsonObject(0).getBoolean("own"));
    assertTrue(seen.getJsonObject(1).getBoolean("own"));
    // an employer not exhibiting at the fair may not enter its session, nor its chat
    assertTrue(app.as("employer2@demo.test").get("/api/fairs/" + group + "/orientation/chat").status() >= 400);
    assertEquals(404, app.as("employer2@demo.test").get("/api/chats/" + gid).status());
  }

  @Test
  void thePagesShowTheConversationTheListsAndTheUnreadCounts() {
    TestClient person = person("chat-pages");
    assertTrue(person.get("/booths/" + booth + "/chat").body().contains("Noch keine Nachrichten"));
    long conv = firstMessage(person, booth, "Seitenprobe");
    String mine = person.get("/me/chats").body();
    assertTrue(mine.contains("/chats/" + conv), mine);
    String inbox = app.as("employer@demo.test").get("/booths/" + booth + "/inbox").body();
    assertTrue(inbox.contains("/chats/" + conv) && inbox.contains("Person chat-pages 0"), inbox);
    assertTrue(app.as("employer@demo.test").get("/employer/chats").body().contains("/booths/" + booth + "/inbox"));
    assertTrue(person.get("/booths/" + booth).body().contains("/booths/" + booth + "/chat"), "write to this booth");
    assertTrue(person.get("/chats/" + conv + "?lang=en").body().contains("Block messages from this booth"));
  }
}
