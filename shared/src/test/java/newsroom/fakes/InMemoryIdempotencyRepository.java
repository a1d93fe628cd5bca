package newsroom.fakes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.service.port.IdempotencyRepository;

/** Idempotency keys in memory: the first claim wins, until it completes or is let go. */
public final class InMemoryIdempotencyRepository implements IdempotencyRepository {
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    @Override
    public Optional<Record> claim(String key, String requestHash, Instant now) {
        Record existing = records.putIfAbsent(key, new Record(requestHash, false, 0, Map.of(), null));
        return Optional.ofNullable(existing);
    }

    @Override
    public void complete(String key, int status, Map<String, String> headers, String body, Instant now) {
        records.computeIfPresent(key, (k, r) -> new Record(r.requestHash(), true, status,
                headers == null ? Map.of() : Map.copyOf(headers), body));
    }

    @Override
    public void release(String key) {
        records.remove(key);
    }
}
