package newsroom.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import newsroom.domain.Release;
import newsroom.render.FeedRenderer;
import newsroom.render.Markdown;
import newsroom.render.SitePaths;
import newsroom.render.SiteRenderer;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.SiteBucket;

/**
 * SnapStart priming for the functions that write the site: the reads a publish or a rebuild makes
 * (a release, an object's existence) and one of each page and feed rendered in memory, so that a
 * snapshot holds warm clients, templates and Markdown. Nothing is written and CloudFront is not
 * called (its one call, an invalidation, is a write).
 */
final class SitePriming {
    private SitePriming() {
    }

    static void prime(ReleaseRepository releases, SiteBucket bucket, SiteRenderer renderer) {
        releases.find(PrimingSamples.NO_SUCH_ID);
        bucket.exists(SitePaths.LATEST);
        render(renderer, Instant.now());
    }

    static void render(SiteRenderer renderer, Instant now) {
        Release sample = PrimingSamples.release(now);
        List<Release> one = List.of(sample);
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        renderer.releasePage(sample, List.of(), now);
        renderer.latestPage(one, now);
        renderer.monthPage(month, one, now);
        renderer.categoryPage(sample.category(), one, now);
        renderer.archivePage(List.of(month));
        FeedRenderer feeds = new FeedRenderer(renderer);
        feeds.siteAtom(one, now);
        feeds.siteRss(one, now);
        feeds.sitemapShard(month, one, now);
        feeds.sitemapIndex(List.of(month));
    }
}
