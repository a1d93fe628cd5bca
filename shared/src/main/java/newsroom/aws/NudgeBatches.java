package newsroom.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import newsroom.log.JsonLog;

/**
 * A batch of nudges (messages that only say "something is marked") handled as the writers'
 * functions handle them: whatever the batch holds, the work runs once; when it fails, the whole
 * batch stays on the queue and comes back, the marks kept in the table meanwhile.
 */
public final class NudgeBatches {
    private NudgeBatches() {
    }

    public static SQSBatchResponse handle(SQSEvent event, Context context, JsonLog log, String failure,
                                          Runnable work) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        if (messages.isEmpty()) {
            return new SQSBatchResponse(List.of());
        }
        try {
            work.run();
            return new SQSBatchResponse(List.of());
        } catch (RuntimeException e) {
            log.error(failure, e, "requestId", context == null ? null : context.getAwsRequestId());
            return new SQSBatchResponse(messages.stream()
                    .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList());
        }
    }
}
