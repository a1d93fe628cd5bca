package newsroom.mailsender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import newsroom.aws.AwsClients;
import newsroom.aws.QueueBatch;
import newsroom.aws.SecretsManagerSigningKeys;
import newsroom.aws.SendRate;
import newsroom.aws.SesMailer;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.aws.SqsMailQueue;
import newsroom.config.EnvVars;
import newsroom.domain.MailJob;
import newsroom.log.JsonLog;
import newsroom.render.MailComposer;
import newsroom.render.SitePaths;
import newsroom.service.ReleaseMailer;
import newsroom.service.SignedTokens;
import newsroom.service.port.Mailer;
import newsroom.service.port.SigningKeys;
import newsroom.store.DynamoDbAccessLog;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import newsroom.store.DynamoDbReleaseRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Mail queue → SES. Each message is one job; a job that fails is reported alone, so SQS
 * redelivers only it (and, after repeated failures, moves it to the dead-letter queue).
 */
public final class MailSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(MailSenderHandler.class);

    /** At most: SQS keeps a message hidden for up to 12 hours. */
    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final ReleaseMailer mailer;
    private final MailSenderConfig config;
    private SqsClient sqs;

    public MailSenderHandler() {
        this(MailSenderConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private MailSenderHandler(MailSenderConfig config) {
        this(config, AwsClients.build(DynamoDbClient.builder(), config.aws()),
                SesMailer.client(config.aws()), Clock.systemUTC());
    }

    public MailSenderHandler(MailSenderConfig config, DynamoDbClient dynamo, SesV2Client ses, Clock clock) {
        this(config, dynamo, sesMailer(config, ses),
                SecretsManagerSigningKeys.lazy(config.aws(), config.tokenSigningSecret(), clock), clock);
    }

    /** With the mailer given: the local runtime and the fault-injection tests wrap the SES one. */
    public MailSenderHandler(MailSenderConfig config, DynamoDbClient dynamo, Mailer mailer, SigningKeys signingKeys,
                             Clock clock) {
        this.config = config;
        this.mailer = new ReleaseMailer(
                new DynamoDbReleaseRepository(dynamo, config.tableName(), config.recordsTable(), config.zone()),
                new DynamoDbContactRepository(dynamo, config.tableName()),
                new DynamoDbDeliveryRepository(dynamo, config.recordsTable(), config.recordRetention()),
                new MailComposer(config.siteName(), config.zone()),
                mailer,
                new SignedTokens(signingKeys, clock),
                new SitePaths(config.zone()),
                config.siteBaseUrl(),
                config.apiBaseUrl(),
                clock,
                config.sendingLease(),
                new DynamoDbAccessLog(dynamo, config.recordsTable(), config.recordRetention()))
                .withDigests(config.digests());
    }

    /** SES, within this sender's share of the account's send rate. */
    public static Mailer sesMailer(MailSenderConfig config, SesV2Client ses) {
        return new SesMailer(ses, config.mailFrom(), config.configurationSet(), new SendRate(config.ratePerSender()));
    }

    /** How long digest jobs step aside while release emails wait. */
    static final int DIGEST_DEFERRAL_SECONDS = 30;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (fromDigestQueue(event) && releaseEmailsWaiting()) {
            return deferDigests(event);
        }
        mailer.startBatch();
        return QueueBatch.processTogether(event, context, LOG, "could not send release email", this::process);
    }

    /**
     * The batch's jobs go to the mailer together; each message is answered alone: it fails if
     * any of its jobs did, and a message with a job in doubt is held back until that can settle.
     */
    private List<RuntimeException> process(List<SQSEvent.SQSMessage> messages) {
        List<RuntimeException> failures = new ArrayList<>(java.util.Collections.nCopies(messages.size(), null));
        List<MailJob> jobs = new ArrayList<>();
        List<Integer> carriedBy = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                for (MailJob job : SqsMailQueue.jobsIn(messages.get(i).getBody())) {
                    jobs.add(job);
                    carriedBy.add(i);
                }
            } catch (RuntimeException unreadable) {
                // An unreadable message fails like any other: after the queue's retries it rests in
                // the dead-letter queue, where the alarm shows it, rather than vanishing.
                failures.set(i, unreadable);
            }
        }
        List<ReleaseMailer.Result> results = mailer.sendAll(jobs);
        java.util.Map<Integer, Duration> holdBack = new java.util.TreeMap<>();
        for (int k = 0; k < results.size(); k++) {
            ReleaseMailer.Result result = results.get(k);
            int i = carriedBy.get(k);
            if (result.failure() instanceof ReleaseMailer.InDoubtException inDoubt) {
                holdBack.merge(i, inDoubt.settledWithin(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
            if (result.failure() != null) {
                // A job that failed outright is the one worth reporting over one merely in doubt.
                if (failures.get(i) == null || failures.get(i) instanceof ReleaseMailer.InDoubtException) {
                    failures.set(i, result.failure());
                }
            } else {
                MailJob job = result.job();
                LOG.info("mail job done", "releaseId", job.releaseId(), "contactId", job.contactId(),
                        "kind", job.kind(), "outcome", result.outcome());
            }
        }
        holdBack.forEach((i, settledWithin) -> hideUntilSettled(messages.get(i), settledWithin));
        return failures;
    }

    /**
     * A send in doubt comes back only once its claim can be settled (the Send event, or the lease
     * run out), not every visibility timeout: otherwise it could use up the queue's receives and
     * rest in the dead-letter queue unsent.
     */
    private void hideUntilSettled(SQSEvent.SQSMessage message, Duration settledWithin) {
        if (message.getReceiptHandle() == null) {
            return;
        }
        long seconds = Math.min(MAX_VISIBILITY.toSeconds(), settledWithin.plusSeconds(5).toSeconds());
        try {
            queue().changeMessageVisibility(c -> c.queueUrl(config.mailQueueUrl())
                    .receiptHandle(message.getReceiptHandle()).visibilityTimeout((int) seconds));
        } catch (RuntimeException e) {
            // The queue's own visibility applies instead; the next receive finds it in doubt again.
            LOG.warn("could not hold back a message in doubt", "messageId", message.getMessageId(),
                    "errorType", e.getClass().getName());
        }
    }

    /** A batch comes from one queue: the digest queue's, when its messages say so. */
    private boolean fromDigestQueue(SQSEvent event) {
        if (config.digestQueueUrl() == null || event.getRecords() == null || event.getRecords().isEmpty()) {
            return false;
        }
        String arn = event.getRecords().get(0).getEventSourceArn();
        String name = config.digestQueueUrl().substring(config.digestQueueUrl().lastIndexOf('/') + 1);
        return arn != null && arn.endsWith(":" + name);
    }

    /**
     * Whether release emails wait on the mail queue or are being sent: they go first, digests
     * share what is left. In flight counts too, as a sender takes up to a whole batch at once.
     */
    private boolean releaseEmailsWaiting() {
        try {
            var attributes = queue().getQueueAttributes(a -> a.queueUrl(config.mailQueueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                    + count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) > 0;
        } catch (RuntimeException e) {
            LOG.warn("could not read the mail queue's depth; digests go on", "errorType", e.getClass().getName());
            return false;
        }
    }

    private static long count(java.util.Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        return Long.parseLong(attributes.getOrDefault(name, "0"));
    }

    /** Puts the batch back for a while, unsent: the messages come again when release emails are out. */
    private SQSBatchResponse deferDigests(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            if (message.getReceiptHandle() != null) {
                try {
                    queue().changeMessageVisibility(c -> c.queueUrl(config.digestQueueUrl())
                            .receiptHandle(message.getReceiptHandle()).visibilityTimeout(DIGEST_DEFERRAL_SECONDS));
                } catch (RuntimeException e) {
                    // The queue's own visibility applies instead.
                }
            }
        }
        LOG.info("digests wait: release emails go first", "deferred", failures.size());
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Built on first use: most invocations never need it. */
    private synchronized SqsClient queue() {
        if (sqs == null) {
            sqs = AwsClients.build(SqsClient.builder(), config.aws());
        }
        return sqs;
    }

    /** Reads and composes as a send would; SES is not called (the only call that would not be a read). */
    @Override
    public void prime() {
        mailer.prime();
    }
}
