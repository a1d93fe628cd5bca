package newsroom.sitepublisher;

import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the site-publisher function is configured with. */
public record SitePublisherConfig(AwsSettings aws, String tableName, String siteBucket, String uploadBucket,
                                  String invalidationQueueUrl, String siteBaseUrl, String siteName, ZoneId zone) {

    public static SitePublisherConfig from(EnvVars env) {
        return new SitePublisherConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.SITE_BUCKET),
                env.required(EnvVars.UPLOAD_BUCKET),
                env.optional(EnvVars.INVALIDATION_QUEUE_URL).orElse(null),
                env.required(EnvVars.SITE_BASE_URL),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)));
    }
}
