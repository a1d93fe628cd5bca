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
import newsroom.aws.SqsWebhookQueue;
import newsroom.render.SitePaths;
import newsroom.service.WebhookDispatcher;
import newsroom.store.DynamoDbWebhookRepository;
import java.time.Clock;
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
 * Table stream → mail queue and webhook queue. When a release is scheduled, published, updated or
 * withdrawn, one mail job per contact concerned goes on the mail queue, and one delivery per
 * webhook endpoint that wants the event on the webhook queue. A repeated record queues them
 * again; the mail sender's delivery record makes sure each contact is still emailed once, and a
 * webhook delivery's id (the same for the same event) lets its receiver drop a repeat.
 */
public final class MediaNotifierHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(MediaNotifierHandler.class);

    private final MediaNotifier notifier;
    /** Null when no webhook queue is configured. */
    private final WebhookDispatcher webhooks;

    public MediaNotifierHandler() {
        this(MediaNotifierConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private MediaNotifierHandler(MediaNotifierConfig config) {
        this(config, AwsClients.build(DynamoDbClient.builder(), config.aws()),
                AwsClients.build(SqsClient.builder(), config.aws()));
    }

    public MediaNotifierHandler(MediaNotifierConfig config, DynamoDbClient dynamo, SqsClient sqs) {
        this(config, dynamo, sqs, Clock.systemUTC());
    }

    /** With the clock the webhook deliveries are timed by (the local runtime's tests move it). */
    public MediaNotifierHandler(MediaNotifierConfig config, DynamoDbClient dynamo, SqsClient sqs, Clock clock) {
        this.notifier = new MediaNotifier(new DynamoDbContactRepository(dynamo, config.tableName()),
                new DynamoDbDeliveryRepository(dynamo, config.recordsTable()),
                new SqsMailQueue(sqs, config.mailQueueUrl()));
        this.webhooks = config.webhookQueueUrl() == null ? null : new WebhookDispatcher(
                new DynamoDbWebhookRepository(dynamo, config.tableName()),
                new SqsWebhookQueue(sqs, config.webhookQueueUrl()), new SitePaths(config.zone()), config.siteBaseUrl(),
                config.recordRetention(), clock);
    }

    /** A category's subscribers and the webhook endpoints are read once a batch, not once a record. */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        MediaNotifier.Batch mail = notifier.batch();
        WebhookDispatcher.Batch hooks = webhooks == null ? null : webhooks.batch();
        return StreamBatch.process(event, context, LOG, "could not queue release emails",
                record -> process(record, mail, hooks));
    }

    private void process(DynamodbEvent.DynamodbStreamRecord record, MediaNotifier.Batch mail,
                         WebhookDispatcher.Batch hooks) {
        ReleaseStreamRecords.decode(record).ifPresent(change -> {
            int queued = mail.releaseChanged(change.before(), change.after());
            if (queued > 0) {
                LOG.info("queued release emails", "releaseId", change.after().id(), "status", change.after().status(),
                        "jobs", queued);
            }
            if (hooks != null) {
                int deliveries = hooks.releaseChanged(change.before(), change.after());
                if (deliveries > 0) {
                    LOG.info("queued webhook deliveries", "releaseId", change.after().id(), "deliveries", deliveries);
                }
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
