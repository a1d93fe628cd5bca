package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import newsroom.log.JsonLog;
import newsroom.service.port.RenderQueue;
import newsroom.service.port.SiteIndex;

/**
 * The search index's one writer. Publishes mark the releases the index must be brought up to
 * ({@link SharedPages#search}, or {@link SharedPages#SEARCH_ALL} for a rebuild) in a queue of the
 * index's own, with a lease of its own: a round of the index is a chain of dependent requests
 * (the manifest, the dictionaries, the postings, then the new files), the longest part of the
 * site's shared work, and no reader waits for it (a release's page is written by the publisher).
 * Kept apart from the lists' writer ({@link SharedPages}), the lists never wait for it, and in AWS
 * it is a function of its own (SearchIndexFunction), whose first request pays only for its own
 * clients and calls.
 */
public final class SearchRounds {
    private static final JsonLog LOG = JsonLog.of(SearchRounds.class);
    /** Marked by every call that waits, so that a round runs after it (the lists' "latest" does the same). */
    static final String ROUND = "round";

    private final SearchIndexer indexer;
    private final SiteIndex index;
    private final OneWriter writer;

    /**
     * In a burst, a round at most every {@link #PACE}: a round's cost is set by the words its
     * releases touch (a postings file and a dictionary each), which a burst's releases share, so a
     * round of many releases costs little more than a round of one. Without it the writer ran
     * round after round as fast as the table let it, twice as many rounds as the lists', and its
     * writes took most of the store's time from the release pages (benchmark 7).
     */
    static final Duration PACE = Duration.ofSeconds(5);

    public SearchRounds(SearchIndexer indexer, SiteIndex index, RenderQueue queue, Clock clock) {
        this(indexer, index, queue, clock, Duration.ofMillis(100), Duration.ofMinutes(4), PACE);
    }

    /**
     * With the waiting chosen: how often a waiting caller looks again, for how long at most, and
     * the least time between the starts of the writer's rounds in a burst.
     */
    public SearchRounds(SearchIndexer indexer, SiteIndex index, RenderQueue queue, Clock clock, Duration poll,
                        Duration patience, Duration pace) {
        this.indexer = indexer;
        this.index = index;
        this.writer = new OneWriter(queue, clock, poll, patience,
                "the site's search index is still being brought up to date by another writer", pace);
    }

    /** Marks these parts of the index for its writer, and returns at once. */
    public void mark(Collection<String> scopes) {
        writer.mark(scopes);
    }

    /**
     * Marks these parts, and returns once a round that read the marks after this call began has
     * brought the index up to them (this caller's, or another writer's).
     *
     * @throws TryAgainLater when that did not happen in time; the marks stay
     */
    public void update(Collection<String> scopes) {
        Set<String> all = new LinkedHashSet<>(scopes);
        all.add(ROUND);
        writer.update(all, this::round);
    }

    /** The index's function's work, when nudged: whatever is marked. */
    public void update() {
        update(Set.of());
    }

    /** SnapStart priming: the reads a round begins with (the marks, the manifest). Writes nothing. */
    public void prime() {
        writer.queue().dirty();
        indexer.prime();
    }

    private void round(Set<String> scopes) {
        long started = System.nanoTime();
        List<String> ids = scopes.stream().filter(s -> s.startsWith("search:") && !s.equals(SharedPages.SEARCH_ALL))
                .map(s -> s.substring("search:".length())).filter(id -> !id.isEmpty()).toList();
        if (scopes.contains(SharedPages.SEARCH_ALL)) {
            indexer.rebuild(index.months()); // with the months only the site index knows
        } else if (!ids.isEmpty()) {
            indexer.apply(ids);
        }
        LOG.info("search index brought up to date", "parts", scopes.size(),
                "millis", (System.nanoTime() - started) / 1_000_000);
    }
}
