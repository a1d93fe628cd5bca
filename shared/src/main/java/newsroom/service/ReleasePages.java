package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseVersion;
import newsroom.render.Download;
import newsroom.render.SitePages;
import newsroom.render.SitePaths;
import newsroom.service.port.Downloads;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.SiteBucket;

/**
 * A release's own page (or its withdrawal notice) and its downloads, written from a read of the
 * release made just before, then checked by reading it again: if it changed meanwhile (withdrawn
 * while its page was being written, say), the page is written again. Whoever writes a release's
 * page last has therefore read the release after that write, so a rebuild or a slow publisher can
 * never leave an old version (a withdrawn release's full text) in place of a newer one.
 */
public final class ReleasePages {
    static final int MAX_ROUNDS = 5;

    /**
     * What was written: the release as it stood when its page was last checked, the page's key, and
     * the URL paths the CDN must forget (the page, and its downloads: a file replaced under the same
     * name, or removed at withdrawal).
     */
    public record Written(Release release, List<String> keys, List<String> cdnPaths) {
    }

    private final ReleaseRepository releases;
    private final SiteBucket bucket;
    private final Downloads downloads;
    private final SitePages site;
    private final Clock clock;

    public ReleasePages(ReleaseRepository releases, SiteBucket bucket, Downloads downloads, SitePages site,
                        Clock clock) {
        this.releases = releases;
        this.bucket = bucket;
        this.downloads = downloads;
        this.site = site;
        this.clock = clock;
    }

    /**
     * Writes the release's page as the release now stands; empty when it has no public page (a
     * draft, still under embargo, withdrawn before its time, or gone).
     */
    public Optional<Written> write(String releaseId) {
        return writeFrom(releaseId, releases.find(releaseId), 0);
    }

    /** {@link #write}, from a read of the release already made, as round {@code first} of at most {@link #MAX_ROUNDS}. */
    private Optional<Written> writeFrom(String releaseId, Optional<Release> current, int first) {
        for (int round = first; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            if (current.isEmpty() || !SitePublisher.hasPublicPage(current.get(), now)) {
                return Optional.empty();
            }
            Release release = current.get();
            Written written = writeOnce(release, now);
            Optional<Release> again = releases.find(releaseId);
            if (again.isPresent() && again.get().version() == release.version()) {
                return Optional.of(written);
            }
            current = again;
        }
        throw new TryAgainLater("release " + releaseId + " kept changing while its page was written");
    }

    /** What {@link #writeAll} did for one release: what {@link #write} returns, or why it failed. */
    public record Outcome(Optional<Written> written, RuntimeException failure) {
    }

    /**
     * {@link #write} for a batch of releases, each once, with the same guarantee, but the reads
     * made together: one read of them all before their pages are written (at once, on
     * {@code pool}), one of their versions only after, to check them. Only a release that changed
     * meanwhile is read again on its own, as {@link #write} does. A failure of one release's writes
     * is its own; a failure of a read shared by the batch is each of its releases'.
     */
    public Map<String, Outcome> writeAll(Collection<String> releaseIds, ExecutorService pool) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(releaseIds));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Release> before;
        try {
            before = byId(releases.findAll(ids));
        } catch (RuntimeException e) {
            ids.forEach(id -> outcomes.put(id, new Outcome(Optional.empty(), e)));
            return outcomes;
        }
        Map<String, Future<Optional<Written>>> pages = new LinkedHashMap<>();
        for (String id : ids) {
            Optional<Release> current = Optional.ofNullable(before.get(id));
            pages.put(id, pool.submit(() -> {
                Instant now = clock.instant();
                return current.isPresent() && SitePublisher.hasPublicPage(current.get(), now)
                        ? Optional.of(writeOnce(current.get(), now)) : Optional.<Written>empty();
            }));
        }
        Map<String, Written> toCheck = new LinkedHashMap<>();
        pages.forEach((id, page) -> {
            try {
                Optional<Written> written = AtOnce.await(page);
                if (written.isPresent()) {
                    toCheck.put(id, written.get());
                } else {
                    outcomes.put(id, new Outcome(Optional.empty(), null));
                }
            } catch (RuntimeException e) {
                outcomes.put(id, new Outcome(Optional.empty(), e));
            }
        });
        if (!toCheck.isEmpty()) {
            Map<String, Long> after;
            try {
                after = releases.versionsOf(List.copyOf(toCheck.keySet()));
            } catch (RuntimeException e) {
                toCheck.keySet().forEach(id -> outcomes.put(id, new Outcome(Optional.empty(), e)));
                return ordered(ids, outcomes);
            }
            Map<String, Future<Optional<Written>>> again = new LinkedHashMap<>();
            toCheck.forEach((id, written) -> {
                Long now = after.get(id);
                if (now != null && now == written.release().version()) {
                    outcomes.put(id, new Outcome(Optional.of(written), null));
                } else {
                    // Changed while its page was written: read again, round two onwards, alone.
                    again.put(id, pool.submit(() -> writeFrom(id, releases.find(id), 1)));
                }
            });
            again.forEach((id, page) -> {
                try {
                    outcomes.put(id, new Outcome(AtOnce.await(page), null));
                } catch (RuntimeException e) {
                    outcomes.put(id, new Outcome(Optional.empty(), e));
                }
            });
        }
        return ordered(ids, outcomes);
    }

    private static Map<String, Release> byId(List<Release> found) {
        Map<String, Release> byId = new HashMap<>();
        found.forEach(release -> byId.put(release.id(), release));
        return byId;
    }

    private static Map<String, Outcome> ordered(List<String> ids, Map<String, Outcome> outcomes) {
        Map<String, Outcome> ordered = new LinkedHashMap<>();
        ids.forEach(id -> ordered.put(id, outcomes.get(id)));
        return ordered;
    }

    /**
     * The other addresses the release had while scheduled (its embargo moved it to another month).
     * Only a release that was scheduled can have any, so only then is its history read.
     */
    private Set<String> formerKeys(Release release, String key) {
        if (release.embargoUntil() == null) {
            return Set.of();
        }
        Set<String> former = new java.util.TreeSet<>();
        for (ReleaseVersion version : releases.versions(release.id())) {
            Release then = version.release();
            if (then.status() == ReleaseStatus.SCHEDULED && then.publishedAt() != null) {
                String thenKey = site.renderer().paths().releaseKey(then);
                if (!thenKey.equals(key)) {
                    former.add(thenKey);
                }
            }
        }
        return former;
    }

    private Written writeOnce(Release release, Instant now) {
        List<String> paths = new ArrayList<>();
        boolean isPublic = release.isPublicAt(now);
        List<Download> published = isPublic ? downloads.publishAll(release) : List.of();
        SitePages.ReleaseObjects objects = site.releaseAndNinjs(release, published, now);
        SitePages.SitePage page = objects.page();
        SitePublisher.write(bucket, page);
        paths.add("/" + page.key());
        SitePages.SitePage ninjs = objects.ninjs();
        SitePublisher.write(bucket, ninjs);
        paths.add("/" + ninjs.key());
        published.forEach(download -> paths.add(download.url()));
        for (String former : formerKeys(release, page.key())) {
            // The address an advance copy gave, before the embargo moved the release to another month.
            SitePublisher.write(bucket, isPublic ? site.moved(release, former) : page.withKey(former));
            paths.add("/" + former);
        }
        // Files the release no longer has leave the site: all of them once it is withdrawn (nothing
        // of it stays public but the notice), a removed attachment's while it is public. A release
        // at its first version (created and published in one step) has never had other files, nor
        // been withdrawn: there is nothing to look for, and the listing is a request a release in
        // a burst.
        if (release.version() == 1 && isPublic) {
            return new Written(release, List.of(page.key()), paths);
        }
        Set<String> current = isPublic ? release.attachments().stream()
                .map(a -> Downloads.key(release.id(), a.fileName())).collect(Collectors.toSet()) : Set.of();
        for (String download : bucket.keys(Downloads.key(release.id(), ""))) {
            if (!current.contains(download)) {
                bucket.delete(download);
                paths.add(SitePaths.urlPathOf(download));
            }
        }
        return new Written(release, List.of(page.key()), paths);
    }
}
