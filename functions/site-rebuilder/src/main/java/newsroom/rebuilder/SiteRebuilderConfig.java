package newsroom.rebuilder;

import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.Categories;

/** Everything the site rebuilder is configured with. */
public record SiteRebuilderConfig(AwsSettings aws, String tableName, String siteBucket, String uploadBucket,
                                  String distributionId, String siteBaseUrl, String siteName, Categories categories,
                                  ZoneId zone) {

    public static SiteRebuilderConfig from(EnvVars env) {
        return new SiteRebuilderConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.SITE_BUCKET),
                env.required(EnvVars.UPLOAD_BUCKET),
                env.optional(EnvVars.DISTRIBUTION_ID).orElse(null),
                env.required(EnvVars.SITE_BASE_URL),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                Categories.parse(env.orDefault(EnvVars.CATEGORIES, EnvVars.DEFAULT_CATEGORIES)),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)));
    }
}
