package newsroom.notifier;

import java.time.Duration;
import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the media-notifier function is configured with: the mail queue, and the webhook queue. */
public record MediaNotifierConfig(AwsSettings aws, String tableName, String mailQueueUrl, String webhookQueueUrl,
                                  String siteBaseUrl, ZoneId zone, Duration recordRetention, String recordsTable) {

    /** Without a records table of its own, the records are kept in the table. */
    public MediaNotifierConfig {
        recordsTable = recordsTable == null ? tableName : recordsTable;
    }

    public MediaNotifierConfig(AwsSettings aws, String tableName, String mailQueueUrl) {
        this(aws, tableName, mailQueueUrl, null, "http://localhost", ZoneId.of(EnvVars.DEFAULT_TIME_ZONE),
                Duration.ofDays(730), null);
    }

    public static MediaNotifierConfig from(EnvVars env) {
        return new MediaNotifierConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.MAIL_QUEUE_URL),
                env.optional(EnvVars.WEBHOOK_QUEUE_URL).filter(u -> !u.isBlank()).orElse(null),
                env.orDefault(EnvVars.SITE_BASE_URL, "http://localhost"),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)),
                Duration.ofDays(Long.parseLong(env.orDefault(EnvVars.RECORD_RETENTION_DAYS, "730"))),
                env.optional(EnvVars.RECORDS_TABLE_NAME).orElse(null));
    }
}
