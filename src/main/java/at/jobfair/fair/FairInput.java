package at.jobfair.fair;

import at.jobfair.refusal.Reason;
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

  /** The fair from a body the contract let through (openapi.json, FairInput): what is left are the rules between fields. */
  public static FairInput from(JsonObject j, WallClock clock) {
    String name = j.getString("name");
    String format = j.getString("format");
    String sector = j.getString("sector");
    String region = j.getString("region");
    String description = j.getString("description");

    LocalDateTime start = JsonFields.dateTime(j, "start", Reason.FAIR_START);
    LocalDateTime end = JsonFields.dateTime(j, "end", Reason.FAIR_END);
    Instant startsAt = clock.start(start, "start");
    Instant endsAt = clock.end(end, "end");
    if (!end.isAfter(start) || !endsAt.isAfter(startsAt)) throw invalid("end", Reason.FAIR_END_BEFORE_START);

    LocalDateTime orientation = JsonFields.dateTime(j, "orientationStart", Reason.FAIR_ORIENTATION_START);
    Integer minutes = j.getInteger("orientationMinutes");
    Instant orientationAt = null;
    if ((orientation == null) != (minutes == null)) {
      throw invalid(orientation == null ? "orientationStart" : "orientationMinutes", Reason.FAIR_ORIENTATION_INCOMPLETE);
    }
    if (minutes != null) {
      orientationAt = clock.start(orientation, "orientationStart");
      if (orientationAt.isBefore(startsAt) || orientationAt.plus(Duration.ofMinutes(minutes)).isAfter(endsAt)) {
        throw invalid("orientationStart", Reason.FAIR_ORIENTATION_OUTSIDE);
      }
    }

    int cutoff = j.getInteger("bookingCutoffMinutes", DEFAULT_CUTOFF_MINUTES);
    return new FairInput(name, format, sector, region, description == null ? "" : description, startsAt, endsAt,
        orientationAt, minutes, cutoff);
  }

  /** The edit form's fields as JSON, for {@link #from}. */
  public static JsonObject fromForm(io.vertx.core.MultiMap form) {
    return new JsonFields.Form(form).text("name", "format", "sector", "region", "description", "start", "end", "orientationStart")
        .number("orientationMinutes", "bookingCutoffMinutes").json();
  }

  /** The fair's id in an address ({@code /admin/fairs/:id}, {@code /api/fairs/:id}): anything else names no fair. */
  static long pathId(String value) {
    return JsonFields.pathId(value, Reason.FAIR_NOT_FOUND);
  }
}
