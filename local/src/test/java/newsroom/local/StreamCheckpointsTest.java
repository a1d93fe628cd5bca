package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** When the positions object is rewritten: after each handled batch, but not after every read passed over. */
class StreamCheckpointsTest {
    private static final String STREAM = "arn:aws:dynamodb:eu-west-2:000000000000:table/t/stream/1";

    /** Only what the checkpoints call: the writes of their object, kept in order. */
    private static final class Writes implements S3Client {
        final List<String> bodies = new ArrayList<>();

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            try (InputStream in = body.contentStreamProvider().newStream()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return PutObjectResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aHandledBatchIsWrittenAtOnceAndAReadPassedOverOnlyNowAndThen() {
        Writes s3 = new Writes();
        StreamCheckpoints checkpoints = StreamCheckpoints.in(s3, "artifacts");

        checkpoints.passed(STREAM, "site-rebuilder", "shard-1", "100");
        assertEquals(1, s3.bodies.size(), "the first place passed over is written");

        checkpoints.save(STREAM, "site-publisher", "shard-1", "200");
        assertEquals(2, s3.bodies.size(), "a handled batch is written");

        checkpoints.passed(STREAM, "site-rebuilder", "shard-1", "300");
        checkpoints.passed(STREAM, "site-rebuilder", "shard-1", "400");
        assertEquals(2, s3.bodies.size(), "reads passed over just after a write are not");
        assertEquals(Optional.of("400"), checkpoints.position(STREAM, "site-rebuilder", "shard-1"),
                "though the place is kept in memory");

        checkpoints.save(STREAM, "site-publisher", "shard-1", "500");
        assertEquals(3, s3.bodies.size());
        assertTrue(s3.bodies.get(2).contains("\"400\""), "the next write carries the place passed over");
    }
}
