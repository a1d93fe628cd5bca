package newsroom.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import newsroom.domain.ContactBlock;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.site.Markdown;

/**
 * Writes the email a media contact gets about a release, from Mustache templates compiled once:
 * HTML (release text escaped, body through the safe Markdown renderer) and plain text.
 */
public final class MailComposer {
    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final Mustache html;
    private final Mustache text;
    private final Markdown markdown = new Markdown();
    private final String siteName;
    private final ZoneId zone;

    public MailComposer(String siteName, ZoneId zone) {
        this.html = new DefaultMustacheFactory("mail").compile("release.html.mustache");
        this.text = new PlainTextMustacheFactory().compile("release.txt.mustache");
        this.siteName = siteName;
        this.zone = zone;
    }

    public Email releaseEmail(Release release, String releaseUrl, MediaContact to) {
        View view = new View(siteName, release.title(), release.summary(), markdown.toHtml(release.body()),
                Markdown.toText(release.body()), releaseUrl, release.category(),
                HUMAN_DATE.format(release.publishedAt().atZone(zone)), release.contact(), to.name());
        return new Email(to.email(), release.title(), render(html, view), render(text, view), Map.of());
    }

    private static String render(Mustache template, Object view) {
        StringWriter out = new StringWriter();
        template.execute(out, view);
        return out.toString();
    }

    /** What the templates see. */
    public record View(String siteName, String title, String summary, String bodyHtml, String bodyText,
                       String url, String category, String date, ContactBlock contact, String recipientName) {
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
