package newsroom.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import newsroom.aws.AwsClients;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.config.EnvVars;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseWorkflow;
import newsroom.log.JsonLog;
import newsroom.service.ReleaseService;
import newsroom.service.port.ReleaseRepository;
import newsroom.aws.SqsWebhookQueue;
import newsroom.aws.SqsMailQueue;
import newsroom.service.DigestPlanner;
import newsroom.service.port.MailQueue;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDigestRuns;
import newsroom.service.WebhookSender;
import newsroom.service.port.WebhookQueue;
import newsroom.store.DynamoDbWebhookRepository;
import java.util.List;
import newsroom.store.DynamoDbAccessLog;
import newsroom.store.DynamoDbLegalReviewRepository;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.aws.SendRate;
import newsroom.aws.SesMailer;
import newsroom.service.LegalReviews;
import newsroom.service.ReviewReminders;
import newsroom.service.port.Mailer;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every minute (an EventBridge schedule): publishes each scheduled release whose embargo has
 * ended. It asks for everything due up to now, not for the last minute only, so a missed or late
 * tick is caught up by the next one; the conditional save makes a repeated tick harmless. From
 * the configured time of day it also sends the day's reminders of legal reviews that fell due
 * (once a day per person, once per review: see ReviewReminders).
 */
public final class EmbargoSweeperHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(EmbargoSweeperHandler.class);
    /** Releases published per pass; more wait for the next pass of the same tick. */
    static final int BATCH = 100;

    private final ReleaseRepository repository;
    private final ReleaseService releases;
    private final ReviewReminders reminders;
    /** Null when no webhook queue is configured. */
    private final WebhookSender webhookRetries;
    /** Null when no digest queue is configured. */
    private final DigestPlanner digests;
    /** A claimed reminder not reported sent within this long is taken to have failed, and sent again. */
    static final Duration REMINDER_LEASE = Duration.ofMinutes(5);

    public EmbargoSweeperHandler() {
        this(EmbargoSweeperConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private EmbargoSweeperHandler(EmbargoSweeperConfig config) {
        this(config, AwsClients.build(DynamoDbClient.builder(), config.aws()),
                new SesMailer(SesMailer.client(config.aws()), config.mailFrom(), config.configurationSet(),
                        new SendRate(1)),
                config.webhookQueueUrl() == null ? null : SqsWebhookQueue.lazy(config.aws(), config.webhookQueueUrl()),
                config.digestQueueUrl() == null ? null
                        : SqsMailQueue.lazy(config.aws(), config.digestQueueUrl()), Clock.systemUTC());
    }

    /** Without a mailer: a reminder that falls due fails (logged), the sweep goes on. */
    public EmbargoSweeperHandler(EmbargoSweeperConfig config, DynamoDbClient dynamo, Clock clock) {
        this(config, dynamo, email -> {
            throw new IllegalStateException("this sweeper was built without a mailer");
        }, clock);
    }

    public EmbargoSweeperHandler(EmbargoSweeperConfig config, DynamoDbClient dynamo, Mailer mailer, Clock clock) {
        this(config, dynamo, mailer, null, clock);
    }

    /** With the webhook queue, where retries whose time has come are put back. */
    public EmbargoSweeperHandler(EmbargoSweeperConfig config, DynamoDbClient dynamo, Mailer mailer,
                                 WebhookQueue webhookQueue, Clock clock) {
        this(config, dynamo, mailer, webhookQueue, null, clock);
    }

    /** With the digest queue, where each period's digest jobs go once its time has come. */
    public EmbargoSweeperHandler(EmbargoSweeperConfig config, DynamoDbClient dynamo, Mailer mailer,
                                 WebhookQueue webhookQueue, MailQueue digestQueue, Clock clock) {
        // The two-person rule was checked when the release was scheduled.
        this.repository = new DynamoDbReleaseRepository(dynamo, config.tableName(), config.recordsTable(),
                config.zone());
        this.releases = new ReleaseService(repository,
                new ReleaseWorkflow(new ReleaseRules(config.categories()), false), clock,
                new DynamoDbAccessLog(dynamo, config.recordsTable(), config.recordRetention()));
        var reviewRepository = new DynamoDbLegalReviewRepository(dynamo, config.tableName());
        var legal = new LegalReviews(config.legalFlags(), reviewRepository, repository, releases, config.zone(), clock);
        String desk = (config.siteBaseUrl().endsWith("/") ? config.siteBaseUrl() : config.siteBaseUrl() + "/") + "desk/";
        this.reminders = new ReviewReminders(legal, reviewRepository, mailer, config.reminderTo(), desk,
                config.siteName(), config.zone(), config.reminderTime(), REMINDER_LEASE, clock);
        this.digests = digestQueue == null ? null : new DigestPlanner(config.digests(),
                new DynamoDbContactRepository(dynamo, config.tableName()), new DynamoDbDigestRuns(dynamo,
                config.recordsTable()), digestQueue, clock);
        // Only its retry sweep is used here: it never POSTs (no transport), it only queues.
        this.webhookRetries = webhookQueue == null ? null : new WebhookSender(
                new DynamoDbWebhookRepository(dynamo, config.tableName()), webhookQueue, null, null, List.of(), clock);
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        int total = 0;
        int published;
        do {
            published = releases.publishDue(BATCH);
            total += published;
        } while (published == BATCH);
        if (total > 0) {
            LOG.info("embargo sweep", "published", total,
                    "requestId", context == null ? null : context.getAwsRequestId());
        }
        int retries = 0;
        if (webhookRetries != null) {
            try {
                retries = webhookRetries.enqueueDueRetries(500);
            } catch (RuntimeException e) {
                LOG.error("webhook retries not queued; the next tick tries again", e);
            }
        }
        int digestJobs = 0;
        if (digests != null) {
            try {
                digestJobs = digests.run();
            } catch (RuntimeException e) {
                LOG.error("digests not planned; the next tick tries again", e);
            }
        }
        int reminded = 0;
        try {
            reminded = reminders.run();
        } catch (RuntimeException e) {
            // Never at the cost of the sweep: the next tick tries the reminders again.
            LOG.error("review reminders failed; the next tick tries again", e);
        }
        return Map.of("published", total, "reviewReminders", reminded, "webhookRetries", retries,
                "digestJobs", digestJobs);
    }

    /** The sweep's query, for embargoes that ended before 1970: finds nothing, publishes nothing. */
    @Override
    public void prime() {
        repository.dueForPublication(Instant.EPOCH, 1);
    }
}
