package newsroom.rebuilder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import newsroom.aws.AwsClients;
import newsroom.aws.SiteAdapters;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.render.Desk;
import newsroom.service.port.SiteBucket;
import newsroom.service.SiteRebuilder;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The full rebuild as a function, run by hand after a template change
 * ({@code sam remote invoke SiteRebuilderFunction}). Safe to run again if it fails or times out:
 * it only overwrites.
 */
public final class SiteRebuilderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(SiteRebuilderHandler.class);
    static final int THREADS = 16;

    private final SiteRebuilder rebuilder;
    private final SiteBucket bucket;
    private final Desk desk;
    private final Desk.Config deskConfig;

    public SiteRebuilderHandler() {
        this(SiteRebuilderConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private SiteRebuilderHandler(SiteRebuilderConfig config) {
        this(config,
                AwsClients.build(DynamoDbClient.builder(), config.aws()),
                AwsClients.build(S3Client.builder().forcePathStyle(config.aws().endpoint().isPresent()), config.aws()),
                config.distributionId() == null ? null : AwsClients.build(CloudFrontClient.builder(), config.aws()),
                Clock.systemUTC());
    }

    public SiteRebuilderHandler(SiteRebuilderConfig config, DynamoDbClient dynamo, S3Client s3,
                                CloudFrontClient cloudFront, Clock clock) {
        SiteAdapters site = SiteAdapters.of(dynamo, s3, cloudFront, config.tableName(), config.siteBucket(),
                config.uploadBucket(), config.distributionId(), config.siteBaseUrl(), config.siteName(), config.zone());
        this.rebuilder = new SiteRebuilder(site.releases(), site.index(), site.renderQueue(), site.bucket(),
                site.downloads(), site.renderer(), site.assets(), config.categories(), site.cdn(), clock, THREADS);
        this.bucket = site.bucket();
        this.desk = new Desk();
        this.deskConfig = config.desk();
    }

    /** Rebuilds, reporting progress to {@code progress} as it goes; writes the desk first. */
    public SiteRebuilder.Result rebuild(Consumer<String> progress) {
        writeDesk();
        return rebuilder.rebuild(progress);
    }

    /** The press office's desk and its config, under /desk/. */
    public void writeDesk() {
        for (Desk.File file : desk.files(deskConfig)) {
            bucket.put(file.key(), file.content(), file.contentType(), Desk.CACHE);
        }
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        SiteRebuilder.Result result = rebuild(line -> LOG.info(line));
        return Map.of("objects", result.objects(), "releases", result.releases(), "millis", result.millis());
    }

    /** Reads as a rebuild does and renders every kind of page in memory; writes nothing. */
    @Override
    public void prime() {
        rebuilder.prime();
    }
}
