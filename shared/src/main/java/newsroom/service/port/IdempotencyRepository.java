package newsroom.service.port;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the response to each request sent with an Idempotency-Key, for 24 hours, so that a
 * retry gets the first response instead of doing the work again.
 */
public interface IdempotencyRepository {

    /** The stored outcome of a keyed request: still running, or finished with this response. */
    record Record(String requestHash, boolean complete, int status, Map<String, String> headers, String body) {
    }

    /**
     * Claims the key for a request. Empty when the claim succeeded (the caller does the work);
     * otherwise the record already there, from the first request with this key.
     */
    Optional<Record> claim(String key, String requestHash, Instant now);

    /** Stores the response the claimed request produced. */
    void complete(String key, int status, Map<String, String> headers, String body, Instant now);

    /** Lets the key go after a failure on our side, so that a retry can do the work. */
    void release(String key);
}
