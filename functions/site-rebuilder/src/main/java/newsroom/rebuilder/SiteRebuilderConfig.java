package newsroom.rebuilder;

import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.Categories;
import newsroom.render.Desk;

/**
 * Everything the site rebuilder is configured with. With a shared pages' queue, a rebuild asked for
 * by hand leaves the lists to the renderer that queue runs (and the search index to its own).
 */
public record SiteRebuilderConfig(AwsSettings aws, String tableName, String siteBucket, String uploadBucket,
                                  String invalidationQueueUrl, String siteBaseUrl, String siteName, Categories categories,
                                  ZoneId zone, Desk.Config desk, String sharedPagesQueueUrl,
                                  String searchIndexQueueUrl, String recordsTable) {

    /** Without a records table of its own, the records are kept in the table. */
    public SiteRebuilderConfig {
        recordsTable = recordsTable == null ? tableName : recordsTable;
    }

    /** With a desk that signs in through no provider yet (tests that look only at the site). */
    public SiteRebuilderConfig(AwsSettings aws, String tableName, String siteBucket, String uploadBucket,
                               String invalidationQueueUrl, String siteBaseUrl, String siteName, Categories categories,
                               ZoneId zone) {
        this(aws, tableName, siteBucket, uploadBucket, invalidationQueueUrl, siteBaseUrl, siteName, categories, zone,
                new Desk.Config(siteName, "", null, null, null, categories.names(), zone.getId(), false), null, null, null);
    }

    public static SiteRebuilderConfig from(EnvVars env) {
        return new SiteRebuilderConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.SITE_BUCKET),
                env.required(EnvVars.UPLOAD_BUCKET),
                env.optional(EnvVars.INVALIDATION_QUEUE_URL).orElse(null),
                env.required(EnvVars.SITE_BASE_URL),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                Categories.parse(env.orDefault(EnvVars.CATEGORIES, EnvVars.DEFAULT_CATEGORIES)),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)),
                new Desk.Config(env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                        env.optional(EnvVars.API_BASE_URL).orElse(""),
                        env.optional(EnvVars.DESK_ISSUER).orElse(null),
                        env.optional(EnvVars.DESK_CLIENT_ID).orElse(null),
                        env.optional(EnvVars.DESK_SIGN_IN_URL).orElse(null),
                        Categories.parse(env.orDefault(EnvVars.CATEGORIES, EnvVars.DEFAULT_CATEGORIES)).names(),
                        env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE),
                        Boolean.parseBoolean(env.orDefault(EnvVars.TWO_PERSON_RULE, "false"))),
                env.optional(EnvVars.SHARED_PAGES_QUEUE_URL).orElse(null),
                env.optional(EnvVars.SEARCH_INDEX_QUEUE_URL).orElse(null),
                env.optional(EnvVars.RECORDS_TABLE_NAME).orElse(null));
    }
}
