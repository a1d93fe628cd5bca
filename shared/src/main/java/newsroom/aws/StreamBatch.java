package newsroom.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.function.Consumer;
import newsroom.log.JsonLog;

/**
 * Runs a stream handler's work record by record, in order. The first record that fails is
 * reported, so that Lambda retries from it (and the records after it); records before it are done.
 */
public final class StreamBatch {
    private StreamBatch() {
    }

    public static StreamsEventResponse process(DynamodbEvent event, Context context, JsonLog log, String failure,
                                               Consumer<DynamodbEvent.DynamodbStreamRecord> work) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                work.accept(record);
            } catch (RuntimeException e) {
                String sequence = record.getDynamodb().getSequenceNumber();
                log.error(failure, e, "sequenceNumber", sequence,
                        "requestId", context == null ? null : context.getAwsRequestId());
                return StreamsEventResponse.builder()
                        .withBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(sequence)))
                        .build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
