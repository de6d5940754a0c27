package at.jobfair.web;

import at.jobfair.refusal.Reason;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Turns the wall-clock times people enter (in the configured zone, Europe/Vienna) into instants on the real time
 * line, and back.
 *
 * <p>A time that does not exist (it falls into the hour skipped when summer time starts) is refused rather than
 * moved. A time that exists twice (the hour repeated when summer time ends) is read as its first occurrence, except
 * where it closes a span that should cover the repeated hour (the end of a fair), where it is read as the second:
 * the same rule the booth's slot schedule uses for the bounds of a schedule, so that a schedule and a
 * fair entered with the same wall-clock times agree.
 */
public final class WallClock {

  private final ZoneId zone;

  public WallClock(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first occurrence of a wall-clock time; a time that does not exist is refused with the field's name. */
  public Instant start(LocalDateTime local, String field) {
    return resolve(local, field).withEarlierOffsetAtOverlap().toInstant();
  }

  /** The last occurrence of a wall-clock time (the end of a span); a time that does not exist is refused. */
  public Instant end(LocalDateTime local, String field) {
    return resolve(local, field).withLaterOffsetAtOverlap().toInstant();
  }

  /** {@code 2026-12-03T09:00} in the zone, as the browser's date-time field and the API write it. */
  public String local(Instant instant) {
    return instant == null ? null : JsonFields.DATE_TIME.format(instant.atZone(zone));
  }

  /** {@code 03.12.2026 09:00}, for messages; in the repeated hour with its offset ({@link #clock}). */
  public String readable(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("dd.MM.uuuu ").format(instant.atZone(zone)) + clock(instant, zone);
  }

  /**
   * The time of day a person reads ({@code 09:00}) in the zone. A time in the hour that happens twice when summer
   * time ends says which of the two it is by its offset ({@code 02:30 (UTC+2)}, then {@code 02:30 (UTC+1)}); every
   * other time is shown without one, so only the hour that needs it carries it.
   */
  public static String clock(Instant instant, ZoneId zone) {
    ZonedDateTime at = instant.atZone(zone);
    String time = HH_MM.format(at);
    if (zone.getRules().getValidOffsets(at.toLocalDateTime()).size() < 2) return time;
    return time + " (" + utc(at.getOffset()) + ")";
  }

  /** {@code UTC+2}, {@code UTC-3:30}, {@code UTC} (an offset as people read it). */
  static String utc(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) return "UTC";
    int abs = Math.abs(seconds);
    String out = "UTC" + (seconds < 0 ? "-" : "+") + abs / 3600;
    return abs % 3600 == 0 ? out : out + ":" + String.format("%02d", abs % 3600 / 60);
  }

  private static final java.time.format.DateTimeFormatter HH_MM = java.time.format.DateTimeFormatter.ofPattern("HH:mm");

  private ZonedDateTime resolve(LocalDateTime local, String field) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.isEmpty()) {
      throw JsonFields.invalid(field, Reason.TIME_NONEXISTENT, JsonFields.DATE_TIME.format(local).replace('T', ' '));
    }
    return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
  }
}
