package newsroom.sitepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.util.List;
import newsroom.aws.AwsClients;
import newsroom.aws.ReleaseStreamRecords;
import newsroom.aws.SiteAdapters;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.aws.StreamBatch;
import newsroom.config.EnvVars;
import newsroom.domain.Release;
import newsroom.log.JsonLog;
import newsroom.service.SearchIndexer;
import newsroom.store.DynamoDbSearchDocs;
import newsroom.render.SiteRenderer;
import newsroom.render.SiteSearch;
import newsroom.service.SiteSettingsService;
import newsroom.store.DynamoDbSettingsRepository;
import newsroom.service.SitePublisher;
import newsroom.service.port.ReleaseRepository;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Table stream → public site. For each changed release it renders the current committed state
 * (read back from the table, so a late or repeated record cannot put an older version live).
 * A failed record is reported, with the records after it, so Lambda retries from there.
 */
public final class SitePublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(SitePublisherHandler.class);

    private final SitePublisher publisher;
    private final SiteSettingsService settings;
    private final SiteRenderer renderer;

    public SitePublisherHandler() {
        this(SitePublisherConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private SitePublisherHandler(SitePublisherConfig config) {
        this(config,
                AwsClients.build(DynamoDbClient.builder(), config.aws()),
                AwsClients.build(S3Client.builder().forcePathStyle(config.aws().endpoint().isPresent()), config.aws()),
                config.distributionId() == null ? null : AwsClients.build(CloudFrontClient.builder(), config.aws()),
                Clock.systemUTC());
    }

    public SitePublisherHandler(SitePublisherConfig config, DynamoDbClient dynamo, S3Client s3,
                                CloudFrontClient cloudFront, Clock clock) {
        SiteAdapters site = SiteAdapters.of(dynamo, s3, cloudFront, config.tableName(), config.siteBucket(),
                config.uploadBucket(), config.distributionId(), config.siteBaseUrl(), config.siteName(), config.zone());
        this.publisher = new SitePublisher(site.releases(), site.index(), site.renderQueue(), site.bucket(),
                site.downloads(), site.renderer(), site.assets(), site.cdn(), clock)
                .withSearch(new SearchIndexer(site.releases(), new DynamoDbSearchDocs(dynamo, config.tableName()),
                        site.bucket(), site.cdn(), site.renderer(), clock));
        this.renderer = site.renderer();
        this.settings = new SiteSettingsService(new DynamoDbSettingsRepository(dynamo, config.tableName()),
                config.siteName(), config.zone().getId(), clock);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        // Pages carry the site settings' chrome: read once a batch (one GetItem).
        settings.follow(renderer, SiteSearch.ENABLED);
        return StreamBatch.process(event, context, LOG, "could not publish release", this::process);
    }

    /**
     * The record says which release changed; the publisher reads it afresh, so a late or repeated
     * record can only bring the site up to the release as it is now, never back to what it was.
     */
    private void process(DynamodbEvent.DynamodbStreamRecord record) {
        ReleaseStreamRecords.decode(record).ifPresent(change -> {
            String id = change.after().id();
            List<String> written = publisher.publish(id);
            if (!written.isEmpty()) {
                LOG.info("published pages", "releaseId", id, "keys", written);
            }
        });
    }

    /** Reads as a publish does and renders every kind of page in memory; writes nothing. */
    @Override
    public void prime() {
        publisher.prime();
    }
}
