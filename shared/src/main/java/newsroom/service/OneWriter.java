package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import newsroom.service.port.RenderQueue;

/**
 * One writer at a time for a part of the site that many changes share, by the marks and the lease
 * of its {@link RenderQueue}: every caller marks what its change touches; whoever holds the lease
 * runs rounds (read the marks, do what they name, clear only the marks it read) until none are
 * left; the others wait until their marks are cleared, or take the lease over if its holder died.
 * So the last round over a part always starts after the last change to it, whatever the
 * interleaving. The lists ({@link SharedPages}) and the search index ({@link SearchRounds}) each
 * have one, so neither waits for the other.
 */
final class OneWriter {
    static final Duration LEASE = Duration.ofSeconds(60);

    private final RenderQueue queue;
    private final Clock clock;
    private final Duration poll;
    private final Duration patience;
    /** What a caller that gave up waiting is told, e.g. "the site's lists are still being rendered". */
    private final String busy;
    /** The least time from the start of one round to the start of the next, while marks keep coming. */
    private final Duration pace;

    OneWriter(RenderQueue queue, Clock clock, Duration poll, Duration patience, String busy) {
        this(queue, clock, poll, patience, busy, Duration.ZERO);
    }

    /**
     * With a pace: in a burst, the holder's next round waits until this long after the last began,
     * so that the marks of that while are done in one round. For a part whose round costs by what
     * it touches rather than by how many changes it covers (the search index: the words), fewer,
     * larger rounds are far less work. The first round of a lease never waits.
     */
    OneWriter(RenderQueue queue, Clock clock, Duration poll, Duration patience, String busy, Duration pace) {
        this.queue = queue;
        this.clock = clock;
        this.poll = poll;
        this.patience = patience;
        this.busy = busy;
        this.pace = pace;
    }

    RenderQueue queue() {
        return queue;
    }

    /** Marks these parts, and returns at once (the writer is told apart, by a nudge). */
    void mark(Collection<String> scopes) {
        if (!scopes.isEmpty()) {
            queue.markDirty(scopes);
        }
    }

    /**
     * Marks these parts, and returns once a round that read the marks after this call began has
     * done them (by this caller, as the lease holder, or by another).
     *
     * @throws TryAgainLater when neither happened in time (the holder is stuck): nothing is lost,
     *                       as the marks stay
     */
    void update(Collection<String> scopes, Consumer<Set<String>> round) {
        Map<String, String> mine = scopes.isEmpty() ? Map.of() : queue.markDirty(scopes);
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (queue.tryLease(owner, clock.instant(), LEASE)) {
                try {
                    whileDirty(owner, round);
                } finally {
                    queue.releaseLease(owner);
                }
                return;
            }
            if (cleared(mine)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TryAgainLater(busy);
            }
            sleep(poll);
        }
    }

    /** Whether the holder has cleared my marks: read by key, not by reading everything marked. */
    private boolean cleared(Map<String, String> mine) {
        if (mine.isEmpty()) {
            return true;
        }
        Map<String, String> dirty = queue.tokensOf(mine.keySet());
        return mine.entrySet().stream().noneMatch(e -> e.getValue().equals(dirty.get(e.getKey())));
    }

    /** The holder's rounds: read the marks, do what they name, clear them; until none are left. */
    private void whileDirty(String owner, Consumer<Set<String>> round) {
        long began = 0;
        boolean first = true;
        while (true) {
            Map<String, String> dirty = queue.dirty();
            if (dirty.isEmpty()) {
                return;
            }
            if (!first && !pace.isZero()) {
                long wait = pace.toMillis() - (System.nanoTime() - began) / 1_000_000;
                if (wait > 0) {
                    sleep(Duration.ofMillis(wait));
                    dirty = queue.dirty(); // and what came meanwhile
                }
            }
            first = false;
            began = System.nanoTime();
            round.accept(dirty.keySet());
            queue.clearAll(dirty);
            if (!queue.tryLease(owner, clock.instant(), LEASE)) {
                return; // taken over after expiry: the new holder does what is left
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TryAgainLater("interrupted while waiting: " + busy);
        }
    }
}
