package newsroom.domain;

import java.time.Instant;

/**
 * One event for one endpoint and what became of it. {@code id} is the message id the receiver
 * sees in {@code webhook-id}: the same on every attempt, so a receiver can drop a repeat.
 */
public record WebhookDelivery(String endpointId, String id, String type, String releaseId, String payload,
                              Status status, int attempts, Integer lastStatusCode, Long lastLatencyMillis,
                              String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant createdAt) {

    public enum Status {
        /** Not yet delivered: an attempt is due now or at {@code nextAttemptAt}. */
        PENDING,
        /** The endpoint answered 2xx. */
        SUCCEEDED,
        /** Every attempt of the schedule failed, or the endpoint was disabled. */
        FAILED
    }
}
