package newsroom.feedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.List;
import newsroom.aws.AwsClients;
import newsroom.aws.QueueBatch;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.service.PrimingSamples;
import newsroom.service.SesFeedback;
import newsroom.service.port.DeliveryRepository;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SES events queue (fed by the configuration set's SNS topic) → the media list and the delivery
 * records, a batch at a time. A message that fails is reported alone, so that SQS hands it over
 * again and, after repeated failures, to the dead-letter queue and its alarm.
 */
public final class SesFeedbackHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(SesFeedbackHandler.class);

    private final DynamoDbContactRepository contacts;
    private final DynamoDbDeliveryRepository deliveries;
    private final SesFeedback feedback;

    public SesFeedbackHandler() {
        this(SesFeedbackConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private SesFeedbackHandler(SesFeedbackConfig config) {
        this(AwsClients.build(DynamoDbClient.builder(), config.aws()), config.tableName(), config.recordsTable(),
                Clock.systemUTC());
    }

    /** With the deliveries in the same table (tests of the function alone). */
    public SesFeedbackHandler(DynamoDbClient dynamo, String table, Clock clock) {
        this(dynamo, table, table, clock);
    }

    public SesFeedbackHandler(DynamoDbClient dynamo, String table, String recordsTable, Clock clock) {
        this.contacts = new DynamoDbContactRepository(dynamo, table);
        this.deliveries = new DynamoDbDeliveryRepository(dynamo, recordsTable);
        this.feedback = new SesFeedback(contacts, deliveries, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return QueueBatch.processTogether(event, context, LOG, "SES event not handled",
                messages -> feedback.handleAll(messages.stream().map(SQSEvent.SQSMessage::getBody).toList()));
    }

    /**
     * Feedback reads a contact (a bounce) and a batch's deliveries (Send events); reading ones that
     * do not exist changes nothing.
     */
    @Override
    public void prime() {
        contacts.find(PrimingSamples.NO_SUCH_ID);
        deliveries.confirmAllSent(List.of(new DeliveryRepository.Accepted(PrimingSamples.NO_SUCH_ID, "PUBLISHED",
                PrimingSamples.NO_SUCH_ID, PrimingSamples.NO_SUCH_ID)), java.time.Instant.EPOCH);
    }
}
