package at.jobfair.profile;

import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A booth's pre-screening questions and the answers a person gives when booking. Pure. Bookings are made for a slot
 * of a booth, not for a vacancy, so a booking asks the questions of all the booth's vacancies (each vacancy at most
 * {@link #MAX_QUESTIONS}); a required one without an answer refuses the booking before anything is written.
 */
public final class ScreeningPolicy {

  public static final int MAX_QUESTIONS = 3;
  public static final int MAX_QUESTION = 300;
  public static final int MAX_ANSWER = 1000;

  /** A question as the booking asks it. */
  public record Question(long id, long vacancyId, String vacancy, int position, String text, boolean required) {
  }

  /** A question as a booth enters it. */
  public record Draft(String text, boolean required) {
  }

  /** An answer to one question, with the question as it was asked. */
  public record Answer(Question question, String text) {
  }

  private ScreeningPolicy() {
  }

  /** A vacancy's questions from a checked body {@code {"questions": [{"text", "required"}]}}: at most three. */
  public static List<Draft> drafts(JsonObject body) {
    Object v = body.getValue("questions");
    if (v == null) return List.of();
    if (!(v instanceof JsonArray list)) throw JsonFields.invalid("questions", Reason.QUESTIONS_TOO_MANY, MAX_QUESTIONS);
    if (list.size() > MAX_QUESTIONS) throw JsonFields.invalid("questions", Reason.QUESTIONS_TOO_MANY, MAX_QUESTIONS);
    List<Draft> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof JsonObject q) || !(q.getValue("text") instanceof String text) || text.isBlank()
          || text.strip().length() > MAX_QUESTION) {
        throw JsonFields.invalid("questions", Reason.QUESTION_TEXT, MAX_QUESTION);
      }
      Object required = q.getValue("required");
      if (required != null && !(required instanceof Boolean)) throw JsonFields.invalid("questions", Reason.QUESTION_TEXT, MAX_QUESTION);
      out.add(new Draft(text.strip(), Boolean.TRUE.equals(required)));
    }
    return out;
  }

  /**
   * The answers to the questions asked, from {@code [{"questionId", "text"}]} (blank is no answer; an answer to a
   * question no longer asked is left out); a required question without an answer refuses, naming it.
   */
  public static List<Answer> answers(List<Question> asked, JsonArray given) {
    Map<Long, String> byId = new LinkedHashMap<>();
    if (given != null) {
      for (Object o : given) {
        if (!(o instanceof JsonObject a) || !(a.getValue("questionId") instanceof Number id)) {
          throw JsonFields.invalid("answers", Reason.ANSWER_TOO_LONG, MAX_ANSWER);
        }
        Object t = a.getValue("text");
        if (t != null && !(t instanceof String)) throw JsonFields.invalid("answers", Reason.ANSWER_TOO_LONG, MAX_ANSWER);
        String text = t == null ? "" : ((String) t).strip();
        if (text.length() > MAX_ANSWER) throw JsonFields.invalid("answers", Reason.ANSWER_TOO_LONG, MAX_ANSWER);
        if (!text.isEmpty()) byId.put(id.longValue(), text);
      }
    }
    List<Answer> out = new ArrayList<>();
    for (Question q : asked) {
      String text = byId.get(q.id());
      if (text == null) {
        if (q.required()) throw JsonFields.invalid("answers", Reason.ANSWER_REQUIRED, q.text());
        continue;
      }
      out.add(new Answer(q, text));
    }
    return out;
  }
}
