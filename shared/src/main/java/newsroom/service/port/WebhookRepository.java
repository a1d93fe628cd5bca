package newsroom.service.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import newsroom.domain.Page;
import newsroom.domain.VersionConflictException;
import newsroom.domain.WebhookDelivery;
import newsroom.domain.WebhookEndpoint;

/** Where webhook endpoints and their delivery log are kept. */
public interface WebhookRepository {

    void create(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(String id);

    /** Every endpoint, oldest first (a handful). */
    List<WebhookEndpoint> all();

    /**
     * Saves a changed endpoint if the stored one is still at {@code expectedVersion}.
     *
     * @throws VersionConflictException when it has moved on (or is gone)
     */
    void save(WebhookEndpoint changed, long expectedVersion);

    /** Removes an endpoint and its delivery log. */
    void delete(String id);

    /** Stores a new delivery unless one with its id exists; answers whether it was new. */
    boolean createDelivery(WebhookDelivery delivery, Instant expiresAt);

    Optional<WebhookDelivery> findDelivery(String endpointId, String deliveryId);

    /**
     * Takes the next attempt of a pending delivery whose time has come: only one sender at a
     * time, for {@code lease}. Empty when it is not pending, not due, or being attempted.
     */
    Optional<WebhookDelivery> claimAttempt(String endpointId, String deliveryId, Instant now, java.time.Duration lease);

    /** Records an attempt's outcome (and the next attempt's time, while pending). */
    void recordAttempt(WebhookDelivery after);

    /** Makes a delivery pending again, due now (a replay). */
    void replay(String endpointId, String deliveryId, Instant now);

    /** The endpoint's deliveries, newest first, a page at a time. */
    Page<WebhookDelivery> deliveries(String endpointId, int limit, String cursor);

    /** Pending deliveries whose next attempt is due by {@code now}, as (endpointId, deliveryId). */
    List<String[]> dueRetries(Instant now, int limit);
}
