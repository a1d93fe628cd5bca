package newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.aws.StreamImages;
import newsroom.log.JsonLog;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's event source mapping does for a DynamoDB stream, for one function: reads each shard
 * through the Streams API, hands batches to the handler as a {@link DynamodbEvent}, and on a
 * reported failure retries from the failed record (up to a limit, then moves on, as
 * {@code MaximumRetryAttempts} does). With a {@code ParallelizationFactor} above one, the records
 * are split by item key across that many handler instances running at once, each with batches of
 * its own, as Lambda does (one key's records stay in order, on one instance). Where it got to is
 * kept in {@link StreamCheckpoints}, so a restart resumes there.
 */
final class StreamPoller implements Runnable {
    private static final JsonLog LOG = JsonLog.of(StreamPoller.class);
    static final int BATCH_SIZE = 100;
    /** As many as the Streams API gives at once: filtered first, then handed over in batches. */
    static final int READ_SIZE = 1000;
    static final int MAX_RETRIES = 3;

    private final String name;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final List<RequestHandler<DynamodbEvent, StreamsEventResponse>> handlers;
    private final ExecutorService instances;
    private final StreamCheckpoints checkpoints;
    private final java.util.function.Predicate<Record> filter;
    private final AtomicLong handled = new AtomicLong();
    /** Each shard being read: the iterator to read it with next, or {@link #MINT} to make one from its place. */
    private final Map<String, String> iterators = new HashMap<>();
    /** Each shard's place: the last record handed over (or checkpointed), null at the shard's start. */
    private final Map<String, String> positions = new HashMap<>();
    /** Shards whose next read is a retry from a failed record: from the stream itself, at that record. */
    private final Set<String> retrying = new HashSet<>();
    private final StreamTail tail;
    private final Map<String, Integer> attempts = new HashMap<>();
    /** Closed shards read to their end. */
    private final Set<String> finished = new HashSet<>();
    private final ReadPace pace = new ReadPace();
    private volatile boolean running = true;
    private static final String MINT = "";

    /** One handler instance per parallel batch: {@code handlers.size()} is the parallelization factor. */
    StreamPoller(String name, DynamoDbStreamsClient streams, String streamArn, String region,
                 List<? extends RequestHandler<DynamodbEvent, StreamsEventResponse>> handlers,
                 StreamCheckpoints checkpoints) {
        this(name, streams, streamArn, region, handlers, checkpoints, record -> true, new StreamTail());
    }

    /**
     * With the mapping's filter: only matching records reach the handlers (Lambda's FilterCriteria).
     * {@code tail} is shared by the consumers of one stream.
     */
    StreamPoller(String name, DynamoDbStreamsClient streams, String streamArn, String region,
                 List<? extends RequestHandler<DynamodbEvent, StreamsEventResponse>> handlers,
                 StreamCheckpoints checkpoints, java.util.function.Predicate<Record> filter, StreamTail tail) {
        this.filter = filter;
        this.tail = tail;
        this.name = name;
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
        this.handlers = List.copyOf(handlers);
        this.checkpoints = checkpoints;
        this.instances = Executors.newFixedThreadPool(this.handlers.size(), runnable -> {
            Thread thread = new Thread(runnable, "local-" + name + "-instance");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stop() {
        running = false;
        instances.shutdownNow();
    }

    int instances() {
        return handlers.size();
    }

    /** How many records the handlers have been given (repeats included). */
    long recordsHandled() {
        return handled.get();
    }

    @Override
    public void run() {
        long lastDescribe = 0;
        while (running) {
            try {
                if (System.currentTimeMillis() - lastDescribe > 2_000) {
                    discoverShards();
                    lastDescribe = System.currentTimeMillis();
                }
                boolean busy = false;
                for (String shardId : List.copyOf(iterators.keySet())) {
                    busy |= pollShard(shardId);
                }
                if (!busy) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("stream poll failed", e, "consumer", name);
                    sleepQuietly(500);
                }
            }
        }
    }

    /**
     * A shard starts where this consumer left it (after its last handled record), or at its
     * beginning if it never read it; a shard already being read keeps its place.
     */
    private void discoverShards() {
        List<Shard> shards = streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards();
        for (Shard shard : shards) {
            String shardId = shard.shardId();
            if (iterators.containsKey(shardId) || finished.contains(shardId)) {
                continue;
            }
            Optional<String> position = checkpoints.position(streamArn, name, shardId);
            if (position.isPresent() && position.get().equals(StreamCheckpoints.END)) {
                finished.add(shardId);
                continue;
            }
            String iterator = null;
            if (position.isPresent()) {
                try {
                    iterator = iteratorAfter(shardId, position.get());
                    positions.put(shardId, position.get());
                } catch (RuntimeException trimmed) {
                    LOG.warn("stream position no longer readable; reading the shard from its start",
                            "consumer", name, "shardId", shardId);
                }
            }
            if (iterator == null) {
                iterator = iteratorAfter(shardId, null);
                positions.put(shardId, null);
            }
            iterators.put(shardId, iterator);
        }
    }

    /** An iterator after {@code position}, or at the shard's start (its trim horizon) for null. */
    private String iteratorAfter(String shardId, String position) {
        return position == null
                ? streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()
                : streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(position))
                        .shardIterator();
    }

    /**
     * The next records of the shard and the iterator after them (null once a closed shard is read
     * to its end, {@link #MINT} when only the place is known): from the shared tail when it holds
     * them, else from the stream, which the tail then keeps for the other consumers. Null when the
     * shard was read from the stream too recently to read it again yet ({@link ReadPace}); a retry
     * is not held back (it waited already).
     */
    private StreamTail.Page next(String shardId) {
        String position = positions.get(shardId);
        if (retrying.remove(shardId)) {
            return read(shardId, position, true);
        }
        Optional<StreamTail.Page> kept = kept(shardId, position);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (!pace.mayRead(shardId, System.nanoTime())) {
            return null;
        }
        // While this one waited for another consumer's read, that one may have read what follows its place.
        return tail.oneReadAtATime(shardId, () -> kept(shardId, position).orElseGet(() -> read(shardId, position, false)));
    }

    /** What the shared tail holds after this place, with {@link #MINT} where it has no iterator after it. */
    private Optional<StreamTail.Page> kept(String shardId, String position) {
        return tail.after(shardId, position, READ_SIZE).map(page -> new StreamTail.Page(page.records(),
                page.nextIterator() == null ? MINT : page.nextIterator()));
    }

    /** The shard's next records from the stream itself (the tail keeps them for the others, unless a retry's). */
    private StreamTail.Page read(String shardId, String position, boolean retry) {
        String iterator = iterators.get(shardId);
        if (MINT.equals(iterator)) {
            iterator = iteratorAfter(shardId, position);
        }
        GetRecordsResponse response;
        try {
            String from = iterator;
            response = streams.getRecords(g -> g.shardIterator(from).limit(READ_SIZE));
        } catch (ExpiredIteratorException expired) {
            // Iterators last 15 minutes; a place does not. (A retry's place is the failed record.)
            String from = iteratorAfter(shardId, position);
            response = streams.getRecords(g -> g.shardIterator(from).limit(READ_SIZE));
        }
        pace.read(shardId, System.nanoTime(), response.records().size() >= READ_SIZE);
        if (!retry) {
            tail.read(shardId, position, response.records(), response.nextShardIterator());
        }
        return new StreamTail.Page(response.records(), response.nextShardIterator());
    }

    /** Returns whether records were handled. */
    private boolean pollShard(String shardId) throws InterruptedException {
        StreamTail.Page page = next(shardId);
        if (page == null) {
            return false;
        }
        List<Record> read = page.records();
        if (read.isEmpty()) {
            advance(shardId, page.nextIterator());
            return false;
        }
        List<Record> records = read.stream().filter(filter).toList();
        Optional<String> failed = records.isEmpty() ? Optional.empty() : handle(records);
        if (failed.isEmpty()) {
            attempts.remove(shardId);
            String last = read.get(read.size() - 1).dynamodb().sequenceNumber();
            if (records.isEmpty()) {
                checkpoints.passed(streamArn, name, shardId, last);
            } else {
                checkpoints.save(streamArn, name, shardId, last);
            }
            positions.put(shardId, last);
            advance(shardId, page.nextIterator());
            return true;
        }
        String failedSequence = failed.get();
        int attempt = attempts.merge(shardId, 1, Integer::sum);
        if (attempt > MAX_RETRIES) {
            LOG.warn("giving up on stream records after retries", "consumer", name, "sequenceNumber", failedSequence);
            attempts.remove(shardId);
            checkpoints.save(streamArn, name, shardId, read.get(read.size() - 1).dynamodb().sequenceNumber());
            positions.put(shardId, read.get(read.size() - 1).dynamodb().sequenceNumber());
            advance(shardId, page.nextIterator());
            return true;
        }
        Thread.sleep(200L * attempt);
        iterators.put(shardId, streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(failedSequence))
                .shardIterator());
        retrying.add(shardId);
        return true;
    }

    /**
     * Gives the records read to the handlers in batches of at most {@link #BATCH_SIZE}: all of them
     * to the one, one batch after another; or, with a parallelization factor, split by item key
     * across the instances, each taking its own keys' records in batches of up to that size, one
     * after another, while the others do the same (Lambda keeps a batch in flight per instance,
     * each up to the mapping's BatchSize; splitting every hundred four ways instead made four times
     * the batches, each with a batch's fixed reads and writes). An instance stops at its first
     * failure, so no record of a key is handled before an earlier one of it. Returns the first
     * record to retry from (the earliest any instance reported), if any; records of other keys
     * after it are handed over again then, as Lambda's retries do.
     */
    private Optional<String> handle(List<Record> records) throws InterruptedException {
        if (handlers.size() == 1) {
            return inBatches(handlers.get(0), records);
        }
        Map<Integer, List<Record>> byInstance = new TreeMap<>();
        for (Record record : records) {
            int instance = Math.floorMod(record.dynamodb().keys().toString().hashCode(), handlers.size());
            byInstance.computeIfAbsent(instance, i -> new ArrayList<>()).add(record);
        }
        List<Future<Optional<String>>> results = new ArrayList<>();
        byInstance.forEach((instance, own) ->
                results.add(instances.submit(() -> inBatches(handlers.get(instance), own))));
        List<String> failures = new ArrayList<>();
        for (Future<Optional<String>> result : results) {
            try {
                result.get().ifPresent(failures::add);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        // Sequence numbers are decimal strings of one shard: the earliest is the shortest, then the least.
        return failures.stream().min(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()));
    }

    /** One instance's records, a batch at a time, until one fails. */
    private Optional<String> inBatches(RequestHandler<DynamodbEvent, StreamsEventResponse> handler, List<Record> records) {
        for (int from = 0; from < records.size(); from += BATCH_SIZE) {
            List<Record> batch = records.subList(from, Math.min(records.size(), from + BATCH_SIZE));
            handled.addAndGet(batch.size());
            Optional<String> failed = firstFailure(handler.handleRequest(toEvent(batch), null));
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstFailure(StreamsEventResponse result) {
        return result == null || result.getBatchItemFailures() == null || result.getBatchItemFailures().isEmpty()
                ? Optional.empty() : Optional.of(result.getBatchItemFailures().get(0).getItemIdentifier());
    }

    private void advance(String shardId, String next) {
        if (next == null) {
            iterators.remove(shardId);
            positions.remove(shardId);
            pace.forget(shardId);
            tail.closed(shardId);
            finished.add(shardId);
            checkpoints.save(streamArn, name, shardId, StreamCheckpoints.END);
        } else {
            iterators.put(shardId, next);
        }
    }

    private DynamodbEvent toEvent(List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>();
        for (Record r : records) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventSourceARN(streamArn);
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventSource("aws:dynamodb");
            record.setEventVersion("1.1");
            record.setAwsRegion(region);
            StreamRecord data = new StreamRecord();
            data.setKeys(StreamImages.toEvents(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) {
                data.setNewImage(StreamImages.toEvents(r.dynamodb().newImage()));
            }
            if (r.dynamodb().hasOldImage()) {
                data.setOldImage(StreamImages.toEvents(r.dynamodb().oldImage()));
            }
            data.setSequenceNumber(r.dynamodb().sequenceNumber());
            data.setSizeBytes(r.dynamodb().sizeBytes());
            data.setStreamViewType(StreamViewType.fromValue(r.dynamodb().streamViewTypeAsString()));
            if (r.dynamodb().approximateCreationDateTime() != null) {
                data.setApproximateCreationDateTime(Date.from(r.dynamodb().approximateCreationDateTime()));
            }
            record.setDynamodb(data);
            converted.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
