package newsroom.local;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How often one consumer reads each shard of a stream, as Lambda's event source mapping does: at
 * most four times a second, and again at once only when the last read came back full (more is
 * waiting). Reading as often as records arrived cost the local emulator about one request per
 * publish in a burst, and handed the handlers batches of one or two records, which coalesce
 * nothing. Times are {@link System#nanoTime} readings, passed in so that the rule can be tested.
 */
final class ReadPace {
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** When each shard was last read. */
    private final Map<String, Long> lastRead = new HashMap<>();
    /** Shards whose last read came back full. */
    private final Set<String> full = new HashSet<>();

    boolean mayRead(String shardId, long now) {
        Long last = lastRead.get(shardId);
        return last == null || full.contains(shardId) || now - last >= INTERVAL_NANOS;
    }

    void read(String shardId, long now, boolean wasFull) {
        lastRead.put(shardId, now);
        if (wasFull) {
            full.add(shardId);
        } else {
            full.remove(shardId);
        }
    }

    void forget(String shardId) {
        lastRead.remove(shardId);
        full.remove(shardId);
    }
}
