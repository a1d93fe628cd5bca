package newsroom.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.domain.Release;
import newsroom.service.port.ReleaseRepository;

/**
 * The releases one round of the lists reads, each read once however many of the round's parts list
 * it. In a burst the latest list, the month's own page, its newest page and the category's page
 * name mostly the same newest releases, and the parts run at once: each reads (a consistent read)
 * only the releases no other part of the round has asked for, and waits for the others'.
 */
final class RoundReads {
    private final ReleaseRepository releases;
    /** Each release asked for in this round: its read, done or under way (null when there is no such release). */
    private final Map<String, CompletableFuture<Release>> asked = new ConcurrentHashMap<>();

    RoundReads(ReleaseRepository releases) {
        this.releases = releases;
    }

    /** These releases as the round read them, in this order; any that is not there left out. */
    List<Release> findAll(List<String> ids) {
        Map<String, CompletableFuture<Release>> mine = new LinkedHashMap<>();
        List<CompletableFuture<Release>> wanted = new ArrayList<>(ids.size());
        for (String id : ids) {
            CompletableFuture<Release> read = new CompletableFuture<>();
            CompletableFuture<Release> before = asked.putIfAbsent(id, read);
            if (before == null) {
                mine.put(id, read);
            }
            wanted.add(before == null ? read : before);
        }
        if (!mine.isEmpty()) {
            try {
                Map<String, Release> found = new HashMap<>();
                releases.findAll(List.copyOf(mine.keySet())).forEach(r -> found.put(r.id(), r));
                mine.forEach((id, read) -> read.complete(found.get(id)));
            } catch (RuntimeException | Error e) {
                // Another part waiting for one of these fails with the same cause, not for ever.
                mine.values().forEach(read -> read.completeExceptionally(e));
                throw e;
            }
        }
        List<Release> found = new ArrayList<>(ids.size());
        for (CompletableFuture<Release> read : wanted) {
            try {
                Release release = read.join();
                if (release != null) {
                    found.add(release);
                }
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return found;
    }
}
