package newsroom.local;

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

    /** One open shard that always has exactly one new record: a steady trickle of publishes. */
    private static final class Trickle implements DynamoDbStreamsClient {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicLong sequence = new AtomicLong(100);

        @Override
        public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
            return DescribeStreamResponse.builder().streamDescription(StreamDescription.builder()
                    .streamArn(STREAM).shards(Shard.builder().shardId("shard-1").build()).build()).build();
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return GetShardIteratorResponse.builder().shardIterator("iterator").build();
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            reads.incrementAndGet();
            String number = Long.toString(sequence.incrementAndGet());
            Record record = Record.builder().eventID(number).eventName("INSERT").dynamodb(StreamRecord.builder()
                    .sequenceNumber(number).keys(Map.of("pk", AttributeValue.fromS("RELEASE#" + number)))
                    .streamViewType(StreamViewType.NEW_IMAGE).sizeBytes(10L).build()).build();
            return GetRecordsResponse.builder().records(record).nextShardIterator("iterator").build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
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
