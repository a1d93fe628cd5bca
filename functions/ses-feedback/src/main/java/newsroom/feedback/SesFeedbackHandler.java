package newsroom.feedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.time.Clock;
import newsroom.aws.AwsClients;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.config.EnvVars;
import newsroom.service.PrimingSamples;
import newsroom.service.SesFeedback;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SNS (the SES configuration set's event destination) → the media list and the delivery records.
 * A failure is thrown, so that Lambda retries the event and then hands it to the failure queue.
 */
public final class SesFeedbackHandler implements RequestHandler<SNSEvent, Integer>, SnapStartPrimed {
    private final DynamoDbContactRepository contacts;
    private final SesFeedback feedback;

    public SesFeedbackHandler() {
        this(SesFeedbackConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private SesFeedbackHandler(SesFeedbackConfig config) {
        this(AwsClients.build(DynamoDbClient.builder(), config.aws()), config.tableName(), Clock.systemUTC());
    }

    public SesFeedbackHandler(DynamoDbClient dynamo, String table, Clock clock) {
        this.contacts = new DynamoDbContactRepository(dynamo, table);
        this.feedback = new SesFeedback(contacts,
                new DynamoDbDeliveryRepository(dynamo, table), clock);
    }

    /** Returns how many SES events were handled. */
    @Override
    public Integer handleRequest(SNSEvent event, Context context) {
        int handled = 0;
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            feedback.handle(record.getSNS().getMessage());
            handled++;
        }
        return handled;
    }

    /** Feedback first reads the contact; reading one that does not exist changes nothing. */
    @Override
    public void prime() {
        contacts.find(PrimingSamples.NO_SUCH_ID);
    }
}
