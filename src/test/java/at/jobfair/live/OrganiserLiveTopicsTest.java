package at.jobfair.live;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What organisers handle reaches the organisers' topics only: all of it on organisers:0, a fair's on its own too. */
class OrganiserLiveTopicsTest {

  @Test
  void reportsSignUpsAndApplicationsGoToTheOrganisersTopicsOnly() {
    assertEquals(List.of("organisers:0", "organisers:3"),
        LiveHub.topics(new JsonObject().put("type", "chat-report").put("report", 4).put("fair", 3).put("handled", true)));
    assertEquals(List.of("organisers:0", "organisers:3"),
        LiveHub.topics(new JsonObject().put("type", "exhibitor-application").put("application", 5).put("fair", 3).put("employer", 8)));
    assertEquals(List.of("organisers:0"), LiveHub.topics(new JsonObject().put("type", "employer-signup").put("employer", 8)));
  }
}
