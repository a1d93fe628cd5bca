package newsroom.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The moment before which a release's text must stay out of public view. */
public final class Embargo {
    private static final DateTimeFormatter HUMAN =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm zzz", Locale.UK);

    private Embargo() {
    }

    /** "24 October 2019, 00:01 BST": how a press office states an embargo, in its own zone. */
    public static String describe(Instant until, ZoneId zone) {
        return HUMAN.format(until.atZone(zone));
    }
}
