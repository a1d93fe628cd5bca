package newsroom.api;

import java.time.Duration;
import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.Categories;
import newsroom.domain.LegalFlags;

/** Everything the releases-api function is configured with. */
public record ReleasesApiConfig(AwsSettings aws, String tableName, String uploadBucket, String siteBaseUrl,
                                String siteName, Categories categories, ZoneId zone, boolean twoPersonRule,
                                String apiBaseUrl, String tokenSigningSecret, String mailFrom, String configurationSet,
                                Duration recordRetention, LegalFlags legalFlags, String mailQueueUrl,
                                String webhookQueueUrl, boolean webhooksAllowLoopback, String recordsTable) {

    /** Without a records table of its own, the records are kept in the table. */
    public ReleasesApiConfig {
        recordsTable = recordsTable == null ? tableName : recordsTable;
    }

    /** With records kept for the default period (two years). */
    public ReleasesApiConfig(AwsSettings aws, String tableName, String uploadBucket, String siteBaseUrl,
                             String siteName, Categories categories, ZoneId zone, boolean twoPersonRule,
                             String apiBaseUrl, String tokenSigningSecret, String mailFrom, String configurationSet) {
        this(aws, tableName, uploadBucket, siteBaseUrl, siteName, categories, zone, twoPersonRule, apiBaseUrl,
                tokenSigningSecret, mailFrom, configurationSet, Duration.ofDays(730), LegalFlags.defaults(), null, null,
                false, null);
    }

    public static ReleasesApiConfig from(EnvVars env) {
        return new ReleasesApiConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.UPLOAD_BUCKET),
                env.required(EnvVars.SITE_BASE_URL),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                Categories.parse(env.orDefault(EnvVars.CATEGORIES, EnvVars.DEFAULT_CATEGORIES)),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)),
                Boolean.parseBoolean(env.orDefault(EnvVars.TWO_PERSON_RULE, "false")),
                env.required(EnvVars.API_BASE_URL),
                env.required(EnvVars.TOKEN_SIGNING_SECRET),
                env.required(EnvVars.MAIL_FROM),
                env.optional(EnvVars.SES_CONFIGURATION_SET).orElse(null),
                Duration.ofDays(Long.parseLong(env.orDefault(EnvVars.RECORD_RETENTION_DAYS, "730"))),
                LegalFlags.parse(env.optional(EnvVars.LEGAL_FLAGS).filter(f -> !f.isBlank()).orElse(LegalFlags.DEFAULTS)),
                env.optional(EnvVars.MAIL_QUEUE_URL).orElse(null),
                env.optional(EnvVars.WEBHOOK_QUEUE_URL).filter(u -> !u.isBlank()).orElse(null),
                Boolean.parseBoolean(env.orDefault(EnvVars.WEBHOOKS_ALLOW_LOOPBACK, "false")),
                env.optional(EnvVars.RECORDS_TABLE_NAME).orElse(null));
    }

}
