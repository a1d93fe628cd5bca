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
import newsroom.domain.Attachment;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;

/**
 * Renders the public pages from Mustache templates compiled once, when the renderer is built.
 * Release text only ever reaches a page through Mustache's HTML escaping, except the body, which
 * goes through {@link Markdown}'s escaping renderer.
 */
public final class SiteRenderer {
    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

    private final Mustache releaseTemplate;
    private final Mustache latestTemplate;
    private final Mustache withdrawnTemplate;
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
        this.withdrawnTemplate = factory.compile("withdrawn.mustache");
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
     * The release page, with the downloads that are on the site. Refuses a release that is not
     * public at {@code now}: whatever event asks for it, embargoed or draft text never becomes a
     * public page.
     */
    public String releasePage(Release release, List<Download> downloads, Instant now) {
        if (!release.isPublicAt(now)) {
            throw new EmbargoedException(release.id());
        }
        return render(releaseTemplate, releaseView(release, downloads, false));
    }

    /**
     * The page as it would render, for the press office before publishing: never written to the
     * public bucket, marked as a preview and kept out of search engines. Attachments link to nothing
     * yet, so they are listed by their declared type and size.
     */
    public String previewPage(Release release) {
        List<Download> declared = release.attachments().stream()
                .map(a -> new Download(a.fileName(), "#", a.contentType(), a.describeFile(), a.description()))
                .toList();
        return render(releaseTemplate, releaseView(release, declared, true));
    }

    private ReleasePage releaseView(Release release, List<Download> downloads, boolean preview) {
        Hero hero = null;
        if (release.heroImage() != null) {
            hero = downloads.stream().filter(d -> d.fileName().equals(release.heroImage().fileName())).findFirst()
                    .map(d -> new Hero(d.url(), release.heroImage().alt())).orElse(null);
        }
        List<Download> files = downloads.stream()
                .filter(d -> release.heroImage() == null || !d.fileName().equals(release.heroImage().fileName()))
                .toList();
        List<Update> updates = release.changes().stream()
                .map(c -> new Update(c.at().toString(), HUMAN_TIME.format(c.at().atZone(zone)), c.note()))
                .toList();
        Teaser teaser = release.publishedAt() == null ? draftTeaser(release) : teaser(release);
        String url = release.publishedAt() == null ? baseUrl + "/news/" : releaseUrl(release);
        return new ReleasePage(page(release.title(), url, release.summary()), teaser,
                markdown.toHtml(release.body()), release.contact(), release.tags(), hero, files, updates,
                preview ? (release.status() == ReleaseStatus.SCHEDULED
                        ? "Preview: scheduled, not public until its embargo ends" : "Preview: not published")
                        : null);
    }

    /** What stays at a withdrawn release's URL: its title, the date, and the public reason. */
    public String withdrawnPage(Release release) {
        if (release.status() != ReleaseStatus.WITHDRAWN || release.withdrawal() == null) {
            throw new IllegalArgumentException("release " + release.id() + " is not withdrawn");
        }
        return render(withdrawnTemplate, new WithdrawnPage(
                page("Withdrawn: " + release.title(), releaseUrl(release), "This release has been withdrawn."),
                teaser(release), release.withdrawal().reason(),
                release.withdrawal().at().toString(), HUMAN_DATE.format(release.withdrawal().at().atZone(zone))));
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

    private Teaser draftTeaser(Release r) {
        return new Teaser(r.title(), r.summary(), "#", r.category(), SitePaths.categoryUrlPath(r.category()),
                r.updatedAt().toString(), HUMAN_DATE.format(r.updatedAt().atZone(zone)));
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

    public record Hero(String url, String alt) {
    }

    public record Update(String isoTime, String time, String note) {
    }

    public record ReleasePage(Page page, Teaser release, String bodyHtml, ContactBlock contact, List<String> tags,
                              Hero hero, List<Download> downloads, List<Update> updates, String previewBanner) {
        public boolean hasDownloads() {
            return !downloads.isEmpty();
        }

        public boolean hasUpdates() {
            return !updates.isEmpty();
        }

        public boolean preview() {
            return previewBanner != null;
        }
    }

    public record WithdrawnPage(Page page, Teaser release, String reason, String isoDate, String date) {
    }

    public record LatestPage(Page page, List<Teaser> releases) {
        public boolean empty() {
            return releases.isEmpty();
        }
    }

}
