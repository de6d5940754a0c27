package at.jobfair.live;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Attendance changes reach the booth's staff, the fair's board and the person; outages reach the board only. */
class BoardLiveTopicsTest {

  @Test
  void attendanceAndOutageTopics() {
    JsonObject attendance = new JsonObject().put("type", "attendance").put("booking", 5).put("booth", 7).put("fair", 3).put("jobseeker", 11);
    assertEquals(List.of("booth-staff:7", "fair-staff:3", "user:11"), LiveHub.topics(attendance));
    assertEquals(List.of("fair-staff:3"), LiveHub.topics(new JsonObject().put("type", "outage").put("fair", 3).put("outage", 1)));
    assertEquals(List.of(), LiveHub.topics(new JsonObject().put("type", "sick-note").put("fair", 3)));
  }
}
