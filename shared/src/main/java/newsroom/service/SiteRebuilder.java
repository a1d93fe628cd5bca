package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import newsroom.domain.Categories;
import newsroom.domain.Page;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.render.SiteAssets;
import newsroom.render.SitePages.SitePage;
import newsroom.render.SitePages;
import newsroom.render.SiteRenderer;
import newsroom.service.port.Cdn;
import newsroom.service.port.Downloads;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.RenderQueue;
import newsroom.service.port.SharedPagesNudge;
import newsroom.service.port.SiteBucket;
import newsroom.service.port.SiteIndex;

/**
 * The full rebuild, after a template change: every release page written again from a fresh read
 * of its release ({@link ReleasePages}), every release put in or taken out of the {@link SiteIndex},
 * then every list, feed and sitemap rendered through {@link SharedPages}, the one writer of shared
 * pages, so a rebuild running alongside publishes and withdrawals never writes anything older than
 * the table. It only overwrites, so it is idempotent and safe to run again after a failure; the
 * CDN is told every path it wrote, in batches (never "/*").
 */
public final class SiteRebuilder {
    static final int INVALIDATION_BATCH = 1000;
    private static final int PROGRESS_EVERY = 500;

    /**
     * What a rebuild wrote: release pages and files, and the parts of the site (lists, feeds,
     * sitemaps, search) rendered again, or only marked for their renderer ({@code listsRendered} false).
     */
    public record Result(int objects, int releases, int parts, boolean listsRendered, long millis) {
    }

    private final ReleaseRepository releases;
    private final SiteIndex index;
    private final SiteBucket bucket;
    private final SiteRenderer renderer;
    private final SitePages site;
    private final SiteAssets assets;
    private final Categories categories;
    private final ReleasePages releasePages;
    private final SharedPages shared;
    private final Cdn cdn;
    private final Clock clock;
    private final int threads;

    public SiteRebuilder(ReleaseRepository releases, SiteIndex index, RenderQueue queue, SiteBucket bucket,
                         Downloads downloads, SiteRenderer renderer, SiteAssets assets, Categories categories, Cdn cdn,
                         Clock clock, int threads) {
        this.releases = releases;
        this.index = index;
        this.bucket = bucket;
        this.renderer = renderer;
        this.site = new SitePages(renderer);
        this.assets = assets;
        this.categories = categories;
        this.releasePages = new ReleasePages(releases, bucket, downloads, site, clock);
        this.shared = new SharedPages(index, queue, releases, site, bucket, cdn, clock);
        this.cdn = cdn;
        this.clock = clock;
        this.threads = threads;
    }

    /** Builds the site's search index again with the rest of the site. */
    public SiteRebuilder withSearch(SearchRounds search) {
        shared.withSearch(search);
        return this;
    }

    /** SnapStart priming: see {@link SitePriming}. */
    public void prime() {
        SitePriming.prime(releases, bucket, site);
    }

    /**
     * Rebuilds the release pages, then marks every list, feed, sitemap and the search index for the
     * shared pages' renderer (the function every publish nudges) and nudges it, returning without
     * waiting for that render. Why: the lists are one writer's work however they became dirty, and
     * a rebuild that rendered them too spent most of a cold first request on it (benchmark 4).
     */
    public Result rebuildMarkingLists(Consumer<String> progress, SharedPagesNudge renderer) {
        return rebuild(progress, renderer);
    }

    /** Rebuilds everything, rendering the lists here (or waiting for the renderer that holds the lease). */
    public Result rebuild(Consumer<String> progress) {
        return rebuild(progress, null);
    }

    private Result rebuild(Consumer<String> progress, SharedPagesNudge renderer) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        Map<String, Boolean> written = new ConcurrentHashMap<>();
        Set<String> scopes = ConcurrentHashMap.newKeySet();
        AtomicInteger releaseCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Written on the pool while the index is read below, not one after another before it:
            // a cold rebuild's first request waited on each (benchmark 5).
            List<Future<?>> work = new ArrayList<>();
            for (SiteAssets.Asset asset : assets.all()) {
                work.add(pool.submit(() -> {
                    bucket.put(asset.key(), asset.content(), asset.contentType(), SiteBucket.ASSET_CACHE);
                    written.put(asset.key(), Boolean.TRUE);
                }));
            }
            for (SitePage page : site.fixed()) {
                work.add(pool.submit(() -> {
                    SitePublisher.write(bucket, page);
                    written.put(page.key(), Boolean.TRUE);
                }));
            }

            int upgraded = index.upgrade();
            if (upgraded > 0) {
                progress.accept("Moved " + upgraded + " listings of the site index to its monthly layout");
            }
            // The months the table's archive recorded (older releases) and those the site index knows.
            Set<YearMonth> months = new TreeSet<>(releases.months());
            months.addAll(index.months());
            progress.accept("Rebuilding " + months.size() + " months of releases with " + threads + " threads");
            for (YearMonth month : months) {
                scopes.add(SharedPages.wholeMonth(month));
                work.add(pool.submit(() -> {
                    for (Release release : releases.publishedInMonth(month)) {
                        rebuildRelease(release.id(), written, scopes, releaseCount, progress);
                    }
                }));
            }
            work.add(pool.submit(() -> rebuildWithdrawn(written, scopes, releaseCount, progress)));
            await(work);
        } finally {
            pool.shutdownNow();
        }
        categories.names().forEach(category -> scopes.add(SharedPages.category(category)));
        // The search index is built again whole, not release by release.
        scopes.removeIf(scope -> scope.startsWith("search:"));
        scopes.add(SharedPages.SEARCH_ALL);
        if (renderer == null) {
            progress.accept("Rendering the lists, feeds and sitemaps (" + scopes.size() + " parts of the site)");
            shared.update(scopes);
        } else {
            shared.mark(scopes);
            renderer.nudge();
            progress.accept("Marked the lists, feeds and sitemaps (" + scopes.size()
                    + " parts of the site) for the shared pages' renderer");
        }

        List<String> paths = written.keySet().stream().sorted().map(k -> "/" + k).toList();
        for (int from = 0; from < paths.size(); from += INVALIDATION_BATCH) {
            cdn.invalidate(paths.subList(from, Math.min(paths.size(), from + INVALIDATION_BATCH)),
                    "rebuild-" + now.toEpochMilli() + "-" + from);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        progress.accept("Rebuilt " + written.size() + " objects (" + releaseCount.get() + " release pages)"
                + (renderer == null ? " and " + scopes.size() + " parts of the site" : "") + " in " + millis + " ms");
        return new Result(written.size(), releaseCount.get(), scopes.size(), renderer == null, millis);
    }

    /** One release's page from a fresh read, then its place in the index (the lists follow later). */
    private void rebuildRelease(String id, Map<String, Boolean> written, Set<String> scopes,
                                AtomicInteger releaseCount, Consumer<String> progress) {
        releasePages.write(id).ifPresent(page -> {
            page.keys().forEach(key -> written.put(key, Boolean.TRUE));
            scopes.addAll(SitePublisher.scopesAfter(index, renderer, page.release(), clock.instant()));
            if (!page.release().isPublicAt(clock.instant())) {
                return; // a withdrawal notice: not counted as a release page
            }
            int done = releaseCount.incrementAndGet();
            if (done % PROGRESS_EVERY == 0) {
                progress.accept("  " + done + " release pages");
            }
        });
    }

    private void rebuildWithdrawn(Map<String, Boolean> written, Set<String> scopes, AtomicInteger releaseCount,
                                  Consumer<String> progress) {
        String cursor = null;
        do {
            Page<Release> page = releases.list(ReleaseStatus.WITHDRAWN, null, 100, cursor);
            for (Release release : page.items()) {
                rebuildRelease(release.id(), written, scopes, releaseCount, progress);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    private static void await(List<Future<?>> work) {
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rebuild interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }
}
