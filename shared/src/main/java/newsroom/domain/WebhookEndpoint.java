package newsroom.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A system the press office has registered to be told of releases: where to POST, which events,
 * whether it may have embargoed ones, and the secrets its deliveries are signed with (two while a
 * rotation overlaps: the new one, and the old one until {@code previousSecretExpiresAt}).
 * {@code failingSince} is the first failure of the current run of failures; five days of them,
 * or a 410, disable it.
 */
public record WebhookEndpoint(String id, String url, Set<WebhookEvent> events, boolean trusted, String description,
                              String secret, String previousSecret, Instant previousSecretExpiresAt,
                              boolean enabled, String disabledReason, Instant failingSince, Instant createdAt,
                              Instant updatedAt, long version) {

    public WebhookEndpoint {
        events = events == null ? Set.of() : Set.copyOf(events);
    }

    /** Whether this endpoint wants an event of this type (and may have it). */
    public boolean wants(WebhookEvent event, boolean major) {
        if (!enabled) {
            return false;
        }
        return switch (event) {
            case SCHEDULED -> trusted && events.contains(WebhookEvent.SCHEDULED);
            case UPDATED -> events.contains(WebhookEvent.UPDATED) || (major && events.contains(WebhookEvent.UPDATED_MAJOR));
            case TEST -> true;
            default -> events.contains(event);
        };
    }

    /** The secrets to sign with now: the current one, and the previous one while it overlaps. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }
}
