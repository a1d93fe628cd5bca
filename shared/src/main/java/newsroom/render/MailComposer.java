package newsroom.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.domain.ContactBlock;
import newsroom.domain.DeliveryKind;
import newsroom.domain.Embargo;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;

/**
 * Writes the emails journalists get, from Mustache templates compiled once: the release (or its
 * advance copy under embargo), a major update, a withdrawal, and the subscription confirmation;
 * each in HTML (release text escaped, body through the safe Markdown renderer) and plain text.
 * Release emails carry one-click unsubscribe headers (RFC 8058).
 */
public final class MailComposer {
    public static final String EMBARGO_HEADER = "X-Embargo-Until";
    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("d MMMM, HH:mm", Locale.UK);

    private final Mustache releaseHtml;
    private final Mustache releaseText;
    private final Mustache confirmHtml;
    private final Mustache confirmText;
    private final Mustache digestHtml;
    private final Mustache digestText;
    private final Markdown markdown = new Markdown();
    private final String siteName;
    private final ZoneId zone;

    public MailComposer(String siteName, ZoneId zone) {
        DefaultMustacheFactory html = new DefaultMustacheFactory("mail");
        DefaultMustacheFactory text = new PlainTextMustacheFactory();
        this.releaseHtml = html.compile("release.html.mustache");
        this.releaseText = text.compile("release.txt.mustache");
        this.confirmHtml = html.compile("confirm.html.mustache");
        this.confirmText = text.compile("confirm.txt.mustache");
        this.digestHtml = html.compile("digest.html.mustache");
        this.digestText = text.compile("digest.txt.mustache");
        this.siteName = siteName;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The release email of this kind to one contact, with its unsubscribe link. */
    public Email releaseEmail(Release release, String releaseUrl, MediaContact to, DeliveryKind kind, int sequence,
                              String unsubscribeUrl) {
        return releaseEmail(release, releaseUrl, to, kind, sequence, unsubscribeUrl, null);
    }

    /**
     * An updated advance copy: the release as it now is, under its current embargo, saying first
     * what changed ({@code whatChanged}, e.g. "The embargo has moved to …").
     */
    public Email updatedAdvanceCopy(Release release, String releaseUrl, MediaContact to, String whatChanged,
                                    String unsubscribeUrl) {
        return releaseEmail(release, releaseUrl, to, DeliveryKind.EMBARGO_UPDATED, 0, unsubscribeUrl, whatChanged);
    }

    private Email releaseEmail(Release release, String releaseUrl, MediaContact to, DeliveryKind kind, int sequence,
                               String unsubscribeUrl, String whatChanged) {
        boolean embargoed = kind == DeliveryKind.EMBARGOED || kind == DeliveryKind.EMBARGO_UPDATED;
        String embargo = embargoed && release.embargoUntil() != null
                ? Embargo.describe(release.embargoUntil(), zone) : null;
        ReleaseChange change = kind == DeliveryKind.UPDATED && sequence >= 1 && sequence <= release.changes().size()
                ? release.changes().get(sequence - 1) : null;
        String withdrawal = kind == DeliveryKind.WITHDRAWN && release.withdrawal() != null
                ? release.withdrawal().reason() : null;
        String subject = switch (kind) {
            case EMBARGOED -> "EMBARGOED UNTIL " + embargo + ": " + release.title();
            case EMBARGO_UPDATED -> "UPDATED ADVANCE COPY, EMBARGOED UNTIL " + embargo + ": " + release.title();
            case UPDATED -> "Updated: " + release.title();
            case WITHDRAWN -> "Withdrawn: " + release.title();
            case PUBLISHED -> release.title();
            case DIGEST -> throw new IllegalArgumentException("a digest is composed by digestEmail");
            case CONFIRMATION -> throw new IllegalArgumentException("a confirmation is composed by confirmationEmail");
        };
        View view = new View(siteName, subject, release.title(), release.summary(),
                kind == DeliveryKind.WITHDRAWN ? null : markdown.toHtml(release.body()),
                kind == DeliveryKind.WITHDRAWN ? null : Markdown.toText(release.body()),
                releaseUrl, release.category(),
                release.publishedAt() == null ? null : HUMAN_DATE.format(release.publishedAt().atZone(zone)),
                release.contact(), to.name(), embargo, change != null ? change.note() : whatChanged, withdrawal,
                unsubscribeUrl, kind == DeliveryKind.WITHDRAWN ? null
                        : embargoed ? releaseUrl + "/ninjs" : releaseUrl + Ninjs.FILE_NAME);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (embargo != null) {
            headers.put(EMBARGO_HEADER, release.embargoUntil().toString());
        }
        return new Email(to.email(), subject, render(releaseHtml, view), render(releaseText, view), headers);
    }

    /** The double opt-in email: nothing else is sent to an address until its owner confirms. */
    /**
     * The double opt-in email. Anyone can ask for it to be sent to any address, so it carries
     * nothing the asker chose but the topics (from our own list): not their name, not free text.
     */
    public Email confirmationEmail(String email, List<String> topics, String confirmUrl) {
        Map<String, Object> view = Map.of("siteName", siteName, "topics", String.join(", ", topics),
                "confirmUrl", confirmUrl);
        return new Email(email, "Confirm your subscription to " + siteName + " news releases",
                render(confirmHtml, view), render(confirmText, view), Map.of());
    }

    /** One release in a digest. */
    public record DigestItem(String title, String summary, String url, String date) {
    }

    /** A topic's releases in a digest, newest first. */
    public record DigestGroup(String topic, List<DigestItem> items) {
    }

    /**
     * A daily or weekly digest: everything new in the subscriber's topics, grouped by topic, with
     * the same one-click unsubscribe as a release email.
     */
    public Email digestEmail(MediaContact to, newsroom.domain.DigestSchedule.Period period,
                             List<newsroom.domain.Release> releases, java.util.function.Function<newsroom.domain.Release, String> urls,
                             String unsubscribeUrl) {
        Map<String, List<DigestItem>> byTopic = new java.util.TreeMap<>();
        releases.stream().sorted(java.util.Comparator.comparing(newsroom.domain.Release::publishedAt).reversed())
                .forEach(r -> byTopic.computeIfAbsent(r.category(), c -> new java.util.ArrayList<>())
                        .add(new DigestItem(r.title(), r.summary(), urls.apply(r),
                                HUMAN_DATE.format(r.publishedAt().atZone(zone)))));
        List<DigestGroup> groups = byTopic.entrySet().stream()
                .map(e -> new DigestGroup(e.getKey(), e.getValue())).toList();
        boolean daily = period.frequency() == newsroom.domain.DigestFrequency.DAILY;
        String when = HUMAN_DATE.format(period.endDate());
        String count = releases.size() == 1 ? "1 news release" : releases.size() + " news releases";
        String subject = (daily ? "Daily" : "Weekly") + " digest, " + when + ": " + count;
        String covers = "from " + HUMAN_TIME.format(period.start().atZone(zone)) + " to "
                + HUMAN_TIME.format(period.end().atZone(zone));
        Map<String, Object> view = new java.util.HashMap<>();
        view.put("subject", subject);
        view.put("heading", (daily ? "Your daily" : "Your weekly") + " news from " + siteName);
        view.put("siteName", siteName);
        view.put("covers", covers);
        view.put("groups", groups);
        view.put("frequency", daily ? "daily" : "weekly");
        view.put("unsubscribeUrl", unsubscribeUrl);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Email(to.email(), subject, render(digestHtml, view), render(digestText, view), headers);
    }

    private static String render(Mustache template, Object view) {
        StringWriter out = new StringWriter();
        template.execute(out, view);
        return out.toString();
    }

    /** What the release templates see. */
    public record View(String siteName, String subject, String title, String summary, String bodyHtml,
                       String bodyText, String url, String category, String date, ContactBlock contact,
                       String recipientName, String embargo, String changeNote, String withdrawalReason,
                       String unsubscribeUrl, String ninjsUrl) {
    }

    /** Plain text must not be HTML-escaped. */
    private static final class PlainTextMustacheFactory extends DefaultMustacheFactory {
        PlainTextMustacheFactory() {
            super("mail");
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
