package newsroom.aws;

import java.time.Clock;
import java.time.ZoneId;
import newsroom.render.SiteAssets;
import newsroom.render.SitePaths;
import newsroom.render.SiteRenderer;
import newsroom.service.SearchIndexer;
import newsroom.service.SearchRounds;
import newsroom.service.port.Cdn;
import newsroom.service.port.Downloads;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.RenderQueue;
import newsroom.service.port.SiteBucket;
import newsroom.service.port.SiteIndex;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.store.DynamoDbRenderQueue;
import newsroom.store.DynamoDbSearchCopies;
import newsroom.store.DynamoDbSearchDocs;
import newsroom.store.DynamoDbSiteIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the two functions that write the site (publisher and rebuilder) are built from: the table
 * (the releases), the records table (the site's index, its render and search queues: items no stream
 * consumer reads, kept out of the table's stream, which every consumer reads whole), the site bucket, the downloads copied from the upload bucket, the renderer and the CDN, reached
 * through the invalidation queue (none when no queue is configured). One place, so the two cannot drift apart.
 */
public record SiteAdapters(ReleaseRepository releases, SiteIndex index, RenderQueue renderQueue, RenderQueue searchQueue,
                           SiteBucket bucket,
                           Downloads downloads, SiteRenderer renderer, SiteAssets assets, Cdn cdn) {

    /** The site bucket's client: path-style addressing against an emulator's endpoint, as S3 there needs. */
    public static S3Client s3(newsroom.config.AwsSettings aws) {
        return AwsClients.build(S3Client.builder().forcePathStyle(aws.endpoint().isPresent()), aws);
    }

    public static SiteAdapters of(DynamoDbClient dynamo, S3Client s3, SqsClient sqs, String tableName,
                                  String recordsTable, String siteBucket, String uploadBucket, String invalidationQueueUrl, String siteBaseUrl,
                                  String siteName, ZoneId zone) {
        SiteAssets assets = new SiteAssets();
        Cdn cdn = sqs == null || invalidationQueueUrl == null ? Cdn.NONE : new SqsInvalidationQueue(sqs, invalidationQueueUrl);
        return new SiteAdapters(
                new DynamoDbReleaseRepository(dynamo, tableName, recordsTable, zone),
                new DynamoDbSiteIndex(dynamo, recordsTable, zone),
                new DynamoDbRenderQueue(dynamo, recordsTable),
                new DynamoDbRenderQueue(dynamo, recordsTable, DynamoDbRenderQueue.SEARCH),
                new S3SiteBucket(s3, siteBucket),
                new S3Downloads(s3, uploadBucket, siteBucket),
                new SiteRenderer(assets, siteName, siteBaseUrl, zone),
                assets, cdn);
    }

    /** The search index's writer, from these adapters (the publisher and the rebuilder mark for it). */
    public SearchRounds search(DynamoDbClient dynamo, String recordsTable, Clock clock) {
        return new SearchRounds(new SearchIndexer(releases, new DynamoDbSearchDocs(dynamo, recordsTable), bucket, cdn,
                renderer.paths(), clock).withCopies(new DynamoDbSearchCopies(dynamo, recordsTable)), index, searchQueue,
                clock);
    }

    /**
     * The search index's writer alone, for its own function: no renderer, templates or downloads,
     * which its first request would pay for and never use.
     */
    public static SearchRounds searchOnly(DynamoDbClient dynamo, S3Client s3, SqsClient sqs, String tableName,
                                          String recordsTable, String siteBucket, String invalidationQueueUrl, ZoneId zone, Clock clock) {
        Cdn cdn = sqs == null || invalidationQueueUrl == null ? Cdn.NONE : new SqsInvalidationQueue(sqs, invalidationQueueUrl);
        DynamoDbReleaseRepository releases = new DynamoDbReleaseRepository(dynamo, tableName, recordsTable, zone);
        return new SearchRounds(new SearchIndexer(releases, new DynamoDbSearchDocs(dynamo, recordsTable),
                new S3SiteBucket(s3, siteBucket), cdn, new SitePaths(zone), clock)
                .withCopies(new DynamoDbSearchCopies(dynamo, recordsTable)),
                new DynamoDbSiteIndex(dynamo, recordsTable, zone),
                new DynamoDbRenderQueue(dynamo, recordsTable, DynamoDbRenderQueue.SEARCH), clock);
    }
}
