package newsroom.sitepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import newsroom.aws.AwsClients;
import newsroom.aws.ReleaseStreamRecords;
import newsroom.aws.SiteAdapters;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.aws.SqsSharedPagesNudge;
import newsroom.config.EnvVars;
import newsroom.domain.Release;
import newsroom.log.JsonLog;
import newsroom.render.SiteRenderer;
import newsroom.render.SiteSearch;
import newsroom.service.SiteSettingsService;
import newsroom.store.DynamoDbSettingsRepository;
import newsroom.service.SitePublisher;
import newsroom.service.port.ReleaseRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

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
                SiteAdapters.s3(config.aws()),
                config.invalidationQueueUrl() == null && config.sharedPagesQueueUrl() == null ? null
                        : AwsClients.build(SqsClient.builder(), config.aws()),
                Clock.systemUTC());
    }

    public SitePublisherHandler(SitePublisherConfig config, DynamoDbClient dynamo, S3Client s3,
                                SqsClient sqs, Clock clock) {
        SiteAdapters site = SiteAdapters.of(dynamo, s3, sqs, config.tableName(), config.recordsTable(),
                config.siteBucket(), config.uploadBucket(), config.invalidationQueueUrl(), config.siteBaseUrl(),
                config.siteName(), config.zone());
        this.publisher = publisher(config, dynamo, site, clock);
        if (sqs != null && config.sharedPagesQueueUrl() != null) {
            publisher.withNudge(new SqsSharedPagesNudge(sqs, config.sharedPagesQueueUrl(), config.searchIndexQueueUrl()));
        }
        this.renderer = site.renderer();
        this.settings = settings(config, dynamo, clock);
    }

    /** The publisher, with the search index it keeps: the same for this function and the renderer. */
    static SitePublisher publisher(SitePublisherConfig config, DynamoDbClient dynamo, SiteAdapters site, Clock clock) {
        return new SitePublisher(site.releases(), site.index(), site.renderQueue(), site.bucket(),
                site.downloads(), site.renderer(), site.assets(), site.cdn(), clock)
                .withSearch(site.search(dynamo, config.recordsTable(), clock));
    }

    static SiteSettingsService settings(SitePublisherConfig config, DynamoDbClient dynamo, Clock clock) {
        return new SiteSettingsService(new DynamoDbSettingsRepository(dynamo, config.tableName()),
                config.siteName(), config.zone().getId(), clock);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        // Pages carry the site settings' chrome: read once a batch (one GetItem).
        settings.follow(renderer, SiteSearch.ENABLED);
        return publish(event.getRecords() == null ? List.of() : event.getRecords(), context);
    }

    /**
     * Each record says which release changed; the publisher reads it afresh, so a late or
     * repeated record can only bring the site up to the release as it is now, never back to what
     * it was. The batch's pages are written together and the pages they share rendered once; the
     * first record that failed is reported, so Lambda retries from it.
     */
    private StreamsEventResponse publish(List<DynamodbEvent.DynamodbStreamRecord> records, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> releaseRecords = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                ReleaseStreamRecords.decode(record).ifPresent(change -> {
                    releaseRecords.add(record);
                    ids.add(change.after().id());
                });
            } catch (RuntimeException e) {
                // An undecodable record fails where it is; the ones before it still count.
                return publishThen(releaseRecords, ids, context, record, e);
            }
        }
        return publishThen(releaseRecords, ids, context, null, null);
    }

    private StreamsEventResponse publishThen(List<DynamodbEvent.DynamodbStreamRecord> records, List<String> ids,
                                             Context context, DynamodbEvent.DynamodbStreamRecord failedRecord,
                                             RuntimeException decodeFailure) {
        DynamodbEvent.DynamodbStreamRecord retryFrom = failedRecord;
        RuntimeException failure = decodeFailure;
        try {
            SitePublisher.Batch batch = publisher.publishAll(ids);
            for (int i = 0; i < ids.size(); i++) {
                if (!batch.written().get(i).isEmpty()) {
                    LOG.info("published pages", "releaseId", ids.get(i), "keys", batch.written().get(i));
                }
            }
            if (batch.failed()) {
                retryFrom = records.get(batch.failedAt());
                failure = batch.failure();
            }
        } catch (RuntimeException e) {
            retryFrom = records.isEmpty() ? failedRecord : records.get(0);
            failure = e;
        }
        if (retryFrom == null) {
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
        String sequence = retryFrom.getDynamodb().getSequenceNumber();
        LOG.error("could not publish release", failure, "sequenceNumber", sequence,
                "requestId", context == null ? null : context.getAwsRequestId());
        return StreamsEventResponse.builder()
                .withBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(sequence))).build();
    }

    /** Reads as a publish does and renders every kind of page in memory; writes nothing. */
    @Override
    public void prime() {
        publisher.prime();
    }
}
