package newsroom.sitepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import newsroom.aws.AwsClients;
import newsroom.aws.CloudFrontCdn;
import newsroom.aws.S3Downloads;
import newsroom.aws.S3SiteBucket;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.aws.StreamBatch;
import newsroom.aws.StreamImages;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.service.SitePublisher;
import newsroom.service.port.Cdn;
import newsroom.service.port.ReleaseRepository;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.store.ReleaseMapper;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Table stream → public site. For each changed release it renders the current committed state
 * (read back from the table, so a late or repeated record cannot put an older version live).
 * A failed record is reported, with the records after it, so Lambda retries from there.
 */
public final class SitePublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(SitePublisherHandler.class);

    private final ReleaseRepository releases;
    private final SitePublisher publisher;

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
        this.releases = new DynamoDbReleaseRepository(dynamo, config.tableName(), config.zone());
        SiteAssets assets = new SiteAssets();
        Cdn cdn = cloudFront == null || config.distributionId() == null
                ? Cdn.NONE : new CloudFrontCdn(cloudFront, config.distributionId());
        this.publisher = new SitePublisher(releases, new S3SiteBucket(s3, config.siteBucket()),
                new S3Downloads(s3, config.uploadBucket(), config.siteBucket()),
                new SiteRenderer(assets, config.siteName(), config.siteBaseUrl(), config.zone()), assets, cdn, clock);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process(event, context, LOG, "could not publish release", this::process);
    }

    private void process(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> image = StreamImages.toSdk(record.getDynamodb().getNewImage());
        if (!ReleaseMapper.isRelease(image)) {
            return;
        }
        String id = image.get("id").s();
        Map<String, AttributeValue> oldImage = StreamImages.toSdk(record.getDynamodb().getOldImage());
        String oldCategory = ReleaseMapper.isRelease(oldImage) && oldImage.get("category") != null
                ? oldImage.get("category").s() : null;
        releases.find(id).ifPresent(release -> {
            String previousCategory = oldCategory != null && !oldCategory.equals(release.category()) ? oldCategory : null;
            List<String> written = publisher.publish(release, previousCategory);
            if (!written.isEmpty()) {
                LOG.info("published pages", "releaseId", id, "version", release.version(), "keys", written);
            }
        });
    }

    /** Reads as a publish does and renders every kind of page in memory; writes nothing. */
    @Override
    public void prime() {
        publisher.prime();
    }
}
