package newsroom.render;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import newsroom.domain.Attachment;
import newsroom.domain.ContactBlock;
import newsroom.domain.HeroImage;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;

/** Every kind of page and feed the site has, rendered from a few releases, for tests that check them all. */
final class SampleSite {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final SiteRenderer PAGES = new SiteRenderer(new SiteAssets(), "Example Police", "https://news.example",
            ZoneId.of("Europe/London"));
    static final FeedRenderer FEEDS = new FeedRenderer(PAGES);

    private SampleSite() {
    }

    static Release release(String id, String title, String summary, String body, String category, ContactBlock contact,
                           List<String> tags) {
        Instant at = NOW.minusSeconds(3600);
        return new Release(id, "slug-" + id, title, summary, body, category, tags, contact,
                new HeroImage("chart.png", "A chart of results"),
                List.of(new Attachment("a1", "chart.png", "image/png", 2048, "Chart"),
                        new Attachment("a2", "report.pdf", "application/pdf", 1_258_291, "The report")),
                ReleaseStatus.PUBLISHED, "author", at, at.plusSeconds(60), at, null,
                List.of(new ReleaseChange(at.plusSeconds(60), "Corrected a date.", ReleaseChange.ChangeType.MINOR)),
                null, 3);
    }

    static Release ordinary() {
        return release("r1", "Appeal for witnesses after burglary", "Police are appealing for witnesses.",
                "Officers were called at 9pm.\n\n> \u201cWe need your help.\u201d\n\n## What to do\n\n- Call 101\n- [Report online](https://example.gov.uk/report)",
                "Appeals", new ContactBlock("Press office", "0800 000 0000", "press@example.gov.uk"), List.of("burglary"));
    }

    static List<Download> downloads(Release release) {
        return List.of(new Download("chart.png", "/downloads/" + release.id() + "/chart.png", "image/png", "PNG image, 2 KB", "Chart"),
                new Download("report.pdf", "/downloads/" + release.id() + "/report.pdf", "application/pdf", "PDF, 1.2 MB", "The report"));
    }

    static Release withdrawn(Release release) {
        return release.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW.minusSeconds(60), "Withdrawn at the family's request.")).saved(NOW);
    }

    /** Name → HTML of every kind of page. */
    static List<String[]> htmlPages(Release release) {
        List<Release> list = List.of(release);
        return List.of(
                new String[] {"release", PAGES.releasePage(release, downloads(release), NOW)},
                new String[] {"preview", PAGES.previewPage(release)},
                new String[] {"withdrawn", PAGES.withdrawnPage(withdrawn(release))},
                new String[] {"latest", PAGES.latestPage(list, NOW)},
                new String[] {"month", PAGES.monthPage(YearMonth.of(2026, 11), list, NOW)},
                new String[] {"month of many pages", PAGES.monthLanding(YearMonth.of(2026, 11), list, 3, NOW)},
                new String[] {"a page of a month", PAGES.monthPageNumber(YearMonth.of(2026, 11), 2, true, list, NOW)},
                new String[] {"category", PAGES.categoryPage(release.category(), list, NOW)},
                new String[] {"archive", PAGES.archivePage(List.of(YearMonth.of(2025, 1), YearMonth.of(2026, 11)))},
                new String[] {"404", PAGES.notFoundPage()},
                new String[] {"moved", PAGES.movedPage(release)},
                new String[] {"empty latest", PAGES.latestPage(List.of(), NOW)},
                new String[] {"accessibility statement", PAGES.accessibilityPage()},
                new String[] {"contact", PAGES.contactPage()},
                new String[] {"privacy", PAGES.privacyPage()},
                new String[] {"search", PAGES.searchPage()},
                new String[] {"release, settings in full", CONFIGURED.releasePage(release, downloads(release), NOW)},
                new String[] {"partial accessibility statement", CONFIGURED.accessibilityPage()},
                new String[] {"contact, settings in full", CONFIGURED.contactPage()});
    }

    /** Settings with everything filled in: a logo, social links, a partial accessibility statement, search. */
    static final SiteRenderer CONFIGURED = configured();

    static newsroom.domain.SiteSettings fullSettings() {
        return new newsroom.domain.SiteSettings("Example Police News", "Example Police",
                new newsroom.domain.SiteSettings.Logo("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
                        + "<rect width=\"10\" height=\"10\" fill=\"#1d4f91\"/></svg>", "Example Police crest"),
                List.of(new newsroom.domain.SiteSettings.Link("Media Centre", "/news/"),
                        new newsroom.domain.SiteSettings.Link("News", "/news/archive/"),
                        new newsroom.domain.SiteSettings.Link("Editorial", "https://www.example.police.uk/editorial"),
                        new newsroom.domain.SiteSettings.Link("Contact Us", "/contact/")),
                List.of(new newsroom.domain.SiteSettings.LinkGroup("About us", List.of(
                                new newsroom.domain.SiteSettings.Link("About Us", "https://www.example.police.uk/about"),
                                new newsroom.domain.SiteSettings.Link("Privacy Policy", "/privacy/"),
                                new newsroom.domain.SiteSettings.Link("Cookies", "/privacy/#cookies"),
                                new newsroom.domain.SiteSettings.Link("Accessibility", "/accessibility/")))),
                List.of(new newsroom.domain.SiteSettings.Link("X (Twitter)", "https://x.com/examplepolice"),
                        new newsroom.domain.SiteSettings.Link("Facebook", "https://www.facebook.com/examplepolice")),
                "Example Police & Crime Commissioner",
                "Call **101** or email [press@example.police.uk](mailto:press@example.police.uk). <script>alert(1)</script>",
                "We keep the addresses of people who subscribe.\n\n## Cookies\n\nWe set none.",
                new newsroom.domain.SiteSettings.Accessibility("partial", List.of("Some PDF attachments are not tagged.",
                        "Videos have no audio description <yet>."), "web@example.police.uk", "101",
                        java.time.LocalDate.of(2026, 11, 1)),
                "Europe/London", "en-GB", 3, NOW, "publisher");
    }

    private static SiteRenderer configured() {
        SiteRenderer renderer = new SiteRenderer(new SiteAssets(), "Newsroom", "https://news.example",
                java.time.ZoneId.of("Europe/London"));
        renderer.useSettings(fullSettings(), true);
        return renderer;
    }

    /** Name → XML of every feed and sitemap. */
    static List<String[]> xmlDocuments(Release release) {
        List<Release> list = List.of(release);
        return List.of(
                new String[] {"atom", FEEDS.siteAtom(list, NOW)},
                new String[] {"category atom", FEEDS.categoryAtom(release.category(), list, NOW)},
                new String[] {"rss", FEEDS.siteRss(list, NOW)},
                new String[] {"sitemap", FEEDS.sitemapShard(YearMonth.of(2026, 11), list, NOW)},
                new String[] {"sitemap index", FEEDS.sitemapIndex(List.of(YearMonth.of(2026, 10), YearMonth.of(2026, 11)))});
    }
}
