package newsroom.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import newsroom.service.port.RenderQueue;

/** The render queue in memory: token-checked marks and one lease, as in the table. */
public final class InMemoryRenderQueue implements RenderQueue {
    private final Map<String, String> marks = new LinkedHashMap<>();
    private String owner;
    private Instant until;

    @Override
    public synchronized Map<String, String> markDirty(Collection<String> scopes) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String scope : scopes) {
            String token = UUID.randomUUID().toString();
            marks.put(scope, token);
            tokens.put(scope, token);
        }
        return tokens;
    }

    @Override
    public synchronized Map<String, String> dirty() {
        return new LinkedHashMap<>(marks);
    }

    @Override
    public synchronized void clear(String scope, String token) {
        marks.remove(scope, token);
    }

    @Override
    public synchronized boolean tryLease(String who, Instant now, Duration length) {
        if (owner == null || until.isBefore(now) || owner.equals(who)) {
            owner = who;
            until = now.plus(length);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void releaseLease(String who) {
        if (who.equals(owner)) {
            owner = null;
        }
    }
}
