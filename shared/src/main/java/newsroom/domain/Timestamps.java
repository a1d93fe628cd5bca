package newsroom.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times are kept to the millisecond, the precision the table stores them with. */
public final class Timestamps {
    private Timestamps() {
    }

    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
