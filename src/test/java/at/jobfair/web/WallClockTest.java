package at.jobfair.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The time of day as people read it: only a time in the repeated hour of the autumn change says its offset. */
class WallClockTest {

  private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");

  private static String at(String utc) {
    return WallClock.clock(Instant.parse(utc), VIENNA);
  }

  @Test
  void theRepeatedHourInOctoberShowsWhichOfTheTwoItIs() {
    // 25 October 2026: 03:00 summer time (01:00 UTC) becomes 02:00 winter time; 02:00–03:00 happens twice.
    assertEquals("01:59", at("2026-10-24T23:59:00Z"), "before the repeated hour: no offset");
    assertEquals("02:00 (UTC+2)", at("2026-10-25T00:00:00Z"));
    assertEquals("02:30 (UTC+2)", at("2026-10-25T00:30:00Z"));
    assertEquals("02:59 (UTC+2)", at("2026-10-25T00:59:00Z"));
    assertEquals("02:00 (UTC+1)", at("2026-10-25T01:00:00Z"));
    assertEquals("02:30 (UTC+1)", at("2026-10-25T01:30:00Z"));
    assertEquals("02:59 (UTC+1)", at("2026-10-25T01:59:00Z"));
    assertEquals("03:00", at("2026-10-25T02:00:00Z"), "after the repeated hour: no offset");
    // A slot from the first 02:30 to the second 02:00 reads as the 30 minutes it is.
    assertEquals("02:30 (UTC+2) – 02:00 (UTC+1)", at("2026-10-25T00:30:00Z") + " – " + at("2026-10-25T01:00:00Z"));
  }

  @Test
  void everyMinuteOfTheAutumnChangeDayIsPlainExceptTheTwoRepeatedHours() {
    Instant from = Instant.parse("2026-10-24T22:00:00Z");  // 00:00 local, summer time
    int withOffset = 0;
    for (Instant t = from; t.isBefore(from.plus(Duration.ofHours(25))); t = t.plusSeconds(60)) {
      String shown = WallClock.clock(t, VIENNA);
      boolean repeated = !t.isBefore(Instant.parse("2026-10-25T00:00:00Z")) && t.isBefore(Instant.parse("2026-10-25T02:00:00Z"));
      assertEquals(repeated, shown.contains("(UTC"), t + " → " + shown);
      if (repeated) withOffset++;
    }
    assertEquals(120, withOffset, "both occurrences of 02:00–02:59");
  }

  @Test
  void theSkippedHourInMarchNeedsNoOffsetForTimesAroundIt() {
    // 29 March 2026: 02:00 winter time (01:00 UTC) becomes 03:00 summer time; no local time exists twice.
    assertEquals("01:59", at("2026-03-29T00:59:00Z"));
    assertEquals("03:00", at("2026-03-29T01:00:00Z"));
    assertEquals("03:30", at("2026-03-29T01:30:00Z"));
    Instant from = Instant.parse("2026-03-28T23:00:00Z");
    for (Instant t = from; t.isBefore(from.plus(Duration.ofHours(23))); t = t.plusSeconds(60)) {
      assertEquals(5, WallClock.clock(t, VIENNA).length(), t.toString());
    }
  }

  @Test
  void anOrdinaryDayAndAZoneWithoutChangesShowPlainTimes() {
    assertEquals("09:00", at("2026-12-03T08:00:00Z"));
    assertEquals("00:00", at("2026-12-02T23:00:00Z"));
    assertEquals("14:15", at("2026-07-01T12:15:00Z"));
    assertEquals("02:30", WallClock.clock(Instant.parse("2026-10-25T02:30:00Z"), ZoneOffset.UTC));
    assertEquals("09:30", WallClock.clock(Instant.parse("2026-10-25T00:30:00Z"), ZoneId.of("Asia/Tokyo")), "a zone without summer time");
  }

  @Test
  void anotherZonesRepeatedHourShowsItsOwnOffsets() {
    // New York, 1 November 2026: 01:00–02:00 happens twice (EDT UTC-4, then EST UTC-5).
    ZoneId ny = ZoneId.of("America/New_York");
    assertEquals("01:30 (UTC-4)", WallClock.clock(Instant.parse("2026-11-01T05:30:00Z"), ny));
    assertEquals("01:30 (UTC-5)", WallClock.clock(Instant.parse("2026-11-01T06:30:00Z"), ny));
    // Lord Howe Island turns back half an hour: 01:30–02:00 happens twice.
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    assertEquals("01:45 (UTC+11)", WallClock.clock(Instant.parse("2026-04-04T14:45:00Z"), lordHowe));
    assertEquals("01:45 (UTC+10:30)", WallClock.clock(Instant.parse("2026-04-04T15:15:00Z"), lordHowe));
  }

  @Test
  void offsetsReadAsPeopleWriteThem() {
    assertEquals("UTC", WallClock.utc(ZoneOffset.UTC));
    assertEquals("UTC+1", WallClock.utc(ZoneOffset.ofHours(1)));
    assertEquals("UTC-5", WallClock.utc(ZoneOffset.ofHours(-5)));
    assertEquals("UTC+5:30", WallClock.utc(ZoneOffset.ofHoursMinutes(5, 30)));
    assertEquals("UTC-3:30", WallClock.utc(ZoneOffset.ofHoursMinutes(-3, -30)));
  }
}
