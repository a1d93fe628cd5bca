package newsroom.sweeper;

import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.Categories;

/** Everything the embargo sweeper is configured with. */
public record EmbargoSweeperConfig(AwsSettings aws, String tableName, Categories categories, ZoneId zone) {

    public static EmbargoSweeperConfig from(EnvVars env) {
        return new EmbargoSweeperConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                Categories.parse(env.orDefault(EnvVars.CATEGORIES, EnvVars.DEFAULT_CATEGORIES)),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)));
    }
}
