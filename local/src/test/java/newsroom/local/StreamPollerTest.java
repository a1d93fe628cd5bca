package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** How often the local runtime reads a stream that a record trickles into: at Lambda's pace, not as fast as it can. */
class StreamPollerTest {
    private static final String STREAM = "arn:aws:dynamodb:eu-west-2:000000000000:table/t/stream/1";

    /** A stream of one open shard; what it reads is each fake's own. */
    private abstract static class OneShard implements DynamoDbStreamsClient {
        @Override
        public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
            return DescribeStreamResponse.builder().streamDescription(StreamDescription.builder()
                    .streamArn(STREAM).shards(Shard.builder().shardId("shard-1").build()).build()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    /** A release's insert, numbered. */
    private static Record record(String number) {
        return Record.builder().eventID(number).eventName("INSERT").dynamodb(StreamRecord.builder()
                .sequenceNumber(number).keys(Map.of("pk", AttributeValue.fromS("RELEASE#" + number)))
                .streamViewType(StreamViewType.NEW_IMAGE).sizeBytes(10L).build()).build();
    }

    /** One open shard that always has exactly one new record: a steady trickle of publishes. */
    private static final class Trickle extends OneShard {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicLong sequence = new AtomicLong(100);

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return GetShardIteratorResponse.builder().shardIterator("iterator").build();
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            reads.incrementAndGet();
            String number = Long.toString(sequence.incrementAndGet());
            Record record = record(number);
            return GetRecordsResponse.builder().records(record).nextShardIterator("iterator").build();
        }
    }

    /**
     * One open shard whose iterators are places: every reader reads what follows its own, up to its
     * limit, from the records the shard holds at that moment.
     */
    private abstract static class Places extends OneShard {
        /** The records the shard holds now, oldest first. */
        abstract List<Record> held();

        /** Called before each read is answered. */
        void beforeAnswering() {
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return GetShardIteratorResponse.builder().shardIterator(request.sequenceNumber() == null ? "after:"
                    : "after:" + request.sequenceNumber()).build();
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            String after = request.shardIterator().substring("after:".length());
            beforeAnswering();
            List<Record> answer = held().stream().filter(r -> after.isEmpty()
                    || Long.parseLong(r.dynamodb().sequenceNumber()) > Long.parseLong(after)).limit(request.limit()).toList();
            answered(answer.size());
            String next = answer.isEmpty() ? request.shardIterator()
                    : "after:" + answer.get(answer.size() - 1).dynamodb().sequenceNumber();
            return GetRecordsResponse.builder().records(answer).nextShardIterator(next).build();
        }

        /** Called with the number of records each read answered. */
        void answered(int count) {
        }
    }

    /**
     * One open shard that records arrive in, every 20 ms, and that answers as slowly as an emulator
     * in a burst (50 ms a read).
     */
    private static final class Arriving extends Places {
        final java.util.List<Record> records = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final AtomicInteger recordsAnswered = new AtomicInteger();

        void add(int count) {
            for (int n = 1; n <= count; n++) {
                String number = Long.toString(1000 + records.size());
                records.add(record(number));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        List<Record> held() {
            synchronized (records) {
                return List.copyOf(records);
            }
        }

        @Override
        void beforeAnswering() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        void answered(int count) {
            recordsAnswered.addAndGet(count);
        }
    }

    /**
     * The three consumers of the table's stream at its head poll at about the same moments; one reads
     * the new records from the emulator and the others take them from the shared tail, rather than
     * each reading them while the emulator still answers the first.
     */
    @Test
    void consumersAtTheHeadReadEachRecordFromTheStreamAboutOnce() throws InterruptedException {
        Arriving streams = new Arriving();
        StreamTail tail = new StreamTail();
        List<AtomicInteger> handled = List.of(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        List<StreamPoller> pollers = new java.util.ArrayList<>();
        List<Thread> readers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AtomicInteger count = handled.get(i);
            StreamPoller poller = new StreamPoller("consumer-" + i, streams, STREAM, "eu-west-2",
                    List.of((event, context) -> {
                        count.addAndGet(event.getRecords().size());
                        return new StreamsEventResponse();
                    }), StreamCheckpoints.none(), record -> true, tail);
            pollers.add(poller);
            Thread reader = new Thread(poller, "test-stream-reader-" + i);
            readers.add(reader);
            reader.start();
        }
        streams.add(100);
        long until = System.currentTimeMillis() + 5_000;
        while (handled.stream().anyMatch(h -> h.get() < 100) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        pollers.forEach(StreamPoller::stop);
        for (Thread reader : readers) {
            reader.join(5_000);
        }

        handled.forEach(h -> assertEquals(100, h.get(), "every consumer handed every record over once"));
        // Read at once by each, the stream answered 260-300 records here.
        assertTrue(streams.recordsAnswered.get() <= 130, "records read from the stream: " + streams.recordsAnswered.get());
    }

    /** One open shard that holds these records from the start, and gets no more. */
    private static final class Backlog extends Places {
        final List<Record> records;

        Backlog(List<Record> records) {
            this.records = records;
        }

        @Override
        List<Record> held() {
            return records;
        }
    }

    /**
     * With a parallelization factor of four, a backlog of 400 records of 40 releases is handed to
     * the four instances in batches of up to a hundred each, as Lambda does, not a hundred split four
     * ways (sixteen batches of about 25, each paying a batch's fixed reads and writes); and each
     * release's records still reach one instance, in order.
     */
    @Test
    void parallelInstancesEachTakeBatchesOfUpToTheBatchSize() throws InterruptedException {
        List<Record> records = new java.util.ArrayList<>();
        for (int n = 0; n < 400; n++) {
            records.add(Record.builder().eventID("e" + n).eventName("MODIFY").dynamodb(StreamRecord.builder()
                    .sequenceNumber(Long.toString(1000 + n)).keys(Map.of("pk", AttributeValue.fromS("RELEASE#" + n % 40)))
                    .streamViewType(StreamViewType.NEW_IMAGE).sizeBytes(10L).build()).build());
        }
        Backlog streams = new Backlog(records);
        List<Integer> batchSizes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Map<String, List<Long>> byKey = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Integer> instanceOfKey = new java.util.concurrent.ConcurrentHashMap<>();
        List<com.amazonaws.services.lambda.runtime.RequestHandler<com.amazonaws.services.lambda.runtime.events.DynamodbEvent,
                StreamsEventResponse>> instances = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int instance = i;
            instances.add((event, context) -> {
                batchSizes.add(event.getRecords().size());
                event.getRecords().forEach(r -> {
                    String key = r.getDynamodb().getKeys().get("pk").getS();
                    byKey.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                            .add(Long.parseLong(r.getDynamodb().getSequenceNumber()));
                    assertEquals(instance, instanceOfKey.computeIfAbsent(key, k -> instance), "one instance a release");
                });
                return new StreamsEventResponse();
            });
        }
        StreamPoller poller = new StreamPoller("site-publisher", streams, STREAM, "eu-west-2", instances,
                StreamCheckpoints.none());
        Thread reader = new Thread(poller, "test-stream-reader");
        reader.start();
        long until = System.currentTimeMillis() + 5_000;
        while (poller.recordsHandled() < 400 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        poller.stop();
        reader.join(5_000);

        assertEquals(400, batchSizes.stream().mapToInt(Integer::intValue).sum(), "every record handed over once");
        assertTrue(batchSizes.stream().allMatch(size -> size <= StreamPoller.BATCH_SIZE), "batches: " + batchSizes);
        // 40 releases over four instances: at most 100 records, or a little more, each.
        assertTrue(batchSizes.size() <= 8, "batches: " + batchSizes);
        byKey.forEach((key, sequence) -> assertEquals(sequence.stream().sorted().toList(), sequence, key + " in order"));
    }

    @Test
    void aShardWithRecordsArrivingIsReadAtMostFourTimesASecond() throws InterruptedException {
        Trickle streams = new Trickle();
        AtomicInteger handled = new AtomicInteger();
        StreamPoller poller = new StreamPoller("site-publisher", streams, STREAM, "eu-west-2",
                List.of((event, context) -> {
                    handled.addAndGet(event.getRecords().size());
                    return new StreamsEventResponse();
                }), StreamCheckpoints.none());
        Thread reader = new Thread(poller, "test-stream-reader");
        reader.start();
        Thread.sleep(2_000);
        poller.stop();
        reader.join(5_000);

        // Unpaced, this loop read the shard as fast as the fake answered: thousands of times.
        assertTrue(streams.reads.get() <= 2 * 4 + 2, "reads in two seconds: " + streams.reads.get());
        assertTrue(handled.get() >= 1, "the records read were handed over");
    }
}
