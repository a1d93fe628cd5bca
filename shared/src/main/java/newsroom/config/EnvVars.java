package newsroom.config;

import java.util.Map;
import java.util.Optional;

/**
 * The names of every environment variable the functions read, in one place; template.yaml sets
 * them in {@code Globals}. Only the {@code Config} records read them, through {@link #from(Map)}.
 */
public final class EnvVars {
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String TABLE_NAME = "TABLE_NAME";
    /**
     * The table without a stream: what a publish writes that no stream consumer reads (the site's
     * index, render and search queues; release versions, the access log, deliveries). Unset: kept in
     * {@link #TABLE_NAME}, as one table (tests of one function).
     */
    public static final String RECORDS_TABLE_NAME = "RECORDS_TABLE_NAME";
    public static final String SITE_BUCKET = "SITE_BUCKET";
    public static final String SITE_BASE_URL = "SITE_BASE_URL";
    public static final String MAIL_QUEUE_URL = "MAIL_QUEUE_URL";
    public static final String MAIL_FROM = "MAIL_FROM";
    public static final String SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET";
    public static final String CATEGORIES = "CATEGORIES";
    public static final String TIME_ZONE = "TIME_ZONE";
    public static final String SITE_NAME = "SITE_NAME";
    public static final String UPLOAD_BUCKET = "UPLOAD_BUCKET";
    /** Where the public API answers: unsubscribe and confirmation links point there. */
    public static final String API_BASE_URL = "API_BASE_URL";
    /** The Secrets Manager secret (its ARN or name) holding the key ring that signs email links. */
    public static final String TOKEN_SIGNING_SECRET = "TOKEN_SIGNING_SECRET";
    /** The account's SES maximum send rate, emails per second, shared by all mail senders. */
    public static final String MAX_SEND_RATE = "MAX_SEND_RATE";
    /** How many mail senders may run at once (template.yaml caps their concurrency to this). */
    public static final String MAIL_SENDER_CONCURRENCY = "MAIL_SENDER_CONCURRENCY";
    /** The CloudFront distribution in front of the site; unset where there is none. */
    public static final String DISTRIBUTION_ID = "DISTRIBUTION_ID";
    /** Where the site functions put changed paths for the CDN invalidator; unset where there is no CDN. */
    public static final String INVALIDATION_QUEUE_URL = "INVALIDATION_QUEUE_URL";
    /** Where a publish nudges the shared pages' renderer; unset: a publish renders them itself. */
    public static final String SHARED_PAGES_QUEUE_URL = "SHARED_PAGES_QUEUE_URL";
    public static final String SEARCH_INDEX_QUEUE_URL = "SEARCH_INDEX_QUEUE_URL";
    /** "true": a release must be published by someone other than its author. */
    public static final String TWO_PERSON_RULE = "TWO_PERSON_RULE";
    /** Days a delivery record is kept before DynamoDB's TTL deletes it (the retention policy). */
    public static final String RECORD_RETENTION_DAYS = "RECORD_RETENTION_DAYS";
    /** The legal flags a release can carry (see LegalFlags): "key|label|days[|confirm]; ...". */
    public static final String LEGAL_FLAGS = "LEGAL_FLAGS";
    /** The queue of webhook attempts. */
    public static final String WEBHOOK_QUEUE_URL = "WEBHOOK_QUEUE_URL";
    /** The queue of digest jobs (served by the mail senders when no release email waits). */
    public static final String DIGEST_QUEUE_URL = "DIGEST_QUEUE_URL";
    /** Digests go out from this local time ("08:30")... */
    public static final String DIGEST_SEND_AT = "DIGEST_SEND_AT";
    /** ...and cover the day (or week) to this local time ("08:00"). */
    public static final String DIGEST_CUTOFF = "DIGEST_CUTOFF";
    /** The day weekly digests go out ("SATURDAY"). */
    public static final String DIGEST_WEEKLY_DAY = "DIGEST_WEEKLY_DAY";
    /** Who is told when a webhook endpoint is disabled: "a@x.uk, b@x.uk". */
    public static final String WEBHOOK_ALERT_TO = "WEBHOOK_ALERT_TO";
    /** Local runtime only (never in template.yaml): webhooks may go to http on loopback, for tests. */
    public static final String WEBHOOKS_ALLOW_LOOPBACK = "WEBHOOKS_ALLOW_LOOPBACK";
    /** Who is told of reviews that fall due, besides each release's author: "a@x.uk, b@x.uk". */
    public static final String REVIEW_REMINDER_TO = "REVIEW_REMINDER_TO";
    /** The local time from which the day's review reminders go out ("08:00"). */
    public static final String REVIEW_REMINDER_TIME = "REVIEW_REMINDER_TIME";
    /** The desk's identity provider (OpenID Connect issuer) and its app's client id. */
    public static final String DESK_ISSUER = "DESK_ISSUER";
    public static final String DESK_CLIENT_ID = "DESK_CLIENT_ID";
    /** The local stack's sign-in page for the desk (dev tokens); never set in AWS. */
    public static final String DESK_SIGN_IN_URL = "DESK_SIGN_IN_URL";

    public static final String DEFAULT_CATEGORIES =
            "Crime Operations, Appeals, Road Safety, Court Results, Community, Corporate";
    public static final String DEFAULT_TIME_ZONE = "Europe/London";
    public static final String DEFAULT_SITE_NAME = "Newsroom";

    private final Map<String, String> values;

    private EnvVars(Map<String, String> values) {
        this.values = values;
    }

    public static EnvVars fromSystem() {
        return new EnvVars(System.getenv());
    }

    public static EnvVars from(Map<String, String> values) {
        return new EnvVars(Map.copyOf(values));
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " must be set");
        }
        return value;
    }

    public String orDefault(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    /** The digest schedule as configured, in the press office's time zone. */
    public newsroom.domain.DigestSchedule digestSchedule() {
        return new newsroom.domain.DigestSchedule(
                java.time.ZoneId.of(orDefault(TIME_ZONE, DEFAULT_TIME_ZONE)),
                java.time.LocalTime.parse(orDefault(DIGEST_SEND_AT, "08:30")),
                java.time.LocalTime.parse(orDefault(DIGEST_CUTOFF, "08:00")),
                java.time.DayOfWeek.valueOf(orDefault(DIGEST_WEEKLY_DAY, "SATURDAY").strip()
                        .toUpperCase(java.util.Locale.ROOT)));
    }
}
