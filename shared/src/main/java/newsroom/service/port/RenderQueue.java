package newsroom.service.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * How the shared pages of the site (lists, feeds, sitemaps) get one writer at a time, however
 * many publishers run at once. A publisher marks the parts of the site its change touches as
 * dirty, then either takes the lease and renders everything dirty until nothing is, or leaves it
 * to the holder and waits for its marks to be cleared. A mark is cleared only by the token it was
 * made with, so a mark made again after the holder read it survives for the holder's next round.
 */
public interface RenderQueue {

    /** Marks these parts of the site dirty; returns each one's new token. */
    Map<String, String> markDirty(Collection<String> scopes);

    /** Everything dirty now, each with its token. */
    Map<String, String> dirty();

    /**
     * The tokens these marks have now (a mark cleared is left out): what a publisher waiting for
     * its own marks reads, instead of everything dirty.
     */
    default Map<String, String> tokensOf(Collection<String> scopes) {
        Map<String, String> dirty = dirty();
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        scopes.forEach(scope -> {
            if (dirty.containsKey(scope)) {
                tokens.put(scope, dirty.get(scope));
            }
        });
        return tokens;
    }

    /** Clears a mark if it still has this token (a newer mark stays). */
    void clear(String scope, String token);

    /** Clears each of these marks that still has its token: a round's marks, cleared together. */
    default void clearAll(Map<String, String> tokens) {
        tokens.forEach(this::clear);
    }

    /** Takes (or renews) the lease if it is free, expired or already this owner's. */
    boolean tryLease(String owner, Instant now, Duration length);

    /** Gives the lease up, if this owner still holds it. */
    void releaseLease(String owner);
}
