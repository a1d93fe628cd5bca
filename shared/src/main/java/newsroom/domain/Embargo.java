package newsroom.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The moment before which a release's text must stay out of public view. */
public final class Embargo {
    private static final DateTimeFormatter HUMAN =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm zzz", Locale.UK);

    private Embargo() {
    }

    /**
     * "24 October 2019, 00:01 BST": how a press office states an embargo, in its own zone. The
     * minute shown is never earlier than the embargo: 23:08:59 is stated as 23:09, or a journalist
     * could publish up to a minute early.
     */
    public static String describe(Instant until, ZoneId zone) {
        return HUMAN.format(roundedUp(until).atZone(zone));
    }

    /** The embargo at the next whole minute, or itself when it is one. */
    public static Instant roundedUp(Instant until) {
        Instant minute = until.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(until) ? until : minute.plus(1, ChronoUnit.MINUTES);
    }
}
