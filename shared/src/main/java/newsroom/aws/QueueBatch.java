package newsroom.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
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
        return processTogether(event, context, log, failure, messages -> {
            List<RuntimeException> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : messages) {
                try {
                    work.accept(message);
                    failures.add(null);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            return failures;
        });
    }

    /**
     * For work done on the whole batch at once: {@code work} answers, for each message in order,
     * why it failed (null when it went well). Each failure is reported alone, as above.
     */
    public static SQSBatchResponse processTogether(SQSEvent event, Context context, JsonLog log, String failure,
                                                   Function<List<SQSEvent.SQSMessage>, List<RuntimeException>> work) {
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<RuntimeException> outcomes = messages.isEmpty() ? List.of() : work.apply(messages);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage message = messages.get(i);
            RuntimeException e = outcomes.get(i);
            if (e instanceof TryAgainLater) {
                log.info("not settled yet; the message stays on the queue", "messageId", message.getMessageId(),
                        "reason", e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } else if (e != null) {
                log.error(failure, e, "messageId", message.getMessageId(),
                        "requestId", context == null ? null : context.getAwsRequestId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
