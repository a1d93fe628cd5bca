package newsroom.local.support;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A table's stream read whole, from its start, every shard: what a test checks went through it. */
public final class StreamRecords {
    private StreamRecords() {
    }

    public static List<Record> all(DynamoDbStreamsClient streams, String streamArn) {
        List<Record> records = new ArrayList<>();
        for (var shard : streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String at = iterator;
                var page = streams.getRecords(g -> g.shardIterator(at).limit(1000));
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }
}
