package at.jobfair.booth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Lays out the appointment slots of one employer booth for one fair day.
 *
 * <p>Pure domain logic: no I/O, no clock, no framework. The UI collects a {@link Plan}, calls
 * {@link #generate(Plan)} and either stores the returned slots or shows the translated
 * {@link InvalidPlan#code()} next to the input named by {@link InvalidPlan#field()}.
 *
 * <h2>Time model</h2>
 * The plan is entered in wall-clock time of {@link Plan#zone()}, but slots are laid out on the
 * real time line ({@link Instant}s), so an interview always lasts {@code interviewMinutes} of
 * elapsed time, also on the two daylight-saving days of the year. Wall-clock bounds are converted
 * as follows:
 * <ul>
 *   <li><b>Gap</b> (wall time does not exist, e.g. 02:30 on 2026-03-29 in Vienna): as
 *       {@link ZonedDateTime#of(LocalDate, LocalTime, ZoneId)} does, the time is moved forward by
 *       the length of the gap (02:30 becomes 03:30 CEST). This applies to start and end bounds.</li>
 *   <li><b>Overlap</b> (wall time occurs twice, e.g. 02:30 on 2026-10-25 in Vienna): a
 *       <em>start</em> bound ({@code from} of the window or a break) takes the <em>earlier</em>
 *       offset (first occurrence, as {@code ZonedDateTime.of} does), an <em>end</em> bound
 *       ({@code to} of the window or a break) takes the <em>later</em> offset (second
 *       occurrence). So every span covers every instant whose wall-clock time lies inside it:
 *       a window ending at 02:30 on the autumn day includes the whole repeated hour instead of
 *       silently ending an hour earlier, and a break in the repeated hour blocks both
 *       occurrences. Consequently window 01:00-04:00 is 2 real hours on 2026-03-29 and 4 real
 *       hours on 2026-10-25.</li>
 * </ul>
 * A window must lie within one calendar day ({@code from < to}); it cannot cross midnight.
 *
 * <h2>Layout</h2>
 * The first slot starts at the window start. Each following slot starts {@code bufferMinutes}
 * after the previous one ended. A slot that would overlap a break is not created; instead the
 * next slot starts exactly at the end of that break (no buffer after a break). Slots are created
 * while they end no later than the window end.
 */
public final class SlotSchedule {

    /** Zone used when a plan does not name one. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Vienna");

    public static final int MIN_INTERVIEW_MINUTES = 1;
    public static final int MAX_INTERVIEW_MINUTES = 480;
    public static final int MIN_BUFFER_MINUTES = 0;
    public static final int MAX_BUFFER_MINUTES = 240;
    public static final int MIN_CAPACITY = 1;
    public static final int MAX_CAPACITY = 500;
    /** Upper bound of slots one plan may produce; protects storage and the booking UI. */
    public static final int MAX_SLOTS = 500;

    /** Error codes of {@link InvalidPlan#code()}; stable, translated by the UI. */
    public static final String REQUIRED = "required";
    public static final String WINDOW_EMPTY = "window_empty";
    public static final String INTERVIEW_LENGTH = "interview_length";
    public static final String BUFFER = "buffer";
    public static final String CAPACITY = "capacity";
    public static final String BREAK_EMPTY = "break_empty";
    public static final String BREAK_OUTSIDE_WINDOW = "break_outside_window";
    public static final String BREAKS_OVERLAP = "breaks_overlap";
    public static final String TOO_MANY_SLOTS = "too_many_slots";
    public static final String NO_SLOTS = "no_slots";

    private SlotSchedule() {
    }

    /**
     * A break in wall-clock time of the plan's zone; no slot may overlap it.
     * Breaks may touch each other or the window bounds.
     */
    public record Break(LocalTime from, LocalTime to) {
    }

    /**
     * The booth's plan for one day.
     *
     * @param date             the fair day
     * @param from             window start, wall-clock time in {@code zone}
     * @param to               window end, wall-clock time in {@code zone}, after {@code from}
     * @param interviewMinutes length of each slot, 1..480
     * @param bufferMinutes    gap after each slot, 0..240
     * @param breaks           breaks inside the window, any order, may be empty ({@code null} = none)
     * @param capacity         participants per slot, 1..500 (1 = interview, more = group session)
     * @param zone             zone of the wall-clock times ({@code null} = {@link #DEFAULT_ZONE})
     */
    public record Plan(LocalDate date, LocalTime from, LocalTime to, int interviewMinutes,
                       int bufferMinutes, List<Break> breaks, int capacity, ZoneId zone) {

        public Plan {
            // Copy defensively but keep null elements: they are reported by generate() with the
            // index of the offending break instead of a bare NullPointerException.
            breaks = breaks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(breaks));
            zone = zone == null ? DEFAULT_ZONE : zone;
        }

        /** A plan in {@link #DEFAULT_ZONE}. */
        public Plan(LocalDate date, LocalTime from, LocalTime to, int interviewMinutes,
                    int bufferMinutes, List<Break> breaks, int capacity) {
            this(date, from, to, interviewMinutes, bufferMinutes, breaks, capacity, DEFAULT_ZONE);
        }
    }

    /** One bookable slot; {@code end - start} is always exactly the plan's interview length. */
    public record Slot(Instant start, Instant end, int capacity) {
    }

    /**
     * The plan cannot be turned into slots. {@link #code()} is one of the constants of
     * {@link SlotSchedule} and {@link #field()} names the plan input at fault ({@code "date"},
     * {@code "from"}, {@code "to"}, {@code "interviewMinutes"}, {@code "bufferMinutes"},
     * {@code "capacity"}, {@code "breaks[i]"}, {@code "breaks[i].from"}, {@code "breaks[i].to"}),
     * where {@code i} is the index in {@link Plan#breaks()} as given by the caller.
     * The message is for developers and logs only; users see the translated code.
     */
    public static final class InvalidPlan extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String code;
        private final String field;

        public InvalidPlan(String code, String field, String developerMessage) {
            super(code + " [" + field + "]: " + developerMessage);
            this.code = code;
            this.field = field;
        }

        public String code() {
            return code;
        }

        public String field() {
            return field;
        }
    }

    /** A break converted to the time line, remembering its input index for error reporting. */
    private record Span(int index, Instant start, Instant end) {
    }

    /**
     * Generates the slots of a plan.
     *
     * @return slots ordered by start, non-overlapping, never empty
     * @throws InvalidPlan if the plan is invalid, produces no slot ({@code no_slots}, field
     *                     {@code interviewMinutes}) or more than {@value #MAX_SLOTS} slots
     *                     ({@code too_many_slots}, field {@code interviewMinutes})
     */
    public static List<Slot> generate(Plan plan) {
        if (plan == null) {
            throw new InvalidPlan(REQUIRED, "plan", "plan is null");
        }
        require(plan.date(), "date");
        require(plan.from(), "from");
        require(plan.to(), "to");
        checkRange(plan.interviewMinutes(), MIN_INTERVIEW_MINUTES, MAX_INTERVIEW_MINUTES,
                INTERVIEW_LENGTH, "interviewMinutes");
        checkRange(plan.bufferMinutes(), MIN_BUFFER_MINUTES, MAX_BUFFER_MINUTES, BUFFER, "bufferMinutes");
        checkRange(plan.capacity(), MIN_CAPACITY, MAX_CAPACITY, CAPACITY, "capacity");

        if (!plan.to().isAfter(plan.from())) {
            throw new InvalidPlan(WINDOW_EMPTY, "to", "window end " + plan.to()
                    + " is not after window start " + plan.from());
        }
        Instant windowStart = startBound(plan.date(), plan.from(), plan.zone());
        Instant windowEnd = endBound(plan.date(), plan.to(), plan.zone());
        if (!windowEnd.isAfter(windowStart)) {
            // Only possible around a DST gap, e.g. 02:30-03:00 on the spring day.
            throw new InvalidPlan(WINDOW_EMPTY, "to", "window " + plan.from() + "-" + plan.to()
                    + " has no elapsed time on " + plan.date() + " in " + plan.zone());
        }

        List<Span> breaks = toSpans(plan, windowStart, windowEnd);

        Duration interview = Duration.ofMinutes(plan.interviewMinutes());
        Duration buffer = Duration.ofMinutes(plan.bufferMinutes());
        List<Slot> slots = new ArrayList<>();
        Instant cursor = windowStart;
        int nextBreak = 0; // breaks before this index end at or before the cursor
        while (true) {
            Instant end = cursor.plus(interview);
            if (end.isAfter(windowEnd)) {
                break;
            }
            while (nextBreak < breaks.size() && !breaks.get(nextBreak).end().isAfter(cursor)) {
                nextBreak++;
            }
            if (nextBreak < breaks.size() && breaks.get(nextBreak).start().isBefore(end)) {
                // The earliest break not yet over overlaps [cursor, end): restart at its end.
                cursor = breaks.get(nextBreak).end();
                continue;
            }
            if (slots.size() == MAX_SLOTS) {
                throw new InvalidPlan(TOO_MANY_SLOTS, "interviewMinutes",
                        "plan yields more than " + MAX_SLOTS + " slots");
            }
            slots.add(new Slot(cursor, end, plan.capacity()));
            cursor = end.plus(buffer);
        }
        if (slots.isEmpty()) {
            throw new InvalidPlan(NO_SLOTS, "interviewMinutes",
                    "no interview of " + plan.interviewMinutes() + " min fits into the window outside the breaks");
        }
        return List.copyOf(slots);
    }

    /** Instant of a wall-clock start bound: earlier offset in an overlap, shifted forward in a gap. */
    static Instant startBound(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).withEarlierOffsetAtOverlap().toInstant();
    }

    /** Instant of a wall-clock end bound: later offset in an overlap, shifted forward in a gap. */
    static Instant endBound(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).withLaterOffsetAtOverlap().toInstant();
    }

    private static List<Span> toSpans(Plan plan, Instant windowStart, Instant windowEnd) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < plan.breaks().size(); i++) {
            Break b = plan.breaks().get(i);
            String field = "breaks[" + i + "]";
            if (b == null) {
                throw new InvalidPlan(REQUIRED, field, "break is null");
            }
            require(b.from(), field + ".from");
            require(b.to(), field + ".to");
            if (!b.to().isAfter(b.from())) {
                throw new InvalidPlan(BREAK_EMPTY, field, "break end " + b.to() + " is not after its start " + b.from());
            }
            Instant start = startBound(plan.date(), b.from(), plan.zone());
            Instant end = endBound(plan.date(), b.to(), plan.zone());
            if (!end.isAfter(start)) {
                throw new InvalidPlan(BREAK_EMPTY, field, "break " + b.from() + "-" + b.to()
                        + " has no elapsed time on " + plan.date() + " in " + plan.zone());
            }
            if (start.isBefore(windowStart) || end.isAfter(windowEnd)) {
                throw new InvalidPlan(BREAK_OUTSIDE_WINDOW, field, "break " + b.from() + "-" + b.to()
                        + " is not inside window " + plan.from() + "-" + plan.to());
            }
            spans.add(new Span(i, start, end));
        }
        spans.sort(Comparator.comparing(Span::start).thenComparing(Span::end).thenComparingInt(Span::index));
        for (int i = 1; i < spans.size(); i++) {
            Span previous = spans.get(i - 1);
            Span current = spans.get(i);
            if (current.start().isBefore(previous.end())) {
                // Blame the break the user entered later, it is the one most likely to be fixed.
                int blamed = Math.max(previous.index(), current.index());
                throw new InvalidPlan(BREAKS_OVERLAP, "breaks[" + blamed + "]", "breaks "
                        + previous.index() + " and " + current.index() + " overlap");
            }
        }
        return spans;
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidPlan(REQUIRED, field, field + " is missing");
        }
    }

    private static void checkRange(int value, int min, int max, String code, String field) {
        if (value < min || value > max) {
            throw new InvalidPlan(code, field, field + " = " + value + " is outside " + min + ".." + max);
        }
    }
}
