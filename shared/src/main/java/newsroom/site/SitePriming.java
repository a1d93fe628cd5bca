package newsroom.site;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import newsroom.aws.SnapStartPriming;
import newsroom.domain.Release;

/** Renders one of each page and feed in memory, so that a snapshot holds warm templates and Markdown. */
public final class SitePriming {
    private SitePriming() {
    }

    public static void render(SiteRenderer renderer, Instant now) {
        Release sample = SnapStartPriming.sampleRelease(now);
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
