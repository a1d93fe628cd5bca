package newsroom.sitepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import newsroom.aws.AwsClients;
import newsroom.aws.NudgeBatches;
import newsroom.aws.SiteAdapters;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.render.SiteRenderer;
import newsroom.render.SiteSearch;
import newsroom.service.SitePublisher;
import newsroom.service.SiteSettingsService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Shared pages' queue → the lists, feeds, months, categories, sitemaps and search. A message only
 * says "something is marked": whatever a batch holds, one update renders every mark there is, as
 * the one lease holder (or waits for the holder to clear them). When that does not happen in time
 * the whole batch stays on the queue and comes back; the marks are kept in the table meanwhile.
 */
public final class SharedPagesHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(SharedPagesHandler.class);

    private final SitePublisher publisher;
    private final SiteSettingsService settings;
    private final SiteRenderer renderer;

    public SharedPagesHandler() {
        this(SitePublisherConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private SharedPagesHandler(SitePublisherConfig config) {
        this(config,
                AwsClients.build(DynamoDbClient.builder(), config.aws()),
                SiteAdapters.s3(config.aws()),
                config.invalidationQueueUrl() == null ? null : AwsClients.build(SqsClient.builder(), config.aws()),
                Clock.systemUTC());
    }

    public SharedPagesHandler(SitePublisherConfig config, DynamoDbClient dynamo, S3Client s3, SqsClient sqs,
                              Clock clock) {
        SiteAdapters site = SiteAdapters.of(dynamo, s3, sqs, config.tableName(), config.recordsTable(),
                config.siteBucket(), config.uploadBucket(), config.invalidationQueueUrl(), config.siteBaseUrl(),
                config.siteName(), config.zone());
        this.publisher = SitePublisherHandler.publisher(config, dynamo, site, clock);
        this.renderer = site.renderer();
        this.settings = SitePublisherHandler.settings(config, dynamo, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return NudgeBatches.handle(event, context, LOG, "could not render the shared pages; the nudges stay on the queue",
                () -> {
                    settings.follow(renderer, SiteSearch.ENABLED);
                    publisher.renderShared();
                });
    }

    /**
     * Reads as a publish does and renders every kind of page in memory, as the publisher primes,
     * then reads as a round begins (the marks, the latest list, the search manifest); writes nothing.
     */
    @Override
    public void prime() {
        publisher.primeShared();
    }
}
