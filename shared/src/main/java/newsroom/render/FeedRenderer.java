package newsroom.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import newsroom.domain.Release;

/**
 * Atom and RSS feeds and the sitemaps, from Mustache templates compiled once. Mustache's escaping
 * makes release text safe XML; the body goes into feeds as escaped HTML.
 */
public final class FeedRenderer {
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Mustache atom;
    private final Mustache rss;
    private final Mustache sitemap;
    private final Mustache sitemapIndex;
    private final Markdown markdown = new Markdown();
    private final SitePaths paths;
    private final String baseUrl;
    private final String siteName;

    public FeedRenderer(SiteRenderer site) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory("feeds");
        this.atom = factory.compile("atom.mustache");
        this.rss = factory.compile("rss.mustache");
        this.sitemap = factory.compile("sitemap.mustache");
        this.sitemapIndex = factory.compile("sitemap-index.mustache");
        this.paths = site.paths();
        this.baseUrl = site.baseUrl();
        this.siteName = site.siteName();
    }

    /** The site's Atom feed: the newest public releases. */
    public String siteAtom(List<Release> releases, Instant now) {
        return render(atom, feed(siteName + ": news", "The latest news releases from " + siteName + ".",
                "/" + SitePaths.SITE_ATOM, "/news/", releases, now));
    }

    public String categoryAtom(String category, List<Release> releases, Instant now) {
        return render(atom, feed(siteName + ": " + category, "The latest " + category + " news from " + siteName + ".",
                "/" + SitePaths.categoryFeedKey(category), SitePaths.categoryUrlPath(category), releases, now));
    }

    public String siteRss(List<Release> releases, Instant now) {
        return render(rss, feed(siteName + ": news", "The latest news releases from " + siteName + ".",
                "/" + SitePaths.SITE_RSS, "/news/", releases, now));
    }

    /** One month's shard: its archive page and its releases. */
    public String sitemapShard(YearMonth month, List<Release> releases, Instant now) {
        List<SitemapUrl> urls = new ArrayList<>();
        urls.add(new SitemapUrl(baseUrl + SitePaths.monthUrlPath(month), null));
        releases.stream().filter(r -> r.isPublicAt(now))
                .sorted(Comparator.comparing(Release::publishedAt))
                .forEach(r -> urls.add(new SitemapUrl(baseUrl + paths.releaseUrlPath(r), r.updatedAt().toString())));
        return render(sitemap, new Sitemap(urls));
    }

    /** Every month's shard, oldest first. */
    public String sitemapIndex(List<YearMonth> months) {
        return sitemapIndex(months, Map.of());
    }

    /** Every month's shards, oldest first: one for each page of a month with more than one. */
    public String sitemapIndex(List<YearMonth> months, Map<YearMonth, Integer> pageCounts) {
        List<SitemapUrl> shards = new ArrayList<>();
        months.stream().sorted().forEach(m -> {
            for (int page = 1; page <= pageCounts.getOrDefault(m, 1); page++) {
                shards.add(new SitemapUrl(baseUrl + "/" + SitePaths.sitemapKey(m, page), null));
            }
        });
        return render(sitemapIndex, new SitemapIndex(shards));
    }

    /**
     * The shard of one page of a month with more than one page: that page's releases, and its
     * address (with the month's own address in page 1's).
     */
    public String sitemapShard(YearMonth month, int page, List<Release> releases, Instant now) {
        List<SitemapUrl> urls = new ArrayList<>();
        if (page == 1) {
            urls.add(new SitemapUrl(baseUrl + SitePaths.monthUrlPath(month), null));
        }
        urls.add(new SitemapUrl(baseUrl + SitePaths.monthPageUrlPath(month, page), null));
        releases.stream().filter(r -> r.isPublicAt(now))
                .sorted(Comparator.comparing(Release::publishedAt))
                .forEach(r -> urls.add(new SitemapUrl(baseUrl + paths.releaseUrlPath(r), r.updatedAt().toString())));
        return render(sitemap, new Sitemap(urls));
    }

    private Feed feed(String title, String subtitle, String selfPath, String htmlPath, List<Release> releases,
                      Instant now) {
        List<Entry> entries = releases.stream().filter(r -> r.isPublicAt(now)).map(this::entry).toList();
        Instant updated = releases.stream().filter(r -> r.isPublicAt(now)).map(Release::updatedAt)
                .max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        return new Feed(baseUrl + selfPath, title, subtitle, updated.toString(), RFC_822.format(updated),
                baseUrl + selfPath, baseUrl + htmlPath, siteName, entries);
    }

    private Entry entry(Release r) {
        String summary = r.summary() == null || r.summary().isBlank() ? null : r.summary();
        return new Entry("urn:uuid:" + r.id(), r.title(), baseUrl + paths.releaseUrlPath(r),
                r.publishedAt().toString(), RFC_822.format(r.publishedAt()), r.updatedAt().toString(),
                r.category(), summary, markdown.toHtml(r.body()),
                baseUrl + paths.releaseUrlPath(r) + Ninjs.FILE_NAME);
    }

    private static String render(Mustache template, Object view) {
        PageWriter out = PageWriter.reused();
        template.execute(out, view);
        return out.toString();
    }

    public record Feed(String id, String title, String subtitle, String updated, String updatedRfc822, String selfUrl,
                       String htmlUrl, String siteName, List<Entry> entries) {
    }

    public record Entry(String id, String title, String url, String published, String publishedRfc822,
                        String updated, String category, String summary, String contentHtml, String ninjsUrl) {
    }

    public record SitemapUrl(String loc, String lastmod) {
    }

    public record Sitemap(List<SitemapUrl> urls) {
    }

    public record SitemapIndex(List<SitemapUrl> shards) {
    }
}
