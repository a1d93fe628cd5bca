package newsroom.invalidator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import newsroom.aws.InvalidationMessage;
import newsroom.fakes.RecordingCdn;
import newsroom.service.port.Cdn;
import org.junit.jupiter.api.Test;

/** The handler with a recording CDN: batches merged, failures reported per message. Unit. */
class CdnInvalidatorHandlerTest {

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        return message;
    }

    private static SQSEvent.SQSMessage invalidation(String id, String reference, String... paths) {
        return message(id, InvalidationMessage.write(new InvalidationMessage(reference, List.of(paths))));
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void aBatchOfChangesIsOneInvalidation() {
        RecordingCdn cdn = new RecordingCdn();
        SQSBatchResponse response = new CdnInvalidatorHandler(cdn).handleRequest(event(
                invalidation("m1", "r1-v1", "/news/2026/11/a/index.html", "/news/index.html"),
                invalidation("m2", "r2-v1", "/news/2026/11/b/index.html", "/news/index.html")), null);
        assertEquals(List.of(), failures(response));
        assertEquals(1, cdn.invalidations().size());
        assertEquals(List.of("/news/2026/11/a/index.html", "/news/index.html", "/news/2026/11/b/index.html"),
                cdn.invalidations().get(0).paths());
    }

    @Test
    void whatIsNotAnInvalidationFailsAloneAndTheRestGoOut() {
        RecordingCdn cdn = new RecordingCdn();
        SQSBatchResponse response = new CdnInvalidatorHandler(cdn).handleRequest(event(
                message("junk", "not json"),
                message("null", "null"),
                invalidation("wild", "w", "/*"),
                invalidation("ok", "r1-v1", "/news/index.html")), null);
        assertEquals(List.of("junk", "null", "wild"), failures(response));
        assertEquals(List.of("/news/index.html"), cdn.invalidations().get(0).paths());
    }

    @Test
    void whenCloudFrontRefusesTheMessagesItCarriedStayOnTheQueue() {
        List<List<String>> asked = new ArrayList<>();
        Cdn refusing = (paths, reference) -> {
            asked.add(paths);
            throw new IllegalStateException("throttled");
        };
        SQSBatchResponse response = new CdnInvalidatorHandler(refusing).handleRequest(event(
                invalidation("m1", "r1", "/a"), invalidation("m2", "r2", "/b")), null);
        assertEquals(List.of("m1", "m2"), failures(response));
        assertEquals(1, asked.size());
        assertEquals(List.of(), failures(new CdnInvalidatorHandler(refusing).handleRequest(new SQSEvent(), null)));
    }
}
