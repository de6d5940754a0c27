package at.jobfair.web;

import at.jobfair.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page for anyone answers a conditional request: the browser that has it gets 304 without a body. A person's own
 * pages are never kept.
 */
class PageCachingTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void anAnonymousPageAnswersItsETagWith304() {
    var client = app.client();
    var first = client.getBytes("/fairs/1");
    assertEquals(200, first.statusCode());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow());
    var again = client.getBytes("/fairs/1", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(200, client.getBytes("/fairs/1", "If-None-Match", "W/\"other\"").statusCode());
    var english = client.getBytes("/fairs/1?lang=en", "If-None-Match", etag);
    assertEquals(200, english.statusCode(), "another language is another page");
  }

  @Test
  void aPageForAnyoneThatIsNotTheSameForEveryoneIsNeverKept() {
    var signIn = app.client().getBytes("/signin");
    assertEquals(200, signIn.statusCode());
    assertTrue(signIn.headers().firstValue("ETag").isEmpty(), "the sign-in form carries the person's own token");
    assertEquals("no-store", signIn.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void staticFilesAreLinkedByTheirFingerprintAndKeptForGood() {
    String html = app.client().get("/fairs").body();
    java.util.regex.Matcher css = java.util.regex.Pattern.compile("/static/css/app\\.css\\?v=([0-9a-f]{12})").matcher(html);
    assertTrue(css.find(), "the stylesheet by its fingerprint");
    var kept = app.client().getBytes(css.group());
    assertEquals(200, kept.statusCode());
    assertEquals(Pages.IMMUTABLE, kept.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(kept.headers().firstValue("Content-Encoding").isEmpty() || kept.headers().firstValue("Content-Encoding").get().equals("gzip"));
    var plain = app.client().getBytes("/static/css/app.css");
    assertEquals("no-cache", plain.headers().firstValue("Cache-Control").orElseThrow(), "a plain address revalidates");
    var zipped = app.client().getBytes(css.group(), "Accept-Encoding", "gzip");
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow(), "sent compressed");
  }

  @Test
  void aSignedInPersonsPagesAreNeverKept() {
    var seeker = app.client().signedIn("seeker@demo.test");
    var page = seeker.getBytes("/fairs/1");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("ETag").isEmpty());
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
  }
}
