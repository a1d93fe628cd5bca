package newsroom.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When digests go out and what each covers, in the press office's time zone: a daily digest from
 * {@code sendAt} (08:30) covers the day to {@code cutoff} (08:00 to 08:00); a weekly one, on
 * {@code weeklyDay} (Saturday), the week to that day's cutoff. Periods are counted in local time,
 * so the day the clocks change is 23 or 25 hours long and nothing falls between two periods.
 */
public record DigestSchedule(ZoneId zone, LocalTime sendAt, LocalTime cutoff, DayOfWeek weeklyDay) {
    private static final Pattern KEY = Pattern.compile("digest-(daily|weekly)-(\\d{4}-\\d{2}-\\d{2})");

    public static DigestSchedule defaults(ZoneId zone) {
        return new DigestSchedule(zone, LocalTime.of(8, 30), LocalTime.of(8, 0), DayOfWeek.SATURDAY);
    }

    /** One digest period: what it covers (start inclusive, end exclusive) and when it may be sent. */
    public record Period(DigestFrequency frequency, LocalDate endDate, Instant start, Instant end, Instant sendFrom) {

        /** "digest-daily-2026-12-01": names the period in delivery records and queue messages. */
        public String key() {
            return "digest-" + frequency.wireName() + "-" + endDate;
        }
    }

    public Period daily(LocalDate endDate) {
        return new Period(DigestFrequency.DAILY, endDate, at(endDate.minusDays(1), cutoff), at(endDate, cutoff),
                at(endDate, sendAt));
    }

    public Period weekly(LocalDate endDate) {
        return new Period(DigestFrequency.WEEKLY, endDate, at(endDate.minusWeeks(1), cutoff), at(endDate, cutoff),
                at(endDate, sendAt));
    }

    private Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The period a key names, if it is one of ours (a weekly one only on the weekly day). */
    public Optional<Period> parse(String key) {
        Matcher m = key == null ? null : KEY.matcher(key);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(2));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        if (m.group(1).equals("daily")) {
            return Optional.of(daily(date));
        }
        return date.getDayOfWeek() == weeklyDay ? Optional.of(weekly(date)) : Optional.empty();
    }

    /**
     * The periods that may be sent at {@code now}, newest last: today's daily (once its time has
     * come) and the {@code catchUpDays} before it, and the latest weekly ones within
     * {@code catchUpWeeks}: a run that was missed is caught up by the next.
     */
    public List<Period> sendable(Instant now, int catchUpDays, int catchUpWeeks) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<Period> periods = new ArrayList<>();
        for (int back = catchUpWeeks * 7 + 6; back >= 0; back--) {
            LocalDate date = today.minusDays(back);
            if (date.getDayOfWeek() == weeklyDay && back < (catchUpWeeks + 1) * 7) {
                Period weekly = weekly(date);
                if (!weekly.sendFrom().isAfter(now)) {
                    periods.add(weekly);
                }
            }
            if (back <= catchUpDays) {
                Period daily = daily(date);
                if (!daily.sendFrom().isAfter(now)) {
                    periods.add(daily);
                }
            }
        }
        return periods;
    }
}
