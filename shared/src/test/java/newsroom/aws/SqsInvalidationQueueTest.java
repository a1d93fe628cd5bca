package newsroom.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The queue's messages: exact paths only, each message within SQS's size limit. Unit. */
class SqsInvalidationQueueTest {

    @Test
    void manyOrLongPathsAreSplitIntoMessagesSqsTakes() {
        List<String> many = IntStream.range(0, 2500).mapToObj(i -> "/news/2026/11/r" + i + "/index.html").toList();
        List<List<String>> parts = SqsInvalidationQueue.parts(many);
        assertEquals(List.of(1000, 1000, 500), parts.stream().map(List::size).toList());
        assertEquals(many, parts.stream().flatMap(List::stream).toList(), "every path once, in order");

        String longPath = "/news/" + "x".repeat(900) + "/index.html";
        List<List<String>> longParts = SqsInvalidationQueue.parts(IntStream.range(0, 600).mapToObj(i -> longPath + i).toList());
        for (List<String> part : longParts) {
            int bytes = part.stream().mapToInt(p -> p.getBytes(StandardCharsets.UTF_8).length + 4).sum();
            assertTrue(bytes <= SqsInvalidationQueue.MAX_MESSAGE_BYTES, "within the limit: " + bytes);
        }
        assertEquals(600, longParts.stream().mapToInt(List::size).sum());
    }

    @Test
    void aWildcardIsRefusedBeforeAnythingIsQueued() {
        SqsInvalidationQueue queue = new SqsInvalidationQueue(null, "https://sqs.example/q");
        assertThrows(IllegalArgumentException.class, () -> queue.invalidate(List.of("/news/index.html", "/*"), "r"));
        assertThrows(IllegalArgumentException.class, () -> queue.invalidate(List.of("news/index.html"), "r"));
    }

    @Test
    void aMessageReadsBackAsItWasWritten() {
        var read = InvalidationMessage.read(InvalidationMessage.write(new InvalidationMessage("r1-v2", List.of("/a", "/b"))));
        assertEquals("r1-v2", read.reference());
        assertEquals(List.of("/a", "/b"), read.paths());
    }
}
