package newsroom.notifier;

import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the media-notifier function is configured with. */
public record MediaNotifierConfig(AwsSettings aws, String tableName, String mailQueueUrl) {

    public static MediaNotifierConfig from(EnvVars env) {
        return new MediaNotifierConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.MAIL_QUEUE_URL));
    }
}
