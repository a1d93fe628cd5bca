package newsroom.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Instant;
import newsroom.aws.AwsClients;
import newsroom.aws.ReleaseStreamRecords;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.aws.SqsMailQueue;
import newsroom.aws.StreamBatch;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.service.MediaNotifier;
import newsroom.service.PrimingSamples;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Table stream → mail queue. When a release is scheduled, published, updated (a major change) or
 * withdrawn, one mail job per contact concerned goes on the queue. A repeated record queues the jobs again; the mail sender's delivery
 * record makes sure each contact is still emailed once.
 */
public final class MediaNotifierHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(MediaNotifierHandler.class);

    private final MediaNotifier notifier;

    public MediaNotifierHandler() {
        this(MediaNotifierConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private MediaNotifierHandler(MediaNotifierConfig config) {
        this(config, AwsClients.build(DynamoDbClient.builder(), config.aws()),
                AwsClients.build(SqsClient.builder(), config.aws()));
    }

    public MediaNotifierHandler(MediaNotifierConfig config, DynamoDbClient dynamo, SqsClient sqs) {
        this.notifier = new MediaNotifier(new DynamoDbContactRepository(dynamo, config.tableName()),
                new DynamoDbDeliveryRepository(dynamo, config.tableName()),
                new SqsMailQueue(sqs, config.mailQueueUrl()));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process(event, context, LOG, "could not queue release emails", this::process);
    }

    private void process(DynamodbEvent.DynamodbStreamRecord record) {
        ReleaseStreamRecords.decode(record).ifPresent(change -> {
            int queued = notifier.releaseChanged(change.before(), change.after());
            if (queued > 0) {
                LOG.info("queued release emails", "releaseId", change.after().id(), "status", change.after().status(),
                        "jobs", queued);
            }
        });
    }

    /** Reads as a change would and maps a release image; SQS is not called (it would queue a job). */
    @Override
    public void prime() {
        notifier.prime();
        ReleaseStreamRecords.prime(PrimingSamples.release(Instant.now()));
    }
}
