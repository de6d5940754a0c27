package at.jobfair.browser;

import at.jobfair.support.Browsers;
import at.jobfair.support.Fixtures;
import at.jobfair.support.Haproxy;
import at.jobfair.support.TestApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static at.jobfair.support.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A built-in video interview between two headless Chromiums whose signalling sockets are on different nodes of a
 * cluster, the jobseeker's through a real HAProxy; then the jobseeker's node dies: the page reconnects through HAProxy
 * to the other node and the call resumes by itself, both sides seeing each other again.
 */
class MeetingClusterBrowserTest {

  static TestApp a;
  static TestApp b;
  static Haproxy haproxy;
  static Playwright playwright;
  static Browser browser;

  static Map<String, Object> node(int i, int[] ports, String cluster) {
    Map<String, Object> s = new HashMap<>(TestApp.clusterMember(i, ports, cluster));
    // Fast heartbeats, so that the dead node's peer is swept quickly (a reconnect replaces it sooner anyway).
    s.put("meeting.heartbeatSeconds", 1);
    s.put("meeting.nodeTimeoutSeconds", 3);
    return s;
  }

  @BeforeAll
  static void start() throws Exception {
    int[] ports = {Haproxy.freePort(), Haproxy.freePort()};
    String cluster = "meeting-browser-" + UUID.randomUUID();
    a = TestApp.start(node(0, ports, cluster));
    b = a.another(node(1, ports, cluster));
    haproxy = Haproxy.start(List.of(a.app().port(), b.app().port()));
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (haproxy != null) haproxy.close();
    if (b != null) b.close();
    if (a != null) a.close();
  }

  /** A remote video of the page plays real pictures in a figure made after the last {@link #MARK_OLD}. */
  static final String REMOTE_PLAYS = "() => { const f = document.querySelector('#remotes figure:not([data-old])');"
      + " const v = f && f.querySelector('video');"
      + " return !!v && v.videoWidth > 0 && v.videoHeight > 0 && !v.paused && v.readyState >= 2"
      + " && v.getVideoPlaybackQuality().totalVideoFrames > 0; }";

  static final String MARK_OLD = "() => document.querySelectorAll('#remotes figure').forEach(f => f.dataset.old = '1')";

  static String remotePeer(Page page) {
    return (String) page.evaluate("() => document.querySelector('#remotes figure:not([data-old])').dataset.peer");
  }

  @Test
  void whenTheJobseekersNodeDiesThePageReconnectsThroughTheBalancerAndTheInterviewResumes() throws Exception {
    Fixtures fx = new Fixtures(a);
    long hotel = a.client().signedIn("employer@demo.test").get("/api/me").json().getLong("employerId");
    long booth = fx.booth(fx.fair("Video-Börse im Cluster", true, 0), hotel);
    long js = fx.accountId(fx.jobseekers("cluster-video", 1).get(0));
    long booking = fx.booking(booth, js, Instant.now().minus(Duration.ofMinutes(1)), 30);

    try (BrowserContext seekerCtx = Browsers.context(browser); BrowserContext employerCtx = Browsers.context(browser)) {
      Page seeker = Browsers.signIn(seekerCtx, haproxy.baseUrl(), "cluster-video-0@example.org", Fixtures.PASSWORD);
      seeker.navigate(haproxy.baseUrl() + "/meetings/" + booking);
      seeker.waitForSelector("#meeting[data-state='waiting']");
      waitFor(() -> a.count("select count(*) from meeting_peer where booking_id = " + booking) == 1);
      boolean seekerOnA = a.count("select count(*) from meeting_peer where booking_id = " + booking
          + " and node_id = '" + a.app().cluster().nodeId() + "'") == 1;
      TestApp seekersNode = seekerOnA ? a : b;
      TestApp employersNode = seekerOnA ? b : a;

      // The employer straight on the other node: the two sockets are on different nodes.
      Page employer = Browsers.signIn(employerCtx, employersNode.baseUrl(), "employer@demo.test", "demo");
      employer.navigate(employersNode.baseUrl() + "/meetings/" + booking);
      employer.waitForSelector("#lobby-list li.waiting");
      employer.locator("#lobby-list button.admit").click();
      Page.WaitForFunctionOptions patient = new Page.WaitForFunctionOptions().setTimeout(45_000);
      seeker.waitForFunction(REMOTE_PLAYS, null, patient);
      employer.waitForFunction(REMOTE_PLAYS, null, patient);
      String seekerBefore = remotePeer(employer);
      String employerBefore = remotePeer(seeker);

      seeker.evaluate(MARK_OLD);
      employer.evaluate(MARK_OLD);
      // The jobseeker's node dies as a crash leaves it: nothing is cleaned up by it.
      long died = System.nanoTime();
      seekersNode.app().pool().close().await(10, TimeUnit.SECONDS);
      seekersNode.app().vertx().close().await(20, TimeUnit.SECONDS);

      // New peer connections on both sides (the old ones were closed), playing.
      seeker.waitForFunction(REMOTE_PLAYS, null, patient);
      employer.waitForFunction(REMOTE_PLAYS, null, patient);
      System.out.printf("the interview resumed %d ms after the jobseeker's node began to die%n", (System.nanoTime() - died) / 1_000_000);
      assertNotEquals(seekerBefore, remotePeer(employer), "the employer sees the jobseeker's new connection");
      assertEquals(employerBefore, remotePeer(seeker), "the employer's socket never moved");
      assertEquals("in-call", seeker.locator("#meeting").getAttribute("data-state"));
      assertEquals(1, a.count("select count(*) from meeting_peer where role = 'JOBSEEKER' and booking_id = " + booking
          + " and node_id = '" + employersNode.app().cluster().nodeId() + "'"), "the jobseeker now through the surviving node");
    }
  }
}
