package newsroom.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.WebhookDelivery;
import newsroom.domain.WebhookEndpoint;
import newsroom.domain.WebhookEvent;
import newsroom.json.Json;
import newsroom.render.Ninjs;
import newsroom.render.SitePaths;
import newsroom.service.port.WebhookQueue;
import newsroom.service.port.WebhookRepository;

/**
 * Decides which endpoints hear of a change to a release, and queues one delivery for each. The
 * delivery's id is made from the endpoint, the release, its version and the event, so a repeated
 * stream record makes the same delivery (stored once) and a receiver can drop a repeat.
 */
public final class WebhookDispatcher {
    /** The Standard Webhooks limit we hold ourselves to: small enough for any receiver. */
    static final int MAX_PAYLOAD = 20 * 1024;
    private static final int MAX_SUMMARY = 1000;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final WebhookRepository repository;
    private final WebhookQueue queue;
    private final SitePaths paths;
    private final String siteBaseUrl;
    private final Duration retention;
    private final Clock clock;

    public WebhookDispatcher(WebhookRepository repository, WebhookQueue queue, SitePaths paths, String siteBaseUrl,
                             Duration retention, Clock clock) {
        this.repository = repository;
        this.queue = queue;
        this.paths = paths;
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
        this.retention = retention;
        this.clock = clock;
    }

    /** Returns how many deliveries were queued. {@code before} is null for a new release. */
    public int releaseChanged(Release before, Release after) {
        return releaseChanged(before, after, repository::all);
    }

    /** For a stream batch's changes: the endpoints are read once for the whole batch, when first needed. */
    public Batch batch() {
        return new Batch();
    }

    /** See {@link #batch}. */
    public final class Batch {
        private List<WebhookEndpoint> endpoints;

        private Batch() {
        }

        /** {@link WebhookDispatcher#releaseChanged}, with the batch's endpoints. */
        public int releaseChanged(Release before, Release after) {
            return WebhookDispatcher.this.releaseChanged(before, after, () -> {
                if (endpoints == null) {
                    endpoints = repository.all();
                }
                return endpoints;
            });
        }
    }

    private int releaseChanged(Release before, Release after, java.util.function.Supplier<List<WebhookEndpoint>> endpoints) {
        ReleaseStatus was = before == null ? null : before.status();
        WebhookEvent event = null;
        boolean major = false;
        boolean trustedOnly = false;
        if (after.status() == ReleaseStatus.SCHEDULED && was != ReleaseStatus.SCHEDULED) {
            event = WebhookEvent.SCHEDULED;
        } else if (after.status() == ReleaseStatus.PUBLISHED && was != ReleaseStatus.PUBLISHED) {
            event = WebhookEvent.PUBLISHED;
        } else if (after.status() == ReleaseStatus.PUBLISHED && was == ReleaseStatus.PUBLISHED
                && after.changes().size() > before.changes().size()) {
            event = WebhookEvent.UPDATED;
            major = after.lastChange().map(c -> c.type() == ReleaseChange.ChangeType.MAJOR).orElse(false);
        } else if (after.status() == ReleaseStatus.WITHDRAWN && (was == ReleaseStatus.PUBLISHED
                || was == ReleaseStatus.SCHEDULED)) {
            event = WebhookEvent.WITHDRAWN;
            // Only those who heard of it under embargo may hear an embargoed release was withdrawn.
            trustedOnly = was == ReleaseStatus.SCHEDULED;
        }
        if (event == null) {
            return 0;
        }
        int queued = 0;
        for (WebhookEndpoint endpoint : endpoints.get()) {
            boolean wants = event == WebhookEvent.WITHDRAWN && trustedOnly
                    ? endpoint.enabled() && endpoint.trusted()
                    && (endpoint.events().contains(WebhookEvent.WITHDRAWN) || endpoint.events().contains(WebhookEvent.SCHEDULED))
                    : endpoint.wants(event, major);
            if (wants) {
                WebhookDelivery delivery = delivery(endpoint, event, after, payload(event, major, after));
                repository.createDelivery(delivery, clock.instant().plus(retention));
                queue.enqueue(endpoint.id(), delivery.id(), Duration.ZERO);
                queued++;
            }
        }
        return queued;
    }

    /** A "webhook.test" delivery for this endpoint, stored, not yet queued. */
    WebhookDelivery testDelivery(WebhookEndpoint endpoint) {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", WebhookEvent.TEST.wireName());
        body.put("timestamp", now.toString());
        body.put("data", Map.of("message", "A test event from the press office's newsroom.", "endpointId", endpoint.id()));
        String id = messageId(now, endpoint.id() + "|test|" + now.toEpochMilli() + "|" + java.util.UUID.randomUUID());
        WebhookDelivery delivery = new WebhookDelivery(endpoint.id(), id, WebhookEvent.TEST.wireName(), null,
                Json.write(body), WebhookDelivery.Status.PENDING, 0, null, null, null, null, now, now);
        repository.createDelivery(delivery, now.plus(retention));
        return delivery;
    }

    private WebhookDelivery delivery(WebhookEndpoint endpoint, WebhookEvent event, Release release, String payload) {
        Instant at = release.updatedAt();
        String id = messageId(at, endpoint.id() + "|" + release.id() + "|" + release.version() + "|" + event.name());
        Instant now = clock.instant();
        return new WebhookDelivery(endpoint.id(), id, event.wireName(), release.id(), payload,
                WebhookDelivery.Status.PENDING, 0, null, null, null, null, now, now);
    }

    /** "msg_20261130090000000_3f0a2b9c…": sorts by the event's time; the same for the same event. */
    static String messageId(Instant at, String what) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            return "msg_" + ID_TIME.format(at) + "_" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event as the receiver gets it: the release's summary, its URLs, never its whole text. */
    String payload(WebhookEvent event, boolean major, Release release) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", release.id());
        data.put("title", release.title());
        if (release.summary() != null) {
            data.put("summary", release.summary().length() > MAX_SUMMARY
                    ? release.summary().substring(0, MAX_SUMMARY) + "…" : release.summary());
        }
        data.put("category", release.category());
        data.put("tags", release.tags().size() > 20 ? release.tags().subList(0, 20) : release.tags());
        data.put("status", release.status().name().toLowerCase(java.util.Locale.ROOT));
        if (release.publishedAt() != null && release.status() != ReleaseStatus.SCHEDULED) {
            String url = siteBaseUrl + paths.releaseUrlPath(release);
            data.put("url", url);
            data.put("ninjsUrl", url + Ninjs.FILE_NAME);
            data.put("publishedAt", release.publishedAt().toString());
        }
        if (release.status() == ReleaseStatus.SCHEDULED) {
            data.put("embargoUntil", release.embargoUntil().toString());
        }
        data.put("updatedAt", release.updatedAt().toString());
        data.put("version", release.changes().size() + 1);
        if (event == WebhookEvent.UPDATED) {
            data.put("changeType", major ? "major" : "minor");
            release.lastChange().ifPresent(c -> data.put("changeNote", c.note()));
        }
        if (event == WebhookEvent.WITHDRAWN && release.withdrawal() != null) {
            data.put("withdrawalReason", release.withdrawal().reason());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.wireName());
        body.put("timestamp", release.updatedAt().toString());
        body.put("data", data);
        String json = Json.write(body);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            data.remove("summary");
            data.put("tags", List.of());
            json = Json.write(body);
        }
        return json;
    }
}
