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

  /** {@code 03.12.2026 09:00}, for messages. */
  public String readable(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm").format(instant.atZone(zone));
  }

  private ZonedDateTime resolve(LocalDateTime local, String field) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.isEmpty()) {
      throw JsonFields.invalid(field, Reason.TIME_NONEXISTENT, JsonFields.DATE_TIME.format(local).replace('T', ' '));
    }
    return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
  }
}
