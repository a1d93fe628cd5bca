package newsroom.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import newsroom.domain.Categories;
import newsroom.domain.Release;

/** Where each page lives: S3 keys are URL paths (README, "Site layout"). */
public final class SitePaths {
    public static final String LATEST = "news/index.html";
    public static final String ARCHIVE = "news/archive/index.html";
    public static final String SITE_ATOM = "feeds/news.atom";
    public static final String SITE_RSS = "feeds/news.rss";
    public static final String SITEMAP_INDEX = "sitemap.xml";
    public static final String NOT_FOUND = "404.html";
    public static final String ROBOTS = "robots.txt";
    public static final String ACCESSIBILITY = "accessibility/index.html";
    public static final String CONTACT = "contact/index.html";
    public static final String PRIVACY = "privacy/index.html";
    public static final String SEARCH = "search/index.html";

    private final ZoneId zone;

    public SitePaths(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** "/news/2026/11/some-slug/": fixed by the publication time, so it never changes once public. */
    public String releaseUrlPath(Release release) {
        return monthUrlPath(monthOf(release)) + release.slug() + "/";
    }

    public String releaseKey(Release release) {
        return keyFor(releaseUrlPath(release));
    }

    /** The month (in the press office's zone) a release belongs to in the archive. */
    public YearMonth monthOf(Release release) {
        return YearMonth.from(release.publishedAt().atZone(zone));
    }

    /** "/news/2026/04/" (not with String.format, which was a tenth of a full rebuild's time). */
    public static String monthUrlPath(YearMonth month) {
        return "/news/" + month.toString().replace('-', '/') + "/";
    }

    public static String monthKey(YearMonth month) {
        return keyFor(monthUrlPath(month));
    }

    /**
     * Page {@code number} of a month with more than one page (page 1 holds its oldest releases;
     * the month's own address, its newest).
     */
    public static String monthPageUrlPath(YearMonth month, int number) {
        return monthUrlPath(month) + "page/" + number + "/";
    }

    public static String monthPageKey(YearMonth month, int number) {
        return keyFor(monthPageUrlPath(month, number));
    }

    public static String categoryUrlPath(String category) {
        return "/news/category/" + Categories.slugOf(category) + "/";
    }

    public static String categoryKey(String category) {
        return keyFor(categoryUrlPath(category));
    }

    public static String categoryFeedKey(String category) {
        return "feeds/" + Categories.slugOf(category) + ".atom";
    }

    /**
     * One sitemap shard per month: a publish re-renders its month's shard from the month's releases
     * it reads anyway, so its work does not grow with the year (see README, "The public site").
     */
    public static String sitemapKey(YearMonth month) {
        return "sitemaps/" + month + ".xml";
    }

    /** The sitemap shard of a month's page: the month's own for page 1. */
    public static String sitemapKey(YearMonth month, int page) {
        return page <= 1 ? sitemapKey(month) : "sitemaps/" + month + "-" + page + ".xml";
    }

    /** The object key that serves a URL path: folders are served by their index.html. */
    public static String keyFor(String urlPath) {
        String key = urlPath.startsWith("/") ? urlPath.substring(1) : urlPath;
        return key.isEmpty() || key.endsWith("/") ? key + "index.html" : key;
    }

    /** The URL path that serves an object key, each segment percent-encoded ("Collision map.pdf" → "Collision%20map.pdf"). */
    public static String urlPathOf(String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }
}
