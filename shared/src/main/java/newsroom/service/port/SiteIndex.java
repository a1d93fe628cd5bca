package newsroom.service.port;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * What the public site lists, kept apart from the releases themselves: a release is listed only
 * after its page is in the bucket, so a list never links to a page that does not exist yet, and it
 * is read consistently, so a list rendered after a change always sees it. Every change carries the
 * release's version and an older one never undoes a newer one, whatever order they arrive in.
 */
public interface SiteIndex {

    /** One listed release: enough to find it and to place it in the lists. */
    record Listing(String id, long version, Instant publishedAt, String category) {
    }

    /**
     * Lists the release (or moves it, if its category changed) unless the index already holds this
     * version or a newer one.
     *
     * @return the category it was listed in before, when that differs (its lists lose it)
     */
    Optional<String> list(Listing listing);

    /**
     * Takes the release out of every list unless the index already holds a newer version.
     *
     * @return the category it was listed in, if it was listed
     */
    Optional<String> unlist(String id, long version);

    /** One release's change for {@link #changeAll}: listed as {@code listing}, or unlisted when that is null. */
    record Change(String id, long version, Listing listing) {
    }

    /**
     * {@link #list} or {@link #unlist} for each change (one per release), in as few requests as
     * the store allows; what each answers, by release id.
     */
    default java.util.Map<String, Optional<String>> changeAll(List<Change> changes) {
        java.util.Map<String, Optional<String>> answers = new java.util.LinkedHashMap<>();
        for (Change change : changes) {
            answers.put(change.id(), change.listing() != null ? list(change.listing())
                    : unlist(change.id(), change.version()));
        }
        return answers;
    }

    /** The newest listed releases, newest first. */
    List<Listing> latest(int limit);

    /** The newest listed releases of a category, newest first. */
    List<Listing> latestInCategory(String category, int limit);

    /** The releases published in [from, to), newest first (a month of the archive, in the site's zone). */
    List<Listing> publishedBetween(Instant from, Instant to);

    /** Every month that has had a listed release, oldest first. */
    List<YearMonth> months();

    /** Up to {@code limit} releases published in [from, to), oldest first (or newest first). */
    List<Listing> publishedBetween(Instant from, Instant to, int limit, boolean oldestFirst);

    /**
     * Where each page of a month's archive after the first begins, in order: a page is sealed at
     * {@code SharedPages}' page size, so what a publish renders of a month stays bounded however
     * many releases the month has. Empty for a month of one page.
     */
    List<Instant> monthPageStarts(YearMonth month);

    /** Seals the month's last page: the next begins at this instant. Only the shared pages' one writer calls it. */
    void addMonthPageStart(YearMonth month, Instant start);

    /** How many pages each month of more than one page has. */
    java.util.Map<YearMonth, Integer> monthPageCounts();

    /**
     * Moves listings kept in an older layout of the index into this one (a full rebuild does it
     * first, so an upgraded stack is whole again after one rebuild).
     *
     * @return how many listings were moved
     */
    default int upgrade() {
        return 0;
    }
}
