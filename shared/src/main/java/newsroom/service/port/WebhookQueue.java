package newsroom.service.port;

import java.time.Duration;

/** Where webhook attempts wait for a sender. */
public interface WebhookQueue {

    /** Asks for an attempt of this delivery, after {@code delay} (at most 15 minutes). */
    void enqueue(String endpointId, String deliveryId, Duration delay);
}
