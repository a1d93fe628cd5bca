package newsroom.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.service.port.AccessLog;

/** Entries and openings in memory, in the order they happened. */
public final class InMemoryAccessLog implements AccessLog {
    private final Map<String, List<Opening>> byRelease = new ConcurrentHashMap<>();
    private final java.util.Set<String> revocations = ConcurrentHashMap.newKeySet();
    private static final String ALL = "*";
    private final Map<String, List<Entry>> entries = new ConcurrentHashMap<>();

    @Override
    public synchronized void record(String releaseId, Entry entry) {
        entries.computeIfAbsent(releaseId, id -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized List<Entry> entries(String releaseId) {
        return List.copyOf(entries.getOrDefault(releaseId, List.of()));
    }

    @Override
    public void revoke(String releaseId, String contactId, Instant at) {
        revocations.add(releaseId + "/" + (contactId == null ? ALL : contactId));
    }

    private final java.util.Set<String> grants = ConcurrentHashMap.newKeySet();

    @Override
    public void grant(String releaseId, String contactId, Instant at) {
        grants.add(releaseId + "/" + contactId);
    }

    @Override
    public boolean granted(String releaseId, String contactId) {
        return grants.contains(releaseId + "/" + contactId);
    }

    @Override
    public boolean revoked(String releaseId, String contactId) {
        return revocations.contains(releaseId + "/" + ALL) || revocations.contains(releaseId + "/" + contactId);
    }

    @Override
    public synchronized void opened(String releaseId, String contactId, Instant at, String userAgent, String what) {
        byRelease.computeIfAbsent(releaseId, id -> new ArrayList<>()).add(new Opening(contactId, at, userAgent, what));
    }

    @Override
    public synchronized List<Opening> openings(String releaseId, int limit) {
        List<Opening> all = byRelease.getOrDefault(releaseId, List.of());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
