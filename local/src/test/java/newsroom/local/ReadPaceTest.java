package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a consumer may read a shard again: as Lambda's mapping, four times a second unless more is waiting. */
class ReadPaceTest {
    private static final long MS = 1_000_000L;

    @Test
    void aShardNeverReadMayBeReadAtOnce() {
        assertTrue(new ReadPace().mayRead("shard-1", 0));
    }

    @Test
    void afterAReadThatWasNotFullTheShardWaitsAQuarterOfASecond() {
        ReadPace pace = new ReadPace();
        pace.read("shard-1", 1_000 * MS, false);

        assertFalse(pace.mayRead("shard-1", 1_000 * MS));
        assertFalse(pace.mayRead("shard-1", 1_249 * MS));
        assertTrue(pace.mayRead("shard-1", 1_250 * MS));
        assertTrue(pace.mayRead("shard-2", 1_001 * MS), "each shard has its own pace");
    }

    @Test
    void afterAFullReadTheShardIsReadAgainAtOnce() {
        ReadPace pace = new ReadPace();
        pace.read("shard-1", 1_000 * MS, true);
        assertTrue(pace.mayRead("shard-1", 1_001 * MS), "more is waiting");

        pace.read("shard-1", 1_002 * MS, false);
        assertFalse(pace.mayRead("shard-1", 1_003 * MS), "caught up: back to the pace");
    }

    @Test
    void aForgottenShardStartsAfresh() {
        ReadPace pace = new ReadPace();
        pace.read("shard-1", 1_000 * MS, false);
        pace.forget("shard-1");
        assertTrue(pace.mayRead("shard-1", 1_001 * MS));
    }
}
