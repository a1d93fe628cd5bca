package newsroom.api;

import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.Categories;

/** Everything the releases-api function is configured with. */
public record ReleasesApiConfig(AwsSettings aws, String tableName, String siteBaseUrl, Categories categories,
                                ZoneId zone) {

    public static ReleasesApiConfig from(EnvVars env) {
        return new ReleasesApiConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.SITE_BASE_URL),
                Categories.parse(env.orDefault(EnvVars.CATEGORIES, EnvVars.DEFAULT_CATEGORIES)),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)));
    }
}
