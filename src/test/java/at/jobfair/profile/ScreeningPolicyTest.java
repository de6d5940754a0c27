package at.jobfair.profile;

import at.jobfair.profile.ProfilePolicy.Group;
import at.jobfair.profile.ScreeningPolicy.Question;
import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure rules: which answers a booking needs, which questions a vacancy may have, what a booth sees of a profile. */
class ScreeningPolicyTest {

  static final Question REQUIRED = new Question(1, 10, "Koch", 1, "Seit wann?", true);
  static final Question OPTIONAL = new Question(2, 10, "Koch", 2, "Ab wann?", false);

  static JsonArray answers(Object... idText) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < idText.length; i += 2) a.add(new JsonObject().put("questionId", idText[i]).put("text", idText[i + 1]));
    return a;
  }

  static Reason refusal(Runnable r) {
    return assertThrows(Refused.class, r::run).reason();
  }

  @Test
  void aRequiredQuestionNeedsAnAnswerAndBlankIsNone() {
    assertEquals(Reason.ANSWER_REQUIRED, refusal(() -> ScreeningPolicy.answers(List.of(REQUIRED, OPTIONAL), null)));
    assertEquals(Reason.ANSWER_REQUIRED, refusal(() -> ScreeningPolicy.answers(List.of(REQUIRED), answers(1, "   "))));
    assertEquals(Reason.ANSWER_REQUIRED, refusal(() -> ScreeningPolicy.answers(List.of(REQUIRED), answers(2, "Ja"))));
    var given = ScreeningPolicy.answers(List.of(REQUIRED, OPTIONAL), answers(1, " Seit 2015 ", 2, ""));
    assertEquals(1, given.size());
    assertEquals("Seit 2015", given.get(0).text());
    assertEquals(List.of(), ScreeningPolicy.answers(List.of(OPTIONAL), null), "optional questions may stay unanswered");
    assertEquals(List.of(), ScreeningPolicy.answers(List.of(), answers(99, "Antwort")), "an answer to a question no longer asked is left out");
  }

  @Test
  void answersAreLimitedInLengthAndShape() {
    assertEquals(Reason.ANSWER_TOO_LONG, refusal(() -> ScreeningPolicy.answers(List.of(OPTIONAL), answers(2, "x".repeat(1001)))));
    assertEquals(1, ScreeningPolicy.answers(List.of(OPTIONAL), answers(2, "x".repeat(1000))).size());
    assertEquals(Reason.ANSWER_TOO_LONG, refusal(() -> ScreeningPolicy.answers(List.of(OPTIONAL), new JsonArray().add("nein"))));
    assertEquals(Reason.ANSWER_TOO_LONG, refusal(() -> ScreeningPolicy.answers(List.of(OPTIONAL), answers("zwei", "Ja"))));
  }

  @Test
  void aVacancyHasAtMostThreeQuestionsOfAtMostThreeHundredCharacters() {
    JsonArray four = new JsonArray();
    for (int i = 0; i < 4; i++) four.add(new JsonObject().put("text", "Frage"));
    assertEquals(Reason.QUESTIONS_TOO_MANY, refusal(() -> ScreeningPolicy.drafts(new JsonObject().put("questions", four))));
    four.remove(3);
    assertEquals(3, ScreeningPolicy.drafts(new JsonObject().put("questions", four)).size());
    assertEquals(Reason.QUESTION_TEXT, refusal(() -> ScreeningPolicy.drafts(new JsonObject().put("questions",
        new JsonArray().add(new JsonObject().put("text", "x".repeat(301)))))));
    assertEquals(Reason.QUESTION_TEXT, refusal(() -> ScreeningPolicy.drafts(new JsonObject().put("questions",
        new JsonArray().add(new JsonObject().put("text", " "))))));
    assertEquals(List.of(), ScreeningPolicy.drafts(new JsonObject()), "no questions: the booth asks nothing");
    assertTrue(ScreeningPolicy.drafts(new JsonObject().put("questions", new JsonArray()
        .add(new JsonObject().put("text", "Warum?").put("required", true)))).get(0).required());
  }

  @Test
  void aBoothSeesExactlyTheSharedGroupsAndTheCvOnlyWhenShared() {
    ProfilePolicy.Profile p = ProfilePolicy.read(new JsonObject().put("skills", new JsonArray().add("Kochen"))
        .put("languages", new JsonArray().add(new JsonObject().put("code", "de").put("level", "B2")))
        .put("licences", new JsonArray().add("B")).put("hoursPerWeek", 20).put("maxCommuteKm", 10).put("relocate", true));
    JsonObject cv = new JsonObject().put("name", "cv.pdf");
    assertEquals(EnumSet.noneOf(Group.class), p.shared(), "nothing shared until chosen");
    JsonObject none = ProfilePolicy.forBooth(p, cv);
    for (String field : List.of("skills", "languages", "licences", "hoursPerWeek", "maxCommuteKm", "relocate")) {
      assertFalse(none.containsKey(field), field);
    }
    assertNull(none.getValue("cv"));
    for (Group g : Group.values()) {
      ProfilePolicy.Profile one = new ProfilePolicy.Profile(p.skills(), p.languages(), p.licences(), p.availableFrom(), p.hoursPerWeek(),
          p.shifts(), p.maxCommuteMinutes(), p.maxCommuteKm(), p.relocate(), EnumSet.of(g));
      JsonObject seen = ProfilePolicy.forBooth(one, cv);
      assertEquals(g == Group.SKILLS, seen.containsKey("skills"), g.name());
      assertEquals(g == Group.LANGUAGES, seen.containsKey("languages"), g.name());
      assertEquals(g == Group.LICENCES, seen.containsKey("licences"), g.name());
      assertEquals(g == Group.AVAILABILITY, seen.containsKey("hoursPerWeek"), g.name());
      assertEquals(g == Group.MOBILITY, seen.containsKey("relocate"), g.name());
      assertEquals(g == Group.CV, seen.getValue("cv") != null, g.name());
      assertEquals(g == Group.CV, ProfilePolicy.cvShared(one), g.name());
    }
    JsonObject own = ProfilePolicy.own(p, cv);
    assertTrue(own.containsKey("skills") && own.containsKey("relocate") && own.getValue("cv") != null, "the person sees everything");
  }

  @Test
  void theCvIsAPdfByItsContentWithinItsLimit() {
    byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CvFile.check(pdf, 1024);
    assertEquals(Reason.CV_TOO_LARGE, refusal(() -> CvFile.check(pdf, 4)));
    assertEquals(Reason.CV_MISSING, refusal(() -> CvFile.check(new byte[0], 1024)));
    assertEquals(Reason.CV_TYPE, refusal(() -> CvFile.check("<html><script>".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1024)));
    assertEquals("Lebenslauf Muller.pdf", CvFile.label("C:\\\\x\\\\Lebenslauf Müller.PDF"));
    assertEquals("lebenslauf.pdf", CvFile.label("../../.."));
  }
}
