package at.jobfair.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.jobfair.booking.Ics.Event;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneOffsetTransitionRule.TimeDefinition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parses the hand-written output with ical4j (test scope only) and asserts exact values.
 *
 * <p>Note on ical4j: when it parses a calendar it builds java.time rules from the embedded
 * VTIMEZONE, so the TZID values below are resolved with <em>our</em> VTIMEZONE, not with ical4j's
 * bundled zone data. ical4j materialises explicit transitions up to "now" and converts the RRULEs
 * into rules for later years; the DST-day assertions use 2026 dates, which lie in the first part.
 */
class IcsTest {

    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private static final Instant STAMP = Instant.parse("2026-11-20T08:15:30Z");

    private static Event event(Instant start, Instant end) {
        return new Event("booking-42@jobfair", 0, false, start, end, STAMP, "Vorstellungsgespräch",
                "Bitte Lebenslauf bereithalten.", "Halle A, Stand 12", "https://jobfair.example/booth/12",
                "Muster GmbH", "hr@muster.example", VIENNA);
    }

    private static Event withText(String summary, String description, String location, String organizerName) {
        return new Event("booking-42@jobfair", 0, false, Instant.parse("2027-01-15T09:00:00Z"),
                Instant.parse("2027-01-15T09:30:00Z"), STAMP, summary, description, location, null,
                organizerName, "hr@muster.example", VIENNA);
    }

    private static Event inZone(ZoneId zone, Instant start, Instant end) {
        return new Event("booking-7@jobfair", 3, false, start, end, STAMP, "Gespräch", null, null, null, null,
                null, zone);
    }

    private static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (Exception e) {
            throw new AssertionError("ical4j cannot parse:\n" + ics, e);
        }
    }

    private static VEvent vevent(Calendar calendar) {
        return calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    }

    private static String value(net.fortuna.ical4j.model.PropertyContainer component, String name) {
        return component.getProperty(name).orElseThrow(() -> new AssertionError("missing " + name)).getValue();
    }

    private static Instant instant(VEvent event, String name) {
        DateProperty<?> property = event.<DateProperty<?>>getProperty(name).orElseThrow();
        Temporal temporal = property.getDate();
        return Instant.from(temporal);
    }

    private static Optional<String> tzid(VEvent event, String name) {
        Property property = event.getProperty(name).orElseThrow();
        return property.<TzId>getParameter(Parameter.TZID).map(Parameter::getValue);
    }

    /** Content lines after unfolding (RFC 5545 3.1). */
    private static List<String> unfolded(String ics) {
        return List.of(ics.replace("\r\n ", "").split("\r\n"));
    }

    private static String unfoldedLine(String ics, String prefix) {
        return unfolded(ics).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + ics));
    }

    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /**
     * Resolves a DATE-TIME property the way RFC 5545 defines it, using only the calendar's own
     * VTIMEZONE (onsets expanded by ical4j's RRULE engine) and not ical4j's conversion to
     * java.time rules: UTC values as is; TZID values at the first instant whose offset, per the
     * observance in effect, matches the wall time (the first occurrence of a repeated time).
     */
    private static Instant resolveRfc(Calendar calendar, VEvent event, String name) {
        Property property = event.getProperty(name).orElseThrow();
        String raw = property.getValue();
        Optional<String> tzid = property.<TzId>getParameter(Parameter.TZID).map(Parameter::getValue);
        if (tzid.isEmpty()) {
            assertTrue(raw.endsWith("Z"), raw);
            return LocalDateTime.parse(raw.substring(0, raw.length() - 1), BASIC).toInstant(ZoneOffset.UTC);
        }
        LocalDateTime local = LocalDateTime.parse(raw, BASIC);
        VTimeZone tz = calendar.<VTimeZone>getComponents(Component.VTIMEZONE).stream()
                .filter(z -> tzid.get().equals(value(z, Property.TZID))).findFirst()
                .orElseThrow(() -> new AssertionError("no VTIMEZONE " + tzid.get()));
        TreeMap<Instant, ZoneOffset> onsets = new TreeMap<>();
        for (Observance o : tz.getObservances()) {
            ZoneOffset from = o.<TzOffsetFrom>getProperty(Property.TZOFFSETFROM).orElseThrow().getOffset();
            ZoneOffset to = o.<TzOffsetTo>getProperty(Property.TZOFFSETTO).orElseThrow().getOffset();
            LocalDateTime seed = o.<DtStart<LocalDateTime>>getProperty(Property.DTSTART).orElseThrow().getDate();
            List<LocalDateTime> dates = new ArrayList<>(List.of(seed));
            o.<RRule<LocalDateTime>>getProperty(Property.RRULE)
                    .ifPresent(r -> dates.addAll(r.getRecur().getDates(seed, seed, local.plusYears(1))));
            dates.forEach(d -> onsets.put(d.toInstant(from), to));
        }
        List<Instant> candidates = onsets.values().stream().distinct().map(local::toInstant).sorted()
                .collect(Collectors.toList());
        for (Instant candidate : candidates) {
            var inEffect = onsets.floorEntry(candidate);
            if (inEffect != null && local.toInstant(inEffect.getValue()).equals(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(raw + " does not exist in " + tzid.get());
    }

    /** Asserts the instant with ical4j's own conversion and with the RFC resolution above. */
    private static void assertResolves(Instant expected, Calendar calendar, String name) {
        VEvent event = vevent(calendar);
        assertEquals(expected, instant(event, name), name + " via ical4j");
        assertEquals(expected, resolveRfc(calendar, event, name), name + " via VTIMEZONE");
    }

    @Nested
    class Structure {

        @Test
        void requestInWinter() {
            Event e = event(Instant.parse("2027-01-15T09:00:00Z"), Instant.parse("2027-01-15T09:30:00Z"));
            String ics = Ics.write(e);
            Calendar calendar = parse(ics);

            assertEquals("2.0", value(calendar, Property.VERSION));
            assertEquals(Ics.PRODID, value(calendar, Property.PRODID));
            assertEquals("GREGORIAN", value(calendar, Property.CALSCALE));
            assertEquals("REQUEST", value(calendar, Property.METHOD));

            VEvent event = vevent(calendar);
            assertEquals("booking-42@jobfair", value(event, Property.UID));
            assertEquals("0", value(event, Property.SEQUENCE));
            assertEquals("CONFIRMED", value(event, Property.STATUS));
            assertEquals("Vorstellungsgespräch", value(event, Property.SUMMARY));
            assertEquals("Bitte Lebenslauf bereithalten.", value(event, Property.DESCRIPTION));
            assertEquals("Halle A, Stand 12", value(event, Property.LOCATION));
            assertEquals("https://jobfair.example/booth/12", value(event, Property.URL));
            assertEquals("mailto:hr@muster.example", value(event, Property.ORGANIZER));
            assertEquals("Muster GmbH", event.getProperty(Property.ORGANIZER).orElseThrow()
                    .getParameter(Parameter.CN).orElseThrow().getValue());
            assertEquals(STAMP, instant(event, Property.DTSTAMP));
            assertResolves(Instant.parse("2027-01-15T09:00:00Z"), calendar, Property.DTSTART);
            assertResolves(Instant.parse("2027-01-15T09:30:00Z"), calendar, Property.DTEND);
            assertEquals(Optional.of("Europe/Vienna"), tzid(event, Property.DTSTART));
            assertEquals(Optional.of("Europe/Vienna"), tzid(event, Property.DTEND));

            List<String> lines = unfolded(ics);
            assertTrue(lines.contains("DTSTAMP:20261120T081530Z"), ics);
            assertTrue(lines.contains("DTSTART;TZID=Europe/Vienna:20270115T100000"), ics);
            assertTrue(lines.contains("DTEND;TZID=Europe/Vienna:20270115T103000"), ics);
            assertTrue(lines.contains("ORGANIZER;CN=Muster GmbH:mailto:hr@muster.example"), ics);

            VTimeZone tz = calendar.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();
            assertEquals("Europe/Vienna", value(tz, Property.TZID));
        }

        @Test
        void requestInSummer() {
            Event e = event(Instant.parse("2027-07-15T12:00:00Z"), Instant.parse("2027-07-15T12:45:00Z"));
            String ics = Ics.write(e);
            Calendar calendar = parse(ics);

            assertResolves(Instant.parse("2027-07-15T12:00:00Z"), calendar, Property.DTSTART);
            assertResolves(Instant.parse("2027-07-15T12:45:00Z"), calendar, Property.DTEND);
            assertTrue(unfolded(ics).contains("DTSTART;TZID=Europe/Vienna:20270715T140000"), ics);
            assertTrue(unfolded(ics).contains("DTEND;TZID=Europe/Vienna:20270715T144500"), ics);
        }

        @Test
        void exactDocumentLayout() {
            Event e = new Event("booking-1@jobfair", 2, false, Instant.parse("2027-03-02T08:00:00Z"),
                    Instant.parse("2027-03-02T08:20:00Z"), STAMP, "Gespräch", "Text", null, null, null, null, VIENNA);

            assertEquals(String.join("\r\n",
                    "BEGIN:VCALENDAR",
                    "VERSION:2.0",
                    "PRODID:-//at.jobfair//Virtual Job Fair//DE",
                    "CALSCALE:GREGORIAN",
                    "METHOD:REQUEST",
                    "BEGIN:VTIMEZONE",
                    "TZID:Europe/Vienna",
                    "BEGIN:DAYLIGHT",
                    "DTSTART:19980329T020000",
                    "TZOFFSETFROM:+0100",
                    "TZOFFSETTO:+0200",
                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                    "TZNAME:CEST",
                    "END:DAYLIGHT",
                    "BEGIN:STANDARD",
                    "DTSTART:19971026T030000",
                    "TZOFFSETFROM:+0200",
                    "TZOFFSETTO:+0100",
                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "TZNAME:CET",
                    "END:STANDARD",
                    "END:VTIMEZONE",
                    "BEGIN:VEVENT",
                    "UID:booking-1@jobfair",
                    "SEQUENCE:2",
                    "DTSTAMP:20261120T081530Z",
                    "DTSTART;TZID=Europe/Vienna:20270302T090000",
                    "DTEND;TZID=Europe/Vienna:20270302T092000",
                    "SUMMARY:Gespräch",
                    "DESCRIPTION:Text",
                    "STATUS:CONFIRMED",
                    "END:VEVENT",
                    "END:VCALENDAR",
                    ""), Ics.write(e));
        }

        @Test
        void cancellation() {
            Event booked = event(Instant.parse("2027-01-15T09:00:00Z"), Instant.parse("2027-01-15T09:30:00Z"));
            Event cancelled = new Event(booked.uid(), booked.sequence() + 1, true, booked.start(), booked.end(),
                    Instant.parse("2026-12-01T10:00:00Z"), booked.summary(), booked.description(), booked.location(),
                    booked.url(), booked.organizerName(), booked.organizerEmail(), booked.zone());
            Calendar calendar = parse(Ics.write(cancelled));

            assertEquals("CANCEL", value(calendar, Property.METHOD));
            VEvent event = vevent(calendar);
            assertEquals("booking-42@jobfair", value(event, Property.UID));
            assertEquals("1", value(event, Property.SEQUENCE));
            assertEquals("CANCELLED", value(event, Property.STATUS));
            assertEquals(Instant.parse("2026-12-01T10:00:00Z"), instant(event, Property.DTSTAMP));
            assertEquals(booked.start(), instant(event, Property.DTSTART));
            assertFalse(Ics.write(cancelled).contains("CONFIRMED"));
            assertFalse(Ics.write(booked).contains("CANCEL"));
        }

        @Test
        void optionalPropertiesAreOmitted() {
            Event e = new Event("u@jobfair", 0, false, Instant.parse("2027-01-15T09:00:00Z"),
                    Instant.parse("2027-01-15T09:30:00Z"), STAMP, "S", null, null, null, "Ignored without address",
                    null, null);
            String ics = Ics.write(e);
            VEvent event = vevent(parse(ics));

            for (String name : List.of(Property.DESCRIPTION, Property.LOCATION, Property.URL, Property.ORGANIZER)) {
                assertTrue(event.getProperty(name).isEmpty(), name);
            }
            assertEquals(VIENNA, e.zone());
            assertEquals(Optional.of("Europe/Vienna"), tzid(event, Property.DTSTART));
        }

        @Test
        void organizerWithoutName() {
            Event e = new Event("u@jobfair", 0, false, Instant.parse("2027-01-15T09:00:00Z"),
                    Instant.parse("2027-01-15T09:30:00Z"), STAMP, "S", null, null, null, null, "a.b+c@d.example", VIENNA);
            assertTrue(unfolded(Ics.write(e)).contains("ORGANIZER:mailto:a.b+c@d.example"));
        }

        @Test
        void ical4jValidationFindsNoRfc5545Errors() throws Exception {
            for (boolean cancelled : List.of(false, true)) {
                Event e = event(Instant.parse("2027-01-15T09:00:00Z"), Instant.parse("2027-01-15T09:30:00Z"));
                e = new Event(e.uid(), 1, cancelled, e.start(), e.end(), e.stamp(), e.summary(), e.description(),
                        e.location(), e.url(), e.organizerName(), e.organizerEmail(), e.zone());
                String ics = Ics.write(e);
                // RFC 5545 itself: no errors
                var core = parse(ics.replaceAll("METHOD:[A-Z]+\r\n", "")).validate();
                assertFalse(core.hasErrors(), core::toString);
                // iTIP (RFC 5546): ical4j wants ATTENDEE on a REQUEST, which Event does not carry
                // (yet); that must be the only complaint
                var itip = parse(ics).validate();
                assertEquals(cancelled ? List.of()
                                : List.of("The following are OPTIONAL, and MAY occur more than once: ATTENDEE"),
                        itip.getEntries().stream().map(x -> x.getMessage()).distinct().collect(Collectors.toList()),
                        itip::toString);
            }
        }

        @Test
        void crlfEverywhere() {
            String ics = Ics.write(withText("A\nB\r\nC\rD", "x".repeat(500) + "\n" + "ü".repeat(100), "L", "N"));
            assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
            for (int i = 0; i < ics.length(); i++) {
                char c = ics.charAt(i);
                if (c == '\n') {
                    assertTrue(i > 0 && ics.charAt(i - 1) == '\r', "bare LF at " + i);
                }
                if (c == '\r') {
                    assertTrue(i + 1 < ics.length() && ics.charAt(i + 1) == '\n', "bare CR at " + i);
                }
            }
        }
    }

    @Nested
    class DaylightSavingDays {

        @Test
        void springForwardDay() {
            // 01:30 CET (00:30Z) .. 03:30 CEST (01:30Z): one real hour
            String ics = Ics.write(event(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z")));
            Calendar calendar = parse(ics);

            assertTrue(unfolded(ics).contains("DTSTART;TZID=Europe/Vienna:20260329T013000"), ics);
            assertTrue(unfolded(ics).contains("DTEND;TZID=Europe/Vienna:20260329T033000"), ics);
            assertResolves(Instant.parse("2026-03-29T00:30:00Z"), calendar, Property.DTSTART);
            assertResolves(Instant.parse("2026-03-29T01:30:00Z"), calendar, Property.DTEND);
        }

        @Test
        void fallBackDayFirstOccurrenceUsesTzidSecondOccurrenceUsesUtc() {
            // 02:30 CEST (00:30Z) .. 02:30 CET (01:30Z): the same wall time, one real hour apart
            String ics = Ics.write(event(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z")));
            Calendar calendar = parse(ics);
            VEvent event = vevent(calendar);

            assertTrue(unfolded(ics).contains("DTSTART;TZID=Europe/Vienna:20261025T023000"), ics);
            assertTrue(unfolded(ics).contains("DTEND:20261025T013000Z"), ics);
            assertResolves(Instant.parse("2026-10-25T00:30:00Z"), calendar, Property.DTSTART);
            assertResolves(Instant.parse("2026-10-25T01:30:00Z"), calendar, Property.DTEND);
            assertEquals(Optional.of("Europe/Vienna"), tzid(event, Property.DTSTART));
            assertEquals(Optional.empty(), tzid(event, Property.DTEND));
        }

        @Test
        void fallBackDayAfterTheRepeatedHour() {
            // 01:45 CEST (23:45Z) .. 03:15 CET (02:15Z): 2.5 real hours
            String ics = Ics.write(event(Instant.parse("2026-10-24T23:45:00Z"), Instant.parse("2026-10-25T02:15:00Z")));
            Calendar calendar = parse(ics);
            VEvent event = vevent(calendar);

            assertTrue(unfolded(ics).contains("DTSTART;TZID=Europe/Vienna:20261025T014500"), ics);
            assertTrue(unfolded(ics).contains("DTEND;TZID=Europe/Vienna:20261025T031500"), ics);
            assertResolves(Instant.parse("2026-10-24T23:45:00Z"), calendar, Property.DTSTART);
            // ical4j 4.0.8 turns the RRULEs into java.time rules with TimeDefinition.UTC applied to the
            // local DTSTART time, i.e. it moves its own onset one hour late after its last explicit
            // transition; 03:15 local on this day lands in that hour. So only the RFC resolution of
            // our VTIMEZONE is asserted here (the exact-instant check via ical4j is done above/below).
            assertEquals(Instant.parse("2026-10-25T02:15:00Z"), resolveRfc(calendar, event, Property.DTEND));
        }

        @Test
        void wholeEventInSecondOccurrence() {
            String ics = Ics.write(event(Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T01:45:00Z")));
            Calendar calendar = parse(ics);

            assertTrue(unfolded(ics).contains("DTSTART:20261025T010000Z"), ics);
            assertTrue(unfolded(ics).contains("DTEND:20261025T014500Z"), ics);
            assertResolves(Instant.parse("2026-10-25T01:00:00Z"), calendar, Property.DTSTART);
            assertResolves(Instant.parse("2026-10-25T01:45:00Z"), calendar, Property.DTEND);
        }
    }

    @Nested
    class TimeZones {

        /**
         * Every transition java.time knows for 2027-2060 must be an onset of exactly the observance
         * with the same offsets, computed by ical4j's RRULE engine from our DTSTART/RRULE, and the
         * observances must produce no other onsets.
         */
        @ParameterizedTest
        @ValueSource(strings = {"Europe/Vienna", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
                "America/Santiago", "Europe/Dublin", "Pacific/Chatham"})
        void recurringObservancesReproduceJavaTransitions(String id) {
            ZoneId zone = ZoneId.of(id);
            Instant start = Instant.parse("2027-06-01T10:00:00Z");
            Calendar calendar = parse(Ics.write(inZone(zone, start, start.plusSeconds(1800))));
            VTimeZone tz = calendar.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();
            assertEquals(id, value(tz, Property.TZID));
            List<Observance> observances = tz.getObservances();
            assertEquals(2, observances.size());

            LocalDateTime from = LocalDateTime.of(2027, 1, 1, 0, 0);
            LocalDateTime to = LocalDateTime.of(2061, 1, 1, 0, 0);
            List<String> expected = new ArrayList<>();
            ZoneRules rules = zone.getRules();
            for (ZoneOffsetTransition t = rules.nextTransition(from.toInstant(ZoneOffset.UTC));
                 t.getDateTimeBefore().isBefore(to); t = rules.nextTransition(t.getInstant())) {
                expected.add(t.getDateTimeBefore() + " " + t.getOffsetBefore() + ">" + t.getOffsetAfter());
            }
            List<String> actual = new ArrayList<>();
            for (Observance o : observances) {
                ZoneOffset offsetFrom = o.<TzOffsetFrom>getProperty(Property.TZOFFSETFROM).orElseThrow().getOffset();
                ZoneOffset offsetTo = o.<TzOffsetTo>getProperty(Property.TZOFFSETTO).orElseThrow().getOffset();
                LocalDateTime seed = o.<DtStart<LocalDateTime>>getProperty(Property.DTSTART).orElseThrow().getDate();
                Recur<LocalDateTime> recur = o.<RRule<LocalDateTime>>getProperty(Property.RRULE).orElseThrow().getRecur();
                for (LocalDateTime onset : recur.getDates(seed, from, to)) {
                    actual.add(onset + " " + offsetFrom + ">" + offsetTo);
                }
                assertEquals(!offsetTo.equals(rules.getStandardOffset(start)),
                        Observance.DAYLIGHT.equals(o.getName()), "DAYLIGHT iff offset differs from standard");
            }
            actual.sort(null);
            expected.sort(null);
            assertEquals(expected, actual);
            assertTrue(expected.size() >= 60);

            assertResolves(start, calendar, Property.DTSTART);
            assertResolves(start.plusSeconds(1800), calendar, Property.DTEND);
        }

        @Test
        void fixedOffsetZoneGetsSingleStandardBlock() {
            Instant start = Instant.parse("2027-01-15T09:00:00Z");
            String ics = Ics.write(inZone(ZoneId.of("Etc/GMT-3"), start, start.plusSeconds(3600)));
            Calendar calendar = parse(ics);

            String block = ics.substring(ics.indexOf("BEGIN:VTIMEZONE"), ics.indexOf("END:VTIMEZONE"));
            assertEquals(String.join("\r\n", "BEGIN:VTIMEZONE", "TZID:Etc/GMT-3", "BEGIN:STANDARD",
                    "DTSTART:19700101T000000", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "TZNAME:GMT+03:00",
                    "END:STANDARD", ""), block);
            assertTrue(unfolded(ics).contains("DTSTART;TZID=Etc/GMT-3:20270115T120000"), ics);
            assertResolves(start, calendar, Property.DTSTART);
            assertResolves(start.plusSeconds(3600), calendar, Property.DTEND);
        }

        @Test
        void zoneWithoutRulesUsesTheObservanceInEffect() {
            Instant start = Instant.parse("2027-01-15T01:00:00Z");
            String ics = Ics.write(inZone(ZoneId.of("Asia/Tokyo"), start, start.plusSeconds(3600)));

            String block = ics.substring(ics.indexOf("BEGIN:STANDARD"), ics.indexOf("END:VTIMEZONE"));
            // fixed block since the last transition (1951-09-09 01:00 +10:00 = 00:00 +09:00)
            assertEquals(String.join("\r\n", "BEGIN:STANDARD", "DTSTART:19510909T000000", "TZOFFSETFROM:+0900",
                    "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", ""), block);
            assertTrue(unfolded(ics).contains("DTSTART;TZID=Asia/Tokyo:20270115T100000"), ics);
            assertResolves(start, parse(ics), Property.DTSTART);
        }

        @Test
        void eventSpanningAnUnruledTransitionListsBothObservances() {
            // Casablanca has explicit (Ramadan) transitions but no rules: 2027-02-07 03:00 +01:00 -> 02:00 +00:00
            Instant start = Instant.parse("2027-02-07T01:30:00Z");
            Instant end = Instant.parse("2027-02-07T03:00:00Z");
            String ics = Ics.write(inZone(ZoneId.of("Africa/Casablanca"), start, end));
            Calendar calendar = parse(ics);
            VTimeZone tz = calendar.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();

            List<String> onsets = tz.getObservances().stream()
                    .map(o -> o.getProperty(Property.DTSTART).orElseThrow().getValue() + " "
                            + o.getProperty(Property.TZOFFSETFROM).orElseThrow().getValue() + ">"
                            + o.getProperty(Property.TZOFFSETTO).orElseThrow().getValue())
                    .collect(Collectors.toList());
            ZoneOffsetTransition before = ZoneId.of("Africa/Casablanca").getRules().previousTransition(start);
            assertEquals(List.of(before.getDateTimeAfter().format(BASIC) + " +0100>+0100",
                    "20270207T030000 +0100>+0000"), onsets);
            assertTrue(tz.getObservances().stream().allMatch(o -> o.getProperty(Property.RRULE).isEmpty()));
            assertTrue(unfolded(ics).contains("DTSTART;TZID=Africa/Casablanca:20270207T023000"), ics);
            assertTrue(unfolded(ics).contains("DTEND;TZID=Africa/Casablanca:20270207T030000"), ics);
            // ical4j ignores the onset of an observance that has only a DTSTART when it builds
            // java.time rules, so the span across the transition is checked with the RFC resolution
            assertEquals(start, resolveRfc(calendar, vevent(calendar), Property.DTSTART));
            assertEquals(end, resolveRfc(calendar, vevent(calendar), Property.DTEND));
        }

        @Test
        void ruleWhoseOnsetFallsOnAnotherWeekdayFallsBackToTransitionsInEffect() {
            // Nuuk: "Sunday >= 25 at 01:00 UTC" is Saturday 23:00 local (-02:00): no BYDAY equivalent
            ZoneId nuuk = ZoneId.of("America/Nuuk");
            Instant start = Instant.parse("2027-03-27T23:30:00Z"); // 21:30 -02:00, the transition is at 01:00Z
            Instant end = Instant.parse("2027-03-28T02:00:00Z");
            String ics = Ics.write(inZone(nuuk, start, end));
            Calendar calendar = parse(ics);
            VTimeZone tz = calendar.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();

            assertTrue(tz.getObservances().stream().allMatch(o -> o.getProperty(Property.RRULE).isEmpty()));
            assertEquals(List.of("STANDARD 20261024T230000 -0200>-0200", "DAYLIGHT 20270327T230000 -0200>-0100"),
                    tz.getObservances().stream().map(o -> o.getName() + " "
                            + o.getProperty(Property.DTSTART).orElseThrow().getValue() + " "
                            + o.getProperty(Property.TZOFFSETFROM).orElseThrow().getValue() + ">"
                            + o.getProperty(Property.TZOFFSETTO).orElseThrow().getValue()).collect(Collectors.toList()));
            assertTrue(unfolded(ics).contains("DTSTART;TZID=America/Nuuk:20270327T213000"), ics);
            assertTrue(unfolded(ics).contains("DTEND;TZID=America/Nuuk:20270328T010000"), ics);
            assertResolves(start, calendar, Property.DTSTART);
            assertEquals(end, resolveRfc(calendar, vevent(calendar), Property.DTEND));
        }

        @Test
        void historicEventUsesTransitionsInEffect() {
            // 1990: before Vienna's current rules took over (last historic transition 1997)
            Instant start = Instant.parse("1990-07-01T08:00:00Z");
            String ics = Ics.write(inZone(VIENNA, start, start.plusSeconds(3600)));

            String block = ics.substring(ics.indexOf("BEGIN:VTIMEZONE"), ics.indexOf("END:VTIMEZONE"));
            assertEquals(String.join("\r\n", "BEGIN:VTIMEZONE", "TZID:Europe/Vienna", "BEGIN:STANDARD",
                    "DTSTART:19900325T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0200", "TZNAME:CEST",
                    "END:STANDARD", ""), block);
            assertTrue(unfolded(ics).contains("DTSTART;TZID=Europe/Vienna:19900701T100000"), ics);
            assertResolves(start, parse(ics), Property.DTSTART);
        }

        @Test
        void utcOffsetFormat() {
            assertEquals("+0100", Ics.offset(ZoneOffset.ofHours(1)));
            assertEquals("+0000", Ics.offset(ZoneOffset.UTC));
            assertEquals("+0530", Ics.offset(ZoneOffset.ofHoursMinutes(5, 30)));
            assertEquals("-0330", Ics.offset(ZoneOffset.ofHoursMinutes(-3, -30)));
            assertEquals("+1345", Ics.offset(ZoneOffset.ofHoursMinutes(13, 45)));
            assertEquals("+010521", Ics.offset(ZoneOffset.ofHoursMinutesSeconds(1, 5, 21)));
        }

        private void assertRule(String expected, ZoneOffsetTransitionRule rule) {
            Optional<String> rrule = Ics.rrule(rule);
            assertEquals(Optional.ofNullable(expected), rrule);
            if (rrule.isEmpty()) {
                return;
            }
            // ical4j must expand the RRULE to exactly the rule's transitions for 40 years
            LocalDateTime seed = rule.createTransition(2001).getDateTimeBefore();
            Recur<LocalDateTime> recur = new Recur<>(rrule.get());
            List<LocalDateTime> actual = recur.getDates(seed, seed, LocalDateTime.of(2041, 1, 1, 0, 0));
            List<LocalDateTime> wanted = new ArrayList<>();
            for (int year = 2001; year <= 2040; year++) {
                wanted.add(rule.createTransition(year).getDateTimeBefore());
            }
            assertEquals(wanted, actual, expected);
        }

        private ZoneOffsetTransitionRule rule(Month month, int indicator, DayOfWeek day, String time,
                                              boolean endOfDay, TimeDefinition definition) {
            return ZoneOffsetTransitionRule.of(month, indicator, day, LocalTime.parse(time), endOfDay, definition,
                    ZoneOffset.ofHours(2), ZoneOffset.ofHours(2), ZoneOffset.ofHours(3));
        }

        @Test
        void rruleMapping() {
            assertRule("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", rule(Month.MARCH, 25, DayOfWeek.SUNDAY, "01:00", false, TimeDefinition.UTC));
            assertRule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", rule(Month.MARCH, 8, DayOfWeek.SUNDAY, "02:00", false, TimeDefinition.WALL));
            assertRule("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", rule(Month.NOVEMBER, 1, DayOfWeek.SUNDAY, "02:00", false, TimeDefinition.WALL));
            assertRule("FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU", rule(Month.SEPTEMBER, 24, DayOfWeek.SUNDAY, "02:45", false, TimeDefinition.STANDARD));
            assertRule("FREQ=YEARLY;BYMONTH=3;BYDAY=-2FR", rule(Month.MARCH, 18, DayOfWeek.FRIDAY, "02:00", false, TimeDefinition.WALL));
            // Gaza style: Saturday on or after the 24th
            assertRule("FREQ=YEARLY;BYMONTH=3;BYDAY=SA;BYMONTHDAY=24,25,26,27,28,29,30",
                    rule(Month.MARCH, 24, DayOfWeek.SATURDAY, "02:00", false, TimeDefinition.WALL));
            // February has no fixed length: day 22..28 is the 4th week, "last" only counted from the end
            assertRule("FREQ=YEARLY;BYMONTH=2;BYDAY=4SU",
                    rule(Month.FEBRUARY, 22, DayOfWeek.SUNDAY, "02:00", false, TimeDefinition.WALL));
            assertRule("FREQ=YEARLY;BYMONTH=2;BYDAY=SU;BYMONTHDAY=20,21,22,23,24,25,26",
                    rule(Month.FEBRUARY, 20, DayOfWeek.SUNDAY, "02:00", false, TimeDefinition.WALL));
            assertRule(null, rule(Month.FEBRUARY, 23, DayOfWeek.SUNDAY, "02:00", false, TimeDefinition.WALL));
            assertRule("FREQ=YEARLY;BYMONTH=2;BYDAY=-1SU", rule(Month.FEBRUARY, -1, DayOfWeek.SUNDAY, "02:00", false, TimeDefinition.WALL));
            assertRule("FREQ=YEARLY;BYMONTH=10;BYDAY=TH;BYMONTHDAY=-9,-8,-7,-6,-5,-4,-3",
                    rule(Month.OCTOBER, -3, DayOfWeek.THURSDAY, "02:00", false, TimeDefinition.WALL));
            assertRule("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15", rule(Month.APRIL, 15, null, "02:00", false, TimeDefinition.WALL));
            assertRule("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=-1", rule(Month.APRIL, -1, null, "02:00", false, TimeDefinition.WALL));
            // not expressible: the onset moves to another day than the rule's weekday
            assertRule(null, rule(Month.MARCH, 25, DayOfWeek.SUNDAY, "00:00", true, TimeDefinition.WALL));
            assertRule(null, rule(Month.MARCH, 25, DayOfWeek.SUNDAY, "22:30", false, TimeDefinition.UTC));
            // the week may run into the next month
            assertRule(null, rule(Month.APRIL, 28, DayOfWeek.SUNDAY, "02:00", false, TimeDefinition.WALL));
        }
    }

    @Nested
    class Escaping {

        @Test
        void textSpecialsRoundTrip() {
            String summary = "Gespräch; Teil 1, Raum \\ A\nZeile 2";
            String description = "Liebe Bewerberin,\r\nbitte: Unterlagen; Zeugnisse, Lebenslauf.\rDanke \\n ist kein Umbruch";
            String location = "Wien, Messe; Halle \"A\"";
            String ics = Ics.write(withText(summary, description, location, "N"));
            VEvent event = vevent(parse(ics));

            assertEquals("SUMMARY:Gespräch\\; Teil 1\\, Raum \\\\ A\\nZeile 2", unfoldedLine(ics, "SUMMARY:"));
            assertEquals(summary, value(event, Property.SUMMARY));
            assertEquals(description.replace("\r\n", "\n").replace("\r", "\n"), value(event, Property.DESCRIPTION));
            assertEquals(location, value(event, Property.LOCATION));
        }

        @Test
        void escapeTextUnit() {
            assertEquals("a\\\\b\\;c\\,d\\ne\\nf\\ng\th", Ics.escapeText("a\\b;c,d\ne\r\nf\rg\th"));
            assertEquals("nocontrols", Ics.escapeText("no\u0000con\u0007trols\u007f"));
            assertEquals("emoji \uD83D\uDE00 ok, lone \uFFFD", Ics.escapeText("emoji \uD83D\uDE00 ok, lone \uD800").replace("\\,", ","));
            assertEquals("Doppelpunkt: bleibt", Ics.escapeText("Doppelpunkt: bleibt"));
        }

        @Test
        void uidIsEscapedText() {
            Event e = new Event("a,b;c@jobfair", 0, false, Instant.parse("2027-01-15T09:00:00Z"),
                    Instant.parse("2027-01-15T09:30:00Z"), STAMP, "S", null, null, null, null, null, VIENNA);
            assertEquals("a,b;c@jobfair", value(vevent(parse(Ics.write(e))), Property.UID));
        }

        @Test
        void parameterValuesWithSeparatorsAreQuoted() {
            String name = "Muster, Anna: HR; Wien";
            String ics = Ics.write(withText("S", null, null, name));
            VEvent event = vevent(parse(ics));

            assertEquals("ORGANIZER;CN=\"Muster, Anna: HR; Wien\":mailto:hr@muster.example",
                    unfoldedLine(ics, "ORGANIZER"));
            assertEquals(name, event.getProperty(Property.ORGANIZER).orElseThrow()
                    .getParameter(Parameter.CN).orElseThrow().getValue());
            assertEquals("mailto:hr@muster.example", value(event, Property.ORGANIZER));
        }

        @Test
        void quotesCaretsAndLineBreaksInParametersUseRfc6868() {
            String name = "Firma \"Bau\" ^ Co\nWien";
            String ics = Ics.write(withText("S", null, null, name));

            assertEquals("ORGANIZER;CN=Firma ^'Bau^' ^^ Co^nWien:mailto:hr@muster.example",
                    unfoldedLine(ics, "ORGANIZER"));
            assertEquals(name, vevent(parse(ics)).getProperty(Property.ORGANIZER).orElseThrow()
                    .getParameter(Parameter.CN).orElseThrow().getValue());
        }

        @Test
        void paramValueUnit() {
            assertEquals("Plain Name", Ics.paramValue("Plain Name"));
            assertEquals("Jörg Müller", Ics.paramValue("Jörg Müller"));
            assertEquals("\"a:b\"", Ics.paramValue("a:b"));
            assertEquals("\"a;b\"", Ics.paramValue("a;b"));
            assertEquals("\"a,b\"", Ics.paramValue("a,b"));
            assertEquals("^'q^' ^^ ^n^n", Ics.paramValue("\"q\" ^ \r\n\n"));
            assertEquals("\"+01:00\"", Ics.paramValue("+01:00"));
        }
    }

    @Nested
    class Folding {

        private final String longText = ("Grüß Gott! Wir freuen uns auf Ihr Gespräch 😀🇦🇹 – bitte Öffnungszeiten "
                + "beachten; Anfahrt, Parken & Barrierefreiheit: siehe Website. ").repeat(12) + "Ende ✅";

        @Test
        void noPhysicalLineExceeds75OctetsAndNoCharacterIsSplit() throws CharacterCodingException {
            String ics = Ics.write(withText("Kurz", longText, "Ort mit Ümlauten ".repeat(8), "Name"));
            byte[] bytes = ics.getBytes(StandardCharsets.UTF_8);
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            int lineStart = 0;
            int lines = 0;
            int folded = 0;
            for (int i = 0; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    int length = i - lineStart;
                    assertTrue(length <= 75, "line " + lines + " has " + length + " octets");
                    // each physical line on its own must be valid UTF-8: no multi-byte sequence split
                    decoder.decode(ByteBuffer.wrap(bytes, lineStart, length));
                    if (bytes[lineStart] == ' ') {
                        folded++;
                        assertTrue(length > 1, "empty continuation");
                    }
                    lines++;
                    lineStart = i + 2;
                    i++;
                }
            }
            assertEquals(bytes.length, lineStart, "output ends with CRLF");
            assertTrue(folded > 20, "folded " + folded);
        }

        @Test
        void unfoldingRestoresTheText() {
            String ics = Ics.write(withText("Kurz", longText, null, "Name"));

            assertEquals("DESCRIPTION:" + Ics.escapeText(longText), unfoldedLine(ics, "DESCRIPTION:"));
            assertEquals(longText, value(vevent(parse(ics)), Property.DESCRIPTION));
            // the text was really folded, many times
            Matcher m = Pattern.compile("\r\n ").matcher(ics);
            int count = 0;
            while (m.find()) {
                count++;
            }
            assertTrue(count > 10);
        }

        @Test
        void foldPositionsAreExact() {
            StringBuilder out = new StringBuilder();
            Ics.line(out, "X".repeat(160));
            assertEquals("X".repeat(75) + "\r\n " + "X".repeat(74) + "\r\n " + "X".repeat(11) + "\r\n", out.toString());

            StringBuilder exact = new StringBuilder();
            Ics.line(exact, "Y".repeat(75));
            assertEquals("Y".repeat(75) + "\r\n", exact.toString());
        }

        @Test
        void multiByteCharacterMovesToTheNextLineInsteadOfBeingSplit() {
            // 74 octets, then a 4-octet emoji that would end at octet 78
            StringBuilder out = new StringBuilder();
            Ics.line(out, "DESCRIPTION:" + "x".repeat(62) + "😀" + "ü".repeat(40));
            String[] physical = out.toString().split("\r\n");
            assertEquals("DESCRIPTION:" + "x".repeat(62), physical[0]);
            assertEquals(74, physical[0].getBytes(StandardCharsets.UTF_8).length);
            // continuation: 1 space + 4 (emoji) + 35 * 2 (ü) = 75 octets
            assertEquals(" 😀" + "ü".repeat(35), physical[1]);
            assertEquals(75, physical[1].getBytes(StandardCharsets.UTF_8).length);
            assertEquals(" " + "ü".repeat(5), physical[2]);
            assertEquals(3, physical.length);
        }
    }

    @Nested
    class InputChecks {

        private Event with(String uid, int sequence, Instant start, Instant end, String url, String email) {
            return new Event(uid, sequence, false, start, end, STAMP, "S", null, null, url, null, email, VIENNA);
        }

        private final Instant s = Instant.parse("2027-01-15T09:00:00Z");
        private final Instant e = Instant.parse("2027-01-15T09:30:00Z");

        @Test
        void rejectsInvalidValues() {
            assertThrows(IllegalArgumentException.class, () -> with(" ", 0, s, e, null, null));
            assertThrows(IllegalArgumentException.class, () -> with("u", -1, s, e, null, null));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, s, null, null));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, e, s, null, null));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, e, "relative/path", null));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, e, "https://x.example/a b", null));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, e, "https://x.example/\r\nX-EVIL:1", null));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, e, null, "no-at-sign"));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, e, null, "a@b.example\r\nX-EVIL:1"));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, e, null, "a@b@c"));
            assertThrows(IllegalArgumentException.class, () -> with("u", 0, s, e, null, "x:y@b.example"));
        }

        @Test
        void rejectsMissingValues() {
            assertThrows(NullPointerException.class, () -> with(null, 0, s, e, null, null));
            assertThrows(NullPointerException.class, () -> with("u", 0, null, e, null, null));
            assertThrows(NullPointerException.class, () -> with("u", 0, s, null, null, null));
            assertThrows(NullPointerException.class, () -> new Event("u", 0, false, s, e, null, "S", null, null, null,
                    null, null, VIENNA));
            assertThrows(NullPointerException.class, () -> new Event("u", 0, false, s, e, STAMP, null, null, null, null,
                    null, null, VIENNA));
            assertThrows(NullPointerException.class, () -> Ics.write(null));
        }

        @Test
        void acceptsValidValues() {
            Event ok = with("u", 7, s, e, "https://jobfair.example/r?id=1,2;x", "vorname.nachname@ams.at");
            String ics = Ics.write(ok);
            assertTrue(unfolded(ics).contains("URL:https://jobfair.example/r?id=1,2;x"), ics);
            assertNotNull(parse(ics));
        }
    }
}
