package newsroom.fakes;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import newsroom.service.port.SiteIndex;

/**
 * The site index in memory, with the table's rules: versioned changes, tombstones, newest first.
 * The listings are kept sorted, as the table's indexes are, so a query costs what it returns and
 * not the whole archive (the rebuild benchmark reads through this fake).
 */
public final class InMemorySiteIndex implements SiteIndex {
    private record Entry(long version, Listing listing) {
    }

    private final ZoneId zone;
    private final Map<String, Entry> entries = new HashMap<>();
    /** The listed releases, oldest first. */
    private final java.util.NavigableSet<Listing> sorted = new java.util.TreeSet<>(
            Comparator.comparing(Listing::publishedAt).thenComparing(Listing::id));
    private final TreeSet<YearMonth> months = new TreeSet<>();

    public InMemorySiteIndex(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public synchronized Optional<String> list(Listing listing) {
        return change(listing.id(), listing.version(), listing);
    }

    @Override
    public synchronized Optional<String> unlist(String id, long version) {
        return change(id, version, null);
    }

    private Optional<String> change(String id, long version, Listing listing) {
        Entry before = entries.get(id);
        if (before != null && before.version() >= version) {
            return Optional.empty();
        }
        entries.put(id, new Entry(version, listing));
        if (before != null && before.listing() != null) {
            sorted.remove(before.listing());
        }
        if (listing != null) {
            sorted.add(listing);
            months.add(YearMonth.from(listing.publishedAt().atZone(zone)));
        }
        if (before == null || before.listing() == null) {
            return Optional.empty();
        }
        return listing == null || !listing.category().equals(before.listing().category())
                ? Optional.of(before.listing().category()) : Optional.empty();
    }

    @Override
    public synchronized List<Listing> latest(int limit) {
        return sorted.descendingSet().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Listing> latestInCategory(String category, int limit) {
        return sorted.descendingSet().stream().filter(l -> l.category().equals(category)).limit(limit).toList();
    }

    @Override
    public synchronized List<Listing> publishedBetween(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        // Probes sort before every listing at their instant (no id is smaller than "").
        List<Listing> between = new ArrayList<>(sorted.subSet(new Listing("", 0, from, ""), true,
                new Listing("", 0, to, ""), false).descendingSet());
        return between;
    }

    @Override
    public synchronized List<YearMonth> months() {
        return List.copyOf(months);
    }

    private final Map<YearMonth, List<Instant>> pageStarts = new HashMap<>();

    @Override
    public synchronized List<Listing> publishedBetween(Instant from, Instant to, int limit, boolean oldestFirst) {
        List<Listing> between = new ArrayList<>(publishedBetween(from, to));
        if (oldestFirst) {
            java.util.Collections.reverse(between);
        }
        return between.stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Instant> monthPageStarts(YearMonth month) {
        return List.copyOf(pageStarts.getOrDefault(month, List.of()));
    }

    @Override
    public synchronized void addMonthPageStart(YearMonth month, Instant start) {
        pageStarts.computeIfAbsent(month, m -> new ArrayList<>()).add(start);
    }

    @Override
    public synchronized Map<YearMonth, Integer> monthPageCounts() {
        Map<YearMonth, Integer> counts = new HashMap<>();
        pageStarts.forEach((month, starts) -> counts.put(month, starts.size() + 1));
        return counts;
    }
}
