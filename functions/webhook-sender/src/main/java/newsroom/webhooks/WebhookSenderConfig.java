package newsroom.webhooks;

import java.util.List;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.service.ReviewReminders;

/** Everything the webhook sender is configured with. */
public record WebhookSenderConfig(AwsSettings aws, String tableName, String webhookQueueUrl, List<String> alertTo,
                                  String mailFrom, String configurationSet, boolean allowLoopback) {

    public static WebhookSenderConfig from(EnvVars env) {
        return new WebhookSenderConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.WEBHOOK_QUEUE_URL),
                ReviewReminders.addresses(env.orDefault(EnvVars.WEBHOOK_ALERT_TO, "")),
                env.optional(EnvVars.MAIL_FROM).orElse(null),
                env.optional(EnvVars.SES_CONFIGURATION_SET).filter(c -> !c.isBlank()).orElse(null),
                Boolean.parseBoolean(env.orDefault(EnvVars.WEBHOOKS_ALLOW_LOOPBACK, "false")));
    }
}
