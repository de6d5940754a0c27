package at.jobfair.browser;

import at.jobfair.support.BrowserTestSupport;
import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text chat in two headless Chromiums: a person writes to a booth from its page, the booth answers from its inbox,
 * each message arrives live on the other page and is there after a reload; the unread count in the person's menu
 * follows live; what people write is shown as text. In a meeting room the same conversation sits beside the video, and
 * works when the camera is refused.
 */
class ChatBrowserTest extends BrowserTestSupport {

  static Fixtures fx;
  static long hotel;

  @BeforeAll
  static void data() {
    fx = new Fixtures(app);
    hotel = app.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
  }

  static List<String> texts(Page page) {
    return page.locator("#chat .chat-log .msg-text").allTextContents();
  }

  static void send(Page page, String text) {
    page.locator("#chat-text").fill(text);
    page.locator("#chat-form button[type=submit]").click();
  }

  @Test
  void aPersonAndABoothWriteToEachOtherLiveAndTheMessagesSurviveAReload() {
    long fair = fx.fair("Chat-Börse Browser", true, 0);
    long booth = fx.booth(fair, hotel);
    String email = fx.jobseekers("chatb", 1).get(0);
    try (BrowserContext personCtx = Browsers.context(browser); BrowserContext boothCtx = Browsers.context(browser)) {
      Page person = signedIn(personCtx, email, Fixtures.PASSWORD);
      person.navigate(app.baseUrl() + "/booths/" + booth);
      person.getByText("An diesen Stand schreiben").click();
      person.waitForURL(app.baseUrl() + "/booths/" + booth + "/chat");
      person.waitForSelector("#chat[data-chat-ready='true']");
      send(person, "Guten Tag! <b>Suchen</b> Sie Köche? https://example.org");
      person.waitForFunction("() => document.querySelectorAll('#chat .msg').length === 1");
      person.waitForSelector("#chat[data-chat-live='true']");
      long conv = app.count("select c.id from chat_conversation c join account a on a.id = c.jobseeker_id where a.email = '" + email + "'");

      // The booth: its inbox lists the person with one unread message, the conversation shows the text as text.
      Page staff = signedIn(boothCtx, "employer@demo.test", "demo");
      staff.navigate(app.baseUrl() + "/booths/" + booth + "/inbox");
      assertEquals("1", staff.locator("#inbox .chat-line .badge").textContent().trim());
      staff.locator("#inbox a[href='/chats/" + conv + "']").click();
      staff.waitForSelector("#chat[data-chat-live='true']");
      assertEquals(List.of("Guten Tag! <b>Suchen</b> Sie Köche? https://example.org"), texts(staff));
      assertEquals(0, staff.locator("#chat .msg-text b, #chat .msg-text a").count(), "no markup, no link from a message");

      send(staff, "Ja, kommen Sie um 10 Uhr an den Stand.");
      person.waitForFunction("() => document.querySelectorAll('#chat .msg').length === 2");
      assertEquals("Ja, kommen Sie um 10 Uhr an den Stand.", texts(person).get(1));
      assertTrue(person.locator("#chat .msg.theirs .sender").textContent().contains("Hotel Alpenblick"));

      send(person, "Danke, bis dann!");
      staff.waitForFunction("() => document.querySelectorAll('#chat .msg').length === 3");
      assertEquals("Danke, bis dann!", texts(staff).get(2));

      // The person has left the conversation for the start page: the menu and the page count the next answer live.
      person.navigate(app.baseUrl() + "/");
      person.waitForFunction("() => document.body.dataset.liveReady === 'true'");
      send(staff, "Bringen Sie bitte Ihren Lebenslauf mit.");
      String badgeIs1 = "() => [...document.querySelectorAll('[data-chat-unread]')].every(b => !b.hidden && b.textContent === '1')";
      person.waitForFunction(badgeIs1);
      assertEquals(2, person.locator("[data-chat-unread]").count(), "in the menu and on the start page");

      // Back in the conversation (a new page load): the whole conversation in order on both sides; read now.
      person.navigate(app.baseUrl() + "/chats/" + conv);
      staff.reload();
      List<String> all = List.of("Guten Tag! <b>Suchen</b> Sie Köche? https://example.org", "Ja, kommen Sie um 10 Uhr an den Stand.",
          "Danke, bis dann!", "Bringen Sie bitte Ihren Lebenslauf mit.");
      assertEquals(all, texts(person));
      assertEquals(all, texts(staff));
      person.waitForFunction("() => document.querySelector('.chat-nav [data-chat-unread]').hidden");

      // The person blocks the booth; the booth's page then says so and offers no form.
      person.locator("form.chat-block button").click();
      person.waitForSelector(".chat-blocked");
      staff.reload();
      assertTrue(staff.locator(".chat-blocked").textContent().contains("möchte keine Nachrichten mehr"));
      assertEquals(0, staff.locator("#chat-form").count());
    }
  }

  @Test
  void inAMeetingRoomTheChatWorksBesideTheVideoAndWithoutACamera() {
    long fair = fx.fair("Chat-Raum", true, 0);
    long booth = fx.booth(fair, hotel);
    String email = fx.jobseekers("chatroom", 1).get(0);
    long booking = fx.booking(booth, fx.accountId(email), Instant.now().minus(Duration.ofMinutes(1)), 30);
    try (BrowserContext personCtx = Browsers.context(browser); BrowserContext boothCtx = Browsers.context(browser)) {
      // The person's camera is refused: the room says so, and the chat still works.
      personCtx.addInitScript("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));");
      Page staff = signedIn(boothCtx, "employer@demo.test", "demo");
      staff.navigate(app.baseUrl() + "/meetings/" + booking);
      staff.waitForSelector("#meeting[data-state='in-call']");
      staff.waitForSelector("#chat[data-chat-live='true']");

      Page person = signedIn(personCtx, email, Fixtures.PASSWORD);
      person.navigate(app.baseUrl() + "/meetings/" + booking);
      person.waitForSelector("#media-error:not([hidden])");
      person.waitForSelector("#chat[data-chat-live='true']");
      send(person, "Meine Kamera geht nicht – können wir schreiben?");
      staff.waitForFunction("() => document.querySelectorAll('#chat .msg').length === 1");
      assertEquals(List.of("Meine Kamera geht nicht – können wir schreiben?"), texts(staff));

      send(staff, "Gerne. Erzählen Sie von Ihrer Erfahrung.");
      person.waitForFunction("() => document.querySelectorAll('#chat .msg').length === 2");
      assertEquals("Gerne. Erzählen Sie von Ihrer Erfahrung.", texts(person).get(1));

      // the same conversation as the booth's inbox holds, there after a reload
      person.reload();
      person.waitForFunction("() => document.querySelectorAll('#chat .msg').length === 2");
    }
    waitFor(() -> app.count("select count(*) from chat_message m join chat_conversation c on c.id = m.conversation_id"
        + " join booking b on b.booth_id = c.booth_id and b.jobseeker_id = c.jobseeker_id where b.id = " + booking) == 2);
  }
}
