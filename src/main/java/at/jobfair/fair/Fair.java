package at.jobfair.fair;

import at.jobfair.web.WallClock;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static at.jobfair.db.Rows.instant;

/** A job fair as stored: times are instants, shown and entered in the configured zone. */
public record Fair(long id, String name, String format, String sector, String region, String description, Instant startsAt,
                   Instant endsAt, Instant orientationStartsAt, Integer orientationMinutes, int bookingCutoffMinutes,
                   String status) {

  public static final List<String> FORMATS = List.of("E_JOBMEETING", "REGIONAL", "SUPRA_REGIONAL", "CAMPAIGN", "SECTOR");
  public static final String DRAFT = "DRAFT";
  public static final String PUBLISHED = "PUBLISHED";

  /** The columns {@link #of(Row)} reads, for the stores' queries (table alias {@code f}). */
  public static final String COLUMNS = "f.id, f.name, f.format, f.sector, f.region, f.description, f.starts_at, f.ends_at, "
      + "f.orientation_starts_at, f.orientation_minutes, f.booking_cutoff_minutes, f.status";

  public static Fair of(Row r) {
    return new Fair(r.getLong("id"), r.getString("name"), r.getString("format"), r.getString("sector"), r.getString("region"),
        r.getString("description"), instant(r, "starts_at"), instant(r, "ends_at"), instant(r, "orientation_starts_at"),
        r.getInteger("orientation_minutes"), r.getInteger("booking_cutoff_minutes"), r.getString("status"));
  }

  public boolean published() {
    return PUBLISHED.equals(status);
  }

  /** Instants in UTC ({@code startsAt}) and the same times on the zone's wall clock ({@code start}). */
  public JsonObject toJson(WallClock clock) {
    return new JsonObject().put("id", id).put("name", name).put("format", format).put("sector", sector).put("region", region)
        .put("description", description)
        .put("start", clock.local(startsAt)).put("end", clock.local(endsAt))
        .put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString())
        .put("orientationStart", clock.local(orientationStartsAt))
        .put("orientationStartsAt", orientationStartsAt == null ? null : orientationStartsAt.toString())
        .put("orientationMinutes", orientationMinutes)
        .put("bookingCutoffMinutes", bookingCutoffMinutes).put("status", status);
  }

  /** The values of the edit form, as the browser's fields want them. */
  public Map<String, Object> form(WallClock clock) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", name);
    m.put("format", format);
    m.put("sector", sector);
    m.put("region", region);
    m.put("description", description);
    m.put("start", clock.local(startsAt));
    m.put("end", clock.local(endsAt));
    m.put("orientationStart", clock.local(orientationStartsAt));
    m.put("orientationMinutes", orientationMinutes);
    m.put("bookingCutoffMinutes", bookingCutoffMinutes);
    return m;
  }

}
