package newsroom.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The embargo time journalists are told is never earlier than the real one. Pure. */
class EmbargoTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void aWholeMinuteIsStatedAsItIs() {
        assertEquals("24 October 2019, 00:01 BST", Embargo.describe(Instant.parse("2019-10-23T23:01:00Z"), LONDON));
    }

    @Test
    void anyPartOfAMinuteIsStatedAsTheNextMinute() {
        assertEquals("30 November 2026, 23:09 GMT", Embargo.describe(Instant.parse("2026-11-30T23:08:59Z"), LONDON));
        assertEquals("30 November 2026, 23:09 GMT",
                Embargo.describe(Instant.parse("2026-11-30T23:08:00.001Z"), LONDON));
        assertEquals("1 December 2026, 00:00 GMT", Embargo.describe(Instant.parse("2026-11-30T23:59:30Z"), LONDON));
    }
}
