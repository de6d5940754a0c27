package at.jobfair.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live topics are one definition: what the hub sends, the socket accepts and the pages name all come from it. */
class TopicTest {

  @Test
  void everyTopicReadsBackAsItselfAndNothingElseIsATopic() {
    for (Topic t : Topic.values()) assertEquals(Optional.of(new Topic.Ref(t, 42)), Topic.parse(t.of(42)));
    for (String bad : new String[] {"", "fair", "fair:", "fair:x", "fairs:1", "booth-staff:-1", "user:1:2", "station:1234567890123456789",
        "FAIR:1", " fair:1", null}) {
      assertEquals(Optional.empty(), Topic.parse(bad), String.valueOf(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> Topic.named("booth_staff"));
  }

  @Test
  void everyChangeTheHubSendsGoesToTopicsTheSocketAccepts() {
    List<JsonObject> changes = List.of(
        new JsonObject().put("type", "slot").put("booth", 7).put("fair", 3),
        new JsonObject().put("type", "booking").put("booth", 7).put("fair", 3).put("jobseeker", 11),
        new JsonObject().put("type", "attendance").put("booth", 7).put("fair", 3).put("jobseeker", 11),
        new JsonObject().put("type", "meeting").put("booth", 7).put("fair", 3).put("jobseeker", 11),
        new JsonObject().put("type", "outage").put("fair", 3),
        new JsonObject().put("type", "cascade").put("fair", 3).put("jobseeker", 11).put("stations", new JsonArray().add(5).add(6)),
        new JsonObject().put("type", "chat").put("conversation", 9).put("kind", "BOOTH").put("booth", 7).put("employer", 2)
            .put("fair", 3).put("jobseeker", 11),
        new JsonObject().put("type", "chat-read").put("conversation", 9).put("kind", "BOOTH").put("booth", 7).put("employer", 2)
            .put("fair", 3).put("jobseeker", 11),
        new JsonObject().put("type", "queue").put("booth", 7).put("fair", 3).put("tickets", new JsonArray().add(4)),
        new JsonObject().put("type", "queue-place").put("booth", 7).put("fair", 3).put("jobseeker", 11),
        new JsonObject().put("type", "chat-report").put("report", 4).put("fair", 3).put("handled", false));
    List<Topic> seen = new ArrayList<>();
    for (JsonObject change : changes) {
      for (String topic : LiveHub.topics(change)) {
        Optional<Topic.Ref> ref = Topic.parse(topic);
        assertTrue(ref.isPresent(), topic);
        seen.add(ref.get().topic());
      }
    }
    assertEquals(List.of(Topic.values()), seen.stream().distinct().sorted().toList(), "every topic is sent by some change");
  }

  @Test
  void everyTopicAPageNamesIsDefined() throws Exception {
    Pattern named = Pattern.compile("\\{\\{liveTopic '([^']*)'");
    Pattern spelled = Pattern.compile("data-live=\"(?!\\{\\{liveTopic )");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".hbs")).toList()) {
        String text = Files.readString(f);
        assertFalse(spelled.matcher(text).find(), f + " spells a topic by hand instead of {{liveTopic …}}");
        Matcher m = named.matcher(text);
        while (m.find()) names.add(m.group(1));
      }
    }
    assertFalse(names.isEmpty());
    for (String name : names) Topic.named(name);
  }
}
