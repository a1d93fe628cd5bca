package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsroom.domain.Release;
import newsroom.log.JsonLog;
import newsroom.render.SitePages;
import newsroom.render.SitePages.SitePage;
import newsroom.service.port.Cdn;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.RenderQueue;
import newsroom.service.port.SiteBucket;
import newsroom.service.port.SiteIndex;

/**
 * The pages many releases share (the latest list and feeds, the archive and its months, the
 * categories, the sitemaps), rendered from the {@link SiteIndex} by one writer at a time.
 *
 * <p>Why: publishers run concurrently (several shards, several Lambda instances), and a publisher
 * that read the lists before another's change could otherwise write them after it, putting back a
 * withdrawn release or dropping a new one. Here every publisher marks what its change touches as
 * dirty ({@link RenderQueue}); whoever holds the lease renders everything dirty, from a consistent
 * read of the index made after reading the marks, and clears only the marks it read. The others
 * wait until their marks are cleared (or take the lease over if its holder has died). So the last
 * render of a page always reads the index after the last change to it: the pages converge on the
 * table whatever the interleaving, and a burst of publishes becomes a few renders, not hundreds.
 * ({@link OneWriter} keeps the marks and the lease.) The search index has a writer of its own,
 * {@link SearchRounds}: its marks are passed to it, and the lists never wait for it.
 */
public final class SharedPages {
    private static final JsonLog LOG = JsonLog.of(SharedPages.class);

    public static final String LATEST = "latest";
    private static final ExecutorService IO = Executors.newFixedThreadPool(12, runnable -> {
        Thread thread = new Thread(runnable, "site-shared-io");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * The parts of a round (lists, months, categories), read and rendered at once; and, on the
     * synchronous path, the search index's writer beside them.
     */
    private static final ExecutorService READS = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "site-shared-read");
        thread.setDaemon(true);
        return thread;
    });

    private final SiteIndex index;
    private final OneWriter writer;
    private final ReleaseRepository releases;
    private final SitePages site;
    private final SiteBucket bucket;
    private final Cdn cdn;
    private final Clock clock;
    /** The search index's writer, to which its marks go (null: the site has no search). */
    private SearchRounds search;

    /**
     * The least time from one round's start to the next while marks keep coming (a burst): each
     * round reads the month's and the category's listings whatever it covers (on some backends at
     * a cost that grows with the month), so a burst's lists cost at most a round a second, however
     * fast the publishes come. The first round of a lease never waits: one publish's lists go at once.
     */
    static final Duration PACE = Duration.ofSeconds(1);

    public SharedPages(SiteIndex index, RenderQueue queue, ReleaseRepository releases, SitePages site,
                       SiteBucket bucket, Cdn cdn, Clock clock) {
        this(index, queue, releases, site, bucket, cdn, clock, Duration.ofMillis(100), Duration.ofMinutes(4), PACE);
    }

    /** With the waiting chosen: how often a waiting publisher looks again, and for how long at most; no pace. */
    public SharedPages(SiteIndex index, RenderQueue queue, ReleaseRepository releases, SitePages site,
                       SiteBucket bucket, Cdn cdn, Clock clock, Duration poll, Duration patience) {
        this(index, queue, releases, site, bucket, cdn, clock, poll, patience, Duration.ZERO);
    }

    private SharedPages(SiteIndex index, RenderQueue queue, ReleaseRepository releases, SitePages site,
                        SiteBucket bucket, Cdn cdn, Clock clock, Duration poll, Duration patience, Duration pace) {
        this.index = index;
        this.writer = new OneWriter(queue, clock, poll, patience,
                "the site's lists are still being rendered by another publisher", pace);
        this.releases = releases;
        this.site = site;
        this.bucket = bucket;
        this.cdn = cdn;
        this.clock = clock;
    }

    /** The releases a month's page holds before the next page begins. */
    public static final int MONTH_PAGE = 100;
    /** How many listings a round reads at once from a month's open page on: a few pages, one request. */
    static final int SEAL_READ = 4 * MONTH_PAGE;

    /** A month's own page and its newest page (a fresh publish). */
    public static String month(YearMonth month) {
        return "month:" + month;
    }

    /** The same, and the page of the month that holds this instant (a change to an older release). */
    public static String monthAt(YearMonth month, Instant at) {
        return "month:" + month + "@" + at;
    }

    /** Every page of the month (the full rebuild). */
    public static String wholeMonth(YearMonth month) {
        return "month:" + month + "@*";
    }

    public static String category(String category) {
        return "category:" + category;
    }

    /** A release to bring the search index up to. */
    public static String search(String releaseId) {
        return "search:" + releaseId;
    }

    /** The whole search index, built again. */
    public static final String SEARCH_ALL = "search:*";

    /** With the search index, whose writer the search marks go to. */
    public SharedPages withSearch(SearchRounds rounds) {
        this.search = rounds;
        return this;
    }

    /**
     * SnapStart priming for the lists' renderer: the reads a round begins with (the marks, the
     * latest listings and their releases), so that a snapshot holds those requests' clients warm.
     * Renders nothing, writes nothing.
     */
    public void prime() {
        writer.queue().dirty();
        releasesOf(new RoundReads(releases), index.latest(SitePublisher.LATEST_COUNT), clock.instant());
    }

    /** Marks these parts (and the latest list) for their renderers, and returns at once. */
    public void mark(Collection<String> scopes) {
        writer.mark(lists(scopes));
        if (search != null) {
            search.mark(searchParts(scopes));
        }
    }

    /**
     * Brings these parts of the site up to date with the index, and returns once a render that read
     * the index after this call began has written them (by this caller or by another): the lists
     * here, and the search index by its own writer at the same time.
     *
     * @throws TryAgainLater when neither happened in time (the lease holder is stuck): the stream
     *                       record is retried, and nothing is lost, as the marks stay
     */
    public void update(Collection<String> scopes) {
        List<String> searched = searchParts(scopes);
        CompletableFuture<Void> search = this.search == null || searched.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> this.search.update(searched), READS);
        try {
            try {
                writer.update(lists(scopes), this::render);
            } finally {
                search.exceptionally(failure -> null).join();
            }
            search.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The lists' renderer's work, when nudged: every list part marked (the search index has its own). */
    public void updateLists() {
        writer.update(lists(Set.of()), this::render);
    }

    /** The parts the lists' writer renders: all but the search index's, and always the latest list. */
    private static Set<String> lists(Collection<String> scopes) {
        Set<String> all = new LinkedHashSet<>();
        scopes.stream().filter(s -> !s.startsWith("search:")).forEach(all::add);
        all.add(LATEST);
        return all;
    }

    private static List<String> searchParts(Collection<String> scopes) {
        return scopes.stream().filter(s -> s.startsWith("search:")).distinct().toList();
    }

    private void render(Set<String> scopes) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        ZoneId zone = site.renderer().paths().zone();
        // Each part reads the index and renders on its own thread: a round takes as long as its
        // slowest part, not the sum of them (the rounds are one at a time, so this is the pace
        // of a burst).
        // The round's parts share their reads: a release several of them list is read once.
        RoundReads reads = new RoundReads(releases);
        List<CompletableFuture<List<SitePage>>> parts = new ArrayList<>();
        parts.add(CompletableFuture.supplyAsync(() ->
                site.latest(releasesOf(reads, index.latest(SitePublisher.LATEST_COUNT), now), now), READS));
        // A month's scopes together: its own page, its newest page, and the pages the changes are on.
        Map<YearMonth, Set<String>> months = new java.util.TreeMap<>();
        for (String scope : scopes) {
            if (scope.startsWith("month:")) {
                String rest = scope.substring("month:".length());
                int at = rest.indexOf('@');
                months.computeIfAbsent(YearMonth.parse(at < 0 ? rest : rest.substring(0, at)), m -> new java.util.HashSet<>())
                        .add(at < 0 ? "" : rest.substring(at + 1));
            }
        }
        List<CompletableFuture<List<SitePage>>> monthParts = new ArrayList<>();
        months.forEach((month, at) -> monthParts.add(CompletableFuture.supplyAsync(
                () -> monthPages(reads, month, at, zone, now), READS)));
        parts.addAll(monthParts);
        // After the months: a page sealed just now is in the sitemap index.
        parts.add(CompletableFuture.allOf(monthParts.toArray(CompletableFuture[]::new)).thenApplyAsync(
                done -> site.months(index.months(), index.monthPageCounts()), READS));
        for (String scope : scopes) {
            if (scope.startsWith("category:")) {
                String category = scope.substring("category:".length());
                parts.add(CompletableFuture.supplyAsync(() -> site.category(category,
                        releasesOf(reads, index.latestInCategory(category, SitePublisher.LATEST_COUNT), now), now), READS));
            }
        }
        // A search mark among the lists' (left by a publisher from before the index had its own
        // queue) goes to the index's writer rather than being cleared here unread.
        if (search != null) {
            search.mark(searchParts(scopes));
        }
        List<SitePage> pages = new ArrayList<>();
        try {
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
            parts.forEach(part -> pages.addAll(part.join()));
            CompletableFuture.allOf(pages.stream()
                    .map(page -> CompletableFuture.runAsync(() -> SitePublisher.write(bucket, page), IO))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        // A reference of its own: CloudFront takes a repeated reference as the same request, paths and all.
        cdn.invalidate(pages.stream().map(p -> "/" + p.key()).toList(), "lists-" + UUID.randomUUID());
        // One line a round: in a burst, the pace at which the lists keep up.
        LOG.info("shared pages rendered", "parts", scopes.size(), "pages", pages.size(),
                "millis", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A month's pages. Up to {@link #MONTH_PAGE} releases, the month is one page. Beyond, its
     * releases are on numbered pages, oldest first, each sealed when full (where the next begins
     * is kept in the index), and the month's own page shows its newest and links every page. So a
     * publish renders the month's own page and its newest page, and a change to an older release
     * the page it is on: never more than a few hundred releases, however busy the month.
     *
     * @param changedAt the instants of the changed releases ("" for none, "*" for every page)
     */
    private List<SitePage> monthPages(RoundReads reads, YearMonth month, Set<String> changedAt, ZoneId zone,
                                      Instant now) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<Instant> starts = new ArrayList<>(index.monthPageStarts(month));
        int sealedBefore = starts.size();
        // Seal the newest page while it holds more than a page (a burst may fill several). The open
        // page onwards is read once, oldest first, and sealed here page by page: each read of a
        // month's listings costs as much as the month is long on some backends (the emulator reads
        // the whole partition for any query of it), and reading again from each new seal made a
        // burst's round read the crisis month a dozen times.
        Map<Integer, List<SiteIndex.Listing>> sealedNow = new java.util.HashMap<>(); // page number → listings, newest first
        List<SiteIndex.Listing> newestPage = null; // the open page's listings, newest first, when read whole
        List<SiteIndex.Listing> lastRead; // the last read, oldest first
        boolean readWhole;
        while (true) {
            Instant open = starts.isEmpty() ? from : starts.get(starts.size() - 1);
            lastRead = index.publishedBetween(open, to, SEAL_READ + 1, true);
            readWhole = lastRead.size() <= SEAL_READ;
            int at = 0; // where the open page begins in lastRead
            boolean stuck = false;
            while (lastRead.size() - at > MONTH_PAGE) {
                Instant next = lastRead.get(at + MONTH_PAGE).publishedAt();
                if (!next.isAfter(open)) {
                    stuck = true; // more than a page at one instant: it cannot be split
                    break;
                }
                int end = at;
                while (lastRead.get(end).publishedAt().isBefore(next)) {
                    end++;
                }
                index.addMonthPageStart(month, next);
                starts.add(next);
                sealedNow.put(starts.size(), newestFirst(lastRead.subList(at, end)));
                at = end;
                open = next;
            }
            if (stuck) {
                readWhole = false;
                break;
            }
            if (readWhole) {
                newestPage = newestFirst(lastRead.subList(at, lastRead.size()));
                break;
            }
        }
        List<SitePage> pages = new ArrayList<>();
        int count = starts.size() + 1;
        if (count == 1) {
            pages.addAll(site.month(month, releasesOf(reads, newestPage != null ? newestPage
                    : index.publishedBetween(from, to), now), now));
            return pages;
        }
        // The month's newest: the end of the last read when it went to the month's end and holds a page.
        List<SiteIndex.Listing> newest = readWhole && lastRead.size() >= MONTH_PAGE
                ? newestFirst(lastRead.subList(lastRead.size() - MONTH_PAGE, lastRead.size()))
                : index.publishedBetween(from, to, MONTH_PAGE, false);
        pages.add(site.monthLanding(month, releasesOf(reads, newest, now), count, now));
        Set<Integer> numbers = new java.util.TreeSet<>();
        numbers.add(count); // the newest page
        for (int n = sealedBefore + 1; n < count; n++) {
            numbers.add(n); // sealed just now: the newest page was, and gains a "later" link
        }
        for (String at : changedAt) {
            if (at.equals("*")) {
                for (int n = 1; n <= count; n++) {
                    numbers.add(n);
                }
            } else if (!at.isEmpty()) {
                Instant instant = Instant.parse(at);
                int n = 1;
                while (n < count && !instant.isBefore(starts.get(n - 1))) {
                    n++;
                }
                numbers.add(n);
            }
        }
        for (int n : numbers) {
            Instant pageFrom = n == 1 ? from : starts.get(n - 2);
            Instant pageTo = n == count ? to : starts.get(n - 1);
            // The newest page's listings, and those of pages sealed just now, were read while sealing: not twice.
            List<SiteIndex.Listing> listed = n == count && newestPage != null ? newestPage
                    : sealedNow.containsKey(n) ? sealedNow.get(n) : index.publishedBetween(pageFrom, pageTo);
            pages.addAll(site.monthPage(month, n, n < count, releasesOf(reads, listed, now), now));
        }
        return pages;
    }

    private static List<SiteIndex.Listing> newestFirst(List<SiteIndex.Listing> oldestFirst) {
        List<SiteIndex.Listing> listings = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(listings);
        return listings;
    }

    /**
     * The listed releases as they are now (a consistent read, shared by the round's parts): one
     * withdrawn since it was listed is left out, as its own publisher is about to take it out of
     * the index and render again.
     */
    private static List<Release> releasesOf(RoundReads reads, List<SiteIndex.Listing> listings, Instant now) {
        List<Release> found = reads.findAll(listings.stream().map(SiteIndex.Listing::id).toList());
        return found.stream().filter(r -> r.isPublicAt(now)).toList();
    }
}
