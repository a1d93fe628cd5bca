package newsroom.render;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import newsroom.domain.Release;

/**
 * Every object of the public site, as (key, content, type): the one list of which pages a change
 * touches, used alike by a publish (the pages one release touches) and by the full rebuild (all
 * of them). Pure: it renders, the caller writes.
 */
public final class SitePages {
    public static final String HTML = "text/html; charset=utf-8";
    /** Served as JSON, so any client (and a browser) reads it; the page's link names the ninjs type. */
    public static final String NINJS = "application/json; charset=utf-8";
    public static final String ATOM = "application/atom+xml; charset=utf-8";
    public static final String RSS = "application/rss+xml; charset=utf-8";
    public static final String XML = "application/xml; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    /** One object of the site: its key in the bucket (the URL path), its bytes and its content type. */
    public record SitePage(String key, byte[] content, String contentType) {
        /** The same page at another key (a withdrawal notice at a former address too). */
        public SitePage withKey(String other) {
            return new SitePage(other, content, contentType);
        }

        static SitePage of(String key, String content, String contentType) {
            return new SitePage(key, content.getBytes(StandardCharsets.UTF_8), contentType);
        }
    }

    private final SiteRenderer renderer;
    private final FeedRenderer feeds;
    private final Ninjs ninjs;

    public SitePages(SiteRenderer renderer) {
        this.renderer = renderer;
        this.feeds = new FeedRenderer(renderer);
        this.ninjs = new Ninjs(renderer.siteName());
    }

    public SiteRenderer renderer() {
        return renderer;
    }

    /** A release's own page: the release while it is public, the withdrawal notice once withdrawn. */
    public SitePage release(Release release, List<Download> downloads, Instant now) {
        String key = renderer.paths().releaseKey(release);
        return release.isPublicAt(now)
                ? SitePage.of(key, renderer.releasePage(release, downloads, now), HTML)
                : SitePage.of(key, renderer.withdrawnPage(release), HTML);
    }

    /**
     * The release as IPTC ninjs beside its page: the public release, or its cancellation once
     * withdrawn. {@code downloads} are the files on the site.
     */
    public SitePage ninjs(Release release, List<Download> downloads, Instant now) {
        return ninjs(release, downloads, now, null);
    }

    private SitePage ninjs(Release release, List<Download> downloads, Instant now, String bodyHtml) {
        String key = SitePaths.keyFor(renderer.ninjsUrlPath(release));
        List<Ninjs.File> files = new java.util.ArrayList<>();
        if (release.isPublicAt(now)) {
            for (Download download : downloads) {
                release.attachment(download.fileName()).ifPresent(a -> files.add(new Ninjs.File(a.id(),
                        a.fileName(), a.contentType(), a.size(), renderer.baseUrl() + download.url())));
            }
        }
        return new SitePage(key, ninjs.publishedBytes(release, renderer.releaseUrl(release), files, bodyHtml), NINJS);
    }

    /** A release's own page and its ninjs beside it. */
    public record ReleaseObjects(SitePage page, SitePage ninjs) {
    }

    /**
     * {@link #release} and {@link #ninjs} together, the body rendered once for both: what a
     * release's publish and the full rebuild write.
     */
    public ReleaseObjects releaseAndNinjs(Release release, List<Download> downloads, Instant now) {
        if (!release.isPublicAt(now)) {
            return new ReleaseObjects(release(release, downloads, now), ninjs(release, downloads, now));
        }
        String bodyHtml = renderer.bodyHtml(release);
        return new ReleaseObjects(new SitePage(renderer.paths().releaseKey(release),
                renderer.releasePage(release, bodyHtml, downloads, now), HTML), ninjs(release, downloads, now, bodyHtml));
    }

    /** At an address the release had before its embargo moved: where it is now. */
    public SitePage moved(Release release, String formerKey) {
        return SitePage.of(formerKey, renderer.movedPage(release), HTML);
    }

    /** The latest list and the site's feeds, from the newest public releases. */
    public List<SitePage> latest(List<Release> latest, Instant now) {
        return List.of(
                SitePage.of(SitePaths.LATEST, renderer.latestPage(latest, now), HTML),
                SitePage.of(SitePaths.SITE_ATOM, feeds.siteAtom(latest, now), ATOM),
                SitePage.of(SitePaths.SITE_RSS, feeds.siteRss(latest, now), RSS));
    }

    /** A month's archive page and its sitemap shard, from the month's public releases. */
    public List<SitePage> month(YearMonth month, List<Release> inMonth, Instant now) {
        return List.of(
                SitePage.of(SitePaths.monthKey(month), renderer.monthPage(month, inMonth, now), HTML),
                SitePage.of(SitePaths.sitemapKey(month), feeds.sitemapShard(month, inMonth, now), XML));
    }

    /** The month's own page when it has more than one: its newest releases and a link to each page. */
    public SitePage monthLanding(YearMonth month, List<Release> newest, int pageCount, Instant now) {
        return SitePage.of(SitePaths.monthKey(month), renderer.monthLanding(month, newest, pageCount, now), HTML);
    }

    /** One page of a month with more than one, and its sitemap shard. */
    public List<SitePage> monthPage(YearMonth month, int number, boolean hasLater, List<Release> onPage, Instant now) {
        return List.of(
                SitePage.of(SitePaths.monthPageKey(month, number),
                        renderer.monthPageNumber(month, number, hasLater, onPage, now), HTML),
                SitePage.of(SitePaths.sitemapKey(month, number), feeds.sitemapShard(month, number, onPage, now), XML));
    }

    /** A category's page and feed, from its newest public releases. */
    public List<SitePage> category(String category, List<Release> latest, Instant now) {
        return List.of(
                SitePage.of(SitePaths.categoryKey(category), renderer.categoryPage(category, latest, now), HTML),
                SitePage.of(SitePaths.categoryFeedKey(category), feeds.categoryAtom(category, latest, now), ATOM));
    }

    /** What lists the months: the sitemap index and the archive index. */
    public List<SitePage> months(List<YearMonth> months) {
        return months(months, java.util.Map.of());
    }

    /** The same, with the number of pages of each month that has more than one. */
    public List<SitePage> months(List<YearMonth> months, java.util.Map<YearMonth, Integer> pageCounts) {
        return List.of(
                SitePage.of(SitePaths.SITEMAP_INDEX, feeds.sitemapIndex(months, pageCounts), XML),
                SitePage.of(SitePaths.ARCHIVE, renderer.archivePage(months), HTML));
    }

    /** The pages that depend on nothing published: the 404 page and robots.txt. */
    public List<SitePage> fixed() {
        return List.of(
                SitePage.of(SitePaths.NOT_FOUND, renderer.notFoundPage(), HTML),
                SitePage.of(SitePaths.ROBOTS, renderer.robots(), TEXT),
                SitePage.of(SitePaths.ACCESSIBILITY, renderer.accessibilityPage(), HTML),
                SitePage.of(SitePaths.CONTACT, renderer.contactPage(), HTML),
                SitePage.of(SitePaths.PRIVACY, renderer.privacyPage(), HTML),
                SitePage.of(SitePaths.SEARCH, renderer.searchPage(), HTML));
    }
}
