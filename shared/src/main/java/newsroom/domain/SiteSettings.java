package newsroom.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The site's identity, configured once by the press office: names, logo, navigation, footer,
 * "Follow us", copyright, the text of the contact and privacy pages, the accessibility statement,
 * time zone and language. {@code version} is its ETag; a fresh stack has {@link #defaults}.
 */
public record SiteSettings(String siteName, String organisation, Logo logo, List<Link> mainNavigation,
                           List<LinkGroup> footer, List<Link> social, String copyrightHolder, String contactText,
                           String privacyText, Accessibility accessibility, String timeZone, String language,
                           long version, Instant updatedAt, String updatedBy) {

    /** An SVG logo, shown as an image (never inline, so nothing in it can run), with its alt text. */
    public record Logo(String svg, String alt) {
    }

    /** A link: what it says and where it goes (a path on the site, or an http(s) URL). */
    public record Link(String label, String url) {
    }

    /** A footer column: its heading and links. */
    public record LinkGroup(String heading, List<Link> links) {
        public LinkGroup {
            links = links == null ? List.of() : List.copyOf(links);
        }
    }

    /**
     * What the accessibility statement says, in the form of GOV.UK's model statement: how far the
     * site complies with WCAG 2.2 AA, the known problems, how to report one, and when it was
     * last reviewed. The enforcement procedure (the EHRC, the ECNI) is standard text.
     */
    public record Accessibility(String compliance, List<String> knownIssues, String reportEmail, String reportPhone,
                                LocalDate lastReviewed) {
        public Accessibility {
            knownIssues = knownIssues == null ? List.of() : List.copyOf(knownIssues);
        }
    }

    public SiteSettings {
        mainNavigation = mainNavigation == null ? List.of() : List.copyOf(mainNavigation);
        footer = footer == null ? List.of() : List.copyOf(footer);
        social = social == null ? List.of() : List.copyOf(social);
    }

    /** What a fresh stack shows: a finished site under the configured name, nothing left blank. */
    public static SiteSettings defaults(String siteName, String timeZone) {
        return new SiteSettings(siteName, siteName, null,
                List.of(new Link("News", "/news/"), new Link("Archive", "/news/archive/"),
                        new Link("Search", "/search/"), new Link("Contact us", "/contact/")),
                List.of(new LinkGroup("About this site", List.of(new Link("Accessibility statement", "/accessibility/"),
                                new Link("Privacy", "/privacy/"), new Link("Contact us", "/contact/"))),
                        new LinkGroup("Follow the news", List.of(new Link("Atom feed", "/feeds/news.atom"),
                                new Link("RSS feed", "/feeds/news.rss"), new Link("Sitemap", "/sitemap.xml")))),
                List.of(), siteName,
                "For media enquiries, call or email the press office. For anything else, use the organisation's"
                        + " main contact details.",
                "We publish news releases on this site. We do not use cookies. If you subscribe to news by email,"
                        + " we keep your email address, your name and the topics you chose until you unsubscribe, and"
                        + " we use them only to send you the news you asked for.",
                new Accessibility("full", List.of(), null, null, null),
                timeZone, "en-GB", 0, null, null);
    }

    /** The same settings as saved: the next version, when and by whom. */
    public SiteSettings saved(long newVersion, Instant at, String by) {
        return new SiteSettings(siteName, organisation, logo, mainNavigation, footer, social, copyrightHolder,
                contactText, privacyText, accessibility, timeZone, language, newVersion, at, by);
    }
}
