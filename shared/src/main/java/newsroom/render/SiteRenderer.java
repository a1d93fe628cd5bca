package newsroom.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import newsroom.domain.ContactBlock;
import newsroom.domain.Embargo;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;

/**
 * Renders the public HTML pages from Mustache templates compiled once, when the renderer is built.
 * Release text only ever reaches a page through Mustache's HTML escaping, except the body (through
 * {@link Markdown}'s escaping renderer) and the JSON-LD (through {@link JsonLd}'s escaping writer).
 */
public final class SiteRenderer {
    /** What a phone link leaves out of the number: spaces, brackets, dashes. */
    private static final Pattern NOT_DIALLED = Pattern.compile("[^0-9+]");
    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);
    private static final String ATOM = "application/atom+xml";
    private static final String RSS = "application/rss+xml";

    private final Mustache releaseTemplate;
    private final Mustache listTemplate;
    private final Mustache withdrawnTemplate;
    private final Mustache archiveTemplate;
    private final Mustache notFoundTemplate;
    private final Mustache movedTemplate;
    private final Mustache infoTemplate;
    private final Mustache accessibilityTemplate;
    private final Mustache searchTemplate;
    /** The header's and the footer's settings part, the same on every page: rendered once per chrome. */
    private final Mustache chromeHeaderTemplate;
    private final Mustache chromeFooterTemplate;
    /** The settings the chrome came from (the page texts, the accessibility statement). */
    private volatile newsroom.domain.SiteSettings settings;
    private final Markdown markdown = new Markdown();
    private final SitePaths paths;
    private final SiteAssets assets;
    private final String baseUrl;
    private final ZoneId zone;
    /** The settings' part of every page; the defaults until settings are given. */
    private volatile SiteChrome chrome;
    /** What every page's templates are given beside their own view: the chrome, its header and footer rendered. */
    private volatile Map<String, Object> chromeScope;

    public SiteRenderer(SiteAssets assets, String siteName, String baseUrl, ZoneId zone) {
        MustacheFactory factory = new DefaultMustacheFactory("site");
        this.releaseTemplate = factory.compile("release.mustache");
        this.listTemplate = factory.compile("latest.mustache");
        this.withdrawnTemplate = factory.compile("withdrawn.mustache");
        this.archiveTemplate = factory.compile("archive.mustache");
        this.notFoundTemplate = factory.compile("not-found.mustache");
        this.movedTemplate = factory.compile("moved.mustache");
        this.infoTemplate = factory.compile("info.mustache");
        this.accessibilityTemplate = factory.compile("accessibility.mustache");
        this.searchTemplate = factory.compile("search.mustache");
        this.chromeHeaderTemplate = factory.compile("chrome-header.mustache");
        this.chromeFooterTemplate = factory.compile("chrome-footer.mustache");
        this.assets = assets;
        this.paths = new SitePaths(zone);
        this.zone = zone;
        this.settings = newsroom.domain.SiteSettings.defaults(siteName, zone.getId());
        useChrome(SiteChrome.of(settings, null, SiteSearch.ENABLED));
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public SitePaths paths() {
        return paths;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String siteName() {
        return chrome.siteName();
    }

    /**
     * Renders from now on with these settings' chrome (names, logo, navigation, footer, language,
     * the time zone dates are shown in). Thread-safe: a page is rendered with one chrome or the
     * other, never a mix.
     */
    public void useSettings(newsroom.domain.SiteSettings settings, boolean search) {
        SiteAssets.Asset logo = SiteAssets.logo(settings);
        this.settings = settings;
        useChrome(SiteChrome.of(settings, logo == null ? null : logo.url(), search));
    }

    /**
     * The header's and footer's settings part rendered once here, not on every page: in a full
     * rebuild their links were a tenth of the time. Escaped as any page text is (they go through
     * the same templates); a page reads the chrome and its rendered parts from one scope.
     */
    private void useChrome(SiteChrome next) {
        PageWriter header = new PageWriter();
        chromeHeaderTemplate.execute(header, next);
        PageWriter footer = new PageWriter();
        chromeFooterTemplate.execute(footer, next);
        this.chromeScope = Map.of("chrome", next, "chromeHeader", header.toString(), "chromeFooter", footer.toString());
        this.chrome = next;
    }

    public newsroom.domain.SiteSettings settings() {
        return settings;
    }

    /** The contact page: the settings' text (Markdown, made safe like a release's body). */
    public String contactPage() {
        return infoPage("Contact us", "/contact/", "How to contact " + settings.organisation() + ".",
                settings.contactText());
    }

    /** The privacy page: the settings' text. */
    public String privacyPage() {
        return infoPage("Privacy", "/privacy/", "How " + settings.organisation() + " uses personal data on this site.",
                settings.privacyText());
    }

    private String infoPage(String title, String path, String description, String markdownText) {
        Map<String, Object> view = new HashMap<>();
        view.put("page", listPage(title, baseUrl + path, description, List.of(siteFeed())));
        view.put("heading", title);
        view.put("bodyHtml", markdown.toHtml(markdownText));
        return render(infoTemplate, view);
    }

    /** The search page: the form and its results come from search.js; without it, a way to the archive. */
    public String searchPage() {
        Map<String, Object> view = new HashMap<>();
        view.put("page", listPage("Search news releases", baseUrl + "/search/",
                "Search the news releases of " + siteName() + ".", List.of(siteFeed())));
        view.put("searchScript", assets.searchScriptUrl());
        return render(searchTemplate, view);
    }

    /** The accessibility statement, in the form of GOV.UK's model statement, from the settings. */
    public String accessibilityPage() {
        newsroom.domain.SiteSettings.Accessibility a = settings.accessibility();
        Map<String, Object> view = new HashMap<>();
        view.put("page", listPage("Accessibility statement", baseUrl + "/accessibility/",
                "Accessibility statement for " + settings.siteName() + ".", List.of(siteFeed())));
        view.put("siteName", settings.siteName());
        view.put("siteUrl", baseUrl);
        view.put("organisation", settings.organisation());
        view.put("full", "full".equals(a.compliance()));
        view.put("knownIssues", a.knownIssues());
        view.put("reportEmail", a.reportEmail());
        view.put("reportPhone", a.reportPhone());
        view.put("lastReviewed", a.lastReviewed() == null ? null : HUMAN_DATE.format(a.lastReviewed()));
        view.put("complianceText", switch (a.compliance()) {
            case "full" -> "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2"
                    + " AA standard.";
            case "partial" -> "This website is partially compliant with the Web Content Accessibility Guidelines"
                    + " version 2.2 AA standard, due to the non-compliances listed below.";
            default -> "This website is not compliant with the Web Content Accessibility Guidelines version 2.2 AA"
                    + " standard. The non-compliances are listed below.";
        });
        return render(accessibilityTemplate, view);
    }

    public SiteChrome chrome() {
        return chrome;
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
        return page(release, bodyHtml(release), downloads, now).toString();
    }

    /**
     * The same as UTF-8, with the body already rendered by {@link #bodyHtml} (the ninjs beside the
     * page shares it): what a publish and the full rebuild write.
     */
    public byte[] releasePage(Release release, String bodyHtml, List<Download> downloads, Instant now) {
        return page(release, bodyHtml, downloads, now).toBytes();
    }

    private PageWriter page(Release release, String bodyHtml, List<Download> downloads, Instant now) {
        if (!release.isPublicAt(now)) {
            throw new EmbargoedException(release.id());
        }
        return renderTo(releaseTemplate, releaseView(release, bodyHtml, downloads, null,
                new FeedLink(release.title() + " (IPTC ninjs)", ninjsUrlPath(release), Ninjs.MEDIA_TYPE)));
    }

    /** The release's body as safe HTML ({@link Markdown}). */
    public String bodyHtml(Release release) {
        return markdown.toHtml(release.body());
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
        return render(releaseTemplate, releaseView(release, bodyHtml(release), declared,
                release.status() == ReleaseStatus.SCHEDULED
                        ? "Preview: scheduled, not public until its embargo ends"
                        : release.status() == ReleaseStatus.PUBLISHED ? "Preview of the published release"
                        : "Preview: not published", null));
    }

    /**
     * One journalist's advance copy: the release as it will look, marked with its embargo and the
     * name of the journalist it was sent to (a copy that leaks says whose it was).
     */
    public String advanceCopyPage(Release release, String recipient) {
        return advanceCopyPage(release, recipient, null);
    }

    /**
     * The same, with its files and its ninjs behind the journalist's own link: {@code copyPath} is
     * that link's path relative to the page ("./TOKEN"), so nothing else can fetch them.
     */
    public String advanceCopyPage(Release release, String recipient, String copyPath) {
        List<Download> files = release.attachments().stream()
                .map(a -> new Download(a.fileName(), copyPath == null ? "#" : copyPath + "/attachments/" + a.id(),
                        a.contentType(), a.describeFile(), a.description()))
                .toList();
        FeedLink ninjs = copyPath == null ? null
                : new FeedLink(release.title() + " (IPTC ninjs, embargoed)", copyPath + "/ninjs", Ninjs.MEDIA_TYPE);
        return render(releaseTemplate, releaseView(release, bodyHtml(release), files, "EMBARGOED UNTIL "
                + Embargo.describe(release.embargoUntil(), zone) + ". Advance copy for " + recipient
                + ": not for publication before then.", ninjs));
    }

    /** "/news/2026/11/some-slug/ninjs.json": the release as IPTC ninjs, beside its page. */
    public String ninjsUrlPath(Release release) {
        return paths.releaseUrlPath(release) + Ninjs.FILE_NAME;
    }

    private ReleasePage releaseView(Release release, String bodyHtml, List<Download> downloads, String previewBanner,
                                    FeedLink alternate) {
        Hero hero = null;
        if (release.heroImage() != null) {
            hero = downloads.stream().filter(d -> d.fileName().equals(release.heroImage().fileName())).findFirst()
                    .map(d -> new Hero(d.url(), release.heroImage().alt())).orElse(null);
        }
        List<Download> files = downloads.stream()
                .filter(d -> release.heroImage() == null || !d.fileName().equals(release.heroImage().fileName()))
                .toList();
        List<Update> updates = release.changes().stream()
                .map(c -> new Update(c.at().toString(), HUMAN_TIME.format(c.at().atZone(chrome.zone())), c.note()))
                .toList();
        boolean hasUrl = release.publishedAt() != null;
        Teaser teaser = hasUrl ? teaser(release) : new Teaser(release.title(), release.summary(), "#",
                release.category(), SitePaths.categoryUrlPath(release.category()), release.updatedAt().toString(),
                HUMAN_DATE.format(release.updatedAt().atZone(chrome.zone())));
        String url = hasUrl ? releaseUrl(release) : baseUrl + "/news/";
        String imageUrl = hero == null || hero.url().equals("#") ? null : baseUrl + hero.url();
        Page page = new Page(release.title(), siteName(), url, description(release.summary()), assets.stylesheetUrl(),
                assets.iconUrl(), "article", imageUrl, hero == null ? null : hero.alt(),
                hasUrl ? JsonLd.newsArticle(release, url, imageUrl, siteName()) : null,
                alternate == null ? List.of(siteFeed(), categoryFeed(release.category()))
                        : List.of(alternate, siteFeed(), categoryFeed(release.category())), previewBanner != null);
        return new ReleasePage(page, teaser, bodyHtml, release.contact(), release.tags(), hero,
                files, updates, previewBanner);
    }

    /** What stays at a withdrawn release's URL: its title, the date, and the public reason. */
    public String withdrawnPage(Release release) {
        if (release.status() != ReleaseStatus.WITHDRAWN || release.withdrawal() == null) {
            throw new IllegalArgumentException("release " + release.id() + " is not withdrawn");
        }
        Page page = listPage("Withdrawn: " + release.title(), releaseUrl(release), "This release has been withdrawn.",
                List.of(siteFeed()));
        return render(withdrawnTemplate, new WithdrawnPage(page, teaser(release), release.withdrawal().reason(),
                release.withdrawal().at().toString(),
                HUMAN_DATE.format(release.withdrawal().at().atZone(chrome.zone()))));
    }

    /** The newest releases, newest first; anything not public now is left out. */
    public String latestPage(List<Release> releases, Instant now) {
        return render(listTemplate, new ListPage(
                listPage("Latest news", baseUrl + "/news/", "The latest news releases from " + siteName() + ".",
                        List.of(siteFeed())),
                "Latest news", null, teasers(releases, now), "/news/archive/", "Older news: browse the archive"));
    }

    /**
     * The month's own page when the month has more than one page: its newest releases, and a link
     * to each page, page 1 holding the oldest.
     */
    public String monthLanding(YearMonth month, List<Release> newest, int pageCount, Instant now) {
        String name = monthName(month);
        List<PageLink> links = new ArrayList<>();
        for (int k = 1; k <= pageCount; k++) {
            links.add(new PageLink("Page " + k + (k == 1 ? " (earliest)" : k == pageCount ? " (latest)" : ""),
                    SitePaths.monthPageUrlPath(month, k), false));
        }
        return render(listTemplate, new ListPage(
                listPage("News from " + name, baseUrl + SitePaths.monthUrlPath(month),
                        "News releases from " + siteName() + " published in " + name + ".", List.of(siteFeed())),
                "News from " + name, "The " + newest.size() + " newest of the month. Every release of " + name
                        + " is on one of its " + pageCount + " pages, below.",
                teasers(newest, now), "/news/archive/", "All months in the archive", links));
    }

    /** One page of a month with more than one: links to the pages either side and to the month. */
    public String monthPageNumber(YearMonth month, int number, boolean hasLater, List<Release> releases, Instant now) {
        String name = monthName(month);
        List<PageLink> links = new ArrayList<>();
        if (number > 1) {
            links.add(new PageLink("Earlier: page " + (number - 1), SitePaths.monthPageUrlPath(month, number - 1), false));
        }
        if (hasLater) {
            links.add(new PageLink("Later: page " + (number + 1), SitePaths.monthPageUrlPath(month, number + 1), false));
        }
        links.add(new PageLink("The newest from " + name, SitePaths.monthUrlPath(month), false));
        String url = SitePaths.monthPageUrlPath(month, number);
        return render(listTemplate, new ListPage(
                listPage("News from " + name + ", page " + number, baseUrl + url,
                        "News releases from " + siteName() + " published in " + name + ", page " + number + ".",
                        List.of(siteFeed())),
                "News from " + name + ", page " + number, null, teasers(releases, now), "/news/archive/",
                "All months in the archive", links));
    }

    private static String monthName(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.UK) + " " + month.getYear();
    }

    /** Every release published in one month, newest first. */
    public String monthPage(YearMonth month, List<Release> releases, Instant now) {
        String name = month.getMonth().getDisplayName(TextStyle.FULL, Locale.UK) + " " + month.getYear();
        return render(listTemplate, new ListPage(
                listPage("News from " + name, baseUrl + SitePaths.monthUrlPath(month),
                        "News releases from " + siteName() + " published in " + name + ".", List.of(siteFeed())),
                "News from " + name, null, teasers(releases, now), "/news/archive/", "All months in the archive"));
    }

    /** The newest releases in one category. */
    public String categoryPage(String category, List<Release> releases, Instant now) {
        return render(listTemplate, new ListPage(
                listPage(category, baseUrl + SitePaths.categoryUrlPath(category),
                        "The latest " + category + " news from " + siteName() + ".",
                        List.of(categoryFeed(category), siteFeed())),
                category, "The latest " + category + " news releases.", teasers(releases, now), "/news/archive/",
                "Older news: browse the archive by month"));
    }

    /** Every month that has releases, newest first, grouped by year. */
    public String archivePage(List<YearMonth> months) {
        Map<Integer, List<MonthLink>> byYear = new TreeMap<>(Comparator.reverseOrder());
        months.stream().sorted(Comparator.reverseOrder()).forEach(m -> byYear.computeIfAbsent(m.getYear(),
                y -> new ArrayList<>()).add(new MonthLink(m.getMonth().getDisplayName(TextStyle.FULL, Locale.UK)
                + " " + m.getYear(), SitePaths.monthUrlPath(m))));
        List<YearLinks> years = byYear.entrySet().stream().map(e -> new YearLinks(e.getKey(), e.getValue())).toList();
        return render(archiveTemplate, new ArchivePage(listPage("News archive", baseUrl + "/news/archive/",
                "Every news release from " + siteName() + ", by month.", List.of(siteFeed())), years));
    }

    /**
     * What stays at an address a release had before its embargo moved it (the address an advance
     * copy gave): a link to where it is now, which is also the canonical address.
     */
    public String movedPage(Release release) {
        Page page = listPage("Moved: " + release.title(), releaseUrl(release), "This release has moved.",
                List.of(siteFeed()));
        return render(movedTemplate, Map.of("page", page, "release", teaser(release)));
    }

    public String notFoundPage() {
        return render(notFoundTemplate, Map.of("page", listPage("Page not found", baseUrl + "/404.html",
                "The page could not be found.", List.of())));
    }

    public String robots() {
        return "User-agent: *\nAllow: /\nDisallow: /desk/\n\nSitemap: " + baseUrl + "/" + SitePaths.SITEMAP_INDEX + "\n";
    }

    private List<Teaser> teasers(List<Release> releases, Instant now) {
        return releases.stream().filter(r -> r.isPublicAt(now)).map(this::teaser).toList();
    }

    private Page listPage(String title, String url, String description, List<FeedLink> feeds) {
        return new Page(title, siteName(), url, description, assets.stylesheetUrl(), assets.iconUrl(), "website", null,
                null, null, feeds, false);
    }

    private FeedLink siteFeed() {
        return new FeedLink(siteName() + ": all news (Atom)", "/" + SitePaths.SITE_ATOM, ATOM);
    }

    private FeedLink categoryFeed(String category) {
        return new FeedLink(siteName() + ": " + category + " (Atom)", "/" + SitePaths.categoryFeedKey(category), ATOM);
    }

    Teaser teaser(Release r) {
        return new Teaser(r.title(), r.summary(), paths.releaseUrlPath(r), r.category(),
                SitePaths.categoryUrlPath(r.category()),
                r.publishedAt().toString(), HUMAN_DATE.format(r.publishedAt().atZone(chrome.zone())));
    }

    private static String description(String summary) {
        return summary == null ? "" : summary;
    }

    private String render(Mustache template, Object view) {
        return renderTo(template, view).toString();
    }

    private PageWriter renderTo(Mustache template, Object view) {
        PageWriter out = PageWriter.reused();
        // The page's own view first, then what every page carries.
        template.execute(out, new Object[] {chromeScope, view});
        return out;
    }

    /** What every page's head needs: title, canonical URL, social and feed metadata. */
    public record Page(String title, String siteName, String canonicalUrl, String description, String stylesheet,
                       String icon, String ogType, String imageUrl, String imageAlt, String jsonLd, List<FeedLink> feeds,
                       boolean noindex) {
    }

    public record FeedLink(String title, String url, String type) {
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

        /** A dialable link: "0800 000 0000" becomes tel:08000000000. */
        public String phoneHref() {
            return contact == null || contact.phone() == null ? null
                    : "tel:" + NOT_DIALLED.matcher(contact.phone()).replaceAll("");
        }
    }

    public record WithdrawnPage(Page page, Teaser release, String reason, String isoDate, String date) {
    }

    public record ListPage(Page page, String heading, String intro, List<Teaser> releases, String moreUrl,
                           String moreText, List<PageLink> pages) {
        public ListPage(Page page, String heading, String intro, List<Teaser> releases, String moreUrl,
                        String moreText) {
            this(page, heading, intro, releases, moreUrl, moreText, List.of());
        }

        public boolean empty() {
            return releases.isEmpty();
        }

        public boolean hasPages() {
            return !pages.isEmpty();
        }
    }

    /** A link to one page of a long month; {@code current} for the page it is on. */
    public record PageLink(String label, String url, boolean current) {
    }

    public record MonthLink(String name, String url) {
    }

    public record YearLinks(int year, List<MonthLink> months) {
    }

    public record ArchivePage(Page page, List<YearLinks> years) {
        public boolean empty() {
            return years.isEmpty();
        }
    }
}
