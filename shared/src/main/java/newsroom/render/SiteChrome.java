package newsroom.render;

import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import newsroom.domain.SiteSettings;

/**
 * What every page carries from the site settings: the name and logo in the header, the main
 * navigation, the search box, the footer's link groups, "Follow us", the copyright line and the
 * page language. Built once per change of settings, read by every page.
 */
public record SiteChrome(String siteName, String organisation, String logoUrl, String logoAlt,
                         List<SiteSettings.Link> mainNavigation, List<SiteSettings.LinkGroup> footer,
                         List<SiteSettings.Link> social, String copyrightHolder, String year, String language,
                         String ogLocale, boolean search, ZoneId zone) {

    public boolean hasSocial() {
        return !social.isEmpty();
    }

    /** The chrome of these settings; {@code logoUrl} is where their logo is on the site (null: none). */
    public static SiteChrome of(SiteSettings s, String logoUrl, boolean search) {
        ZoneId zone = ZoneId.of(s.timeZone());
        return new SiteChrome(s.siteName(), s.organisation(), logoUrl, s.logo() == null ? null : s.logo().alt(),
                s.mainNavigation(), s.footer(), s.social(), s.copyrightHolder(), Integer.toString(Year.now(zone).getValue()),
                s.language(), s.language().replace('-', '_'), search, zone);
    }
}
