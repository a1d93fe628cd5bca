package newsroom.service.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the response to each request sent with an Idempotency-Key, for 24 hours, so that a
 * retry gets the first response instead of doing the work again.
 */
public interface IdempotencyRepository {
    /**
     * How long a claimed request may run without finishing before a retry may take its key over:
     * longer than the function's timeout, so it only happens when the first run died.
     */
    Duration IN_PROGRESS_LEASE = Duration.ofSeconds(60);

    /** The stored outcome of a keyed request: still running, or finished with this response. */
    record Record(String requestHash, boolean complete, int status, Map<String, String> headers, String body) {
    }

    /**
     * Claims the key for a request. Empty when the claim succeeded (the caller does the work): the
     * key was free, or its first request never finished within {@link #IN_PROGRESS_LEASE} (it
     * died). Otherwise the record already there, from the first request with this key.
     */
    Optional<Record> claim(String key, String requestHash, Instant now);

    /** Stores the response the claimed request produced. */
    void complete(String key, int status, Map<String, String> headers, String body, Instant now);

    /** Lets the key go after a failure on our side, so that a retry can do the work. */
    void release(String key);
}
