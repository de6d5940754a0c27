package at.jobfair.observe;

import at.jobfair.support.TestApp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may read {@code /metrics}: with {@code metrics.token} only a request with that bearer token; switched off, nobody. */
class MetricsAccessTest {

  static final String TOKEN = "scrape-7b1f2c9e-token";

  @Test
  void withATokenOnlyTheRightBearerTokenReadsTheMetrics() {
    try (TestApp app = TestApp.start(Map.of("metrics.token", TOKEN))) {
      HttpResponse<byte[]> none = app.client().getBytes("/metrics", "Accept", "application/json");
      assertEquals(403, none.statusCode());
      String body = new String(none.body(), StandardCharsets.UTF_8);
      assertTrue(body.contains("\"error\":\"metrics_token_required\"") && body.contains("Zugriffstoken"), body);
      assertEquals(403, app.client().getBytes("/metrics", "Authorization", "Bearer " + TOKEN + "x").statusCode());
      assertEquals(403, app.client().getBytes("/metrics", "Authorization", "Basic " + TOKEN).statusCode());

      HttpResponse<byte[]> right = app.client().getBytes("/metrics", "Authorization", "Bearer " + TOKEN);
      assertEquals(200, right.statusCode());
      assertTrue(new String(right.body(), StandardCharsets.UTF_8).contains("jobfair_bookings_made_total"));
    }
  }

  @Test
  void switchedOffThereIsNoMetricsRoute() {
    try (TestApp app = TestApp.start(Map.of("metrics.enabled", false))) {
      assertEquals(404, app.client().getBytes("/metrics").statusCode());
      assertEquals(200, app.client().get("/api/fairs").status(), "the node serves as ever");
    }
  }
}
