package newsroom.domain;

import java.time.Instant;
import java.util.List;

/**
 * One email about one release to one media contact, and what became of it. {@code messageIds}
 * holds every message id SES gave for it: more than one means the journalist got it more than
 * once (a send that was in doubt, sent again), and the report shows it rather than hiding it.
 */
public record Delivery(
        String releaseId,
        String contactId,
        String kind,
        String email,
        DeliveryStatus status,
        String messageId,
        List<String> messageIds,
        String reason,
        Instant updatedAt) {

    public Delivery {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
    }

    /** Whether this delivery put the release itself (the advance copy or the public one) in the inbox. */
    public boolean deliveredTheRelease() {
        return status == DeliveryStatus.SENT
                && (kind.equals(DeliveryKind.PUBLISHED.name()) || kind.equals(DeliveryKind.EMBARGOED.name()));
    }
}
