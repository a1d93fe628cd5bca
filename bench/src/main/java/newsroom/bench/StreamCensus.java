package newsroom.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What went through the table's stream since a moment, by the kind of item ({@code entity}): the
 * records and the bytes of their images. Every stream consumer reads every record, whatever its
 * filter keeps, so these are what the stream costs a publish. Read once, after the benchmark, by
 * a thread the request count leaves out.
 */
final class StreamCensus {
    record Kind(long records, long bytes) {
        Kind plus(long size) {
            return new Kind(records + 1, bytes + size);
        }
    }

    private StreamCensus() {
    }

    static Map<String, Kind> since(DynamoDbStreamsClient streams, String streamArn, Instant from) {
        Map<String, Kind> kinds = new TreeMap<>();
        var shards = streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards();
        for (var shard : shards) {
            String iterator = streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String at = iterator;
                var read = streams.getRecords(g -> g.shardIterator(at).limit(1000));
                List<Record> records = read.records();
                for (Record r : records) {
                    if (r.dynamodb().approximateCreationDateTime() != null
                            && r.dynamodb().approximateCreationDateTime().isBefore(from.minusSeconds(1))) {
                        continue;
                    }
                    Map<String, AttributeValue> image = r.dynamodb().hasNewImage() ? r.dynamodb().newImage()
                            : r.dynamodb().oldImage();
                    AttributeValue entity = image == null ? null : image.get("entity");
                    String kind = (entity == null ? "(" + prefix(r.dynamodb().keys()) + ")" : entity.s())
                            + " " + r.eventNameAsString();
                    // DynamoDB's own SizeBytes; the emulator leaves it 0, so the images are sized here.
                    long size = size(r.dynamodb().newImage()) + size(r.dynamodb().oldImage());
                    kinds.merge(kind, new Kind(1, size), (a, b) -> a.plus(size));
                }
                if (records.isEmpty()) {
                    break;
                }
                iterator = read.nextShardIterator();
            }
        }
        return kinds;
    }

    /** An item without an entity: the kind of its partition (the key up to its first '#'). */
    private static String prefix(Map<String, AttributeValue> keys) {
        AttributeValue pk = keys == null ? null : keys.get("PK");
        String key = pk == null || pk.s() == null ? "?" : pk.s();
        int hash = key.indexOf('#');
        return hash < 0 ? key : key.substring(0, hash);
    }

    /** An item's size by DynamoDB's rule: each attribute's name and value (numbers roughly). */
    static long size(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        for (var e : item.entrySet()) {
            size += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return size;
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().length() / 2 + 1;
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasM()) {
            return 3 + size(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(StreamCensus::size).sum() + value.l().size();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        }
        return 1;
    }
}
