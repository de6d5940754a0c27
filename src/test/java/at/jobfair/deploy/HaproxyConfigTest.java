package at.jobfair.deploy;

import at.jobfair.support.Ports;

import at.jobfair.support.Await;
import at.jobfair.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/haproxy.cfg as Debian's HAProxy reads it (.ci/run installs /usr/sbin/haproxy): valid, ready checks, request
 * ids for the nodes' logs, and /metrics kept off the public side.
 */
class HaproxyConfigTest {

  static final Path CONFIG = Path.of("deploy", "haproxy.cfg");
  static final String HAPROXY = "/usr/sbin/haproxy";

  @Test
  void haproxyAcceptsTheDeployConfigurationAndRejectsABrokenCopy() throws Exception {
    Result ok = run(List.of(HAPROXY, "-c", "-f", CONFIG.toString()), Map.of());
    assertEquals(0, ok.code, ok.output);
    assertTrue(ok.output.contains("Configuration file is valid"), ok.output);

    // The check itself can fail: the same file with one misspelt keyword is refused.
    Path broken = Files.createTempFile("haproxy-broken", ".cfg");
    Files.writeString(broken, Files.readString(CONFIG).replace("option redispatch", "option redispatchh"));
    Result bad = run(List.of(HAPROXY, "-c", "-f", broken.toString()), Map.of());
    assertNotEquals(0, bad.code, bad.output);
  }

  /** One node behind HAProxy on deploy/haproxy.cfg; nodes 2 and 3 of the file are down (nothing listens on their ports). */
  static TestApp app;
  static Process haproxy;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startBehindTheDeployConfiguration() throws Exception {
    app = TestApp.start();
    int lb = Ports.free();
    ProcessBuilder pb = new ProcessBuilder(HAPROXY, "-db", "-f", CONFIG.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(Map.of("JOBFAIR_LB_BIND", "127.0.0.1:" + lb, "JOBFAIR_NODE1", "127.0.0.1:" + app.app().port(),
        "JOBFAIR_NODE2", "127.0.0.1:" + Ports.free(), "JOBFAIR_NODE3", "127.0.0.1:" + Ports.free()));
    haproxy = pb.start();
    base = "http://127.0.0.1:" + lb;
    Await.waitFor(() -> status(base + "/health/ready") == 200);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (haproxy != null) {
      haproxy.destroy();
      haproxy.waitFor(10, TimeUnit.SECONDS);
    }
    if (app != null) app.close();
  }

  @Test
  void theBalancerSendsEveryRequestToTheReadyNodeAndTakesItOutWhileItIsNotReady() {
    // Round robin over three servers, two of them down: every request reaches the one that is up.
    for (int i = 0; i < 12; i++) assertEquals(200, status(base + "/fairs"), "request " + i);

    // A node that says it is not ready (a warm-up, a stop) gets nothing new: with no other node, HAProxy answers 503.
    app.app().readiness().hold("test", "held by the test");
    Await.waitFor(() -> status(base + "/fairs") == 503);
    app.app().readiness().release("test");
    Await.waitFor(() -> status(base + "/fairs") == 200);
  }

  @Test
  void theBalancerSetsTheRequestIdTheNodeEchoesAndAnswersMetricsWithNotFound() throws Exception {
    Await.waitFor(() -> status(base + "/fairs") == 200);
    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/fairs")).header("X-Request-Id", "my-own").build(),
        HttpResponse.BodyHandlers.discarding());
    assertEquals(200, r.statusCode());
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertNotEquals("my-own", id, "the balancer's id replaces the client's");
    assertTrue(id.matches("[0-9A-F]+:[0-9A-F]+_[0-9A-F]+:[0-9A-F]+_[0-9A-F]+_[0-9A-F]+:[0-9A-F]+"), "HAProxy's unique id: " + id);

    assertEquals(404, status(base + "/metrics"), "not through the public side");
    assertEquals(200, status(app.baseUrl() + "/metrics"), "the node itself answers Prometheus");
  }

  record Result(int code, String output) {
  }

  static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "haproxy -c ended");
    return new Result(p.exitValue(), out);
  }

  static int status(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

}
