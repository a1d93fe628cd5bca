package newsroom.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import newsroom.aws.AwsClients;
import newsroom.aws.QueueBatch;
import newsroom.aws.SendRate;
import newsroom.aws.SesMailer;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.aws.SqsWebhookQueue;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.service.WebhookAddresses;
import newsroom.service.WebhookSender;
import newsroom.service.port.Mailer;
import newsroom.service.port.WebhookTransport;
import newsroom.store.DynamoDbWebhookRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Webhook queue → the endpoints. Each message asks for one attempt of one delivery; the attempt
 * itself decides what follows (done, a retry on the schedule, given up, the endpoint disabled),
 * so a message is reported failed only when the attempt could not even be recorded.
 */
public final class WebhookSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(WebhookSenderHandler.class);

    private final WebhookSender sender;

    public WebhookSenderHandler() {
        this(WebhookSenderConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    /**
     * The SQS client (a retry) and the SES client (an alert that an endpoint was disabled) are built
     * when first needed: a delivered webhook needs neither, and a cold start building them loaded
     * some 250 classes it did not use.
     */
    private WebhookSenderHandler(WebhookSenderConfig config) {
        this(config, AwsClients.build(DynamoDbClient.builder(), config.aws()),
                SqsWebhookQueue.lazy(config.aws(), config.webhookQueueUrl()),
                config.mailFrom() == null ? null : lazyAlerts(config),
                new HttpWebhookTransport(WebhookAddresses.system(config.allowLoopback())), Clock.systemUTC());
    }

    public WebhookSenderHandler(WebhookSenderConfig config, DynamoDbClient dynamo, SqsClient sqs, Mailer alerts,
                                WebhookTransport transport, Clock clock) {
        this(config, dynamo, new SqsWebhookQueue(sqs, config.webhookQueueUrl()), alerts, transport, clock);
    }

    private WebhookSenderHandler(WebhookSenderConfig config, DynamoDbClient dynamo, SqsWebhookQueue queue,
                                 Mailer alerts, WebhookTransport transport, Clock clock) {
        this.sender = new WebhookSender(new DynamoDbWebhookRepository(dynamo, config.tableName()), queue, transport,
                alerts, config.alertTo(), clock);
    }

    private static Mailer lazyAlerts(WebhookSenderConfig config) {
        return new Mailer() {
            private SesMailer mailer;

            @Override
            public synchronized String send(newsroom.render.Email email) {
                if (mailer == null) {
                    mailer = new SesMailer(SesMailer.client(config.aws()), config.mailFrom(), config.configurationSet(),
                            new SendRate(1));
                }
                return mailer.send(email);
            }
        };
    }

    /** An attempt's first reads and its signing; nothing is claimed, sent or written. */
    @Override
    public void prime() {
        sender.prime();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return QueueBatch.process(event, context, LOG, "could not attempt a webhook delivery", message -> {
            SqsWebhookQueue.Job job = SqsWebhookQueue.read(message.getBody());
            WebhookSender.Outcome outcome = sender.attempt(job.endpointId(), job.deliveryId());
            LOG.info("webhook attempt", "endpointId", job.endpointId(), "deliveryId", job.deliveryId(),
                    "outcome", outcome);
        });
    }
}
