package newsroom.sitepublisher;

import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the site-publisher function (and the shared pages' and search index's renderers) is configured with. */
public record SitePublisherConfig(AwsSettings aws, String tableName, String siteBucket, String uploadBucket,
                                  String invalidationQueueUrl, String siteBaseUrl, String siteName, ZoneId zone,
                                  String sharedPagesQueueUrl, String searchIndexQueueUrl, String recordsTable) {

    /** Without a records table of its own, the records are kept in the table. */
    public SitePublisherConfig {
        recordsTable = recordsTable == null ? tableName : recordsTable;
    }

    /** A publisher that renders the shared pages itself (tests of one function). */
    public SitePublisherConfig(AwsSettings aws, String tableName, String siteBucket, String uploadBucket,
                               String invalidationQueueUrl, String siteBaseUrl, String siteName, ZoneId zone) {
        this(aws, tableName, siteBucket, uploadBucket, invalidationQueueUrl, siteBaseUrl, siteName, zone, null, null,
                null);
    }

    /** A publisher that nudges the lists' renderer only (tests of that renderer). */
    public SitePublisherConfig(AwsSettings aws, String tableName, String siteBucket, String uploadBucket,
                               String invalidationQueueUrl, String siteBaseUrl, String siteName, ZoneId zone,
                               String sharedPagesQueueUrl) {
        this(aws, tableName, siteBucket, uploadBucket, invalidationQueueUrl, siteBaseUrl, siteName, zone,
                sharedPagesQueueUrl, null, null);
    }

    public static SitePublisherConfig from(EnvVars env) {
        return new SitePublisherConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.SITE_BUCKET),
                env.required(EnvVars.UPLOAD_BUCKET),
                env.optional(EnvVars.INVALIDATION_QUEUE_URL).orElse(null),
                env.required(EnvVars.SITE_BASE_URL),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)),
                env.optional(EnvVars.SHARED_PAGES_QUEUE_URL).orElse(null),
                env.optional(EnvVars.SEARCH_INDEX_QUEUE_URL).orElse(null),
                env.optional(EnvVars.RECORDS_TABLE_NAME).orElse(null));
    }
}
