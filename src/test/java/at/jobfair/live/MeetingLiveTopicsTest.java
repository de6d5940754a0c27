package at.jobfair.live;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Something happening in a meeting room reaches the booth's schedule, the fair's board and the person: never the public. */
class MeetingLiveTopicsTest {

  @Test
  void aMeetingChangeGoesToTheBoothsStaffTheBoardAndThePerson() {
    JsonObject change = new JsonObject().put("type", "meeting").put("booking", 5).put("booth", 7).put("fair", 3)
        .put("jobseeker", 11).put("kind", "JOIN");
    assertEquals(List.of("booth-staff:7", "fair-staff:3", "user:11"), LiveHub.topics(change));
  }
}
