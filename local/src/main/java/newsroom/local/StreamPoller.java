package newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.aws.StreamImages;
import newsroom.log.JsonLog;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's event source mapping does for a DynamoDB stream, for one function: reads each shard
 * through the Streams API, hands batches to the handler as a {@link DynamodbEvent}, and on a
 * reported failure retries from the failed record (up to a limit, then moves on, as
 * {@code MaximumRetryAttempts} does).
 */
final class StreamPoller implements Runnable {
    private static final JsonLog LOG = JsonLog.of(StreamPoller.class);
    static final int BATCH_SIZE = 100;
    static final int MAX_RETRIES = 3;

    private final String name;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final Map<String, String> iterators = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    /** Closed shards read to their end. */
    private final Set<String> finished = new HashSet<>();
    private volatile boolean running = true;

    StreamPoller(String name, DynamoDbStreamsClient streams, String streamArn, String region,
                 RequestHandler<DynamodbEvent, StreamsEventResponse> handler) {
        this.name = name;
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
        this.handler = handler;
    }

    void stop() {
        running = false;
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

    /** New shards start at their beginning; a shard already being read keeps its place. */
    private void discoverShards() {
        List<Shard> shards = streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards();
        for (Shard shard : shards) {
            if (!iterators.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
                iterators.put(shard.shardId(), streams.getShardIterator(g -> g.streamArn(streamArn)
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
        }
    }

    /** Returns whether records were handled. */
    private boolean pollShard(String shardId) throws InterruptedException {
        String iterator = iterators.get(shardId);
        var response = streams.getRecords(g -> g.shardIterator(iterator).limit(BATCH_SIZE));
        List<Record> records = response.records();
        if (records.isEmpty()) {
            advance(shardId, response.nextShardIterator());
            return false;
        }
        StreamsEventResponse result = handler.handleRequest(toEvent(records), null);
        List<StreamsEventResponse.BatchItemFailure> failures =
                result == null || result.getBatchItemFailures() == null ? List.of() : result.getBatchItemFailures();
        if (failures.isEmpty()) {
            attempts.remove(shardId);
            advance(shardId, response.nextShardIterator());
            return true;
        }
        String failedSequence = failures.get(0).getItemIdentifier();
        int attempt = attempts.merge(shardId, 1, Integer::sum);
        if (attempt > MAX_RETRIES) {
            LOG.warn("giving up on stream records after retries", "consumer", name, "sequenceNumber", failedSequence);
            attempts.remove(shardId);
            advance(shardId, response.nextShardIterator());
            return true;
        }
        Thread.sleep(200L * attempt);
        iterators.put(shardId, streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(failedSequence))
                .shardIterator());
        return true;
    }

    private void advance(String shardId, String next) {
        if (next == null) {
            iterators.remove(shardId);
            finished.add(shardId);
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
