package at.jobfair.booth;

import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import at.jobfair.web.JsonFields;
import at.jobfair.web.WallClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static at.jobfair.web.JsonFields.invalid;

/**
 * Reads a booth's slot plan and single slots, and turns every refusal of {@link SlotSchedule} into a 400 a person
 * understands ({@code error.schedule_<code>} in the bundles).
 */
public final class ScheduleInput {

  public static final int FORM_BREAKS = 3;
  private static final Pattern BREAK_INDEX = Pattern.compile("^breaks\\[(\\d+)]");

  /** Message arguments per code: the allowed range, so that the text can name it. */
  private static final Map<String, Object[]> ARGS = Map.of(
      SlotSchedule.INTERVIEW_LENGTH, new Object[] {SlotSchedule.MIN_INTERVIEW_MINUTES, SlotSchedule.MAX_INTERVIEW_MINUTES},
      SlotSchedule.BUFFER, new Object[] {SlotSchedule.MIN_BUFFER_MINUTES, SlotSchedule.MAX_BUFFER_MINUTES},
      SlotSchedule.CAPACITY, new Object[] {SlotSchedule.MIN_CAPACITY, SlotSchedule.MAX_CAPACITY},
      SlotSchedule.TOO_MANY_SLOTS, new Object[] {SlotSchedule.MAX_SLOTS});

  /** The refusal for each of {@link SlotSchedule}'s problems. */
  private static final Map<String, Reason> REASONS = Map.of(
      SlotSchedule.REQUIRED, Reason.SCHEDULE_REQUIRED, SlotSchedule.WINDOW_EMPTY, Reason.SCHEDULE_WINDOW_EMPTY,
      SlotSchedule.INTERVIEW_LENGTH, Reason.SCHEDULE_INTERVIEW_LENGTH, SlotSchedule.BUFFER, Reason.SCHEDULE_BUFFER,
      SlotSchedule.CAPACITY, Reason.SCHEDULE_CAPACITY, SlotSchedule.BREAK_EMPTY, Reason.SCHEDULE_BREAK_EMPTY,
      SlotSchedule.BREAK_OUTSIDE_WINDOW, Reason.SCHEDULE_BREAK_OUTSIDE_WINDOW, SlotSchedule.BREAKS_OVERLAP, Reason.SCHEDULE_BREAKS_OVERLAP,
      SlotSchedule.TOO_MANY_SLOTS, Reason.SCHEDULE_TOO_MANY_SLOTS, SlotSchedule.NO_SLOTS, Reason.SCHEDULE_NO_SLOTS);

  private ScheduleInput() {
  }

  /**
   * {@code {"date":"2026-12-03","from":"09:00","to":"12:00","interviewMinutes":20,"bufferMinutes":10,
   * "breaks":[{"from":"10:30","to":"10:45"}],"capacity":1}} as the contract let it through (openapi.json, SchedulePlan);
   * buffer defaults to 0, capacity to 1, breaks to none. {@link SlotSchedule} judges the plan.
   */
  public static SlotSchedule.Plan plan(JsonObject j, WallClock clock) {
    var date = JsonFields.date(j, "date", Reason.SCHEDULE_DATE);
    LocalTime from = JsonFields.time(j, "from", Reason.SCHEDULE_TIME);
    LocalTime to = JsonFields.time(j, "to", Reason.SCHEDULE_TIME);
    List<SlotSchedule.Break> breaks = new ArrayList<>();
    JsonArray given = j.getJsonArray("breaks", new JsonArray());
    for (int i = 0; i < given.size(); i++) {
      JsonObject b = given.getJsonObject(i);
      breaks.add(new SlotSchedule.Break(breakTime(b, "from", i), breakTime(b, "to", i)));
    }
    return new SlotSchedule.Plan(date, from, to, j.getInteger("interviewMinutes", 0), j.getInteger("bufferMinutes", 0), breaks,
        j.getInteger("capacity", 1), clock.zone());
  }

  /** The schedule form's fields (up to three breaks as breakFrom1/breakTo1 ...) as the JSON {@link #plan} reads. */
  public static JsonObject planFromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("date", "from", "to").number("interviewMinutes", "bufferMinutes", "capacity")
        .pairs("breaks", "breakFrom", "breakTo", FORM_BREAKS).json();
  }

  /** The slots of a plan, or a 400 naming what is wrong with it. */
  public static List<SlotSchedule.Slot> generate(SlotSchedule.Plan plan) {
    try {
      return SlotSchedule.generate(plan);
    } catch (SlotSchedule.InvalidPlan e) {
      throw refusal(e);
    }
  }

  /** The 400 for a refused plan: {@code schedule_<code>}, with the field at fault and the numbers the text names. */
  public static Refused refusal(SlotSchedule.InvalidPlan e) {
    String field = e.field() == null ? "" : e.field();
    Reason code = reasonOf(e.code());
    Object[] args = ARGS.get(e.code());
    Matcher m = BREAK_INDEX.matcher(field);
    if (m.find()) args = new Object[] {Integer.parseInt(m.group(1)) + 1};
    if (SlotSchedule.REQUIRED.equals(e.code())) {
      // A missing value: say which one, as for a value in the wrong format.
      if (field.equals("date")) code = Reason.SCHEDULE_DATE;
      else if (field.equals("from") || field.equals("to")) code = Reason.SCHEDULE_TIME;
      else if (m.find(0)) code = Reason.SCHEDULE_BREAK_TIME;
    }
    return code.refuseWith(new JsonObject().put("field", e.field()), args == null ? new Object[0] : args);
  }

  static Reason reasonOf(String problem) {
    return REASONS.getOrDefault(problem, Reason.SCHEDULE_INVALID);
  }

  /** Every code {@link SlotSchedule} can refuse a plan with (its public String constants). */
  public static List<String> knownCodes() {
    List<String> codes = new ArrayList<>();
    for (var f : SlotSchedule.class.getFields()) {
      if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
        try {
          codes.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return codes;
  }

  /**
   * One slot: {@code {"start":"2026-12-03T09:00","end":"2026-12-03T09:20","capacity":1}} in the zone's wall-clock time,
   * as the contract let it through (openapi.json, SlotInput).
   */
  public static SlotSchedule.Slot slot(JsonObject j, WallClock clock) {
    LocalDateTime start = JsonFields.dateTime(j, "start", Reason.SLOT_START);
    LocalDateTime end = JsonFields.dateTime(j, "end", Reason.SLOT_END);
    int capacity = j.getInteger("capacity", 1);
    Instant startsAt = clock.start(start, "start");
    Instant endsAt = clock.start(end, "end");
    if (!end.isAfter(start) || !endsAt.isAfter(startsAt)) throw invalid("end", Reason.SLOT_END_BEFORE_START);
    if (Duration.between(startsAt, endsAt).toMinutes() > SlotSchedule.MAX_INTERVIEW_MINUTES) {
      throw invalid("end", Reason.SLOT_TOO_LONG, SlotSchedule.MAX_INTERVIEW_MINUTES);
    }
    return new SlotSchedule.Slot(startsAt, endsAt, capacity);
  }

  public static JsonObject slotFromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("start", "end").number("capacity").json();
  }

  private static LocalTime breakTime(JsonObject b, String key, int index) {
    String s = b.getString(key);
    if (s == null || s.isBlank()) return null; // SlotSchedule reports it as required
    try {
      return LocalTime.parse(s.strip(), JsonFields.TIME);
    } catch (DateTimeParseException e) {
      throw invalid("breaks[" + index + "]." + key, Reason.SCHEDULE_BREAK_TIME, index + 1);
    }
  }
}
