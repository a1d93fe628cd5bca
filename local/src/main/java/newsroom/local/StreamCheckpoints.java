package newsroom.local;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeMap;
import newsroom.json.Json;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Where each local stream consumer has got to in each shard, kept as Lambda's event source mappings
 * keep it in AWS: a restarted local runtime carries on after the last record it handled instead of
 * reading every stream from its beginning (rendering every page and queueing every email again).
 * Kept in the emulator itself (one small JSON object in the local artifacts bucket, rewritten after
 * each batch), so the positions live exactly as long as the streams they point into: a fresh
 * emulator starts with none.
 */
final class StreamCheckpoints {
    /** A shard read to its end: nothing more will come from it. */
    static final String END = "END";
    static final String KEY = "stream-positions.json";
    /** How often at most a place passed over is written ({@link #passed}). */
    static final Duration PASSED_OVER_WRITES = Duration.ofSeconds(5);

    private final S3Client s3;
    private final String bucket;
    private final TreeMap<String, String> positions;
    /** When the positions were last written ({@link System#nanoTime}). */
    private long written = System.nanoTime() - PASSED_OVER_WRITES.toNanos();

    private StreamCheckpoints(S3Client s3, String bucket, TreeMap<String, String> positions) {
        this.s3 = s3;
        this.bucket = bucket;
        this.positions = positions;
    }

    static StreamCheckpoints in(S3Client s3, String bucket) {
        TreeMap<String, String> positions = new TreeMap<>();
        try {
            positions.putAll(Json.mapper().readValue(s3.getObjectAsBytes(g -> g.bucket(bucket).key(KEY)).asUtf8String(),
                    new TypeReference<TreeMap<String, String>>() { }));
        } catch (NoSuchKeyException none) {
            // Never read yet: every shard from its start.
        } catch (IOException | RuntimeException unreadable) {
            // A damaged record only costs a re-read from the start, which every consumer tolerates.
        }
        return new StreamCheckpoints(s3, bucket, positions);
    }

    /** In memory only. */
    static StreamCheckpoints none() {
        return new StreamCheckpoints(null, null, new TreeMap<>());
    }

    synchronized Optional<String> position(String streamArn, String consumer, String shardId) {
        return Optional.ofNullable(positions.get(key(streamArn, consumer, shardId)));
    }

    /** The last sequence number handled in this shard (or {@link #END}). */
    synchronized void save(String streamArn, String consumer, String shardId, String sequenceNumber) {
        positions.put(key(streamArn, consumer, shardId), sequenceNumber);
        write();
    }

    /**
     * A place passed over with nothing handled (every record read was filtered out): kept in memory
     * at once, written at most every {@link #PASSED_OVER_WRITES}. Reading such records again after a
     * restart filters them out again, and in a burst the consumer that handles nothing (the settings
     * watcher) would otherwise rewrite this object after every read of the stream.
     */
    synchronized void passed(String streamArn, String consumer, String shardId, String sequenceNumber) {
        positions.put(key(streamArn, consumer, shardId), sequenceNumber);
        if (System.nanoTime() - written >= PASSED_OVER_WRITES.toNanos()) {
            write();
        }
    }

    private void write() {
        written = System.nanoTime();
        if (s3 != null) {
            s3.putObject(p -> p.bucket(bucket).key(KEY).contentType("application/json"),
                    RequestBody.fromString(Json.write(positions)));
        }
    }

    private static String key(String streamArn, String consumer, String shardId) {
        return streamArn + " " + consumer + " " + shardId;
    }
}
