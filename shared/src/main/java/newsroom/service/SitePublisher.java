package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
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
 * Puts a changed release on the public site: its own page (or, once withdrawn, the withdrawal
 * notice at the same URL) and its downloads, written from a fresh read of the release; then its
 * entry in the {@link SiteIndex}; then the pages that list it (the latest list, its month, its
 * category, the feeds, the sitemaps, the archive index) through {@link SharedPages}, which has one
 * writer at a time. The work is bounded by what the release touches, never by the size of the
 * archive, and the CDN is told exactly which paths changed.
 */
public final class SitePublisher {
    public static final int LATEST_COUNT = 20;
    /**
     * The assets' writes, made in parallel; daemon threads, shared by every publisher in the
     * process. Only a publish's own thread waits on them, never one of these threads.
     */
    private static final ExecutorService IO = Executors.newFixedThreadPool(12, runnable -> {
        Thread thread = new Thread(runnable, "site-io");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A batch's release pages, written at once (32 at a time); separate from {@link #IO}, which
     * their own writes use, so a release never waits for a thread its batch holds. A batch's time is
     * its hundred releases' writes over these threads: at 8, a batch of a hundred took 25 writes'
     * time in a row, and in a burst, where every other writer also waits on the same store, the
     * pages fell seconds behind (the burst benchmark's p99 201 → page 9–17 s; 2–5 s at 32).
     */
    static final int RELEASES_AT_ONCE = 32;
    private static final ExecutorService RELEASES = Executors.newFixedThreadPool(RELEASES_AT_ONCE, runnable -> {
        Thread thread = new Thread(runnable, "site-release");
        thread.setDaemon(true);
        return thread;
    });

    private final ReleaseRepository releases;
    private final SiteIndex index;
    private final SiteBucket bucket;
    private final SiteRenderer renderer;
    private final SitePages site;
    private final SiteAssets assets;
    private final ReleasePages releasePages;
    private final SharedPages shared;
    /** Null: a batch renders the shared pages itself. */
    private SharedPagesNudge nudge;
    private final Cdn cdn;
    private final Clock clock;
    private volatile boolean assetsUploaded;

    public SitePublisher(ReleaseRepository releases, SiteIndex index, RenderQueue queue, SiteBucket bucket,
                         Downloads downloads, SiteRenderer renderer, SiteAssets assets, Cdn cdn, Clock clock) {
        this(releases, index, bucket, downloads, renderer, assets, cdn, clock,
                new SharedPages(index, queue, releases, new SitePages(renderer), bucket, cdn, clock));
    }

    /**
     * Leaves the shared pages to their renderer: a batch marks its parts and nudges it, instead of
     * rendering them and waiting for the round (a stream shard reads its next batch only then).
     */
    public SitePublisher withNudge(SharedPagesNudge renderer) {
        this.nudge = renderer;
        return this;
    }

    /** SnapStart priming for the shared pages' renderer: a publish's reads, then a round's. */
    public void primeShared() {
        prime();
        shared.prime();
    }

    /** The lists' renderer's work: every list part marked, rendered by the one lease holder. */
    public void renderShared() {
        shared.updateLists();
    }

    /** Keeps the site's search index too, by its own writer. */
    public SitePublisher withSearch(SearchRounds search) {
        shared.withSearch(search);
        return this;
    }

    /** With the shared pages given (tests choose how patiently they wait). */
    public SitePublisher(ReleaseRepository releases, SiteIndex index, SiteBucket bucket, Downloads downloads,
                         SiteRenderer renderer, SiteAssets assets, Cdn cdn, Clock clock, SharedPages shared) {
        this.releases = releases;
        this.index = index;
        this.bucket = bucket;
        this.renderer = renderer;
        this.site = new SitePages(renderer);
        this.assets = assets;
        this.releasePages = new ReleasePages(releases, bucket, downloads, site, clock);
        this.shared = shared;
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
     * Brings the site up to date with the release as it now stands in the table (whatever version
     * the event that asked for this carried) and returns the release page's keys; nothing when the
     * release has never been public (a draft, still under embargo, or withdrawn before its time).
     */
    public List<String> publish(String releaseId) {
        Optional<ReleasePages.Written> written = releasePages.write(releaseId);
        if (written.isEmpty()) {
            return List.of();
        }
        awaitAll(startAssets());
        assetsUploaded = true;
        Release release = written.get().release();
        cdn.invalidate(written.get().cdnPaths(), release.id() + "-v" + release.version());
        shared.update(scopesAfter(index, renderer, release, clock.instant()));
        return written.get().keys();
    }

    /** What a batch did: the release pages' keys, by release, and the first release that failed. */
    public record Batch(List<List<String>> written, int failedAt, RuntimeException failure) {
        public boolean failed() {
            return failedAt >= 0;
        }
    }

    /**
     * A batch of changes (a stream batch): each release's page and listing at once, then the pages
     * they share (lists, feeds, months, categories, sitemaps, search) once for all of them, not
     * once per release: a burst of publishes costs a few renders of each shared page. When a
     * release fails, the shared pages are still brought up to date with every one that did not,
     * and {@link Batch#failedAt} says where a retry must start (the ones after it are redone
     * harmlessly: each reads its release afresh).
     *
     * @throws RuntimeException when the shared pages could not be brought up to date (nothing of
     *                          the batch counts as done)
     */
    public Batch publishAll(List<String> releaseIds) {
        // A release twice in a batch is written once, from reads made for the whole batch.
        Map<String, ReleasePages.Outcome> outcomes = releasePages.writeAll(releaseIds, RELEASES);
        Set<String> seen = new java.util.HashSet<>();
        List<List<String>> written = new ArrayList<>();
        List<ReleasePages.Written> changed = new ArrayList<>();
        int failedAt = -1;
        RuntimeException failure = null;
        for (int i = 0; i < releaseIds.size(); i++) {
            ReleasePages.Outcome outcome = outcomes.get(releaseIds.get(i));
            if (outcome.failure() == null) {
                written.add(outcome.written().map(ReleasePages.Written::keys).orElse(List.of()));
                if (seen.add(releaseIds.get(i))) {
                    outcome.written().ifPresent(changed::add);
                }
            } else {
                written.add(List.of());
                if (failedAt < 0) {
                    failedAt = i;
                    failure = outcome.failure();
                }
            }
        }
        if (changed.isEmpty()) {
            return new Batch(written, failedAt, failure);
        }
        awaitAll(startAssets());
        assetsUploaded = true;
        // The CDN hears of the whole batch's paths at once (one message, split only if too large).
        Set<String> paths = new LinkedHashSet<>();
        changed.forEach(page -> paths.addAll(page.cdnPaths()));
        Release first = changed.get(0).release();
        cdn.invalidate(List.copyOf(paths), changed.size() == 1 ? first.id() + "-v" + first.version()
                : first.id() + "-v" + first.version() + "-and-" + (changed.size() - 1));
        // The batch's listings together: in a burst a batch holds a hundred.
        Set<String> scopes = scopesAfter(index, renderer,
                changed.stream().map(ReleasePages.Written::release).toList(), clock.instant());
        if (nudge == null) {
            shared.update(scopes);
        } else {
            shared.mark(scopes);
            nudge.nudge();
        }
        return new Batch(written, failedAt, failure);
    }

    /**
     * Lists or unlists the release in the index (its page is written by now) and returns the parts
     * of the site that change with it: its month, its category, and the category it left.
     */
    static Set<String> scopesAfter(SiteIndex index, SiteRenderer renderer, Release release, Instant now) {
        return scopesAfter(index, renderer, List.of(release), now);
    }

    /** {@link #scopesAfter} for a batch's releases (each once), their index changes made together. */
    static Set<String> scopesAfter(SiteIndex index, SiteRenderer renderer, List<Release> releases, Instant now) {
        Set<String> scopes = new LinkedHashSet<>();
        List<SiteIndex.Change> changes = new ArrayList<>();
        for (Release release : releases) {
            scopes.add(SharedPages.monthAt(renderer.paths().monthOf(release), release.publishedAt()));
            scopes.add(SharedPages.category(release.category()));
            scopes.add(SharedPages.search(release.id()));
            changes.add(new SiteIndex.Change(release.id(), release.version(), release.isPublicAt(now)
                    ? new SiteIndex.Listing(release.id(), release.version(), release.publishedAt(), release.category())
                    : null));
        }
        Map<String, Optional<String>> before = changes.size() == 1
                ? Map.of(changes.get(0).id(), changes.get(0).listing() != null ? index.list(changes.get(0).listing())
                        : index.unlist(changes.get(0).id(), changes.get(0).version()))
                : index.changeAll(changes);
        before.values().forEach(category -> category.ifPresent(c -> scopes.add(SharedPages.category(c))));
        return scopes;
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
                AtOnce.await(write);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The assets, the 404 page and robots.txt: once per container, at its first publish that puts
     * something on the site, written in parallel; marked done only when all succeeded.
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
