package at.jobfair.cascade;

import at.jobfair.refusal.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

/**
 * The hearing record (Niederschrift) of a sanction check as given: the language of the hearing, an interpreter, whether
 * the person read and confirmed it, their statement in general and, per item of reasonableness, their own words and the
 * station's finding. Checked when built; every problem is a 400 with a bundle message.
 *
 * @param language null: the person's own language (filled in by the service)
 */
public record Hearing(String language, String interpreter, boolean confirmed, String statement, List<Item> items) {

  public enum Topic { PAY, HOURS, COMMUTE, CARE, HEALTH, OTHER }

  public enum Finding { REASONABLE, NOT_REASONABLE, UNCLEAR }

  public record Item(Topic topic, String words, Finding finding) {
  }

  public Hearing {
    items = List.copyOf(items);
  }

  /** The free-text statement of earlier versions, kept working: a record with that statement only, not confirmed. */
  public static Hearing ofStatement(String statement) {
    return new Hearing(null, null, false, statement, List.of());
  }

  /** {@code {"language", "interpreter", "confirmed", "statement", "items": [{"topic", "words", "finding"}]}}. */
  public static Hearing parse(JsonObject body) {
    Object lang = body.getValue("language");
    if (!(lang instanceof String l) || !l.strip().matches("[a-z]{2,3}")) throw Reason.HEARING_LANGUAGE_REQUIRED.refuse();
    if (!(body.getValue("confirmed") instanceof Boolean confirmed)) throw Reason.HEARING_CONFIRMED_REQUIRED.refuse();
    String interpreter = text(body.getValue("interpreter"), 200);
    String statement = text(body.getValue("statement"), CascadeMachine.MAX_REASONS);
    List<Item> items = new ArrayList<>();
    EnumSet<Topic> seen = EnumSet.noneOf(Topic.class);
    JsonArray list = body.getValue("items") instanceof JsonArray a ? a : new JsonArray();
    for (Object o : list) {
      if (!(o instanceof JsonObject i)) throw Reason.HEARING_TOPIC_INVALID.refuse();
      Topic topic = value(Topic.class, i.getValue("topic"), Reason.HEARING_TOPIC_INVALID);
      if (!seen.add(topic)) throw Reason.HEARING_TOPIC_TWICE.refuse();
      String words = text(i.getValue("words"), CascadeMachine.MAX_REASONS);
      if (words == null) throw Reason.HEARING_WORDS_REQUIRED.refuse();
      items.add(new Item(topic, words, value(Finding.class, i.getValue("finding"), Reason.HEARING_FINDING_REQUIRED)));
    }
    if (items.isEmpty() && statement == null) throw Reason.HEARING_EMPTY.refuse();
    return new Hearing(lang.toString().strip(), interpreter, confirmed, statement, items);
  }

  private static String text(Object v, int max) {
    if (v != null && !(v instanceof String)) throw Reason.INVALID_JSON.refuse();
    String s = v == null || ((String) v).isBlank() ? null : ((String) v).strip();
    if (s != null && s.length() > max) throw (max == 200 ? Reason.INVALID_VALUE : Reason.HEARING_WORDS_TOO_LONG).refuse();
    return s;
  }

  private static <E extends Enum<E>> E value(Class<E> type, Object v, Reason code) {
    try {
      return Enum.valueOf(type, String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw code.refuse();
    }
  }

  public Hearing inLanguage(String lang) {
    return new Hearing(lang, interpreter, confirmed, statement, items);
  }

  /**
   * SHA-256 of the content, each field with its length first (as the audit chain does): the audit trail keeps this,
   * never the words, so the words can be deleted after the retention period and the chain still verifies; the hash
   * still proves what the record said to anyone who kept a copy.
   */
  public String hash(long heardBy, String heardAt) {
    StringBuilder sb = new StringBuilder();
    List<String> fields = new ArrayList<>(List.of(String.valueOf(heardBy), heardAt, language, String.valueOf(confirmed)));
    fields.add(interpreter);
    fields.add(statement);
    for (Item i : items) {
      fields.add(i.topic().name());
      fields.add(i.words());
      fields.add(i.finding().name());
    }
    for (String f : fields) sb.append(f == null ? "-1:" : f.length() + ":" + f).append('|');
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
