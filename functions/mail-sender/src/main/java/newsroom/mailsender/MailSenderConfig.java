package newsroom.mailsender;

import java.time.Duration;
import java.time.ZoneId;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.DigestSchedule;
import newsroom.store.DynamoDbDeliveryRepository;

/** Everything the mail-sender function is configured with. */
public record MailSenderConfig(AwsSettings aws, String tableName, String mailQueueUrl, String mailFrom,
                               String configurationSet,
                               String siteBaseUrl, String apiBaseUrl, String siteName, ZoneId zone,
                               String tokenSigningSecret, double maxSendRate, int concurrency,
                               Duration sendingLease, Duration recordRetention, String digestQueueUrl,
                               DigestSchedule digests, String recordsTable) {

    /** Without a records table of its own, the records are kept in the table. */
    public MailSenderConfig {
        recordsTable = recordsTable == null ? tableName : recordsTable;
    }

    /** With delivery records kept for the default period. */
    public MailSenderConfig(AwsSettings aws, String tableName, String mailQueueUrl, String mailFrom,
                            String configurationSet, String siteBaseUrl, String apiBaseUrl, String siteName,
                            ZoneId zone, String tokenSigningSecret, double maxSendRate, int concurrency,
                            Duration sendingLease) {
        this(aws, tableName, mailQueueUrl, mailFrom, configurationSet, siteBaseUrl, apiBaseUrl, siteName, zone,
                tokenSigningSecret, maxSendRate, concurrency, sendingLease, DynamoDbDeliveryRepository.DEFAULT_RETENTION,
                null, DigestSchedule.defaults(zone), null);
    }

    /**
     * How long a claimed send may go unreported before it counts as not sent. SES's Send event
     * settles a send within seconds; the queue retries a message for longer than this.
     */
    public static final Duration SENDING_LEASE = Duration.ofMinutes(10);

    public static MailSenderConfig from(EnvVars env) {
        return new MailSenderConfig(
                AwsSettings.from(env),
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.MAIL_QUEUE_URL),
                env.required(EnvVars.MAIL_FROM),
                env.optional(EnvVars.SES_CONFIGURATION_SET).orElse(null),
                env.required(EnvVars.SITE_BASE_URL),
                env.required(EnvVars.API_BASE_URL),
                env.orDefault(EnvVars.SITE_NAME, EnvVars.DEFAULT_SITE_NAME),
                ZoneId.of(env.orDefault(EnvVars.TIME_ZONE, EnvVars.DEFAULT_TIME_ZONE)),
                env.required(EnvVars.TOKEN_SIGNING_SECRET),
                Double.parseDouble(env.orDefault(EnvVars.MAX_SEND_RATE, "14")),
                Integer.parseInt(env.orDefault(EnvVars.MAIL_SENDER_CONCURRENCY, "5")),
                SENDING_LEASE,
                Duration.ofDays(Long.parseLong(env.orDefault(EnvVars.RECORD_RETENTION_DAYS,
                        Long.toString(DynamoDbDeliveryRepository.DEFAULT_RETENTION.toDays())))),
                env.optional(EnvVars.DIGEST_QUEUE_URL).filter(u -> !u.isBlank()).orElse(null),
                env.digestSchedule(),
                env.optional(EnvVars.RECORDS_TABLE_NAME).orElse(null));
    }

    /** The same, talking to AWS as these settings say (the local runtime: the emulator's endpoint and keys). */
    public MailSenderConfig withAws(AwsSettings other) {
        return new MailSenderConfig(other, tableName, mailQueueUrl, mailFrom, configurationSet, siteBaseUrl,
                apiBaseUrl, siteName, zone, tokenSigningSecret, maxSendRate, concurrency, sendingLease, recordRetention,
                digestQueueUrl, digests, recordsTable);
    }

    /** The same, with another lease: the local runtime's queue retries within seconds, not minutes. */
    public MailSenderConfig withSendingLease(Duration lease) {
        return new MailSenderConfig(aws, tableName, mailQueueUrl, mailFrom, configurationSet, siteBaseUrl, apiBaseUrl,
                siteName, zone,
                tokenSigningSecret, maxSendRate, concurrency, lease, recordRetention, digestQueueUrl, digests,
                recordsTable);
    }

    /** Each sender's share of the account's rate. */
    public double ratePerSender() {
        return maxSendRate / Math.max(1, concurrency);
    }
}
