package newsroom.service;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.domain.VersionConflictException;
import newsroom.domain.WebhookDelivery;
import newsroom.domain.WebhookEndpoint;
import newsroom.log.JsonLog;
import newsroom.render.Email;
import newsroom.render.Html;
import newsroom.service.port.Mailer;
import newsroom.service.port.WebhookQueue;
import newsroom.service.port.WebhookRepository;
import newsroom.service.port.WebhookTransport;

/**
 * Makes one attempt of a webhook delivery, signed as Standard Webhooks says (webhook-id,
 * webhook-timestamp, webhook-signature: "v1," and the HMAC-SHA256 of id.timestamp.body, with
 * each secret in force), and decides what follows: done on a 2xx; on a failure, the next attempt
 * on the specification's schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), then given up. An
 * endpoint that answers 410 Gone, or has failed without a success for five days, is disabled and
 * the press office told. At least once: a receiver drops a repeat by its webhook-id.
 */
public final class WebhookSender {
    private static final JsonLog LOG = JsonLog.of(WebhookSender.class);
    /** The waits before the 2nd, 3rd, ... attempt; the first is at once. */
    public static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(5);
    /** SQS holds a message back at most this long; later attempts are queued by the minute sweep. */
    private static final Duration MAX_QUEUE_DELAY = Duration.ofMinutes(15);
    /** One attempt at a time: a second sender keeps off a delivery for this long. */
    private static final Duration ATTEMPT_LEASE = Duration.ofSeconds(60);
    private static final int MAX_ERROR = 300;

    /** What an attempt came to. */
    public enum Outcome { DELIVERED, RETRY_LATER, FAILED, DISABLED, NOT_DUE }

    private final WebhookRepository repository;
    private final WebhookQueue queue;
    private final WebhookTransport transport;
    private final Mailer alerts;
    private final List<String> alertTo;
    private final Clock clock;

    public WebhookSender(WebhookRepository repository, WebhookQueue queue, WebhookTransport transport, Mailer alerts,
                         List<String> alertTo, Clock clock) {
        this.repository = repository;
        this.queue = queue;
        this.transport = transport;
        this.alerts = alerts;
        this.alertTo = List.copyOf(alertTo);
        this.clock = clock;
    }

    /** The signature header: "v1,<base64>" for each secret, space-separated. */
    static String sign(List<String> secrets, String id, long timestamp, String body) {
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            try {
                signatures.add(new Webhook(secret).sign(id, timestamp, body));
            } catch (WebhookSigningException e) {
                throw new IllegalStateException("cannot sign a webhook", e);
            }
        }
        return String.join(" ", signatures);
    }

    /**
     * SnapStart priming: the reads an attempt starts with (an endpoint and a delivery that do not
     * exist, so nothing is claimed) and a signature over a sample. Nothing is sent or written.
     */
    public void prime() {
        repository.find(PrimingSamples.NO_SUCH_ID);
        repository.findDelivery(PrimingSamples.NO_SUCH_ID, PrimingSamples.NO_SUCH_ID);
        sign(List.of("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24])), PrimingSamples.NO_SUCH_ID,
                clock.instant().getEpochSecond(), "{}");
    }

    public Outcome attempt(String endpointId, String deliveryId) {
        Optional<WebhookEndpoint> found = repository.find(endpointId);
        Instant now = clock.instant();
        if (found.isEmpty()) {
            return Outcome.NOT_DUE; // deleted with its log
        }
        Optional<WebhookDelivery> claimed = repository.claimAttempt(endpointId, deliveryId, now, ATTEMPT_LEASE);
        if (claimed.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        WebhookEndpoint endpoint = found.get();
        WebhookDelivery delivery = claimed.get();
        if (!endpoint.enabled()) {
            repository.recordAttempt(withOutcome(delivery, WebhookDelivery.Status.FAILED, null, null,
                    "the endpoint is disabled: " + endpoint.disabledReason(), now, null));
            return Outcome.FAILED;
        }
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", delivery.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", sign(endpoint.signingSecrets(now), delivery.id(), timestamp, delivery.payload()));
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Newsroom-Webhooks/1.0");
        WebhookTransport.Answer answer = null;
        String error = null;
        try {
            answer = transport.post(URI.create(endpoint.url()), headers, delivery.payload());
        } catch (WebhookTransport.Refused refused) {
            error = "refused: " + refused.getMessage();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Integer status = answer == null ? null : answer.status();
        Long latency = answer == null ? null : answer.latencyMillis();
        if (status != null && status >= 200 && status < 300) {
            repository.recordAttempt(withOutcome(delivery, WebhookDelivery.Status.SUCCEEDED, status, latency, null, now,
                    null));
            if (endpoint.failingSince() != null) {
                changeEndpoint(endpointId, e -> withFailingSince(e, null));
            }
            LOG.info("webhook delivered", "endpointId", endpointId, "deliveryId", delivery.id(), "status", status,
                    "attempt", delivery.attempts());
            return Outcome.DELIVERED;
        }
        if (status != null && status == 410) {
            repository.recordAttempt(withOutcome(delivery, WebhookDelivery.Status.FAILED, status, latency,
                    "410 Gone: the endpoint is disabled", now, null));
            disable(endpointId, "it answered 410 Gone", now);
            return Outcome.DISABLED;
        }
        String failure = error != null ? error : "answered " + status;
        Instant failingSince = endpoint.failingSince() == null ? now : endpoint.failingSince();
        if (!failingSince.plus(GIVE_UP_AFTER).isAfter(now)) {
            repository.recordAttempt(withOutcome(delivery, WebhookDelivery.Status.FAILED, status, latency, failure, now,
                    null));
            disable(endpointId, "it has failed every delivery since " + failingSince, now);
            return Outcome.DISABLED;
        }
        if (endpoint.failingSince() == null) {
            changeEndpoint(endpointId, e -> e.failingSince() == null ? withFailingSince(e, now) : e);
        }
        int made = delivery.attempts();
        if (made > SCHEDULE.size()) {
            repository.recordAttempt(withOutcome(delivery, WebhookDelivery.Status.FAILED, status, latency, failure, now,
                    null));
            LOG.warn("webhook given up after every attempt", "endpointId", endpointId, "deliveryId", delivery.id());
            return Outcome.FAILED;
        }
        Duration wait = SCHEDULE.get(made - 1);
        repository.recordAttempt(withOutcome(delivery, WebhookDelivery.Status.PENDING, status, latency, failure, now,
                now.plus(wait)));
        if (wait.compareTo(MAX_QUEUE_DELAY) <= 0) {
            queue.enqueue(endpointId, delivery.id(), wait);
        }
        LOG.info("webhook failed; retried later", "endpointId", endpointId, "deliveryId", delivery.id(),
                "attempt", made, "retryIn", wait.toString());
        return Outcome.RETRY_LATER;
    }

    /** The minute sweep: queues the attempts whose time has come (those too far off for SQS's delay). */
    public int enqueueDueRetries(int limit) {
        int queued = 0;
        for (String[] due : repository.dueRetries(clock.instant(), limit)) {
            queue.enqueue(due[0], due[1], Duration.ZERO);
            queued++;
        }
        return queued;
    }

    private static WebhookDelivery withOutcome(WebhookDelivery d, WebhookDelivery.Status status, Integer code,
                                               Long latency, String error, Instant at, Instant next) {
        String shortError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        return new WebhookDelivery(d.endpointId(), d.id(), d.type(), d.releaseId(), d.payload(), status, d.attempts(),
                code, latency, shortError, at, next, d.createdAt());
    }

    private static WebhookEndpoint withFailingSince(WebhookEndpoint e, Instant since) {
        return new WebhookEndpoint(e.id(), e.url(), e.events(), e.trusted(), e.description(), e.secret(),
                e.previousSecret(), e.previousSecretExpiresAt(), e.enabled(), e.disabledReason(), since, e.createdAt(),
                e.updatedAt(), e.version() + 1);
    }

    private void changeEndpoint(String id, java.util.function.UnaryOperator<WebhookEndpoint> change) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<WebhookEndpoint> current = repository.find(id);
            if (current.isEmpty()) {
                return;
            }
            WebhookEndpoint changed = change.apply(current.get());
            if (changed == current.get()) {
                return;
            }
            try {
                repository.save(changed, current.get().version());
                return;
            } catch (VersionConflictException e) {
                // Changed meanwhile (another sender, the press office): apply to the fresh one.
            }
        }
    }

    private void disable(String id, String reason, Instant now) {
        boolean[] disabledNow = {false};
        changeEndpoint(id, e -> {
            if (!e.enabled()) {
                return e;
            }
            disabledNow[0] = true;
            return new WebhookEndpoint(e.id(), e.url(), e.events(), e.trusted(), e.description(), e.secret(),
                    e.previousSecret(), e.previousSecretExpiresAt(), false, reason + " (" + now + ")", e.failingSince(),
                    e.createdAt(), now, e.version() + 1);
        });
        if (disabledNow[0]) {
            LOG.warn("webhook endpoint disabled", "endpointId", id, "reason", reason);
            tellThePressOffice(id, reason);
        }
    }

    private void tellThePressOffice(String id, String reason) {
        WebhookEndpoint endpoint = repository.find(id).orElse(null);
        if (endpoint == null || alerts == null || alertTo.isEmpty()) {
            return;
        }
        String subject = "Webhook endpoint disabled: " + endpoint.url();
        String text = "The webhook endpoint " + endpoint.url() + (endpoint.description() == null ? ""
                : " (" + endpoint.description() + ")") + " was disabled because " + reason + ".\n\n"
                + "No more events go to it. When it works again, enable it (PUT /webhooks/" + id
                + " with \"enabled\": true) and replay what it missed from its delivery log.\n";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(subject)
                + "</title></head><body><p>" + Html.escape(text).replace("\n\n", "</p><p>") + "</p></body></html>";
        for (String to : alertTo) {
            try {
                alerts.send(new Email(to, subject, html, text, Map.of()));
            } catch (RuntimeException e) {
                LOG.error("could not tell the press office of a disabled webhook endpoint", e, "endpointId", id);
            }
        }
    }
}
