package at.jobfair.fair;

import at.jobfair.web.JsonFields;
import at.jobfair.web.WallClock;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import static at.jobfair.web.JsonFields.invalid;

/**
 * A fair as entered, checked completely before anything is written. Reads
 * {@code {"name","format","sector"?,"region"?,"description"?,"start","end","orientationStart"?,"orientationMinutes"?,
 * "bookingCutoffMinutes"?}} with times as wall-clock date-times ({@code 2026-10-24T09:00}) in the configured zone.
 */
public record FairInput(String name, String format, String sector, String region, String description, Instant startsAt,
                        Instant endsAt, Instant orientationStartsAt, Integer orientationMinutes, int bookingCutoffMinutes) {

  public static final int DEFAULT_CUTOFF_MINUTES = 60;
  public static final int MAX_CUTOFF_MINUTES = 10080;
  public static final int MAX_ORIENTATION_MINUTES = 480;
  public static final int MAX_DESCRIPTION = 5000;

  public static FairInput from(JsonObject j, WallClock clock) {
    String name = JsonFields.requiredText(j, "name", 200, "fair_name");
    String format = JsonFields.requiredText(j, "format", 20, "fair_format");
    if (!Fair.FORMATS.contains(format)) throw invalid("format", "fair_format");
    String sector = JsonFields.text(j, "sector", 200, "fair_sector");
    String region = JsonFields.text(j, "region", 200, "fair_region");
    String description = JsonFields.text(j, "description", MAX_DESCRIPTION, "fair_description");

    LocalDateTime start = JsonFields.dateTime(j, "start", "fair_start");
    if (start == null) throw invalid("start", "fair_start");
    LocalDateTime end = JsonFields.dateTime(j, "end", "fair_end");
    if (end == null) throw invalid("end", "fair_end");
    Instant startsAt = clock.start(start, "start");
    Instant endsAt = clock.end(end, "end");
    if (!end.isAfter(start) || !endsAt.isAfter(startsAt)) throw invalid("end", "fair_end_before_start");

    LocalDateTime orientation = JsonFields.dateTime(j, "orientationStart", "fair_orientation_start");
    Integer minutes = JsonFields.integer(j, "orientationMinutes", "fair_orientation_minutes", MAX_ORIENTATION_MINUTES);
    Instant orientationAt = null;
    if ((orientation == null) != (minutes == null)) {
      throw invalid(orientation == null ? "orientationStart" : "orientationMinutes", "fair_orientation_incomplete");
    }
    if (minutes != null) {
      if (minutes < 1 || minutes > MAX_ORIENTATION_MINUTES) {
        throw invalid("orientationMinutes", "fair_orientation_minutes", MAX_ORIENTATION_MINUTES);
      }
      orientationAt = clock.start(orientation, "orientationStart");
      if (orientationAt.isBefore(startsAt) || orientationAt.plus(Duration.ofMinutes(minutes)).isAfter(endsAt)) {
        throw invalid("orientationStart", "fair_orientation_outside");
      }
    }

    Integer cutoff = JsonFields.integer(j, "bookingCutoffMinutes", "fair_cutoff", MAX_CUTOFF_MINUTES);
    if (cutoff == null) cutoff = DEFAULT_CUTOFF_MINUTES;
    if (cutoff < 0 || cutoff > MAX_CUTOFF_MINUTES) throw invalid("bookingCutoffMinutes", "fair_cutoff", MAX_CUTOFF_MINUTES);
    return new FairInput(name, format, sector, region, description == null ? "" : description, startsAt, endsAt,
        orientationAt, minutes, cutoff);
  }

  /** The edit form's fields as JSON, for {@link #from}. */
  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("name", "format", "sector", "region", "description", "start", "end", "orientationStart")
        .number("orientationMinutes", "bookingCutoffMinutes").json();
  }
}
