package at.jobfair.booth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import at.jobfair.booth.SlotSchedule.Break;
import at.jobfair.booth.SlotSchedule.InvalidPlan;
import at.jobfair.booth.SlotSchedule.Plan;
import at.jobfair.booth.SlotSchedule.Slot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotScheduleTest {

    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private static final LocalDate FAIR_DAY = LocalDate.of(2026, 5, 12); // CEST, +02:00
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 29);
    private static final LocalDate FALL_BACK = LocalDate.of(2026, 10, 25);

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    private static Instant utc(String iso) {
        return Instant.parse(iso);
    }

    private static Plan plan(LocalDate date, String from, String to, int interview, int buffer,
                             List<Break> breaks, int capacity) {
        return new Plan(date, t(from), t(to), interview, buffer, breaks, capacity, VIENNA);
    }

    private static Break brk(String from, String to) {
        return new Break(t(from), t(to));
    }

    /** Slot starts as UTC ISO strings: compact and exact. */
    private static List<String> starts(List<Slot> slots) {
        return slots.stream().map(s -> s.start().toString()).collect(Collectors.toList());
    }

    @Nested
    class Layout {

        @Test
        void normalDayBackToBack() {
            List<Slot> slots = SlotSchedule.generate(plan(FAIR_DAY, "09:00", "11:00", 20, 0, List.of(), 1));

            assertEquals(List.of("2026-05-12T07:00:00Z", "2026-05-12T07:20:00Z", "2026-05-12T07:40:00Z",
                    "2026-05-12T08:00:00Z", "2026-05-12T08:20:00Z", "2026-05-12T08:40:00Z"), starts(slots));
            assertEquals(new Slot(utc("2026-05-12T08:40:00Z"), utc("2026-05-12T09:00:00Z"), 1), slots.get(5));
            slots.forEach(s -> assertEquals(Duration.ofMinutes(20), Duration.between(s.start(), s.end())));
        }

        @Test
        void windowRemainderTooShortForAnotherSlotIsLeftFree() {
            List<Slot> slots = SlotSchedule.generate(plan(FAIR_DAY, "09:00", "10:10", 30, 0, List.of(), 1));

            assertEquals(List.of("2026-05-12T07:00:00Z", "2026-05-12T07:30:00Z"), starts(slots));
            assertEquals(utc("2026-05-12T08:00:00Z"), slots.get(1).end());
        }

        @Test
        void slotMayEndExactlyAtWindowEnd() {
            List<Slot> slots = SlotSchedule.generate(plan(FAIR_DAY, "09:00", "10:00", 30, 0, List.of(), 1));

            assertEquals(2, slots.size());
            assertEquals(utc("2026-05-12T08:00:00Z"), slots.get(1).end());
        }

        @Test
        void winterDayUsesStandardOffset() {
            List<Slot> slots = SlotSchedule.generate(
                    plan(LocalDate.of(2026, 1, 20), "09:00", "10:00", 30, 0, List.of(), 1));

            assertEquals(List.of("2026-01-20T08:00:00Z", "2026-01-20T08:30:00Z"), starts(slots));
        }

        @Test
        void bufferSeparatesSlotsButIsNotNeededAfterTheLastOne() {
            // 09:00-09:20, 09:30-09:50, 10:00-10:20, 10:30-10:50; a 5th would start 11:00 > window end.
            List<Slot> slots = SlotSchedule.generate(plan(FAIR_DAY, "09:00", "10:50", 20, 10, List.of(), 1));

            assertEquals(List.of("2026-05-12T07:00:00Z", "2026-05-12T07:30:00Z", "2026-05-12T08:00:00Z",
                    "2026-05-12T08:30:00Z"), starts(slots));
            assertEquals(utc("2026-05-12T08:50:00Z"), slots.get(3).end());
        }

        @Test
        void slotOverlappingABreakIsSkippedAndSlotsResumeAtBreakEnd() {
            // 30 min + 15 min buffer: 09:00, 09:45, 10:30 (ends 11:00); next would be 11:15-11:45,
            // which overlaps the break 11:30-12:10, so slots resume at 12:10 (no buffer after a break).
            List<Slot> slots = SlotSchedule.generate(
                    plan(FAIR_DAY, "09:00", "13:30", 30, 15, List.of(brk("11:30", "12:10")), 1));

            assertEquals(List.of("2026-05-12T07:00:00Z", "2026-05-12T07:45:00Z", "2026-05-12T08:30:00Z",
                    "2026-05-12T10:10:00Z", "2026-05-12T10:55:00Z"), starts(slots));
            assertEquals(utc("2026-05-12T11:25:00Z"), slots.get(4).end());
        }

        @Test
        void slotEndingExactlyAtBreakStartIsKept() {
            List<Slot> slots = SlotSchedule.generate(
                    plan(FAIR_DAY, "09:00", "11:00", 30, 0, List.of(brk("10:00", "10:30")), 1));

            assertEquals(List.of("2026-05-12T07:00:00Z", "2026-05-12T07:30:00Z", "2026-05-12T08:30:00Z"),
                    starts(slots));
        }

        @Test
        void bufferRunningIntoABreakRestartsAtBreakEnd() {
            // slot 09:00-09:40, buffer until 09:50 is inside break 09:45-10:05 -> next slot 10:05.
            List<Slot> slots = SlotSchedule.generate(
                    plan(FAIR_DAY, "09:00", "11:00", 40, 10, List.of(brk("09:45", "10:05")), 1));

            assertEquals(List.of("2026-05-12T07:00:00Z", "2026-05-12T08:05:00Z"), starts(slots));
        }

        @Test
        void severalBreaksInAnyOrderAndTouchingBreaks() {
            List<Break> breaks = List.of(brk("14:00", "14:30"), brk("10:00", "10:15"), brk("10:15", "10:30"));
            List<Slot> slots = SlotSchedule.generate(plan(FAIR_DAY, "09:30", "15:15", 45, 0, breaks, 1));

            // 09:30-10:15 overlaps 10:00 -> 10:30, 11:15, 12:00, 12:45, (13:30-14:15 overlaps) -> 14:30
            assertEquals(List.of("2026-05-12T08:30:00Z", "2026-05-12T09:15:00Z", "2026-05-12T10:00:00Z",
                    "2026-05-12T10:45:00Z", "2026-05-12T12:30:00Z"), starts(slots));
            assertEquals(utc("2026-05-12T13:15:00Z"), slots.get(4).end());
        }

        @Test
        void breakAtWindowStartAndEnd() {
            List<Slot> slots = SlotSchedule.generate(
                    plan(FAIR_DAY, "09:00", "11:00", 30, 0, List.of(brk("09:00", "09:20"), brk("10:30", "11:00")), 1));

            assertEquals(List.of("2026-05-12T07:20:00Z", "2026-05-12T07:50:00Z"), starts(slots));
            assertEquals(utc("2026-05-12T08:20:00Z"), slots.get(1).end());
        }

        @Test
        void groupSessionCarriesCapacityOnEverySlot() {
            List<Slot> slots = SlotSchedule.generate(plan(FAIR_DAY, "13:00", "16:00", 60, 30, List.of(), 25));

            assertEquals(List.of(
                    new Slot(utc("2026-05-12T11:00:00Z"), utc("2026-05-12T12:00:00Z"), 25),
                    new Slot(utc("2026-05-12T12:30:00Z"), utc("2026-05-12T13:30:00Z"), 25)), slots);
        }

        @Test
        void boundaryValuesAreAccepted() {
            assertEquals(500, SlotSchedule.generate(plan(FAIR_DAY, "00:00", "08:20", 1, 0, List.of(), 1)).size());
            List<Slot> longest = SlotSchedule.generate(plan(FAIR_DAY, "08:00", "16:00", 480, 240, List.of(), 500));
            assertEquals(List.of(new Slot(utc("2026-05-12T06:00:00Z"), utc("2026-05-12T14:00:00Z"), 500)), longest);
        }

        @Test
        void planDefaultsToViennaAndNoBreaks() {
            Plan plan = new Plan(FAIR_DAY, t("09:00"), t("10:00"), 30, 0, null, 1, null);
            assertEquals(VIENNA, plan.zone());
            assertEquals(List.of(), plan.breaks());
            assertEquals(VIENNA, new Plan(FAIR_DAY, t("09:00"), t("10:00"), 30, 0, List.of(), 1).zone());
            assertEquals(List.of("2026-05-12T07:00:00Z", "2026-05-12T07:30:00Z"), starts(SlotSchedule.generate(plan)));
        }

        @Test
        void otherZonesAreHonoured() {
            Plan plan = new Plan(FAIR_DAY, t("09:00"), t("10:00"), 30, 0, List.of(), 1, ZoneId.of("America/New_York"));
            assertEquals(List.of("2026-05-12T13:00:00Z", "2026-05-12T13:30:00Z"), starts(SlotSchedule.generate(plan)));
        }

        @Test
        void planBreaksAreImmutableSnapshots() {
            List<Break> breaks = new ArrayList<>(List.of(brk("10:00", "10:30")));
            Plan plan = plan(FAIR_DAY, "09:00", "11:00", 30, 0, breaks, 1);
            breaks.clear();
            assertEquals(1, plan.breaks().size());
            assertThrows(UnsupportedOperationException.class, () -> plan.breaks().add(brk("09:00", "09:10")));
            List<Slot> slots = SlotSchedule.generate(plan);
            assertThrows(UnsupportedOperationException.class, () -> slots.remove(0));
        }
    }

    @Nested
    class DaylightSaving {

        @Test
        void springForwardWindowIsTwoRealHours() {
            // 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z; 02:00-03:00 local does not exist.
            List<Slot> slots = SlotSchedule.generate(plan(SPRING_FORWARD, "01:00", "04:00", 30, 0, List.of(), 1));

            assertEquals(List.of(
                    new Slot(utc("2026-03-29T00:00:00Z"), utc("2026-03-29T00:30:00Z"), 1),
                    new Slot(utc("2026-03-29T00:30:00Z"), utc("2026-03-29T01:00:00Z"), 1),
                    new Slot(utc("2026-03-29T01:00:00Z"), utc("2026-03-29T01:30:00Z"), 1),
                    new Slot(utc("2026-03-29T01:30:00Z"), utc("2026-03-29T02:00:00Z"), 1)), slots);
            // wall clock of the slot starts: 01:00, 01:30, 03:00, 03:30
            assertEquals(List.of("01:00", "01:30", "03:00", "03:30"), slots.stream()
                    .map(s -> s.start().atZone(VIENNA).toLocalTime().toString()).collect(Collectors.toList()));
        }

        @Test
        void fallBackWindowIsFourRealHours() {
            // 01:00 CEST = 23:00Z the day before, 04:00 CET = 03:00Z; 02:00-03:00 local happens twice.
            List<Slot> slots = SlotSchedule.generate(plan(FALL_BACK, "01:00", "04:00", 30, 0, List.of(), 1));

            assertEquals(List.of("2026-10-24T23:00:00Z", "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z",
                    "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
                    "2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z"), starts(slots));
            assertEquals(utc("2026-10-25T03:00:00Z"), slots.get(7).end());
            for (int i = 1; i < slots.size(); i++) {
                assertEquals(slots.get(i - 1).end(), slots.get(i).start());
            }
            assertEquals(List.of("01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30"), slots.stream()
                    .map(s -> s.start().atZone(VIENNA).toLocalTime().toString()).collect(Collectors.toList()));
        }

        @Test
        void windowEndInsideRepeatedHourUsesItsSecondOccurrence() {
            // to = 02:30 resolves to 02:30 CET (01:30Z), not 02:30 CEST (00:30Z): 2.5 real hours.
            List<Slot> slots = SlotSchedule.generate(plan(FALL_BACK, "00:00", "02:30", 30, 0, List.of(), 1));

            assertEquals(List.of("2026-10-24T22:00:00Z", "2026-10-24T22:30:00Z", "2026-10-24T23:00:00Z",
                    "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z",
                    "2026-10-25T01:00:00Z"), starts(slots));
            assertEquals(utc("2026-10-25T01:30:00Z"), slots.get(6).end());
        }

        @Test
        void windowStartInsideRepeatedHourUsesItsFirstOccurrence() {
            // from = 02:30 resolves to 02:30 CEST (00:30Z)
            List<Slot> slots = SlotSchedule.generate(plan(FALL_BACK, "02:30", "03:30", 60, 0, List.of(), 1));

            assertEquals(List.of(new Slot(utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:30:00Z"), 1),
                    new Slot(utc("2026-10-25T01:30:00Z"), utc("2026-10-25T02:30:00Z"), 1)), slots);
        }

        @Test
        void breakInRepeatedHourBlocksBothOccurrences() {
            // break 02:00-02:30 spans 02:00 CEST (00:00Z) .. 02:30 CET (01:30Z)
            List<Slot> slots = SlotSchedule.generate(
                    plan(FALL_BACK, "01:00", "04:00", 30, 0, List.of(brk("02:00", "02:30")), 1));

            assertEquals(List.of("2026-10-24T23:00:00Z", "2026-10-24T23:30:00Z", "2026-10-25T01:30:00Z",
                    "2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z"), starts(slots));
        }

        @Test
        void boundsInsideSpringGapMoveForwardLikeZonedDateTimeOf() {
            // from 02:30 does not exist -> 03:30 CEST (01:30Z)
            List<Slot> slots = SlotSchedule.generate(plan(SPRING_FORWARD, "02:30", "04:00", 15, 0, List.of(), 1));

            assertEquals(List.of("2026-03-29T01:30:00Z", "2026-03-29T01:45:00Z"), starts(slots));
            // a break 02:15-02:45 (non-existent) becomes 03:15-03:45 CEST (01:15Z-01:45Z)
            List<Slot> withBreak = SlotSchedule.generate(
                    plan(SPRING_FORWARD, "01:00", "05:00", 30, 0, List.of(brk("02:15", "02:45")), 1));
            assertEquals(List.of("2026-03-29T00:00:00Z", "2026-03-29T00:30:00Z", "2026-03-29T01:45:00Z",
                    "2026-03-29T02:15:00Z"), starts(withBreak));
        }

        @Test
        void boundConversionHelpers() {
            assertEquals(utc("2026-10-25T00:30:00Z"), SlotSchedule.startBound(FALL_BACK, t("02:30"), VIENNA));
            assertEquals(utc("2026-10-25T01:30:00Z"), SlotSchedule.endBound(FALL_BACK, t("02:30"), VIENNA));
            assertEquals(utc("2026-03-29T01:30:00Z"), SlotSchedule.startBound(SPRING_FORWARD, t("02:30"), VIENNA));
            assertEquals(utc("2026-03-29T01:30:00Z"), SlotSchedule.endBound(SPRING_FORWARD, t("02:30"), VIENNA));
            assertEquals(utc("2026-05-12T08:00:00Z"), SlotSchedule.endBound(FAIR_DAY, t("10:00"), VIENNA));
        }
    }

    @Nested
    class Validation {

        private void assertInvalid(String code, String field, Plan plan) {
            InvalidPlan e = assertThrows(InvalidPlan.class, () -> SlotSchedule.generate(plan));
            assertAll(() -> assertEquals(code, e.code(), "code"), () -> assertEquals(field, e.field(), "field"),
                    () -> assertNotNull(e.getMessage()));
        }

        @Test
        void nullPlan() {
            InvalidPlan e = assertThrows(InvalidPlan.class, () -> SlotSchedule.generate(null));
            assertEquals("required", e.code());
            assertEquals("plan", e.field());
        }

        @Test
        void requiredInputs() {
            assertInvalid("required", "date", new Plan(null, t("09:00"), t("10:00"), 30, 0, List.of(), 1));
            assertInvalid("required", "from", new Plan(FAIR_DAY, null, t("10:00"), 30, 0, List.of(), 1));
            assertInvalid("required", "to", new Plan(FAIR_DAY, t("09:00"), null, 30, 0, List.of(), 1));
            assertInvalid("required", "breaks[1]",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, Arrays.asList(brk("10:00", "10:30"), null), 1));
            assertInvalid("required", "breaks[0].from",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, List.of(new Break(null, t("10:00"))), 1));
            assertInvalid("required", "breaks[0].to",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, List.of(new Break(t("10:00"), null)), 1));
        }

        @ParameterizedTest
        @CsvSource({"0", "-5", "481"})
        void interviewLength(int minutes) {
            assertInvalid("interview_length", "interviewMinutes",
                    plan(FAIR_DAY, "09:00", "18:00", minutes, 0, List.of(), 1));
        }

        @ParameterizedTest
        @CsvSource({"-1", "241"})
        void buffer(int minutes) {
            assertInvalid("buffer", "bufferMinutes", plan(FAIR_DAY, "09:00", "18:00", 30, minutes, List.of(), 1));
        }

        @ParameterizedTest
        @CsvSource({"0", "-1", "501"})
        void capacity(int capacity) {
            assertInvalid("capacity", "capacity", plan(FAIR_DAY, "09:00", "18:00", 30, 0, List.of(), capacity));
        }

        @ParameterizedTest
        @CsvSource({"10:00,10:00", "10:00,09:00", "23:00,00:00"})
        void windowEmpty(String from, String to) {
            assertInvalid("window_empty", "to", plan(FAIR_DAY, from, to, 30, 0, List.of(), 1));
        }

        @Test
        void windowWithoutElapsedTimeInSpringGap() {
            // 02:30 -> 03:30 CEST (01:30Z), 03:00 CEST = 01:00Z: no real time between them
            assertInvalid("window_empty", "to", plan(SPRING_FORWARD, "02:30", "03:00", 5, 0, List.of(), 1));
        }

        @Test
        void breakEmpty() {
            assertInvalid("break_empty", "breaks[0]",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, List.of(brk("10:00", "10:00")), 1));
            assertInvalid("break_empty", "breaks[1]",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, List.of(brk("09:00", "09:10"), brk("11:00", "10:30")), 1));
            assertInvalid("break_empty", "breaks[0]",
                    plan(SPRING_FORWARD, "01:00", "05:00", 30, 0, List.of(brk("02:30", "03:00")), 1));
        }

        @ParameterizedTest
        @CsvSource({"08:30,09:30", "11:30,12:30", "07:00,08:00", "12:00,13:00", "08:00,13:00"})
        void breakOutsideWindow(String from, String to) {
            assertInvalid("break_outside_window", "breaks[0]",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, List.of(brk(from, to)), 1));
        }

        @Test
        void breaksOverlapBlamesTheLaterEnteredBreak() {
            assertInvalid("breaks_overlap", "breaks[1]",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, List.of(brk("10:00", "10:30"), brk("10:15", "10:45")), 1));
            assertInvalid("breaks_overlap", "breaks[2]", plan(FAIR_DAY, "09:00", "12:00", 30, 0,
                    List.of(brk("11:00", "11:30"), brk("09:10", "09:20"), brk("10:00", "11:45")), 1));
            assertInvalid("breaks_overlap", "breaks[1]",
                    plan(FAIR_DAY, "09:00", "12:00", 30, 0, List.of(brk("10:00", "10:30"), brk("10:00", "10:30")), 1));
        }

        @Test
        void tooManySlots() {
            // 501 one-minute slots
            assertInvalid("too_many_slots", "interviewMinutes", plan(FAIR_DAY, "00:00", "08:21", 1, 0, List.of(), 1));
            assertInvalid("too_many_slots", "interviewMinutes", plan(FAIR_DAY, "00:00", "23:59", 1, 1, List.of(), 1));
        }

        @Test
        void noSlots() {
            assertInvalid("no_slots", "interviewMinutes", plan(FAIR_DAY, "09:00", "09:20", 30, 0, List.of(), 1));
            assertInvalid("no_slots", "interviewMinutes",
                    plan(FAIR_DAY, "09:00", "10:00", 30, 0, List.of(brk("09:20", "09:40")), 1));
        }

        @Test
        void firstProblemInDeclaredOrderIsReported() {
            assertInvalid("interview_length", "interviewMinutes", plan(FAIR_DAY, "10:00", "09:00", 0, -1, List.of(), 0));
            assertInvalid("window_empty", "to",
                    plan(FAIR_DAY, "10:00", "09:00", 30, 0, List.of(brk("10:00", "09:00")), 1));
        }

        @Test
        void exceptionCarriesCodeAndFieldInDeveloperMessage() {
            InvalidPlan e = new InvalidPlan("buffer", "bufferMinutes", "too long");
            assertEquals("buffer [bufferMinutes]: too long", e.getMessage());
            assertTrue(e instanceof RuntimeException);
        }
    }

    /**
     * Property-style test: many random plans (fixed seed, so failures are reproducible) across
     * zones with 60- and 30-minute DST shifts, including the DST days, checked against the
     * invariants independently of the implementation's loop.
     */
    @Test
    void randomPlansSatisfyInvariants() {
        Random random = new Random(20260329L);
        List<ZoneId> zones = List.of(VIENNA, ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"),
                ZoneId.of("UTC"));
        List<LocalDate> dates = List.of(SPRING_FORWARD, FALL_BACK, FAIR_DAY, LocalDate.of(2026, 3, 8),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 4, 5), LocalDate.of(2026, 10, 4), LocalDate.of(2027, 1, 4));
        int generated = 0;
        Map<String, Integer> codes = new TreeMap<>();
        for (int run = 0; run < 4000; run++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            LocalDate date = dates.get(random.nextInt(dates.size()));
            int fromMinute;
            int toMinute;
            if (random.nextInt(3) == 0) {
                // a night window around the DST switch hours
                fromMinute = random.nextInt(150);
                toMinute = fromMinute + 1 + random.nextInt(300 - fromMinute);
            } else {
                fromMinute = random.nextInt(24 * 60 - 1);
                toMinute = fromMinute + 1 + random.nextInt(24 * 60 - 1 - fromMinute);
            }
            LocalTime from = LocalTime.MIN.plusMinutes(fromMinute);
            LocalTime to = LocalTime.MIN.plusMinutes(toMinute);
            int kind = random.nextInt(4);
            int interview = 1 + random.nextInt(kind == 0 ? 10 : kind == 3 ? 480 : 60);
            int buffer = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 30 : 241);
            int capacity = 1 + random.nextInt(500);
            List<Break> breaks = randomBreaks(random, fromMinute, toMinute);
            Plan plan = new Plan(date, from, to, interview, buffer, breaks, capacity, zone);

            List<Slot> slots;
            try {
                slots = SlotSchedule.generate(plan);
            } catch (InvalidPlan e) {
                codes.merge(e.code(), 1, Integer::sum);
                assertRejectionIsJustified(plan, e);
                continue;
            }
            generated++;
            assertInvariants(plan, slots);
        }
        // the generator must really exercise both paths, including the DST-only rejections
        assertTrue(generated > 2000, "generated " + generated);
        assertEquals(Set.of("no_slots", "too_many_slots", "window_empty", "break_empty", "break_outside_window",
                "breaks_overlap"), codes.keySet(), codes::toString);
    }

    private static List<Break> randomBreaks(Random random, int fromMinute, int toMinute) {
        int count = random.nextInt(4);
        List<Break> breaks = new ArrayList<>();
        int cursor = fromMinute;
        for (int i = 0; i < count && cursor < toMinute - 1; i++) {
            int start = cursor + random.nextInt(Math.max(1, (toMinute - cursor) / 2));
            int end = start + 1 + random.nextInt(Math.max(1, Math.min(60, toMinute - start)));
            if (end > toMinute) {
                break;
            }
            breaks.add(new Break(LocalTime.MIN.plusMinutes(start), LocalTime.MIN.plusMinutes(end)));
            cursor = end;
        }
        Collections.shuffle(breaks, random);
        return breaks;
    }

    private record Interval(Instant start, Instant end) {
        boolean overlaps(Instant s, Instant e) {
            return start.isBefore(e) && s.isBefore(end);
        }
    }

    private static Interval window(Plan p) {
        return new Interval(ZonedDateTime.of(p.date(), p.from(), p.zone()).withEarlierOffsetAtOverlap().toInstant(),
                ZonedDateTime.of(p.date(), p.to(), p.zone()).withLaterOffsetAtOverlap().toInstant());
    }

    private static List<Interval> breaks(Plan p) {
        return p.breaks().stream()
                .map(b -> new Interval(ZonedDateTime.of(p.date(), b.from(), p.zone()).withEarlierOffsetAtOverlap().toInstant(),
                        ZonedDateTime.of(p.date(), b.to(), p.zone()).withLaterOffsetAtOverlap().toInstant()))
                .sorted(Comparator.comparing(Interval::start))
                .collect(Collectors.toList());
    }

    /** Earliest start at or after {@code candidate} where a slot does not overlap any break. */
    private static Instant pushPastBreaks(Instant candidate, Duration length, List<Interval> breaks) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Interval b : breaks) {
                if (b.overlaps(candidate, candidate.plus(length))) {
                    candidate = b.end();
                    moved = true;
                }
            }
        }
        return candidate;
    }

    private static void assertInvariants(Plan plan, List<Slot> slots) {
        Interval window = window(plan);
        List<Interval> breaks = breaks(plan);
        Duration length = Duration.ofMinutes(plan.interviewMinutes());
        Duration buffer = Duration.ofMinutes(plan.bufferMinutes());
        String ctx = plan.toString();

        assertFalse(slots.isEmpty(), ctx);
        assertTrue(slots.size() <= 500, ctx);
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            assertEquals(length, Duration.between(s.start(), s.end()), ctx);
            assertEquals(plan.capacity(), s.capacity(), ctx);
            assertFalse(s.start().isBefore(window.start()), ctx);
            assertFalse(s.end().isAfter(window.end()), ctx);
            for (Interval b : breaks) {
                assertFalse(b.overlaps(s.start(), s.end()), () -> "slot overlaps break: " + s + " " + ctx);
            }
            if (i > 0) {
                Slot prev = slots.get(i - 1);
                assertTrue(prev.start().isBefore(s.start()), ctx);
                assertFalse(Duration.between(prev.end(), s.start()).compareTo(buffer) < 0, () -> "gap < buffer " + ctx);
                // nothing is wasted: the slot starts at the earliest possible point
                assertEquals(pushPastBreaks(prev.end().plus(buffer), length, breaks), s.start(), ctx);
            }
        }
        assertEquals(pushPastBreaks(window.start(), length, breaks), slots.get(0).start(), ctx);
        // no further slot would fit
        Instant next = pushPastBreaks(slots.get(slots.size() - 1).end().plus(buffer), length, breaks);
        assertTrue(next.plus(length).isAfter(window.end()), ctx);
    }

    private static void assertRejectionIsJustified(Plan plan, InvalidPlan e) {
        String ctx = plan + " -> " + e.getMessage();
        switch (e.code()) {
            case "no_slots": {
                Interval window = window(plan);
                Duration length = Duration.ofMinutes(plan.interviewMinutes());
                Instant first = pushPastBreaks(window.start(), length, breaks(plan));
                assertTrue(first.plus(length).isAfter(window.end()), ctx);
                break;
            }
            case "too_many_slots": {
                // at least 501 slot periods must fit the window
                Interval window = window(plan);
                long minutes = Duration.between(window.start(), window.end()).toMinutes();
                assertTrue(minutes >= 500L * plan.interviewMinutes(), ctx);
                break;
            }
            case "window_empty":
            case "break_empty":
            case "break_outside_window":
            case "breaks_overlap":
                // generated inputs are valid in wall-clock time; only a DST gap or overlap can make
                // them invalid on the real time line
                List<LocalTime> bounds = new ArrayList<>(List.of(plan.from(), plan.to()));
                plan.breaks().forEach(b -> bounds.addAll(List.of(b.from(), b.to())));
                assertTrue(bounds.stream().anyMatch(
                        b -> plan.zone().getRules().getValidOffsets(plan.date().atTime(b)).size() != 1), ctx);
                break;
            default:
                fail("unexpected rejection " + ctx);
        }
    }
}
