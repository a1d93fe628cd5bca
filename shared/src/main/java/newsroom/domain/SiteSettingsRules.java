package newsroom.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the site settings must be: every name and link present and short enough, links to a path
 * on the site or to http(s), a logo that is an SVG with no script in it and alt text, page texts
 * within limits, a real time zone and language. Every field at fault is named at once.
 */
public final class SiteSettingsRules {
    static final int MAX_NAME = 200;
    static final int MAX_LABEL = 60;
    static final int MAX_URL = 500;
    static final int MAX_LINKS = 10;
    static final int MAX_GROUPS = 6;
    static final int MAX_TEXT = 20_000;
    static final int MAX_LOGO = 100_000;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    private static final Pattern EXTERNAL = Pattern.compile("https?://[^\\s/?#]+[^\\s]*");
    private static final Pattern SCRIPTY = Pattern.compile(
            "(?is)<\\s*script|<\\s*foreignObject|\\son[a-z]+\\s*=|javascript:|<!ENTITY|<\\s*iframe|<\\s*embed|<\\s*object");

    private SiteSettingsRules() {
    }

    /** @throws InvalidRequestException naming every field at fault */
    public static void check(SiteSettings s) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "siteName", s.siteName(), MAX_NAME);
        required(errors, "organisation", s.organisation(), MAX_NAME);
        required(errors, "copyrightHolder", s.copyrightHolder(), MAX_NAME);
        if (s.logo() != null) {
            String svg = s.logo().svg();
            if (svg == null || svg.isBlank()) {
                errors.add(new FieldError("logo.svg", "is required with a logo: the SVG's text"));
            } else if (svg.length() > MAX_LOGO) {
                errors.add(new FieldError("logo.svg", "must be at most " + MAX_LOGO + " characters"));
            } else if (!svg.strip().replaceFirst("(?s)^<\\?xml[^>]*\\?>\\s*", "").toLowerCase(Locale.ROOT).startsWith("<svg")) {
                errors.add(new FieldError("logo.svg", "must be an SVG image (starting <svg)"));
            } else if (SCRIPTY.matcher(svg).find()) {
                errors.add(new FieldError("logo.svg", "must not contain scripts, event handlers, embedded documents"
                        + " or entity declarations"));
            }
            required(errors, "logo.alt", s.logo().alt(), MAX_LABEL * 3);
        }
        links(errors, "mainNavigation", s.mainNavigation(), MAX_LINKS);
        if (s.footer().size() > MAX_GROUPS) {
            errors.add(new FieldError("footer", "must have at most " + MAX_GROUPS + " groups"));
        }
        for (int i = 0; i < s.footer().size(); i++) {
            SiteSettings.LinkGroup group = s.footer().get(i);
            if (group == null) {
                errors.add(new FieldError("footer[" + i + "]", "is required"));
                continue;
            }
            required(errors, "footer[" + i + "].heading", group.heading(), MAX_LABEL);
            links(errors, "footer[" + i + "].links", group.links(), MAX_LINKS);
        }
        links(errors, "social", s.social(), MAX_LINKS);
        required(errors, "contactText", s.contactText(), MAX_TEXT);
        required(errors, "privacyText", s.privacyText(), MAX_TEXT);
        SiteSettings.Accessibility a = s.accessibility();
        if (a == null) {
            errors.add(new FieldError("accessibility", "is required: compliance (full, partial or not)"));
        } else {
            if (a.compliance() == null || !List.of("full", "partial", "not").contains(a.compliance())) {
                errors.add(new FieldError("accessibility.compliance", "must be full, partial or not"));
            }
            if (a.knownIssues().size() > 20) {
                errors.add(new FieldError("accessibility.knownIssues", "must have at most 20 entries"));
            }
            for (int i = 0; i < a.knownIssues().size(); i++) {
                required(errors, "accessibility.knownIssues[" + i + "]", a.knownIssues().get(i), 500);
            }
            if ("partial".equals(a.compliance()) && a.knownIssues().isEmpty()) {
                errors.add(new FieldError("accessibility.knownIssues", "must list the known problems when compliance"
                        + " is partial"));
            }
            if (a.reportEmail() != null && !ReleaseRules.isEmail(a.reportEmail())) {
                errors.add(new FieldError("accessibility.reportEmail", "must be an email address"));
            }
            if (a.reportPhone() != null && a.reportPhone().length() > 40) {
                errors.add(new FieldError("accessibility.reportPhone", "must be at most 40 characters"));
            }
        }
        try {
            ZoneId.of(s.timeZone() == null ? "" : s.timeZone());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "must be a time zone such as Europe/London"));
        }
        if (s.language() == null || !LANGUAGE.matcher(s.language()).matches()) {
            errors.add(new FieldError("language", "must be a language tag such as en-GB or cy-GB"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static void required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void links(List<FieldError> errors, String field, List<SiteSettings.Link> links, int max) {
        if (links.size() > max) {
            errors.add(new FieldError(field, "must have at most " + max + " links"));
        }
        for (int i = 0; i < links.size(); i++) {
            SiteSettings.Link link = links.get(i);
            String at = field + "[" + i + "]";
            if (link == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            required(errors, at + ".label", link.label(), MAX_LABEL);
            if (link.url() == null || link.url().isBlank()) {
                errors.add(new FieldError(at + ".url", "is required"));
            } else if (link.url().length() > MAX_URL) {
                errors.add(new FieldError(at + ".url", "must be at most " + MAX_URL + " characters"));
            } else if (!isSitePath(link.url()) && !EXTERNAL.matcher(link.url()).matches()) {
                errors.add(new FieldError(at + ".url", "must be a path on this site (/contact/) or an http(s) URL"));
            }
        }
    }

    private static boolean isSitePath(String url) {
        return url.startsWith("/") && !url.startsWith("//") && !url.contains("\\") && !url.matches(".*\\s.*");
    }
}
