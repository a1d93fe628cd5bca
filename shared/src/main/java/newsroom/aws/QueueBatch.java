package newsroom.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import newsroom.log.JsonLog;
import newsroom.service.TryAgainLater;

/**
 * Runs a queue handler's work message by message, the SQS cousin of {@link StreamBatch}. Unlike a
 * stream, messages are independent: each one that fails is reported alone, so that SQS redelivers
 * only it (and, after repeated failures, moves it to the dead-letter queue).
 */
public final class QueueBatch {
    private QueueBatch() {
    }

    public static SQSBatchResponse process(SQSEvent event, Context context, JsonLog log, String failure,
                                           Consumer<SQSEvent.SQSMessage> work) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                work.accept(message);
            } catch (TryAgainLater e) {
                log.info("not settled yet; the message stays on the queue", "messageId", message.getMessageId(),
                        "reason", e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } catch (RuntimeException e) {
                log.error(failure, e, "messageId", message.getMessageId(),
                        "requestId", context == null ? null : context.getAwsRequestId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
