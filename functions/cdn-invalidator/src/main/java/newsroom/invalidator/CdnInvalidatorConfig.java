package newsroom.invalidator;

import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the CDN invalidator is configured with. */
public record CdnInvalidatorConfig(AwsSettings aws, String distributionId) {

    public static CdnInvalidatorConfig from(EnvVars env) {
        return new CdnInvalidatorConfig(AwsSettings.from(env), env.required(EnvVars.DISTRIBUTION_ID));
    }
}
