package newsroom.feedback;

import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the ses-feedback function is configured with. */
public record SesFeedbackConfig(AwsSettings aws, String tableName) {

    public static SesFeedbackConfig from(EnvVars env) {
        return new SesFeedbackConfig(AwsSettings.from(env), env.required(EnvVars.TABLE_NAME));
    }
}
