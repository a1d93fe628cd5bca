package newsroom.site;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;

/**
 * Renders the public pages from Mustache templates compiled once, when the renderer is built.
 * Release text only ever reaches a page through Mustache's HTML escaping, except the body, which
 * goes through {@link Markdown}'s escaping renderer.
 */
public final class SiteRenderer {
    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final Mustache releaseTemplate;
    private final Mustache latestTemplate;
    private final Markdown markdown = new Markdown();
    private final SitePaths paths;
    private final SiteAssets assets;
    private final String siteName;
    private final String baseUrl;
    private final ZoneId zone;

    public SiteRenderer(SiteAssets assets, String siteName, String baseUrl, ZoneId zone) {
        MustacheFactory factory = new DefaultMustacheFactory("site");
        this.releaseTemplate = factory.compile("release.mustache");
        this.latestTemplate = factory.compile("latest.mustache");
        this.assets = assets;
        this.paths = new SitePaths(zone);
        this.siteName = siteName;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.zone = zone;
    }

    public SitePaths paths() {
        return paths;
    }

    /** Public URL of a release page. */
    public String releaseUrl(Release release) {
        return baseUrl + paths.releaseUrlPath(release);
    }

    /**
     * The release page. Refuses a release that is not public at {@code now}: whatever event asks
     * for it, embargoed or draft text never becomes a public page.
     */
    public String releasePage(Release release, Instant now) {
        if (!release.isPublicAt(now)) {
            throw new EmbargoedException(release.id());
        }
        return render(releaseTemplate, new ReleasePage(
                page(release.title(), releaseUrl(release), release.summary()),
                teaser(release),
                markdown.toHtml(release.body()),
                release.contact(),
                release.tags()));
    }

    /** The newest releases, newest first; anything not yet public is left out. */
    public String latestPage(List<Release> releases, Instant now) {
        List<Teaser> items = releases.stream().filter(r -> r.isPublicAt(now)).map(this::teaser).toList();
        return render(latestTemplate, new LatestPage(
                page("Latest news", baseUrl + "/news/", "The latest news releases from " + siteName + "."),
                items));
    }

    private Page page(String title, String canonicalUrl, String description) {
        return new Page(title, siteName, canonicalUrl, description == null ? "" : description,
                assets.stylesheetUrl());
    }

    private Teaser teaser(Release r) {
        return new Teaser(r.title(), r.summary(), paths.releaseUrlPath(r), r.category(),
                SitePaths.categoryUrlPath(r.category()),
                r.publishedAt().toString(), HUMAN_DATE.format(r.publishedAt().atZone(zone)));
    }

    private static String render(Mustache template, Object view) {
        StringWriter out = new StringWriter();
        template.execute(out, view);
        return out.toString();
    }

    /** What every page's head and header need. */
    public record Page(String title, String siteName, String canonicalUrl, String description, String stylesheet) {
    }

    /** A release as it appears in a list, and in the heading of its own page. */
    public record Teaser(String title, String summary, String url, String category, String categoryUrl,
                         String isoDate, String date) {
    }

    public record ReleasePage(Page page, Teaser release, String bodyHtml, ContactBlock contact, List<String> tags) {
    }

    public record LatestPage(Page page, List<Teaser> releases) {
        public boolean empty() {
            return releases.isEmpty();
        }
    }
}
