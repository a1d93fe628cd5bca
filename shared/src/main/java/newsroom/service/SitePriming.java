package newsroom.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import newsroom.domain.Release;
import newsroom.render.SitePages;
import newsroom.render.SitePaths;
import newsroom.service.port.ReleaseRepository;
import newsroom.service.port.SiteBucket;

/**
 * SnapStart priming for the functions that write the site: the reads a publish or a rebuild makes
 * (a release, an object's existence) and one of each page and feed rendered in memory, so that a
 * snapshot holds warm clients, templates and the Markdown renderer. Nothing is written and
 * nothing is queued for the CDN (its one message, an invalidation, is a write).
 */
final class SitePriming {
    private SitePriming() {
    }

    static void prime(ReleaseRepository releases, SiteBucket bucket, SitePages site) {
        releases.find(PrimingSamples.NO_SUCH_ID);
        bucket.exists(SitePaths.LATEST);
        render(site, Instant.now());
    }

    static void render(SitePages site, Instant now) {
        Release sample = PrimingSamples.release(now);
        List<Release> one = List.of(sample);
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        site.release(sample, List.of(), now);
        site.latest(one, now);
        site.month(month, one, now);
        site.category(sample.category(), one, now);
        site.months(List.of(month));
    }
}
