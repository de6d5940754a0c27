package at.jobfair.privacy;

import at.jobfair.web.Messages;
import at.jobfair.web.Messages.Lang;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The export as a person reads it: a section per kind of data, each row as labelled fields, times in the configured
 * zone, codes and labels from the message bundles ({@code mydata.*}). Pure: no I/O.
 */
final class ExportView {

  /** Where the bundles already name a field's codes (the pages of each feature use the same keys); tried in order. */
  private static final Map<String, List<String>> CODES = Map.ofEntries(
      Map.entry("legal_basis", List.of("legal.obligation.")), Map.entry("obligation", List.of("legal.obligation.")),
      Map.entry("kind", List.of("legal.kind.", "reasons.kind.", "mydata.kind.")), Map.entry("source", List.of("legal.kind.")),
      Map.entry("benefit_type", List.of("profile.benefit.")),
      Map.entry("state", List.of("cascade.state.", "reasons.state.", "mydata.state.")),
      Map.entry("from", List.of("cascade.state.")), Map.entry("to", List.of("cascade.state.", "reasons.state.")),
      Map.entry("event", List.of("cascade.event.")), Map.entry("role", List.of("role.", "mydata.role.")), Map.entry("roles", List.of("role.")),
      Map.entry("why", List.of("dataAccess.why.")), Map.entry("what", List.of("dataAccess.what.")),
      Map.entry("status", List.of("mydata.status.", "outbox.status.")), Map.entry("outcome", List.of("attendance.outcome.")),
      Map.entry("decider", List.of("legal.decider.")), Map.entry("station", List.of("cascade.stationName.")),
      Map.entry("finding", List.of("cascade.finding.")), Map.entry("decision", List.of("cascade.decision.")));

  private final Messages messages;
  private final ZoneId zone;

  ExportView(Messages messages, ZoneId zone) {
    this.messages = messages;
    this.zone = zone;
  }

  /** [{name, title, rows: [{fields: [{label, text, href}]}]}] in the order of {@link PersonalData#SECTIONS}. */
  List<Map<String, Object>> sections(JsonObject export, Lang lang) {
    List<Map<String, Object>> out = new ArrayList<>();
    JsonObject sections = export.getJsonObject("sections");
    for (PersonalData.Section s : PersonalData.SECTIONS) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Object o : sections.getJsonArray(s.name(), new JsonArray())) {
        rows.add(Map.of("fields", fields((JsonObject) o, lang)));
      }
      Map<String, Object> m = new HashMap<>();
      m.put("name", s.name());
      m.put("title", messages.get(lang, "mydata.section." + s.name()));
      m.put("rows", rows);
      out.add(m);
    }
    return out;
  }

  private List<Map<String, Object>> fields(JsonObject row, Lang lang) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String key : row.fieldNames()) {
      Object v = row.getValue(key);
      if (v == null || (v instanceof JsonArray a && a.isEmpty())) continue;
      Map<String, Object> f = new HashMap<>();
      f.put("label", label(key, lang));
      if ("download".equals(key)) {
        f.put("href", String.valueOf(v));
        f.put("text", messages.get(lang, "mydata.download"));
      } else if (v instanceof JsonArray a && a.stream().anyMatch(x -> x instanceof JsonObject)) {
        // steps, answers, hearings: one entry each, in order
        List<String> items = new ArrayList<>();
        for (Object x : a) items.add(x instanceof JsonObject o ? nested(o, lang) : text(key, x, lang));
        f.put("items", items);
      } else {
        f.put("text", text(key, v, lang));
      }
      out.add(f);
    }
    return out;
  }

  String label(String key, Lang lang) {
    String k = "mydata.field." + key;
    return messages.has(lang, k) ? messages.get(lang, k) : key;
  }

  /** One value as text: times in the zone, yes/no, lists joined, nested rows as "label: value" lines. */
  String text(String key, Object v, Lang lang) {
    if (v instanceof Boolean b) return messages.get(lang, b ? "mydata.yes" : "mydata.no");
    if (v instanceof JsonArray a) {
      List<String> parts = new ArrayList<>();
      for (Object x : a) parts.add(x instanceof JsonObject o ? nested(o, lang) : text(key, x, lang));
      return String.join(a.stream().anyMatch(x -> x instanceof JsonObject) ? "\n" : ", ", parts);
    }
    if (v instanceof JsonObject o) return nested(o, lang);
    String s = String.valueOf(v);
    if (s.matches("[A-Z][A-Z_]+")) {
      for (String prefix : CODES.getOrDefault(key, List.of())) {
        if (messages.has(lang, prefix + s)) return messages.get(lang, prefix + s);
      }
      return s;
    }
    String time = time(s, lang);
    return time != null ? time : s;
  }

  private String nested(JsonObject o, Lang lang) {
    List<String> parts = new ArrayList<>();
    for (String key : o.fieldNames()) {
      Object v = o.getValue(key);
      if (v == null) continue;
      parts.add(label(key, lang) + ": " + text(key, v, lang));
    }
    return String.join(" · ", parts);
  }

  /** A timestamp (as PostgreSQL writes it in JSON) in the configured zone; a date as a date; anything else null. */
  private String time(String s, Lang lang) {
    if (s.length() < 10 || !Character.isDigit(s.charAt(0)) || s.charAt(4) != '-') return null;
    try {
      if (s.length() == 10) return LocalDate.parse(s).format(DateTimeFormatter.ofPattern(pattern(lang, false), lang.locale()));
      return withTime(OffsetDateTime.parse(s).toInstant(), lang);
    } catch (DateTimeParseException e) {
      try {
        return withTime(java.time.Instant.parse(s), lang);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  /** The date and the time of day (with its offset in the repeated hour, see {@link at.jobfair.web.WallClock#clock}). */
  private String withTime(java.time.Instant instant, Lang lang) {
    return instant.atZone(zone).format(DateTimeFormatter.ofPattern(pattern(lang, false), lang.locale())) + ", "
        + at.jobfair.web.WallClock.clock(instant, zone);
  }

  private static String pattern(Lang lang, boolean withTime) {
    String date = lang == Lang.DE ? "d. MMMM uuuu" : "d MMMM uuuu";
    return withTime ? date + ", HH:mm" : date;
  }
}
