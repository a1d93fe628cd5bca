package newsroom.site;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import newsroom.domain.Categories;
import newsroom.domain.Release;

/** Where each page lives: S3 keys are URL paths (README, "Site layout"). */
public final class SitePaths {
    public static final String LATEST = "news/index.html";

    private final ZoneId zone;

    public SitePaths(ZoneId zone) {
        this.zone = zone;
    }

    /** "/news/2026/11/some-slug/": fixed by the publication time, so it never changes once public. */
    public String releaseUrlPath(Release release) {
        ZonedDateTime at = release.publishedAt().atZone(zone);
        return String.format("/news/%04d/%02d/%s/", at.getYear(), at.getMonthValue(), release.slug());
    }

    public String releaseKey(Release release) {
        return keyFor(releaseUrlPath(release));
    }

    public static String categoryUrlPath(String category) {
        return "/news/category/" + Categories.slugOf(category) + "/";
    }

    /** The object key that serves a URL path: folders are served by their index.html. */
    public static String keyFor(String urlPath) {
        String key = urlPath.startsWith("/") ? urlPath.substring(1) : urlPath;
        return key.isEmpty() || key.endsWith("/") ? key + "index.html" : key;
    }
}
