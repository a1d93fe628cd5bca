package newsroom.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import org.junit.jupiter.api.Test;

/** The release email, in HTML and plain text. Pure. */
class MailComposerTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final MailComposer composer = new MailComposer("Test Police", ZoneId.of("Europe/London"));
    private final MediaContact jo = new MediaContact("c1", "jo@paper.example", "Jo", "Paper", Set.of("*"), false,
            ContactStatus.ACTIVE, NOW);

    @Test
    void carriesTheReleaseTheLinkAndTheContact() {
        Release release = new Release("r1", "slug", "Fish & chips shop <robbed>", "Summary", "Body **bold**",
                "Appeals", List.of(), new ContactBlock("Press office", "0800 000", "press@example.gov.uk"), null, List.of(),
                ReleaseStatus.PUBLISHED, "a", NOW, NOW, NOW, null, List.of(), null, 1);
        Email email = composer.releaseEmail(release, "https://news.example/news/2026/11/slug/", jo);
        assertEquals("jo@paper.example", email.to());
        assertEquals("Fish & chips shop <robbed>", email.subject());
        assertTrue(email.text().contains("Fish & chips shop <robbed>"), "plain text is not HTML-escaped");
        assertTrue(email.text().contains("https://news.example/news/2026/11/slug/"));
        assertTrue(email.text().contains("Telephone: 0800 000"));
        assertTrue(email.html().contains("Fish &amp; chips shop &lt;robbed&gt;"), "HTML is escaped");
        assertTrue(email.html().contains("<strong>bold</strong>"));
        assertTrue(email.html().contains("href=\"https://news.example/news/2026/11/slug/\""));
        assertFalse(email.html().contains("<robbed>"));
    }
}
