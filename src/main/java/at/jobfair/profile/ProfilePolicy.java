package at.jobfair.profile;

import at.jobfair.refusal.Reason;
import at.jobfair.web.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A jobseeker's profile as they may enter it, and what a booth reads of it. Pure. The contract (openapi.json,
 * {@code ProfileInput}) already refused wrong types and lengths; this reads the checked body, adds what the schema
 * cannot say (a date that exists, each skill once whatever its case), and filters what a booth sees by what the person
 * chose to share ({@link #forBooth}). Benefit, health and sanction data are never part of it: they live in
 * {@code jobseeker} and the case tables, which nothing here reads.
 */
public final class ProfilePolicy {

  public static final int MAX_SKILLS = 20;
  public static final int MAX_SKILL = 40;
  public static final int MAX_LANGUAGES = 10;

  /** What the person may share with booths, each on its own. */
  public enum Group { SKILLS, LANGUAGES, LICENCES, AVAILABILITY, MOBILITY, CV }

  public enum Level { A1, A2, B1, B2, C1, C2, NATIVE }

  public enum Shift { MORNING, AFTERNOON, EVENING, NIGHT, WEEKEND }

  /** Driving licence classes (EU directive 2006/126/EC, F the Austrian tractor class). */
  public static final List<String> LICENCES = List.of("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "F");

  /** A spoken language and how well. */
  public record Language(String code, Level level) {
  }

  /** The profile as stored; every field may be empty. */
  public record Profile(List<String> skills, List<Language> languages, List<String> licences, LocalDate availableFrom,
                        Integer hoursPerWeek, List<Shift> shifts, Integer maxCommuteMinutes, Integer maxCommuteKm,
                        boolean relocate, Set<Group> shared) {
    public static final Profile EMPTY = new Profile(List.of(), List.of(), List.of(), null, null, List.of(), null, null, false,
        EnumSet.noneOf(Group.class));
  }

  private ProfilePolicy() {
  }

  /** Reads a checked body (saving replaces every field; absent is empty). */
  public static Profile read(JsonObject body) {
    List<String> skills = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    JsonArray s = array(body, "skills", Reason.PROFILE_SKILLS);
    if (s.size() > MAX_SKILLS) throw JsonFields.invalid("skills", Reason.PROFILE_SKILLS, MAX_SKILLS, MAX_SKILL);
    for (Object o : s) {
      if (!(o instanceof String skill) || skill.isBlank() || skill.strip().length() > MAX_SKILL || skill.chars().anyMatch(Character::isISOControl)) {
        throw JsonFields.invalid("skills", Reason.PROFILE_SKILLS, MAX_SKILLS, MAX_SKILL);
      }
      if (seen.add(skill.strip().toLowerCase(Locale.ROOT))) skills.add(skill.strip());
    }
    List<Language> languages = new ArrayList<>();
    JsonArray l = array(body, "languages", Reason.PROFILE_LANGUAGES);
    if (l.size() > MAX_LANGUAGES) throw JsonFields.invalid("languages", Reason.PROFILE_LANGUAGES);
    Set<String> codes = new LinkedHashSet<>();
    for (Object o : l) {
      if (!(o instanceof JsonObject lang) || !(lang.getValue("code") instanceof String code) || !code.matches("[a-z]{2,3}")) {
        throw JsonFields.invalid("languages", Reason.PROFILE_LANGUAGES);
      }
      Level level = named(Level.class, lang.getValue("level"), "languages", Reason.PROFILE_LANGUAGES);
      if (level == null) throw JsonFields.invalid("languages", Reason.PROFILE_LANGUAGES);
      if (codes.add(code)) languages.add(new Language(code, level));
    }
    List<String> licences = new ArrayList<>();
    for (Object o : array(body, "licences", Reason.PROFILE_LICENCES)) {
      if (!(o instanceof String c) || !LICENCES.contains(c)) throw JsonFields.invalid("licences", Reason.PROFILE_LICENCES);
      if (!licences.contains(c)) licences.add(c);
    }
    LocalDate from = null;
    Object f = body.getValue("availableFrom");
    if (f != null) {
      try {
        from = LocalDate.parse(String.valueOf(f));
      } catch (DateTimeException e) {
        throw JsonFields.invalid("availableFrom", Reason.PROFILE_AVAILABLE_FROM);
      }
    }
    List<Shift> shifts = new ArrayList<>();
    for (Object o : array(body, "shifts", Reason.PROFILE_SHIFTS)) {
      Shift shift = named(Shift.class, o, "shifts", Reason.PROFILE_SHIFTS);
      if (shift != null && !shifts.contains(shift)) shifts.add(shift);
    }
    Set<Group> shared = EnumSet.noneOf(Group.class);
    for (Object o : array(body, "shared", Reason.PROFILE_SHARED)) {
      Group g = named(Group.class, o, "shared", Reason.PROFILE_SHARED);
      if (g != null) shared.add(g);
    }
    Object relocate = body.getValue("relocate");
    if (relocate != null && !(relocate instanceof Boolean)) throw JsonFields.invalid("relocate", Reason.PROFILE_RELOCATE);
    return new Profile(List.copyOf(skills), List.copyOf(languages), List.copyOf(licences), from,
        number(body, "hoursPerWeek", 1, 60, Reason.PROFILE_HOURS), List.copyOf(shifts),
        number(body, "maxCommuteMinutes", 1, 240, Reason.PROFILE_COMMUTE_MINUTES),
        number(body, "maxCommuteKm", 1, 500, Reason.PROFILE_COMMUTE_KM), Boolean.TRUE.equals(relocate), shared);
  }

  /** The whole profile, for the person. */
  public static JsonObject own(Profile p, JsonObject cv) {
    JsonObject o = fields(p, EnumSet.allOf(Group.class));
    o.put("shared", new JsonArray(p.shared().stream().map(Enum::name).toList()));
    o.put("cv", cv);
    return o;
  }

  /** What a booth with a relation to the person reads: only the groups they share, and the CV only if they share it. */
  public static JsonObject forBooth(Profile p, JsonObject cv) {
    JsonObject o = fields(p, p.shared());
    o.put("shared", new JsonArray(p.shared().stream().map(Enum::name).toList()));
    o.put("cv", p.shared().contains(Group.CV) ? cv : null);
    return o;
  }

  /** Whether a booth may download the CV. */
  public static boolean cvShared(Profile p) {
    return p.shared().contains(Group.CV);
  }

  private static JsonObject fields(Profile p, Set<Group> groups) {
    JsonObject o = new JsonObject();
    if (groups.contains(Group.SKILLS)) o.put("skills", new JsonArray(new ArrayList<>(p.skills())));
    if (groups.contains(Group.LANGUAGES)) {
      JsonArray langs = new JsonArray();
      p.languages().forEach(l -> langs.add(new JsonObject().put("code", l.code()).put("level", l.level().name())));
      o.put("languages", langs);
    }
    if (groups.contains(Group.LICENCES)) o.put("licences", new JsonArray(new ArrayList<>(p.licences())));
    if (groups.contains(Group.AVAILABILITY)) {
      o.put("availableFrom", p.availableFrom() == null ? null : p.availableFrom().toString()).put("hoursPerWeek", p.hoursPerWeek())
          .put("shifts", new JsonArray(p.shifts().stream().map(Enum::name).toList()));
    }
    if (groups.contains(Group.MOBILITY)) {
      o.put("maxCommuteMinutes", p.maxCommuteMinutes()).put("maxCommuteKm", p.maxCommuteKm()).put("relocate", p.relocate());
    }
    return o;
  }

  private static JsonArray array(JsonObject body, String field, Reason reason) {
    Object v = body.getValue(field);
    if (v == null) return new JsonArray();
    if (!(v instanceof JsonArray a)) throw JsonFields.invalid(field, reason);
    return a;
  }

  private static Integer number(JsonObject body, String field, int min, int max, Reason reason) {
    Object v = body.getValue(field);
    if (v == null) return null;
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < min || n.intValue() > max) {
      throw JsonFields.invalid(field, reason);
    }
    return n.intValue();
  }

  private static <E extends Enum<E>> E named(Class<E> type, Object v, String field, Reason reason) {
    if (v == null) return null;
    try {
      return Enum.valueOf(type, String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw JsonFields.invalid(field, reason);
    }
  }
}
