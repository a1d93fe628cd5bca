package newsroom.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The newest records read from each shard of one stream, shared by the local runtime's consumers
 * of it. In AWS each event source mapping reads the stream on its own, at AWS's cost; here all of
 * them read through the one emulator process, and in a burst of publishes the three of them were
 * reading about 1,300 records a second each, 96 in 100 of which each one then filtered out. Now the
 * consumer ahead reads from the emulator and the others follow from memory, while they are within
 * what is kept. Each still keeps its own place, checkpoints and retries ({@link StreamPoller}).
 *
 * <p>Only a contiguous run is kept per shard: the records read after a known place, in order, with
 * the iterator that continues after the last of them. A read that does not continue the run
 * replaces it.
 */
final class StreamTail {
    /** Records kept per shard: a few seconds of a burst, a bounded amount of memory. */
    static final int KEEP = 20_000;

    /** What a consumer gets from the tail: records in order, and the iterator after them if known. */
    record Page(List<Record> records, String nextIterator) {
    }

    private static final class Run {
        /** The place before the first record kept: a sequence number, or null for the shard's start. */
        String before;
        final List<Record> records = new ArrayList<>();
        /** Sequence number → its index in records. */
        final Map<String, Integer> index = new HashMap<>();
        /** The iterator after the last record kept, as the read that brought it returned it. */
        String nextIterator;

        String last() {
            return records.isEmpty() ? before : records.get(records.size() - 1).dynamodb().sequenceNumber();
        }
    }

    private final Map<String, Run> runs = new HashMap<>();
    /** Each shard's read from the stream, one at a time. */
    private final Map<String, ReentrantLock> readers = new ConcurrentHashMap<>();

    /**
     * Runs a consumer's read of the shard from the stream while no other consumer's read of it is
     * under way. The consumers at the head poll at about the same moments, and each read the same
     * new records from the emulator while it was still answering the first (in a burst the stream
     * was read three times over); the one that waited finds here what the other read.
     */
    <T> T oneReadAtATime(String shardId, Supplier<T> read) {
        ReentrantLock reader = readers.computeIfAbsent(shardId, s -> new ReentrantLock());
        reader.lock();
        try {
            return read.get();
        } finally {
            reader.unlock();
        }
    }

    /**
     * Up to {@code limit} records after {@code position} (the last record a consumer has, or null
     * at the shard's start), when the tail holds what follows it; empty when it does not, or when
     * it has nothing after it yet (the consumer then reads the stream itself).
     */
    synchronized Optional<Page> after(String shardId, String position, int limit) {
        Run run = runs.get(shardId);
        if (run == null || run.records.isEmpty()) {
            return Optional.empty();
        }
        int from;
        if (java.util.Objects.equals(position, run.before)) {
            from = 0;
        } else if (position != null && run.index.containsKey(position)) {
            from = run.index.get(position) + 1;
        } else {
            return Optional.empty();
        }
        if (from >= run.records.size()) {
            return Optional.empty();
        }
        int to = Math.min(run.records.size(), from + limit);
        return Optional.of(new Page(List.copyOf(run.records.subList(from, to)),
                to == run.records.size() ? run.nextIterator : null));
    }

    /**
     * What a consumer read from the stream itself, after {@code position}: appended when it
     * continues the run; else the run starts again from it if it reaches past the run's end, and
     * it is not kept if it does not (a consumer far behind, which would otherwise take the run from
     * the ones at the head, and they then the run from it, each reading every record itself: in a
     * burst the stream's records were read twice over). An empty read at the run's end only
     * refreshes the iterator (iterators expire).
     */
    synchronized void read(String shardId, String position, List<Record> records, String nextIterator) {
        Run run = runs.get(shardId);
        boolean continues = run != null && java.util.Objects.equals(position, run.last());
        if (records.isEmpty()) {
            if (continues) {
                run.nextIterator = nextIterator;
            }
            return;
        }
        if (!continues) {
            if (run != null && !run.records.isEmpty()
                    && !after(records.get(records.size() - 1).dynamodb().sequenceNumber(), run.last())) {
                return; // behind the run: the run stays with the consumers at the head
            }
            run = new Run();
            run.before = position;
            runs.put(shardId, run);
        }
        for (Record record : records) {
            run.index.put(record.dynamodb().sequenceNumber(), run.records.size());
            run.records.add(record);
        }
        run.nextIterator = nextIterator;
        if (run.records.size() > KEEP) {
            trim(run);
        }
    }

    /** Sequence numbers of one shard are decimal strings: the later is the longer, then the greater. */
    private static boolean after(String sequence, String than) {
        return sequence.length() != than.length() ? sequence.length() > than.length() : sequence.compareTo(than) > 0;
    }

    /** Keeps the newer half: indexes are rebuilt, which a run this size makes rare. */
    private static void trim(Run run) {
        int drop = run.records.size() - KEEP / 2;
        run.before = run.records.get(drop - 1).dynamodb().sequenceNumber();
        List<Record> kept = new ArrayList<>(run.records.subList(drop, run.records.size()));
        run.records.clear();
        run.index.clear();
        for (Record record : kept) {
            run.index.put(record.dynamodb().sequenceNumber(), run.records.size());
            run.records.add(record);
        }
    }

    /** A shard read to its end: nothing more of it is kept. */
    synchronized void closed(String shardId) {
        runs.remove(shardId);
    }
}
