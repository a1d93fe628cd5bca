package newsroom.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final DigestSchedule schedule = DigestSchedule.defaults(LONDON);

    private static Instant london(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, LONDON).toInstant();
    }

    @Test
    void aDailyDigestCoversEightToEightInLocalTimeAcrossAClockChange() {
        DigestSchedule.Period normal = schedule.daily(LocalDate.of(2026, 12, 1));
        assertEquals(Instant.parse("2026-11-30T08:00:00Z"), normal.start());
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), normal.end());
        assertEquals(Instant.parse("2026-12-01T08:30:00Z"), normal.sendFrom());
        // The clocks go forward at 01:00 on Sunday 28 March 2027: the period to that morning is 23 hours.
        DigestSchedule.Period spring = schedule.daily(LocalDate.of(2027, 3, 28));
        assertEquals(Duration.ofHours(23), Duration.between(spring.start(), spring.end()));
        assertEquals(Instant.parse("2027-03-28T07:00:00Z"), spring.end(), "08:00 BST");
        assertEquals(Instant.parse("2027-03-28T07:30:00Z"), spring.sendFrom(), "08:30 BST");
        assertEquals(spring.end(), schedule.daily(LocalDate.of(2027, 3, 29)).start(), "nothing falls between");
        DigestSchedule.Period autumn = schedule.daily(LocalDate.of(2026, 10, 25));
        assertEquals(Duration.ofHours(25), Duration.between(autumn.start(), autumn.end()));
    }

    @Test
    void aWeeklyDigestIsSentOnSaturdayForTheWeekBefore() {
        DigestSchedule.Period week = schedule.weekly(LocalDate.of(2026, 12, 5));
        assertEquals(london(2026, 11, 28, 8, 0), week.start());
        assertEquals(london(2026, 12, 5, 8, 0), week.end());
        assertEquals("digest-weekly-2026-12-05", week.key());
        assertEquals(week, schedule.parse(week.key()).orElseThrow());
        assertTrue(schedule.parse("digest-weekly-2026-12-04").isEmpty(), "not a Saturday");
        assertTrue(schedule.parse("digest-hourly-2026-12-05").isEmpty());
        assertTrue(schedule.parse("digest-daily-2026-13-45").isEmpty());
    }

    @Test
    void whatMayBeSentIncludesTheMissedDaysAndNothingBeforeItsTime() {
        // Saturday 5 December 2026, 08:15: today's digests are not due until 08:30.
        List<String> early = schedule.sendable(london(2026, 12, 5, 8, 15), 2, 1).stream()
                .map(DigestSchedule.Period::key).toList();
        assertEquals(List.of("digest-weekly-2026-11-28", "digest-daily-2026-12-03", "digest-daily-2026-12-04"), early);
        List<String> later = schedule.sendable(london(2026, 12, 5, 9, 0), 2, 1).stream()
                .map(DigestSchedule.Period::key).toList();
        assertEquals(List.of("digest-weekly-2026-11-28", "digest-daily-2026-12-03", "digest-daily-2026-12-04",
                "digest-weekly-2026-12-05", "digest-daily-2026-12-05"), later);
    }
}
