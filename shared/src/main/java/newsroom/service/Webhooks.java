package newsroom.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.Page;
import newsroom.domain.VersionConflictException;
import newsroom.domain.WebhookDelivery;
import newsroom.domain.WebhookEndpoint;
import newsroom.domain.WebhookEvent;
import newsroom.domain.WorkflowException;
import newsroom.log.JsonLog;
import newsroom.service.port.WebhookQueue;
import newsroom.service.port.WebhookRepository;

/**
 * The press office's webhook endpoints: registered (with a secret shown once), changed,
 * re-enabled, their secret rotated (the old one still signs for a day, so the receiver can
 * switch without losing a message), their delivery log read, a test event sent, a delivery
 * replayed.
 */
public final class Webhooks {
    private static final JsonLog LOG = JsonLog.of(Webhooks.class);
    /** How long the old secret still signs after a rotation. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    private static final int MAX_ENDPOINTS = 50;
    private static final int MAX_DESCRIPTION = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Which endpoint, and how to reach it. */
    public record Registration(String url, List<String> events, Boolean trusted, String description, Boolean enabled) {
    }

    /** An endpoint with its secret, shown only when made. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    public static final class EndpointNotFoundException extends RuntimeException {
        public EndpointNotFoundException(String id) {
            super("There is no webhook endpoint with id " + id + ".", null, false, false);
        }
    }

    public static final class DeliveryNotFoundException extends RuntimeException {
        public DeliveryNotFoundException(String id) {
            super("This endpoint has no delivery with id " + id + ".", null, false, false);
        }
    }

    private final WebhookRepository repository;
    private final WebhookAddresses addresses;
    private final WebhookDispatcher dispatcher;
    private final WebhookQueue queue;
    private final Clock clock;

    public Webhooks(WebhookRepository repository, WebhookAddresses addresses, WebhookDispatcher dispatcher,
                    WebhookQueue queue, Clock clock) {
        this.repository = repository;
        this.addresses = addresses;
        this.dispatcher = dispatcher;
        this.queue = queue;
        this.clock = clock;
    }

    static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private Set<WebhookEvent> events(List<String> names, Boolean trusted, List<FieldError> errors) {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        if (names == null || names.isEmpty()) {
            errors.add(new FieldError("events", "is required: one or more of " + choices()));
            return events;
        }
        for (int i = 0; i < names.size(); i++) {
            Optional<WebhookEvent> event = WebhookEvent.fromWire(names.get(i));
            if (event.isEmpty() || event.get() == WebhookEvent.TEST) {
                errors.add(new FieldError("events[" + i + "]", "must be one of " + choices()));
            } else {
                events.add(event.get());
            }
        }
        if (events.contains(WebhookEvent.SCHEDULED) && !Boolean.TRUE.equals(trusted)) {
            errors.add(new FieldError("events", "release.scheduled carries embargoed text: only an endpoint"
                    + " marked trusted may have it"));
        }
        return events;
    }

    private static List<String> choices() {
        List<String> names = new ArrayList<>();
        for (WebhookEvent event : WebhookEvent.values()) {
            if (event != WebhookEvent.TEST) {
                names.add(event.wireName());
            }
        }
        return names;
    }

    private static String description(String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        return description == null || description.isBlank() ? null : description.strip();
    }

    /**
     * Registers an endpoint. Its URL must be https on a public address.
     *
     * @throws InvalidRequestException naming each field at fault
     */
    public WithSecret register(Registration registration) {
        List<FieldError> errors = new ArrayList<>();
        String url = checkUrl(registration.url(), errors);
        Set<WebhookEvent> events = events(registration.events(), registration.trusted(), errors);
        String description = description(registration.description(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (repository.all().size() >= MAX_ENDPOINTS) {
            throw new WorkflowException("At most " + MAX_ENDPOINTS + " webhook endpoints can be registered.");
        }
        Instant now = clock.instant();
        String secret = newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID().toString(), url, events,
                Boolean.TRUE.equals(registration.trusted()), description, secret, null, null, true, null, null,
                now, now, 1);
        repository.create(endpoint);
        LOG.info("webhook endpoint registered", "endpointId", endpoint.id(), "events", events.size());
        return new WithSecret(endpoint, secret);
    }

    private String checkUrl(String url, List<FieldError> errors) {
        try {
            return addresses.checkRegistration(url).toString();
        } catch (InvalidRequestException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    public List<WebhookEndpoint> list() {
        return repository.all();
    }

    public WebhookEndpoint get(String id) {
        return repository.find(id).orElseThrow(() -> new EndpointNotFoundException(id));
    }

    /**
     * Replaces the endpoint's URL, events, trust and description; {@code enabled: true} turns a
     * disabled endpoint back on (its run of failures forgotten).
     */
    public WebhookEndpoint update(String id, long expectedVersion, Registration registration) {
        WebhookEndpoint current = get(id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id);
        }
        List<FieldError> errors = new ArrayList<>();
        String url = checkUrl(registration.url(), errors);
        Set<WebhookEvent> events = events(registration.events(), registration.trusted(), errors);
        String description = description(registration.description(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        boolean enabled = registration.enabled() == null ? current.enabled() : registration.enabled();
        WebhookEndpoint changed = new WebhookEndpoint(id, url, events, Boolean.TRUE.equals(registration.trusted()),
                description, current.secret(), current.previousSecret(), current.previousSecretExpiresAt(), enabled,
                enabled ? null : current.disabledReason() == null ? "disabled by the press office"
                        : current.disabledReason(),
                enabled && !current.enabled() ? null : current.failingSince(), current.createdAt(), clock.instant(),
                current.version() + 1);
        repository.save(changed, expectedVersion);
        return changed;
    }

    public void delete(String id) {
        get(id);
        repository.delete(id);
    }

    /** A new secret; deliveries are signed with both for {@link #ROTATION_OVERLAP}. */
    public WithSecret rotateSecret(String id) {
        for (int attempt = 0; ; attempt++) {
            WebhookEndpoint current = get(id);
            Instant now = clock.instant();
            String secret = newSecret();
            WebhookEndpoint changed = new WebhookEndpoint(id, current.url(), current.events(), current.trusted(),
                    current.description(), secret, current.secret(), now.plus(ROTATION_OVERLAP), current.enabled(),
                    current.disabledReason(), current.failingSince(), current.createdAt(), now, current.version() + 1);
            try {
                repository.save(changed, current.version());
                return new WithSecret(changed, secret);
            } catch (VersionConflictException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    public Page<WebhookDelivery> deliveries(String id, int limit, String cursor) {
        get(id);
        return repository.deliveries(id, limit, cursor);
    }

    /** Sends a "webhook.test" event now, whatever the endpoint subscribes to. */
    public WebhookDelivery sendTest(String id) {
        WebhookEndpoint endpoint = get(id);
        if (!endpoint.enabled()) {
            throw new WorkflowException("This endpoint is disabled (" + endpoint.disabledReason()
                    + "): enable it first.");
        }
        WebhookDelivery delivery = dispatcher.testDelivery(endpoint);
        queue.enqueue(id, delivery.id(), Duration.ZERO);
        return delivery;
    }

    /** Sends a delivery again, with the same id and body, from its first attempt's schedule. */
    public WebhookDelivery replay(String id, String deliveryId) {
        WebhookEndpoint endpoint = get(id);
        if (!endpoint.enabled()) {
            throw new WorkflowException("This endpoint is disabled (" + endpoint.disabledReason()
                    + "): enable it first.");
        }
        repository.findDelivery(id, deliveryId).orElseThrow(() -> new DeliveryNotFoundException(deliveryId));
        repository.replay(id, deliveryId, clock.instant());
        queue.enqueue(id, deliveryId, Duration.ZERO);
        return repository.findDelivery(id, deliveryId).orElseThrow();
    }
}
