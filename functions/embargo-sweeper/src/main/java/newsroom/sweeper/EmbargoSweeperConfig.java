package newsroom.sweeper;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.Categories;
import newsroom.domain.DigestSchedule;
import newsroom.domain.LegalFlags;
import newsroom.service.ReviewReminders;

/**
 * Everything the embargo sweeper is configured with: the sweep, and the daily reminders of legal
 * reviews that fall due (who besides the author is told, from what time, and from which address).
 */
public record EmbargoSweeperConfig(AwsSettings aws, String tableName, Categories categories, ZoneId zone,
                                   LegalFlags legalFlags, List<String> reminderTo, LocalTime reminderTime,
                                   String mailFrom, String configurationSet, String siteBaseUrl, String siteName,
                                   Duration recordRetention, String webhookQueueUrl, String digestQueueUrl,
                                   DigestSchedule digests, String recordsTable) {

    /** Without a records table of its own, the records are kept in the table. */
    public EmbargoSweeperConfig {
        recordsTable = recordsTable == null ? tableName : recordsTable;
    }

    /** The sweep alone: the default flags, and reminders to authors only, from 08:00. */
    public EmbargoSweeperConfig(AwsSettings aws, String tableName, Categories categories, ZoneId zone) {
        this(aws, tableName, categories, zone, LegalFlags.defaults(), List.of(), LocalTime.of(8, 0), null, null,
                "http://localhost", EnvVars.DEFAULT_SITE_NAME, Duration.ofDays(730), null, null,
                DigestSchedule.defaults(zone), null);
    }

    public static EmbargoSweeperConfig from(EnvVars env) {
        return new EmbargoSweeperConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                Categories.parse(env.orDefault(EnvVars.CATEGORIES, EnvVars.DEFAULT_CATEGORIES)),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)),
                LegalFlags.parse(env.optional(EnvVars.LEGAL_FLAGS).filter(f -> !f.isBlank()).orElse(LegalFlags.DEFAULTS)),
                ReviewReminders.addresses(env.orDefault(EnvVars.REVIEW_REMINDER_TO, "")),
                LocalTime.parse(env.orDefault(EnvVars.REVIEW_REMINDER_TIME, "08:00")),
                env.optional(EnvVars.MAIL_FROM).orElse(null),
                env.optional(EnvVars.SES_CONFIGURATION_SET).filter(c -> !c.isBlank()).orElse(null),
                env.orDefault(EnvVars.SITE_BASE_URL, "http://localhost"),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                Duration.ofDays(Long.parseLong(env.orDefault(EnvVars.RECORD_RETENTION_DAYS, "730"))),
                env.optional(EnvVars.WEBHOOK_QUEUE_URL).filter(u -> !u.isBlank()).orElse(null),
                env.optional(EnvVars.DIGEST_QUEUE_URL).filter(u -> !u.isBlank()).orElse(null),
                env.digestSchedule(),
                env.optional(EnvVars.RECORDS_TABLE_NAME).orElse(null));
    }
}
