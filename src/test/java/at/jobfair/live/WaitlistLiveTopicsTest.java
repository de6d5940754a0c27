package at.jobfair.live;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A waitlist change reaches the person (their offer), the booth's staff (the line's length) and the booth's page. */
class WaitlistLiveTopicsTest {

  @Test
  void aWaitlistChangeGoesToThePersonTheBoothsStaffAndTheBoothsPage() {
    JsonObject change = new JsonObject().put("type", "waitlist").put("entry", 5).put("booth", 7).put("fair", 3)
        .put("jobseeker", 11).put("status", "OFFERED");
    assertEquals(List.of("user:11", "booth-staff:7", "booth:7"), LiveHub.topics(change));
  }
}
