package newsroom.fakes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.service.port.IdempotencyRepository;

/** Idempotency keys in memory: the first claim wins, until it completes or is let go. */
public final class InMemoryIdempotencyRepository implements IdempotencyRepository {
    private final Map<String, Record> records = new ConcurrentHashMap<>();
    private final Map<String, Instant> leases = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<Record> claim(String key, String requestHash, Instant now) {
        Record existing = records.get(key);
        if (existing == null || (!existing.complete() && leases.get(key).isBefore(now))) {
            records.put(key, new Record(requestHash, false, 0, Map.of(), null));
            leases.put(key, now.plus(IN_PROGRESS_LEASE));
            return Optional.empty();
        }
        return Optional.of(existing);
    }

    @Override
    public void complete(String key, int status, Map<String, String> headers, String body, Instant now) {
        records.computeIfPresent(key, (k, r) -> new Record(r.requestHash(), true, status,
                headers == null ? Map.of() : Map.copyOf(headers), body));
    }

    @Override
    public synchronized void release(String key) {
        records.remove(key);
        leases.remove(key);
    }
}
