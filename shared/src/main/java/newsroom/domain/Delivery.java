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

    /** Whether this delivery put the release itself (the advance copy or the public one) in the inbox. */
    public boolean deliveredTheRelease() {
        return status == DeliveryStatus.SENT
                && (kind.equals(DeliveryKind.PUBLISHED.name()) || kind.equals(DeliveryKind.EMBARGOED.name()));
    }
}
