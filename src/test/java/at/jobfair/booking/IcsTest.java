package at.jobfair.booking;

import at.jobfair.booking.Ics.Event;
import at.jobfair.booking.Ics.Party;
import at.jobfair.booking.Ics.Revision;
import at.jobfair.booking.Ics.Text;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calendar file of a booking, read back with ical4j's parser and, for the times, with an independent reading of
 * the text itself: whatever a client uses, the event starts and ends at the booked instants, also on the days the
 * clocks change.
 */
class IcsTest {

    private static final Instant STAMP = Instant.parse("2026-11-20T08:15:30Z");
    private static final Party SERVICE = new Party("Jobbörse", "noreply@jobboerse.example");
    private static final Party PERSON = new Party("Anna Muster", "anna@example.org");

    private static Event event(Instant start, Instant end) {
        return new Event(new Revision("booking-42@jobfair", 0, false, STAMP), start, end, new Text("Vorstellungsgespräch",
                "Bitte Lebenslauf bereithalten.", "Halle A, Stand 12", "https://jobfair.example/booth/12"),
                SERVICE, PERSON, Duration.ofMinutes(30));
    }

    private static Event withText(String summary, String description, String location, String organizerName) {
        return new Event(new Revision("booking-42@jobfair", 0, false, STAMP), Instant.parse("2027-01-15T09:00:00Z"),
                Instant.parse("2027-01-15T09:30:00Z"), new Text(summary, description, location, null),
                new Party(organizerName, "hr@muster.example"), null, null);
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

    /** Content lines after unfolding (RFC 5545 3.1). */
    private static List<String> unfolded(String ics) {
        return List.of(ics.replace("\r\n ", "").split("\r\n"));
    }

    private static String unfoldedLine(String ics, String prefix) {
        return unfolded(ics).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + ics));
    }

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /** Reads a date-time line by hand, not with ical4j: it must be UTC ("…Z"), which needs no zone to be understood. */
    private static Instant independently(String ics, String name) {
        String line = unfoldedLine(ics, name + ":");
        String raw = line.substring(name.length() + 1);
        assertTrue(raw.matches("\\d{8}T\\d{6}Z"), line);
        return LocalDateTime.parse(raw.substring(0, raw.length() - 1), BASIC).toInstant(ZoneOffset.UTC);
    }

    /** Asserts start and end with ical4j and with the independent reading. */
    private static void assertTimes(Instant start, Instant end, String ics) {
        VEvent event = vevent(parse(ics));
        assertEquals(start, instant(event, Property.DTSTART), "DTSTART via ical4j");
        assertEquals(end, instant(event, Property.DTEND), "DTEND via ical4j");
        assertEquals(start, independently(ics, "DTSTART"), "DTSTART read by hand");
        assertEquals(end, independently(ics, "DTEND"), "DTEND read by hand");
        assertTrue(independently(ics, "DTEND").isAfter(independently(ics, "DTSTART")), "ends after it starts");
    }

    @Nested
    class Structure {

        @Test
        void aRequestNamesItsOrganiserThePersonWhoAcceptedAndAReminder() {
            String ics = Ics.write(event(Instant.parse("2027-01-15T09:00:00Z"), Instant.parse("2027-01-15T09:30:00Z")));
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
            assertEquals(STAMP, instant(event, Property.DTSTAMP));
            assertTrue(unfolded(ics).contains("DTSTAMP:20261120T081530Z"), ics);

            Property organizer = event.getProperty(Property.ORGANIZER).orElseThrow();
            assertEquals("mailto:noreply@jobboerse.example", organizer.getValue());
            assertEquals("Jobbörse", organizer.getParameter(Parameter.CN).orElseThrow().getValue());
            Property attendee = event.getProperty(Property.ATTENDEE).orElseThrow();
            assertEquals("mailto:anna@example.org", attendee.getValue());
            assertEquals("Anna Muster", attendee.getParameter(Parameter.CN).orElseThrow().getValue());
            assertEquals("ACCEPTED", attendee.getParameter(Parameter.PARTSTAT).orElseThrow().getValue());
            assertEquals("FALSE", attendee.getParameter(Parameter.RSVP).orElseThrow().getValue(), "no reply asked for");

            VAlarm alarm = event.getAlarms().get(0);
            assertEquals("DISPLAY", value(alarm, Property.ACTION));
            assertEquals("-PT30M", value(alarm, Property.TRIGGER));
            assertEquals("Vorstellungsgespräch", value(alarm, Property.DESCRIPTION));
        }

        @Test
        void startAndEndAreWrittenInUtcAndNeedNoTimeZone() {
            String ics = Ics.write(event(Instant.parse("2027-07-15T12:00:00Z"), Instant.parse("2027-07-15T12:45:00Z")));
            assertTrue(unfolded(ics).contains("DTSTART:20270715T120000Z"), ics);
            assertTrue(unfolded(ics).contains("DTEND:20270715T124500Z"), ics);
            assertFalse(ics.contains("VTIMEZONE"), ics);
            assertFalse(ics.contains("TZID"), ics);
            assertTimes(Instant.parse("2027-07-15T12:00:00Z"), Instant.parse("2027-07-15T12:45:00Z"), ics);
        }

        @Test
        void cancellation() {
            Event booked = event(Instant.parse("2027-01-15T09:00:00Z"), Instant.parse("2027-01-15T09:30:00Z"));
            Event cancelled = new Event(new Revision(booked.revision().uid(), booked.revision().sequence() + 1, true,
                    Instant.parse("2026-12-01T10:00:00Z")), booked.start(), booked.end(), booked.text(),
                    booked.organizer(), booked.attendee(), booked.reminder());
            String ics = Ics.write(cancelled);
            Calendar calendar = parse(ics);

            assertEquals("CANCEL", value(calendar, Property.METHOD));
            VEvent event = vevent(calendar);
            assertEquals("booking-42@jobfair", value(event, Property.UID));
            assertEquals("1", value(event, Property.SEQUENCE));
            assertEquals("CANCELLED", value(event, Property.STATUS));
            assertEquals(Instant.parse("2026-12-01T10:00:00Z"), instant(event, Property.DTSTAMP));
            assertEquals(booked.start(), instant(event, Property.DTSTART));
            assertTrue(event.getAlarms().isEmpty(), "no reminder of a cancelled appointment");
            assertFalse(ics.contains("CONFIRMED"));
            assertFalse(Ics.write(booked).contains("CANCEL"));
        }

        @Test
        void optionalPropertiesAreOmitted() {
            Event e = new Event(new Revision("u@jobfair", 0, false, STAMP), Instant.parse("2027-01-15T09:00:00Z"),
                    Instant.parse("2027-01-15T09:30:00Z"), new Text("S", null, null, null), SERVICE, null, null);
            VEvent event = vevent(parse(Ics.write(e)));
            for (String name : List.of(Property.DESCRIPTION, Property.LOCATION, Property.URL, Property.ATTENDEE)) {
                assertTrue(event.getProperty(name).isEmpty(), name);
            }
            assertTrue(event.getAlarms().isEmpty());
        }

        @Test
        void organizerWithoutName() {
            Event e = new Event(new Revision("u@jobfair", 0, false, STAMP), Instant.parse("2027-01-15T09:00:00Z"),
                    Instant.parse("2027-01-15T09:30:00Z"), new Text("S", null, null, null),
                    new Party(null, "a.b+c@d.example"), null, null);
            assertTrue(unfolded(Ics.write(e)).contains("ORGANIZER:mailto:a.b+c@d.example"), Ics.write(e));
        }

        @Test
        void ical4jValidationFindsNoErrorsInARequestOrACancellation() throws Exception {
            for (boolean cancelled : List.of(false, true)) {
                Event e = event(Instant.parse("2027-01-15T09:00:00Z"), Instant.parse("2027-01-15T09:30:00Z"));
                e = new Event(new Revision(e.revision().uid(), 1, cancelled, e.revision().stamp()), e.start(), e.end(), e.text(),
                        e.organizer(), e.attendee(), e.reminder());
                String ics = Ics.write(e);
                // RFC 5545 itself
                var core = parse(ics.replaceAll("METHOD:[A-Z]+\r\n", "")).validate();
                assertFalse(core.hasErrors(), core::toString);
                // iTIP (RFC 5546): a request and a cancellation as the method asks
                var itip = parse(ics).validate();
                assertFalse(itip.hasErrors(), itip::toString);
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
            assertTimes(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
                    Ics.write(event(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"))));
        }

        @Test
        void fallBackDayFromTheFirstIntoTheSecondOccurrenceOfTheRepeatedHour() {
            // 02:30 CEST (00:30Z) .. 02:30 CET (01:30Z): the same wall time, one real hour apart
            assertTimes(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"),
                    Ics.write(event(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"))));
        }

        @Test
        void fallBackDayAcrossTheRepeatedHour() {
            // 01:45 CEST (23:45Z) .. 03:15 CET (02:15Z): 2.5 real hours
            assertTimes(Instant.parse("2026-10-24T23:45:00Z"), Instant.parse("2026-10-25T02:15:00Z"),
                    Ics.write(event(Instant.parse("2026-10-24T23:45:00Z"), Instant.parse("2026-10-25T02:15:00Z"))));
        }

        @Test
        void wholeEventInTheSecondOccurrence() {
            // 02:00 .. 02:45 CET, after the clocks went back
            assertTimes(Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T01:45:00Z"),
                    Ics.write(event(Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T01:45:00Z"))));
        }
    }

    @Nested
    class Escaping {

        @Test
        void textSpecialsRoundTrip() {
            String summary = "Gespräch; Teil 1, Raum \\ A\nZeile 2";
            String description = "Liebe Bewerberin,\nbitte: Unterlagen; Zeugnisse, Lebenslauf.\nDanke \\n ist kein Umbruch";
            String location = "Wien, Messe; Halle \"A\"";
            String ics = Ics.write(withText(summary, description, location, "N"));
            VEvent event = vevent(parse(ics));

            assertEquals("SUMMARY:Gespräch\\; Teil 1\\, Raum \\\\ A\\nZeile 2", unfoldedLine(ics, "SUMMARY:"));
            assertEquals(summary, value(event, Property.SUMMARY));
            assertEquals(description, value(event, Property.DESCRIPTION));
            assertEquals(location, value(event, Property.LOCATION));
        }

        @Test
        void uidIsText() {
            Event e = new Event(new Revision("a,b;c@jobfair", 0, false, STAMP), Instant.parse("2027-01-15T09:00:00Z"),
                    Instant.parse("2027-01-15T09:30:00Z"), new Text("S", null, null, null), SERVICE, null, null);
            assertEquals("a,b;c@jobfair", value(vevent(parse(Ics.write(e))), Property.UID));
        }

        @Test
        void parameterValuesWithSeparatorsComeBackWhole() {
            String name = "Muster, Anna: HR; Wien";
            String ics = Ics.write(withText("S", null, null, name));
            VEvent event = vevent(parse(ics));
            assertEquals(name, event.getProperty(Property.ORGANIZER).orElseThrow()
                    .getParameter(Parameter.CN).orElseThrow().getValue());
            assertEquals("mailto:hr@muster.example", value(event, Property.ORGANIZER));
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
            assertEquals(longText, value(vevent(parse(ics)), Property.DESCRIPTION));
            Matcher m = Pattern.compile("\r\n ").matcher(ics);
            int count = 0;
            while (m.find()) {
                count++;
            }
            assertTrue(count > 10, "the text was really folded, many times");
        }

        @Test
        void foldPositionsAreExact() {
            assertEquals("X".repeat(75) + "\r\n " + "X".repeat(74) + "\r\n " + "X".repeat(11) + "\r\n",
                    Ics.fold("X".repeat(160)));
            assertEquals("Y".repeat(75) + "\r\n", Ics.fold("Y".repeat(75)));
        }

        @Test
        void multiByteCharacterMovesToTheNextLineInsteadOfBeingSplit() {
            // 74 octets, then a 4-octet emoji that would end at octet 78
            String[] physical = Ics.fold("DESCRIPTION:" + "x".repeat(62) + "😀" + "ü".repeat(40)).split("\r\n");
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
            return new Event(new Revision(uid, sequence, false, STAMP), start, end, new Text("S", null, null, url),
                    email == null ? SERVICE : new Party(null, email), null, null);
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
            assertThrows(IllegalArgumentException.class, () -> new Event(new Revision("u", 0, false, STAMP), s, e,
                    new Text("S", null, null, null), SERVICE, null, Duration.ofMinutes(-5)));
        }

        @Test
        void rejectsMissingValues() {
            assertThrows(NullPointerException.class, () -> with(null, 0, s, e, null, null));
            assertThrows(NullPointerException.class, () -> with("u", 0, null, e, null, null));
            assertThrows(NullPointerException.class, () -> with("u", 0, s, null, null, null));
            assertThrows(NullPointerException.class, () -> new Event(new Revision("u", 0, false, null), s, e,
                    new Text("S", null, null, null), SERVICE, null, null));
            assertThrows(NullPointerException.class, () -> new Event(new Revision("u", 0, false, STAMP), s, e,
                    new Text(null, null, null, null), SERVICE, null, null));
            assertThrows(NullPointerException.class, () -> new Event(new Revision("u", 0, false, STAMP), s, e,
                    new Text("S", null, null, null), null, null, null), "a request without organiser");
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
