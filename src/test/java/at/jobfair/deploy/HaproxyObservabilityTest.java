package at.jobfair.deploy;

import at.jobfair.support.Await;
import at.jobfair.support.TestApp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static at.jobfair.deploy.HaproxyConfigTest.CONFIG;
import static at.jobfair.deploy.HaproxyConfigTest.HAPROXY;
import static at.jobfair.deploy.HaproxyConfigTest.freePort;
import static at.jobfair.deploy.HaproxyConfigTest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/haproxy.cfg gives every request its id for the node's log, and keeps /metrics off the public side. */
class HaproxyObservabilityTest {

  @Test
  void theBalancerSetsTheRequestIdTheNodeEchoesAndAnswersMetricsWithNotFound() throws Exception {
    try (TestApp app = TestApp.start()) {
      int lb = freePort();
      ProcessBuilder pb = new ProcessBuilder(HAPROXY, "-db", "-f", CONFIG.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(Map.of("JOBFAIR_LB_BIND", "127.0.0.1:" + lb, "JOBFAIR_NODE1", "127.0.0.1:" + app.app().port(),
          "JOBFAIR_NODE2", "127.0.0.1:" + freePort(), "JOBFAIR_NODE3", "127.0.0.1:" + freePort()));
      Process haproxy = pb.start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + lb;
        Await.waitFor(() -> status(http, base + "/health/ready") == 200);

        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/fairs")).header("X-Request-Id", "my-own").build(),
            HttpResponse.BodyHandlers.discarding());
        assertEquals(200, r.statusCode());
        String id = r.headers().firstValue("X-Request-Id").orElseThrow();
        assertNotEquals("my-own", id, "the balancer's id replaces the client's");
        assertTrue(id.matches("[0-9A-F]+:[0-9A-F]+_[0-9A-F]+:[0-9A-F]+_[0-9A-F]+_[0-9A-F]+:[0-9A-F]+"), "HAProxy's unique id: " + id);

        assertEquals(404, status(http, base + "/metrics"), "not through the public side");
        assertEquals(200, status(http, app.baseUrl() + "/metrics"), "the node itself answers Prometheus");
      } finally {
        haproxy.destroy();
        haproxy.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
