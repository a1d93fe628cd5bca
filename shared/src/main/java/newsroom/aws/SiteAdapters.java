package newsroom.aws;

import java.time.ZoneId;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.service.port.Cdn;
import newsroom.service.port.Downloads;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.RenderQueue;
import newsroom.service.port.SiteBucket;
import newsroom.service.port.SiteIndex;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.store.DynamoDbRenderQueue;
import newsroom.store.DynamoDbSiteIndex;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the two functions that write the site (publisher and rebuilder) are built from: the table,
 * the site bucket, the downloads copied from the upload bucket, the renderer and the CDN (none
 * when no distribution is configured). One place, so the two cannot drift apart.
 */
public record SiteAdapters(ReleaseRepository releases, SiteIndex index, RenderQueue renderQueue, SiteBucket bucket,
                           Downloads downloads, SiteRenderer renderer, SiteAssets assets, Cdn cdn) {

    public static SiteAdapters of(DynamoDbClient dynamo, S3Client s3, CloudFrontClient cloudFront, String tableName,
                                  String siteBucket, String uploadBucket, String distributionId, String siteBaseUrl,
                                  String siteName, ZoneId zone) {
        SiteAssets assets = new SiteAssets();
        Cdn cdn = cloudFront == null || distributionId == null ? Cdn.NONE : new CloudFrontCdn(cloudFront, distributionId);
        return new SiteAdapters(
                new DynamoDbReleaseRepository(dynamo, tableName, zone),
                new DynamoDbSiteIndex(dynamo, tableName, zone),
                new DynamoDbRenderQueue(dynamo, tableName),
                new S3SiteBucket(s3, siteBucket),
                new S3Downloads(s3, uploadBucket, siteBucket),
                new SiteRenderer(assets, siteName, siteBaseUrl, zone),
                assets, cdn);
    }
}
