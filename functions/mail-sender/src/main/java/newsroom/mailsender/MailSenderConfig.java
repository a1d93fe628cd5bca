package newsroom.mailsender;

import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the mail-sender function is configured with. */
public record MailSenderConfig(AwsSettings aws, String tableName, String mailFrom, String configurationSet,
                               String siteBaseUrl, String siteName, ZoneId zone) {

    public static MailSenderConfig from(EnvVars env) {
        return new MailSenderConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.MAIL_FROM),
                env.optional(EnvVars.SES_CONFIGURATION_SET).orElse(null),
                env.required(EnvVars.SITE_BASE_URL),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)));
    }
}
