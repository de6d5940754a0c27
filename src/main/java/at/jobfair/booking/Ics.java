package at.jobfair.booking;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Writes the iCalendar (RFC 5545) invitation or cancellation for one booked appointment.
 *
 * <p>Written by hand to keep runtime dependencies small; pure (no I/O, no clock). The result is a
 * Java string with CRLF line endings; send it UTF-8 encoded, e.g. as
 * {@code text/calendar; charset=UTF-8; method=REQUEST} (or {@code method=CANCEL}).
 *
 * <h2>Time zones</h2>
 * DTSTART/DTEND are written as local time with {@code TZID} and the calendar carries a matching
 * VTIMEZONE derived from {@link ZoneRules}:
 * <ul>
 *   <li>If the zone has {@linkplain ZoneRules#getTransitionRules() transition rules} and the event
 *       lies in the period they govern, one STANDARD/DAYLIGHT observance per rule with a yearly
 *       RRULE (Europe/Vienna: last Sunday of March/October).</li>
 *   <li>Otherwise (no rules, a rule RRULE cannot express, or an event in the zone's historic
 *       period) a fixed-offset STANDARD block (TZOFFSETFROM = TZOFFSETTO = the offset at the
 *       event start, DTSTART = when that offset took effect), followed by one observance per
 *       transition inside the event, if any. The VTIMEZONE then describes the zone only around
 *       the event, which is all a client needs.</li>
 * </ul>
 * RFC 5545 resolves a wall time that occurs twice (the repeated hour when clocks fall back) to
 * its <em>first</em> occurrence. A start or end in the <em>second</em> occurrence therefore cannot
 * be expressed with TZID; such a value is written in UTC ({@code ...Z}) instead, which every
 * client resolves to the exact instant.
 */
public final class Ics {

    public static final String PRODID = "-//at.jobfair//Virtual Job Fair//DE";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Vienna");

    /** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
    static final int MAX_LINE_OCTETS = 75;
    private static final String CRLF = "\r\n";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final LocalDateTime NO_TRANSITION_START = LocalDateTime.of(1970, 1, 1, 0, 0);

    private Ics() {
    }

    /**
     * One appointment.
     *
     * @param uid            stable across updates and the cancellation, e.g. {@code booking-42@jobfair}
     * @param sequence       revision, {@code >= 0}; a cancellation or change must pass a higher one
     * @param cancelled      {@code true} writes METHOD:CANCEL and STATUS:CANCELLED
     * @param start          appointment start
     * @param end            appointment end, after {@code start}
     * @param stamp          DTSTAMP, when this revision was created
     * @param summary        title
     * @param description    free text, may be {@code null}
     * @param location       may be {@code null}
     * @param url            absolute URI (e.g. the video room or booking page), may be {@code null}
     * @param organizerName  CN of the organizer, may be {@code null}
     * @param organizerEmail organizer address; {@code null} omits ORGANIZER (there is no address
     *                       to put in it), which clients accept but cannot reply to
     * @param zone           zone for DTSTART/DTEND, {@code null} = Europe/Vienna
     */
    public record Event(String uid, int sequence, boolean cancelled, Instant start, Instant end, Instant stamp,
                        String summary, String description, String location, String url,
                        String organizerName, String organizerEmail, ZoneId zone) {

        public Event {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(stamp, "stamp");
            Objects.requireNonNull(summary, "summary");
            if (uid.isBlank()) {
                throw new IllegalArgumentException("uid is blank");
            }
            if (sequence < 0) {
                throw new IllegalArgumentException("sequence < 0: " + sequence);
            }
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("end " + end + " is not after start " + start);
            }
            if (url != null) {
                checkUri(url);
            }
            if (organizerEmail != null) {
                checkEmail(organizerEmail);
            }
            zone = zone == null ? DEFAULT_ZONE : zone;
        }
    }

    /** Writes the complete VCALENDAR for {@code e}, CRLF-terminated and folded. */
    public static String write(Event e) {
        Objects.requireNonNull(e, "event");
        StringBuilder out = new StringBuilder(2048);
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:" + escapeText(PRODID));
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + (e.cancelled() ? "CANCEL" : "REQUEST"));
        writeTimeZone(out, e.zone(), e.start(), e.end());
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + escapeText(e.uid()));
        line(out, "SEQUENCE:" + e.sequence());
        line(out, "DTSTAMP:" + UTC.format(e.stamp()));
        line(out, dateTime("DTSTART", e.start(), e.zone()));
        line(out, dateTime("DTEND", e.end(), e.zone()));
        line(out, "SUMMARY:" + escapeText(e.summary()));
        if (e.description() != null) {
            line(out, "DESCRIPTION:" + escapeText(e.description()));
        }
        if (e.location() != null) {
            line(out, "LOCATION:" + escapeText(e.location()));
        }
        if (e.url() != null) {
            line(out, "URL:" + e.url());
        }
        if (e.organizerEmail() != null) {
            String cn = e.organizerName() == null || e.organizerName().isBlank()
                    ? "" : ";CN=" + paramValue(e.organizerName());
            line(out, "ORGANIZER" + cn + ":mailto:" + e.organizerEmail());
        }
        line(out, "STATUS:" + (e.cancelled() ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    // ---------------------------------------------------------------- date-time values

    private static String dateTime(String name, Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        List<ZoneOffset> valid = zone.getRules().getValidOffsets(local.toLocalDateTime());
        if (valid.size() > 1 && !local.getOffset().equals(valid.get(0))) {
            // second occurrence of a repeated wall time: TZID form would mean the first one
            return name + ":" + UTC.format(instant);
        }
        return name + ";TZID=" + paramValue(zone.getId()) + ":" + LOCAL.format(local.toLocalDateTime());
    }

    // ---------------------------------------------------------------- VTIMEZONE

    /**
     * One STANDARD or DAYLIGHT sub-component; {@code daylightName} selects the TZNAME (it differs
     * from {@code daylight} only for a fixed block written while daylight saving time is in effect).
     */
    private record Observance(boolean daylight, LocalDateTime start, ZoneOffset from, ZoneOffset to, String rrule,
                              boolean daylightName) {
    }

    private static void writeTimeZone(StringBuilder out, ZoneId zone, Instant start, Instant end) {
        line(out, "BEGIN:VTIMEZONE");
        line(out, "TZID:" + escapeText(zone.getId()));
        TimeZone names = TimeZone.getTimeZone(zone);
        for (Observance o : observances(zone.getRules(), start, end)) {
            String kind = o.daylight() ? "DAYLIGHT" : "STANDARD";
            line(out, "BEGIN:" + kind);
            line(out, "DTSTART:" + LOCAL.format(o.start()));
            line(out, "TZOFFSETFROM:" + offset(o.from()));
            line(out, "TZOFFSETTO:" + offset(o.to()));
            if (o.rrule() != null) {
                line(out, "RRULE:" + o.rrule());
            }
            line(out, "TZNAME:" + escapeText(names.getDisplayName(o.daylightName(), TimeZone.SHORT, Locale.ENGLISH)));
            line(out, "END:" + kind);
        }
        line(out, "END:VTIMEZONE");
    }

    /** The observances describing the zone at least from {@code start} to {@code end}. */
    private static List<Observance> observances(ZoneRules rules, Instant start, Instant end) {
        List<Observance> recurring = recurringObservances(rules, start);
        return recurring != null ? recurring : observancesInEffect(rules, start, end);
    }

    /**
     * One observance with RRULE per transition rule, or {@code null} if the zone has no rules, a
     * rule has no RRULE equivalent, or {@code start} precedes the period governed by the rules.
     */
    private static List<Observance> recurringObservances(ZoneRules rules, Instant start) {
        List<ZoneOffsetTransitionRule> transitionRules = rules.getTransitionRules();
        if (transitionRules.isEmpty()) {
            return null;
        }
        List<ZoneOffsetTransition> history = rules.getTransitions();
        Instant historyEnd = history.isEmpty() ? null : history.get(history.size() - 1).getInstant();
        int firstYear = historyEnd == null ? NO_TRANSITION_START.getYear()
                : historyEnd.atOffset(ZoneOffset.UTC).getYear() - 1;
        List<Observance> result = new ArrayList<>();
        for (ZoneOffsetTransitionRule rule : transitionRules) {
            Optional<String> rrule = rrule(rule);
            if (rrule.isEmpty()) {
                return null;
            }
            // First onset of the rule that is not before the last historic transition: from then
            // on the rules alone define the zone.
            int year = firstYear;
            ZoneOffsetTransition first = rule.createTransition(year);
            while (historyEnd != null && first.getInstant().isBefore(historyEnd)) {
                first = rule.createTransition(++year);
            }
            if (start.isBefore(first.getInstant())) {
                return null; // between the last historic transition and this rule's first onset
            }
            boolean daylight = !rule.getOffsetAfter().equals(rule.getStandardOffset());
            result.add(new Observance(daylight, first.getDateTimeBefore(), rule.getOffsetBefore(),
                    rule.getOffsetAfter(), rrule.get(), daylight));
        }
        return result;
    }

    /**
     * A fixed-offset STANDARD block for the offset in effect at {@code start} plus one observance
     * per transition before {@code end}.
     */
    private static List<Observance> observancesInEffect(ZoneRules rules, Instant start, Instant end) {
        List<Observance> result = new ArrayList<>();
        ZoneOffset offset = rules.getOffset(start);
        ZoneOffsetTransition since = rules.previousTransition(start.plusNanos(1));
        result.add(new Observance(false, since == null ? NO_TRANSITION_START : since.getDateTimeAfter(), offset,
                offset, null, rules.isDaylightSavings(start)));
        for (ZoneOffsetTransition t = rules.nextTransition(start);
             t != null && t.getInstant().isBefore(end); t = rules.nextTransition(t.getInstant())) {
            boolean daylight = rules.isDaylightSavings(t.getInstant());
            result.add(new Observance(daylight, t.getDateTimeBefore(), t.getOffsetBefore(), t.getOffsetAfter(), null,
                    daylight));
        }
        return result;
    }

    /**
     * The RRULE producing the rule's transitions in local time (DTSTART of an observance is local
     * time in TZOFFSETFROM), if one exists.
     */
    static Optional<String> rrule(ZoneOffsetTransitionRule rule) {
        if (rule.isMidnightEndOfDay()) {
            return Optional.empty(); // 24:00 moves the onset to the following day: not a BYDAY pattern
        }
        // The rule's day is defined at its own time definition (UTC, STANDARD or WALL). Converted
        // to wall time before the transition it must stay on the same calendar day, otherwise the
        // onset weekday differs from the rule weekday.
        LocalDate probe = LocalDate.of(2001, 1, 2);
        LocalDateTime wall = rule.getTimeDefinition().createDateTime(probe.atTime(rule.getLocalTime()),
                rule.getStandardOffset(), rule.getOffsetBefore());
        if (!wall.toLocalDate().equals(probe)) {
            return Optional.empty();
        }
        Month month = rule.getMonth();
        int indicator = rule.getDayOfMonthIndicator();
        int minLength = month.minLength();
        int maxLength = month.maxLength();
        String prefix = "FREQ=YEARLY;BYMONTH=" + month.getValue() + ";";
        if (rule.getDayOfWeek() == null) {
            if (indicator > 0 && indicator <= minLength) {
                return Optional.of(prefix + "BYMONTHDAY=" + indicator);
            }
            if (indicator < 0 && -indicator <= minLength) {
                return Optional.of(prefix + "BYMONTHDAY=" + indicator);
            }
            return Optional.empty();
        }
        String day = rule.getDayOfWeek().name().substring(0, 2);
        if (indicator > 0) {
            // weekday on or after day 'indicator'; the 7-day range must stay inside the month
            if (indicator + 6 > minLength) {
                return Optional.empty();
            }
            if ((indicator - 1) % 7 == 0) {
                return Optional.of(prefix + "BYDAY=" + ((indicator - 1) / 7 + 1) + day);
            }
            if (minLength == maxLength && (maxLength - 6 - indicator) % 7 == 0) {
                return Optional.of(prefix + "BYDAY=-" + ((maxLength - 6 - indicator) / 7 + 1) + day);
            }
            return Optional.of(prefix + "BYDAY=" + day + ";BYMONTHDAY=" + range(indicator, indicator + 6));
        }
        // weekday on or before day 'indicator' counted from the month end (-1 = last day)
        int fromEnd = -indicator;
        if (fromEnd + 6 > minLength) {
            return Optional.empty();
        }
        if ((fromEnd - 1) % 7 == 0) {
            return Optional.of(prefix + "BYDAY=-" + ((fromEnd - 1) / 7 + 1) + day);
        }
        return Optional.of(prefix + "BYDAY=" + day + ";BYMONTHDAY=" + range(-fromEnd - 6, -fromEnd));
    }

    private static String range(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int d = from; d <= to; d++) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(d);
        }
        return b.toString();
    }

    /** RFC 5545 UTC-OFFSET: {@code +hhmm}, seconds only if present, never {@code -0000}. */
    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String value = String.format(Locale.ROOT, "%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? value : value + String.format(Locale.ROOT, "%02d", abs % 60);
    }

    // ---------------------------------------------------------------- escaping and folding

    /**
     * RFC 5545 3.3.11 TEXT: escapes backslash, semicolon and comma, writes any line break (CRLF,
     * CR, LF) as {@code \n}, drops other control characters (not allowed in TEXT) except TAB and
     * replaces unpaired surrogates (not encodable in UTF-8) with U+FFFD.
     */
    static String escapeText(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\':
                    b.append("\\\\");
                    break;
                case ';':
                    b.append("\\;");
                    break;
                case ',':
                    b.append("\\,");
                    break;
                case '\r':
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    b.append("\\n");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                default:
                    i = appendSafe(b, text, i);
            }
        }
        return b.toString();
    }

    /**
     * RFC 5545 3.2 parameter value: characters a parameter cannot hold are encoded per RFC 6868
     * ({@code ^^} caret, {@code ^'} double quote, {@code ^n} line break), other controls dropped;
     * the value is quoted if it contains {@code : ; ,}.
     */
    static String paramValue(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '^':
                    b.append("^^");
                    break;
                case '"':
                    b.append("^'");
                    break;
                case '\r':
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++;
                    }
                    b.append("^n");
                    break;
                case '\n':
                    b.append("^n");
                    break;
                default:
                    i = appendSafe(b, value, i);
            }
        }
        String encoded = b.toString();
        boolean quote = encoded.indexOf(':') >= 0 || encoded.indexOf(';') >= 0 || encoded.indexOf(',') >= 0;
        return quote ? '"' + encoded + '"' : encoded;
    }

    /** Appends the character at {@code i} unless it is a forbidden control; returns the last index used. */
    private static int appendSafe(StringBuilder b, String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            b.append('\uFFFD');
        } else if ((c >= 0x20 && c != 0x7F) || c == '\t') {
            b.append(c);
        }
        return i;
    }

    /**
     * Appends one content line, folded so that no physical line exceeds 75 UTF-8 octets (CRLF
     * excluded); a fold never splits a character and continuation lines start with one space.
     */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = utf8Length(codePoint);
            if (octets + size > MAX_LINE_OCTETS) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append(CRLF);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    // ---------------------------------------------------------------- input checks

    private static void checkUri(String url) {
        if (containsControlOrSpace(url)) {
            throw new IllegalArgumentException("url contains whitespace or control characters");
        }
        try {
            if (!new URI(url).isAbsolute()) {
                throw new IllegalArgumentException("url is not absolute: " + url);
            }
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException("url is not a URI: " + url, ex);
        }
    }

    private static void checkEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || containsControlOrSpace(email)
                || email.chars().anyMatch(c -> "\"<>()[]\\,;:".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a plain e-mail address: " + email);
        }
    }

    private static boolean containsControlOrSpace(String s) {
        return s.chars().anyMatch(c -> c <= 0x20 || c == 0x7F || Character.isWhitespace(c) || Character.isSpaceChar(c));
    }
}
