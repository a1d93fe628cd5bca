package newsroom.site;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import newsroom.domain.Release;
import newsroom.store.ReleaseRepository;

/**
 * Puts a changed release on the public site: its own page and the pages that list it. The work is
 * bounded by what the release touches, never by the size of the archive.
 */
public final class SitePublisher {
    public static final int LATEST_COUNT = 20;
    private static final String HTML = "text/html; charset=utf-8";

    private final ReleaseRepository releases;
    private final SiteBucket bucket;
    private final SiteRenderer renderer;
    private final SiteAssets assets;
    private final Clock clock;
    private volatile boolean assetsUploaded;

    public SitePublisher(ReleaseRepository releases, SiteBucket bucket, SiteRenderer renderer,
                         SiteAssets assets, Clock clock) {
        this.releases = releases;
        this.bucket = bucket;
        this.renderer = renderer;
        this.assets = assets;
        this.clock = clock;
    }

    /**
     * Renders what a release's change affects and returns the keys written; nothing when the
     * release is not public now (a draft, or still under embargo).
     */
    public List<String> publish(Release release) {
        Instant now = clock.instant();
        if (!release.isPublicAt(now)) {
            return List.of();
        }
        ensureAssets();
        List<String> written = new ArrayList<>();
        String key = renderer.paths().releaseKey(release);
        putHtml(key, renderer.releasePage(release, now));
        written.add(key);
        putHtml(SitePaths.LATEST, renderer.latestPage(latestWith(release), now));
        written.add(SitePaths.LATEST);
        return written;
    }

    /**
     * The index is eventually consistent, so the release that triggered this render may be missing
     * from it (or appear in an older version): the triggering release is merged in by id.
     */
    private List<Release> latestWith(Release release) {
        List<Release> latest = new ArrayList<>(releases.latestPublished(LATEST_COUNT));
        latest.removeIf(r -> r.id().equals(release.id()));
        latest.add(release);
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
