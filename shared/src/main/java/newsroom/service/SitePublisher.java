package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import newsroom.domain.Attachment;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import newsroom.render.SiteAssets;
import newsroom.render.SitePages.SitePage;
import newsroom.render.SitePages;
import newsroom.render.SitePaths;
import newsroom.render.SiteRenderer;
import newsroom.service.port.Cdn;
import newsroom.service.port.Downloads;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.SiteBucket;

/**
 * Puts a changed release on the public site: its own page (or, once withdrawn, the withdrawal
 * notice at the same URL), its downloads, and the pages that list it: the latest list, its month,
 * its category, the feeds, its month's sitemap, the sitemap index and the archive index. The work is
 * bounded by what the release touches, never by the size of the archive; then the CDN is told
 * exactly which paths changed.
 */
public final class SitePublisher {
    public static final int LATEST_COUNT = 20;
    /**
     * A publish's reads and writes, made in parallel; daemon threads, shared by every publisher in
     * the process. Only a publish's own thread waits on them, never one of these threads.
     */
    private static final ExecutorService IO = Executors.newFixedThreadPool(12, runnable -> {
        Thread thread = new Thread(runnable, "site-io");
        thread.setDaemon(true);
        return thread;
    });

    private final ReleaseRepository releases;
    private final SiteBucket bucket;
    private final Downloads downloads;
    private final SiteRenderer renderer;
    private final SitePages site;
    private final SiteAssets assets;
    private final Cdn cdn;
    private final Clock clock;
    private volatile boolean assetsUploaded;

    public SitePublisher(ReleaseRepository releases, SiteBucket bucket, Downloads downloads, SiteRenderer renderer,
                         SiteAssets assets, Cdn cdn, Clock clock) {
        this.releases = releases;
        this.bucket = bucket;
        this.downloads = downloads;
        this.renderer = renderer;
        this.site = new SitePages(renderer);
        this.assets = assets;
        this.cdn = cdn;
        this.clock = clock;
    }

    /** SnapStart priming: see {@link SitePriming}. */
    public void prime() {
        SitePriming.prime(releases, bucket, site);
    }

    /** Whether anything about this release belongs on the public site now. */
    public static boolean hasPublicPage(Release release, Instant now) {
        Withdrawal withdrawal = release.withdrawal();
        boolean withdrawnAfterPublication = release.status() == ReleaseStatus.WITHDRAWN && withdrawal != null
                && (withdrawal.wasPublic() != null ? withdrawal.wasPublic()
                        : release.publishedAt() != null && !release.publishedAt().isAfter(withdrawal.at()));
        return release.isPublicAt(now) || withdrawnAfterPublication;
    }

    /**
     * Renders what a release's change affects and returns the keys written; nothing when the
     * release has never been public (a draft, still under embargo, or withdrawn before its time).
     *
     * @param previousCategory the category before this change, when it differs (its pages lose the release)
     */
    public List<String> publish(Release release, String previousCategory) {
        Instant now = clock.instant();
        if (!hasPublicPage(release, now)) {
            return List.of();
        }
        List<Future<?>> assetWrites = startAssets();
        // The four reads do not depend on each other: ask for them at once, render while they run.
        YearMonth month = renderer.paths().monthOf(release);
        Set<String> categories = new LinkedHashSet<>();
        categories.add(release.category());
        if (previousCategory != null) {
            categories.add(previousCategory);
        }
        Future<List<YearMonth>> knownMonths = IO.submit(releases::months);
        Future<List<Release>> latestInIndex = IO.submit(() -> releases.latestPublished(LATEST_COUNT + 1));
        Future<List<Release>> monthInIndex = IO.submit(() -> releases.publishedInMonth(month));
        Map<String, Future<List<Release>>> categoryInIndex = new LinkedHashMap<>();
        for (String category : categories) {
            categoryInIndex.put(category, IO.submit(() -> releases.latestInCategory(category, LATEST_COUNT + 1)));
        }
        List<SitePage> pages = new ArrayList<>();
        pages.add(site.release(release, release.isPublicAt(now) ? downloads.publishAll(release) : List.of(), now));
        List<YearMonth> known = await(knownMonths);
        if (!known.contains(month)) {
            releases.recordMonth(month);
        }
        List<YearMonth> months = withMonth(known, month);

        pages.addAll(site.latest(merged(await(latestInIndex), release, now, r -> true, LATEST_COUNT), now));
        List<Release> inMonth = merged(await(monthInIndex), release, now,
                r -> renderer.paths().monthOf(r).equals(month), Integer.MAX_VALUE);
        pages.addAll(site.month(month, inMonth, now));
        for (String category : categories) {
            pages.addAll(site.category(category, merged(await(categoryInIndex.get(category)), release, now,
                    r -> r.category().equals(category), LATEST_COUNT), now));
        }
        pages.addAll(site.months(months));

        List<Future<?>> writes = new ArrayList<>(assetWrites);
        pages.forEach(page -> writes.add(IO.submit(() -> write(bucket, page))));
        awaitAll(writes);
        assetsUploaded = true;
        List<String> written = pages.stream().map(SitePage::key).toList();
        List<String> paths = new ArrayList<>(written.stream().map(k -> "/" + k).toList());
        if (!release.isPublicAt(now)) {
            // Withdrawn: nothing of the release stays public but the notice, its files included.
            for (Attachment attachment : release.attachments()) {
                String download = Downloads.key(release.id(), attachment.fileName());
                bucket.delete(download);
                paths.add(SitePaths.urlPathOf(download));
            }
        }
        cdn.invalidate(paths, release.id() + "-v" + release.version());
        return written;
    }

    /**
     * An index is eventually consistent, so the release that triggered this render may be missing
     * from a list, appear in an older version, or still appear after leaving: it is put in or taken
     * out by id, then the list is sorted newest first and cut to size.
     */
    static List<Release> merged(List<Release> fromIndex, Release changed, Instant now, Predicate<Release> belongs,
                                int limit) {
        List<Release> list = new ArrayList<>(fromIndex);
        list.removeIf(r -> r.id().equals(changed.id()));
        if (changed.isPublicAt(now) && belongs.test(changed)) {
            list.add(changed);
        }
        list.sort(Comparator.comparing(Release::publishedAt).thenComparing(Release::id).reversed());
        return list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
    }

    static List<YearMonth> withMonth(List<YearMonth> months, YearMonth month) {
        Set<YearMonth> all = new TreeSet<>(months);
        all.add(month);
        return List.copyOf(all);
    }

    /** The result of a read or write made on {@link #IO}, its failure thrown as it was thrown there. */
    private static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the site bucket or the index", e);
        }
    }

    /**
     * The ten or so objects of a publish are written at once rather than one after another: a
     * page is live when the slowest write is done, not after the sum of them. A failed write fails
     * the publish (and so the stream record is retried) once the others have finished.
     */
    private static void awaitAll(List<Future<?>> writes) {
        RuntimeException failure = null;
        for (Future<?> write : writes) {
            try {
                await(write);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The assets, the 404 page and robots.txt: once per container, whatever it publishes. Started
     * before the pages are rendered and written alongside them, so a container's first publish
     * does not wait for them one by one; they are marked done only when the publish succeeds.
     */
    private List<Future<?>> startAssets() {
        if (assetsUploaded) {
            return List.of();
        }
        List<Future<?>> writes = new ArrayList<>();
        for (SiteAssets.Asset asset : assets.all()) {
            writes.add(IO.submit(() -> {
                if (!bucket.exists(asset.key())) {
                    bucket.put(asset.key(), asset.content(), asset.contentType(), SiteBucket.ASSET_CACHE);
                }
            }));
        }
        site.fixed().forEach(page -> writes.add(IO.submit(() -> write(bucket, page))));
        return writes;
    }

    /** Writes one page of the site with the HTML cache policy (short in browsers, longer in the CDN). */
    static void write(SiteBucket bucket, SitePage page) {
        bucket.put(page.key(), page.content(), page.contentType(), SiteBucket.HTML_CACHE);
    }
}
