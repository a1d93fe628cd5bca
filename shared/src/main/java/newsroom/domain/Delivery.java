package newsroom.domain;

import java.time.Instant;

/** One email about one release to one media contact, and what became of it. */
public record Delivery(
        String releaseId,
        String contactId,
        String kind,
        String email,
        DeliveryStatus status,
        String messageId,
        String reason,
        Instant updatedAt) {
}
