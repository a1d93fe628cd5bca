package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        Optional<Release> current = releases.find(releaseId);
        for (int round = 0; round < MAX_ROUNDS; round++) {
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
        SitePages.SitePage page = site.release(release, published, now);
        SitePublisher.write(bucket, page);
        paths.add("/" + page.key());
        SitePages.SitePage ninjs = site.ninjs(release, published, now);
        SitePublisher.write(bucket, ninjs);
        paths.add("/" + ninjs.key());
        published.forEach(download -> paths.add(download.url()));
        for (String former : formerKeys(release, page.key())) {
            // The address an advance copy gave, before the embargo moved the release to another month.
            SitePublisher.write(bucket, isPublic ? site.moved(release, former) : page.withKey(former));
            paths.add("/" + former);
        }
        // Files the release no longer has leave the site: all of them once it is withdrawn (nothing
        // of it stays public but the notice), a removed attachment's while it is public.
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
