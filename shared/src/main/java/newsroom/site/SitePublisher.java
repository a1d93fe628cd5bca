package newsroom.site;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import newsroom.domain.Attachment;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.store.ReleaseRepository;

/**
 * Puts a changed release on the public site: its own page (or, once withdrawn, the withdrawal
 * notice at the same URL), its downloads, and the pages that list it. The work is bounded by what
 * the release touches, never by the size of the archive.
 */
public final class SitePublisher {
    public static final int LATEST_COUNT = 20;
    private static final String HTML = "text/html; charset=utf-8";

    private final ReleaseRepository releases;
    private final SiteBucket bucket;
    private final Downloads downloads;
    private final SiteRenderer renderer;
    private final SiteAssets assets;
    private final Clock clock;
    private volatile boolean assetsUploaded;

    public SitePublisher(ReleaseRepository releases, SiteBucket bucket, Downloads downloads, SiteRenderer renderer,
                         SiteAssets assets, Clock clock) {
        this.releases = releases;
        this.bucket = bucket;
        this.downloads = downloads;
        this.renderer = renderer;
        this.assets = assets;
        this.clock = clock;
    }

    /**
     * Renders what a release's change affects and returns the keys written; nothing when the
     * release has never been public (a draft, still under embargo, or withdrawn before its time).
     */
    public List<String> publish(Release release) {
        Instant now = clock.instant();
        boolean live = release.isPublicAt(now);
        boolean withdrawnAfterPublication = release.status() == ReleaseStatus.WITHDRAWN
                && release.publishedAt() != null && release.withdrawal() != null
                && !release.publishedAt().isAfter(release.withdrawal().at());
        if (!live && !withdrawnAfterPublication) {
            return List.of();
        }
        ensureAssets();
        List<String> written = new ArrayList<>();
        String key = renderer.paths().releaseKey(release);
        if (live) {
            List<Download> files = new ArrayList<>();
            for (Attachment attachment : release.attachments()) {
                downloads.publish(release, attachment).ifPresent(files::add);
            }
            putHtml(key, renderer.releasePage(release, files, now));
        } else {
            putHtml(key, renderer.withdrawnPage(release));
        }
        written.add(key);
        putHtml(SitePaths.LATEST, renderer.latestPage(latestWith(release, now), now));
        written.add(SitePaths.LATEST);
        return written;
    }

    /**
     * The index is eventually consistent, so the release that triggered this render may be missing
     * from it, appear in an older version, or still appear after leaving: the triggering release is
     * put in or taken out by id.
     */
    private List<Release> latestWith(Release release, Instant now) {
        List<Release> latest = new ArrayList<>(releases.latestPublished(LATEST_COUNT + 1));
        latest.removeIf(r -> r.id().equals(release.id()));
        if (release.isPublicAt(now)) {
            latest.add(release);
        }
        latest.sort(Comparator.comparing(Release::publishedAt).thenComparing(Release::id).reversed());
        return latest.size() > LATEST_COUNT ? latest.subList(0, LATEST_COUNT) : latest;
    }

    private void ensureAssets() {
        if (!assetsUploaded) {
            if (!bucket.exists(assets.stylesheetKey())) {
                bucket.put(assets.stylesheetKey(), assets.stylesheet(), "text/css; charset=utf-8",
                        SiteBucket.ASSET_CACHE);
            }
            assetsUploaded = true;
        }
    }

    private void putHtml(String key, String html) {
        bucket.put(key, html.getBytes(StandardCharsets.UTF_8), HTML, SiteBucket.HTML_CACHE);
    }

}
