package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import newsroom.service.port.SiteBucket;

/**
 * The full rebuild, after a template change: every page, feed and sitemap rendered again from the
 * table, in parallel. It only overwrites, so it is idempotent and safe to run again after a
 * failure; the CDN is told every path it wrote, in batches (never "/*").
 */
public final class SiteRebuilder {
    static final int INVALIDATION_BATCH = 1000;
    private static final int PROGRESS_EVERY = 500;

    /** What a rebuild wrote. */
    public record Result(int objects, int releases, long millis) {
    }

    private final ReleaseRepository releases;
    private final SiteBucket bucket;
    private final Downloads downloads;
    private final SiteRenderer renderer;
    private final SitePages site;
    private final SiteAssets assets;
    private final Categories categories;
    private final Cdn cdn;
    private final Clock clock;
    private final int threads;

    public SiteRebuilder(ReleaseRepository releases, SiteBucket bucket, Downloads downloads, SiteRenderer renderer,
                         SiteAssets assets, Categories categories, Cdn cdn, Clock clock, int threads) {
        this.releases = releases;
        this.bucket = bucket;
        this.downloads = downloads;
        this.renderer = renderer;
        this.site = new SitePages(renderer);
        this.assets = assets;
        this.categories = categories;
        this.cdn = cdn;
        this.clock = clock;
        this.threads = threads;
    }

    /** SnapStart priming: see {@link SitePriming}. */
    public void prime() {
        SitePriming.prime(releases, bucket, site);
    }

    public Result rebuild(Consumer<String> progress) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        Map<String, Boolean> written = new ConcurrentHashMap<>();
        AtomicInteger releaseCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (SiteAssets.Asset asset : assets.all()) {
                bucket.put(asset.key(), asset.content(), asset.contentType(), SiteBucket.ASSET_CACHE);
            }
            put(written, site.fixed());

            List<YearMonth> months = releases.months();
            progress.accept("Rebuilding " + months.size() + " months of releases with " + threads + " threads");
            List<Future<?>> work = new ArrayList<>();
            for (YearMonth month : months) {
                work.add(pool.submit(() -> {
                    List<Release> inMonth = releases.publishedInMonth(month).stream()
                            .filter(r -> r.isPublicAt(now)).toList();
                    put(written, site.month(month, inMonth, now));
                    for (Release release : inMonth) {
                        put(written, List.of(site.release(release, downloads.publishAll(release), now)));
                        int done = releaseCount.incrementAndGet();
                        if (done % PROGRESS_EVERY == 0) {
                            progress.accept("  " + done + " release pages");
                        }
                    }
                }));
            }
            work.add(pool.submit(() -> rebuildWithdrawn(written, now)));
            for (String category : categories.names()) {
                work.add(pool.submit(() -> put(written, site.category(category,
                        releases.latestInCategory(category, SitePublisher.LATEST_COUNT), now))));
            }
            work.add(pool.submit(() -> {
                put(written, site.latest(releases.latestPublished(SitePublisher.LATEST_COUNT), now));
                put(written, site.months(months));
            }));
            await(work);
        } finally {
            pool.shutdownNow();
        }
        List<String> paths = written.keySet().stream().sorted().map(k -> "/" + k).toList();
        for (int from = 0; from < paths.size(); from += INVALIDATION_BATCH) {
            cdn.invalidate(paths.subList(from, Math.min(paths.size(), from + INVALIDATION_BATCH)),
                    "rebuild-" + now.toEpochMilli() + "-" + from);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        progress.accept("Rebuilt " + written.size() + " objects (" + releaseCount.get() + " release pages) in "
                + millis + " ms");
        return new Result(written.size(), releaseCount.get(), millis);
    }

    private void rebuildWithdrawn(Map<String, Boolean> written, Instant now) {
        String cursor = null;
        do {
            Page<Release> page = releases.list(ReleaseStatus.WITHDRAWN, null, 100, cursor);
            for (Release release : page.items()) {
                if (SitePublisher.hasPublicPage(release, now)) {
                    put(written, List.of(site.release(release, List.of(), now)));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    private void put(Map<String, Boolean> written, List<SitePage> pages) {
        for (SitePage page : pages) {
            SitePublisher.write(bucket, page);
            written.put(page.key(), Boolean.TRUE);
        }
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
