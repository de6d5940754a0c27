package at.jobfair.privacy;

import at.jobfair.support.Fixtures;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An erasure carried out by an organiser reaches what the person did at booths: their waiting queue place ends at once
 * (everyone behind moves up, live) and their queue places go; their waitlist places end and go; their chats (with
 * booths, in a group session, their reports) and their profile and CV go. Others' data stays.
 */
class ErasureTest {

  static TestApp app;
  static Fixtures fx;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    fx = new Fixtures(app);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
    app.close();
  }

  /** A page's live connection (tried again if a busy machine drops the handshake). */
  private static WebSocket watch() throws Exception {
    Exception last = null;
    for (int i = 0; i < 3; i++) {
      try {
        return vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost("127.0.0.1")
            .setPort(app.app().port()).setURI("/live")).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        last = e;
      }
    }
    throw last;
  }

  private static void erase(String email) {
    var asked = app.as(email).post("/api/me/rights-requests", new JsonObject().put("kind", "ERASURE"));
    assertEquals(201, asked.status(), asked.body());
    var done = app.as("organizer@demo.test").post("/api/rights-requests/" + asked.json().getLong("id") + "/close",
        new JsonObject().put("outcome", "DONE"));
    assertEquals(200, done.status(), done.body());
  }

  @Test
  void theErasedPersonsQueuePlaceEndsLiveThoseBehindMoveUpAndTheirPlacesGo() throws Exception {
    long fair = fx.fair("Löschmesse Warteschlange", true, 0);
    long booth = fx.booth(fair, fx.employer("Firma Löschen"));
    long earlier = fx.booth(fair, fx.employer("Firma Früher"));
    fx.exec("insert into booth_queue (booth_id, open) values (?, true), (?, true)", booth, earlier);
    List<String> emails = fx.jobseekers("erase-queue", 3);
    long erased = fx.accountId(emails.get(0));
    long other = fx.accountId(emails.get(2));
    // a place the person left earlier at another booth, and the place they now wait in, ahead of two others
    TestClient person = app.as(emails.get(0));
    assertEquals(201, person.post("/api/booths/" + earlier + "/queue", "").status());
    assertEquals(204, person.delete("/api/me/queue").status());
    assertEquals(201, person.post("/api/booths/" + booth + "/queue", "").status());
    TestClient second = app.as(emails.get(1));
    TestClient third = app.as(emails.get(2));
    assertEquals(201, second.post("/api/booths/" + booth + "/queue", "").status());
    assertEquals(201, third.post("/api/booths/" + booth + "/queue", "").status());
    assertEquals(3, third.get("/api/me/queue").json().getJsonObject("place").getInteger("position"));
    int secondTicket = second.get("/api/me/queue").json().getJsonObject("place").getInteger("ticket");
    int thirdTicket = third.get("/api/me/queue").json().getJsonObject("place").getInteger("ticket");

    BlockingQueue<JsonObject> heard = new LinkedBlockingQueue<>();
    WebSocket watcher = watch();
    try {
      watcher.textMessageHandler(t -> heard.add(new JsonObject(t)));
      watcher.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("queue:" + booth)).encode());
      assertNotNull(heard.poll(5, TimeUnit.SECONDS), "subscribed");

      erase(emails.get(0));

      JsonObject update = null;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (update == null && System.nanoTime() < until) {
        JsonObject m = heard.poll(200, TimeUnit.MILLISECONDS);
        if (m != null && "queue".equals(m.getString("type"))) update = m;
      }
      assertNotNull(update, "the queue's watchers hear that the erased person's place ended");
      assertEquals(new JsonArray().add(secondTicket).add(thirdTicket), update.getJsonArray("tickets"), update.encode());
    } finally {
      watcher.close();
    }
    assertEquals(2, third.get("/api/me/queue").json().getJsonObject("place").getInteger("position"), "moved up");
    assertEquals(0, app.count("select count(*) from queue_place where account_id = " + erased), "their places, waiting and left, go");
    assertEquals(1, app.count("select count(*) from queue_place where account_id = " + other + " and status = 'WAITING'"));
    assertEquals(0, app.count("select count(*) from queue_place where booth_id = " + booth + " and status = 'WAITING' and ticket < "
        + secondTicket), "nobody waits ahead of the second any more");
  }

  @Test
  void theErasedPersonsChatsWaitlistPlacesProfileAndCvGoOthersStay() {
    long fair = fx.fair("Löschmesse Chat", true, 0);
    long booth = fx.booth(fair, fx.employer("Firma Chat"));
    List<String> emails = fx.jobseekers("erase-chat", 2);
    long erased = fx.accountId(emails.get(0));
    long other = fx.accountId(emails.get(1));
    for (long p : List.of(erased, other)) {
      long conversation = app.insert("insert into chat_conversation (kind, jobseeker_id, booth_id, fair_id) values ('BOOTH', ?, ?, ?) "
          + "returning id", p, booth, fair);
      fx.exec("insert into chat_message (conversation_id, seq, sender_id, side, sender_name, body) values (?, 1, ?, 'PERSON', 'Ich', "
          + "'Meine Nummer ist 0664 999')", conversation, p);
      long booths = app.insert("insert into chat_message (conversation_id, seq, side, sender_name, body) values (?, 2, 'BOOTH', 'Firma', "
          + "'Melden Sie sich') returning id", conversation);
      fx.exec("insert into chat_report (message_id, conversation_id, fair_id, reporter_id, sender_name, body, sent_at) "
          + "values (?, ?, ?, ?, 'Firma', 'Melden Sie sich', now())", booths, conversation, fair, p);
      fx.exec("insert into waitlist_entry (booth_id, jobseeker_id) values (?, ?)", booth, p);
      fx.exec("insert into waitlist_entry (booth_id, jobseeker_id, status, ended_at) values (?, ?, 'LEFT', now())", booth, p);
      fx.exec("insert into job_profile_cv (jobseeker_id, file_name, size, content) values (?, 'lebenslauf.pdf', 4, '\\x25504446'::bytea)", p);
    }
    long group = app.insert("insert into chat_conversation (kind, fair_id) values ('GROUP', ?) returning id", fair);
    fx.exec("insert into chat_message (conversation_id, seq, sender_id, side, sender_name, body) values (?, 1, ?, 'MEMBER', 'Ich', "
        + "'Hallo alle')", group, erased);
    fx.exec("insert into chat_message (conversation_id, seq, sender_id, side, sender_name, body) values (?, 2, ?, 'MEMBER', 'Du', "
        + "'Hallo')", group, other);

    erase(emails.get(0));

    assertEquals(0, app.count("select count(*) from chat_conversation where jobseeker_id = " + erased));
    assertEquals(0, app.count("select count(*) from chat_message where sender_id = " + erased), "also in the group session");
    assertEquals(0, app.count("select count(*) from chat_report where reporter_id = " + erased));
    assertEquals(0, app.count("select count(*) from waitlist_entry where jobseeker_id = " + erased), "waiting and ended places go");
    assertEquals(0, app.count("select count(*) from job_profile_cv where jobseeker_id = " + erased));
    assertEquals(0, app.count("select count(*) from chat_message where body like '%0664 999%' and sender_id is null"));
    // the other person's stays, and so does what others wrote in the group session
    assertEquals(1, app.count("select count(*) from chat_conversation where jobseeker_id = " + other));
    assertEquals(2, app.count("select count(*) from chat_message m join chat_conversation c on c.id = m.conversation_id "
        + "where c.jobseeker_id = " + other));
    assertEquals(1, app.count("select count(*) from chat_report where reporter_id = " + other));
    assertEquals(2, app.count("select count(*) from waitlist_entry where jobseeker_id = " + other));
    assertEquals(1, app.count("select count(*) from job_profile_cv where jobseeker_id = " + other));
    assertEquals(1, app.count("select count(*) from chat_message where conversation_id = " + group));

    // the export of the erased person holds none of it any more; the other's holds all of it
    JsonObject gone = new PersonalData(app.app().services().pool()).export(erased).toCompletionStage().toCompletableFuture().join()
        .getJsonObject("sections");
    JsonObject kept = new PersonalData(app.app().services().pool()).export(other).toCompletionStage().toCompletableFuture().join()
        .getJsonObject("sections");
    for (String section : List.of("chats", "waitlists", "queue")) {
      assertTrue(gone.getJsonArray(section).isEmpty(), section + ": " + gone.getJsonArray(section));
    }
    assertTrue(gone.getJsonArray("profile").getJsonObject(0).getValue("cv") == null, gone.getJsonArray("profile").encode());
    assertEquals(2, kept.getJsonArray("chats").size(), "their conversation with the booth and the group session");
    assertEquals(2, kept.getJsonArray("waitlists").size());
    assertTrue(kept.getJsonArray("profile").getJsonObject(0).getValue("cv") != null, kept.getJsonArray("profile").encode());
  }

  @Test
  void anErasureRacingTheBoothsNextLeavesThePersonNeitherAPlaceNorAWalkUpAppointment() throws Exception {
    long hotel = app.as("employer@demo.test").get("/api/me").json().getLong("employerId");
    TestClient staff = app.as("employer@demo.test");
    TestClient organizer = app.as("organizer@demo.test");
    for (String email : fx.jobseekers("erase-next", 5)) {
      long fair = fx.fair("Löschmesse Aufruf " + email, true, 0);
      long booth = fx.booth(fair, hotel);
      fx.exec("insert into booth_queue (booth_id, open) values (?, true)", booth);
      long person = fx.accountId(email);
      TestClient client = app.as(email);
      assertEquals(201, client.post("/api/booths/" + booth + "/queue", "").status());
      long request = client.post("/api/me/rights-requests", new JsonObject().put("kind", "ERASURE")).json().getLong("id");
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      var erasing = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        await(go);
        return organizer.post("/api/rights-requests/" + request + "/close", new JsonObject().put("outcome", "DONE"));
      });
      var calling = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        await(go);
        return staff.post("/api/booths/" + booth + "/queue/next", new JsonObject());
      });
      go.countDown();
      var erased = erasing.get(60, TimeUnit.SECONDS);
      var called = calling.get(60, TimeUnit.SECONDS);
      assertEquals(200, erased.status(), erased.body());
      assertTrue(called.status() < 500, called.status() + " " + called.body());
      assertEquals(0, app.count("select count(*) from queue_place where account_id = " + person), email);
      assertEquals(0, app.count("select count(*) from booking where jobseeker_id = " + person + " and status = 'ACTIVE' "
          + "and upper(during) > now()"), "a walk-up appointment \"next\" made meanwhile is cancelled: " + called.body());
    }
  }

  private static void await(java.util.concurrent.CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
