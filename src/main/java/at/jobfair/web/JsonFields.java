package at.jobfair.web;

import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * What is left to read in a JSON body once {@link RequestContract} has checked it against openapi.json (types, lengths,
 * enums, patterns, ranges, required fields): calendar dates and times that have the right shape but may not exist
 * (2026-02-30, 24:61), ids in addresses, and a refusal naming one field. Each reader names the error code to answer with.
 *
 * <p>Browser forms are turned into the same JSON with {@link Form}, so that a page and the API check input the same way.
 */
public final class JsonFields {

  public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);
  public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withResolverStyle(ResolverStyle.STRICT);

  private JsonFields() {
  }

  /** A positive id from the request path; anything else is a 404 with the given code. */
  public static long pathId(String value, Reason notFound) {
    if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw notFound.refuse();
    }
    long id = Long.parseLong(value);
    if (id <= 0) throw notFound.refuse();
    return id;
  }

  /** The submitted fields of a form, as they were typed, to show them again next to an error. */
  public static java.util.Map<String, Object> typed(MultiMap form) {
    java.util.Map<String, Object> m = new java.util.HashMap<>();
    for (String name : form.names()) m.put(name, form.get(name));
    return m;
  }

  /** A 400 for one field, with the field's name in the answer. */
  public static Refused invalid(String field, Reason code, Object... args) {
    return code.refuseWith(new JsonObject().put("field", field), args);
  }

  /** A calendar date written {@code 2026-12-03}, or null when absent. */
  public static LocalDate date(JsonObject j, String key, Reason code) {
    String s = j.getString(key);
    if (s == null) return null;
    try {
      return LocalDate.parse(s, DATE);
    } catch (DateTimeParseException e) {
      throw invalid(key, code);
    }
  }

  /** A wall-clock time written {@code 09:00}, or null when absent. */
  public static LocalTime time(JsonObject j, String key, Reason code) {
    String s = j.getString(key);
    if (s == null) return null;
    try {
      return LocalTime.parse(s, TIME);
    } catch (DateTimeParseException e) {
      throw invalid(key, code);
    }
  }

  /** A date and wall-clock time written {@code 2026-12-03T09:00}, or null when absent. */
  public static LocalDateTime dateTime(JsonObject j, String key, Reason code) {
    String s = j.getString(key);
    if (s == null) return null;
    try {
      return LocalDateTime.parse(s, DATE_TIME);
    } catch (DateTimeParseException e) {
      throw invalid(key, code);
    }
  }

  /**
   * A browser form as JSON: empty fields are left out, numbers become JSON numbers when they are numbers (otherwise
   * the text stays, and the contract refuses it as it would refuse text in a JSON body), ticked boxes become true.
   */
  public static final class Form {
    private final MultiMap form;
    private final JsonObject json = new JsonObject();

    public Form(MultiMap form) {
      this.form = form;
    }

    public Form text(String... names) {
      for (String name : names) {
        String v = form.get(name);
        if (v != null && !v.isBlank()) json.put(name, v);
      }
      return this;
    }

    public Form number(String... names) {
      for (String name : names) {
        String v = form.get(name);
        if (v == null || v.isBlank()) continue;
        String t = v.strip().replace(',', '.');
        try {
          BigDecimal d = new BigDecimal(t);
          json.put(name, d.scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue());
        } catch (NumberFormatException | ArithmeticException e) {
          json.put(name, v);
        }
      }
      return this;
    }

    public Form checkbox(String... names) {
      for (String name : names) json.put(name, form.get(name) != null);
      return this;
    }

    /** Pairs of fields ({@code breakFrom1}/{@code breakTo1}, ...) as an array of objects; pairs left empty are skipped. */
    public Form pairs(String arrayName, String fromField, String toField, int count) {
      JsonArray array = new JsonArray();
      for (int i = 1; i <= count; i++) {
        String from = form.get(fromField + i);
        String to = form.get(toField + i);
        boolean noFrom = from == null || from.isBlank();
        boolean noTo = to == null || to.isBlank();
        if (noFrom && noTo) continue;
        JsonObject pair = new JsonObject();
        if (!noFrom) pair.put("from", from);
        if (!noTo) pair.put("to", to);
        array.add(pair);
      }
      json.put(arrayName, array);
      return this;
    }

    public JsonObject json() {
      return json;
    }
  }
}
