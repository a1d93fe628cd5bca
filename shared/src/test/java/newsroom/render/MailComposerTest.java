package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import org.junit.jupiter.api.Test;

/** The emails journalists get, in HTML and plain text, with their headers. Pure. */
class MailComposerTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String UNSUBSCRIBE = "https://api.example/unsubscribe?token=abc";
    private final MailComposer composer = new MailComposer("Test Police", ZoneId.of("Europe/London"));
    private final MediaContact jo = new MediaContact("c1", "jo@paper.example", "Jo", "Paper", null, Set.of("*"),
            false, ContactStatus.ACTIVE, "test", NOW, NOW);

    private static Release release(ReleaseStatus status, Instant embargo) {
        return new Release("r1", "slug", "Fish & chips shop <robbed>", "Summary", "Body **bold**",
                "Appeals", List.of(), new ContactBlock("Press office", "0800 000", "press@example.gov.uk"), null, List.of(),
                status, "a", NOW, NOW, embargo == null ? NOW : embargo, embargo, List.of(), null, 1);
    }

    @Test
    void carriesTheReleaseTheLinkTheContactAndUnsubscribe() {
        Email email = composer.releaseEmail(release(ReleaseStatus.PUBLISHED, null), "https://news.example/news/2026/11/slug/",
                jo, DeliveryKind.PUBLISHED, 0, UNSUBSCRIBE);
        assertEquals("jo@paper.example", email.to());
        assertEquals("Fish & chips shop <robbed>", email.subject());
        assertTrue(email.text().contains("Fish & chips shop <robbed>"), "plain text is not HTML-escaped");
        assertTrue(email.text().contains("https://news.example/news/2026/11/slug/"));
        assertTrue(email.text().contains("Telephone: 0800 000"));
        assertTrue(email.text().contains("Unsubscribe: " + UNSUBSCRIBE));
        assertTrue(email.html().contains("Fish &amp; chips shop &lt;robbed&gt;"), "HTML is escaped");
        assertTrue(email.html().contains("<strong>bold</strong>"));
        assertTrue(email.html().contains("href=\"https://news.example/news/2026/11/slug/\""));
        assertFalse(email.html().contains("<robbed>"));
        assertEquals("<" + UNSUBSCRIBE + ">", email.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", email.headers().get("List-Unsubscribe-Post"));
        assertNull(email.headers().get(MailComposer.EMBARGO_HEADER));
    }

    @Test
    void anAdvanceCopySaysEmbargoedUntilLondonTimeEverywhere() {
        Instant embargo = Instant.parse("2019-10-23T23:01:00Z");
        Email email = composer.releaseEmail(release(ReleaseStatus.SCHEDULED, embargo), "https://news.example/x/", jo,
                DeliveryKind.EMBARGOED, 0, UNSUBSCRIBE);
        assertEquals("EMBARGOED UNTIL 24 October 2019, 00:01 BST: Fish & chips shop <robbed>", email.subject());
        assertTrue(email.text().startsWith("EMBARGOED UNTIL 24 October 2019, 00:01 BST."));
        assertTrue(email.html().contains("EMBARGOED UNTIL 24 October 2019, 00:01 BST."));
        assertEquals("2019-10-23T23:01:00Z", email.headers().get(MailComposer.EMBARGO_HEADER));
    }

    @Test
    void updatesAndWithdrawalsSayWhat() {
        Release updated = release(ReleaseStatus.PUBLISHED, null).toBuilder()
                .changes(List.of(new ReleaseChange(NOW, "The suspect has been charged.", ReleaseChange.ChangeType.MAJOR)))
                .saved(NOW);
        Email update = composer.releaseEmail(updated, "https://news.example/x/", jo, DeliveryKind.UPDATED, 1, UNSUBSCRIBE);
        assertEquals("Updated: Fish & chips shop <robbed>", update.subject());
        assertTrue(update.text().contains("Updated: The suspect has been charged."));

        Release withdrawn = updated.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW, "Issued in error.")).saved(NOW);
        Email withdrawal = composer.releaseEmail(withdrawn, "https://news.example/x/", jo, DeliveryKind.WITHDRAWN, 0,
                UNSUBSCRIBE);
        assertEquals("Withdrawn: Fish & chips shop <robbed>", withdrawal.subject());
        assertTrue(withdrawal.text().contains("Issued in error."));
        assertFalse(withdrawal.text().contains("Body **bold**"), "a withdrawal does not repeat the withdrawn text");
    }

    @Test
    void confirmationEmailCarriesTheLink() {
        Email email = composer.confirmationEmail("new@paper.example", List.of("Appeals"),
                "https://api.example/subscriptions/confirm?token=t");
        assertTrue(email.text().contains("https://api.example/subscriptions/confirm?token=t"));
        assertTrue(email.subject().startsWith("Confirm your subscription"));
    }

    @Test
    void aDigestIsGroupedByTopicNewestFirstWithTheSameOneClickUnsubscribe() {
        Release older = new Release("r1", "older", "Older <appeal>", "Older summary", "Body", "Appeals", List.of(),
                new ContactBlock("Press office", "0800", null), null, List.of(), ReleaseStatus.PUBLISHED, "a",
                NOW.minusSeconds(7200), NOW.minusSeconds(7200), NOW.minusSeconds(7200), null, List.of(), null, 1);
        Release newer = new Release("r2", "newer", "Newer appeal", null, "Body", "Appeals", List.of(),
                new ContactBlock("Press office", "0800", null), null, List.of(), ReleaseStatus.PUBLISHED, "a",
                NOW.minusSeconds(60), NOW.minusSeconds(60), NOW.minusSeconds(60), null, List.of(), null, 1);
        Release court = new Release("r3", "court", "Court result", null, "Body", "Court Results", List.of(),
                new ContactBlock("Press office", "0800", null), null, List.of(), ReleaseStatus.PUBLISHED, "a",
                NOW.minusSeconds(600), NOW.minusSeconds(600), NOW.minusSeconds(600), null, List.of(), null, 1);
        var period = newsroom.domain.DigestSchedule.defaults(ZoneId.of("Europe/London"))
                .daily(java.time.LocalDate.of(2026, 11, 30));
        Email email = composer.digestEmail(jo, period, List.of(older, court, newer), r -> "https://news.example/" + r.slug(),
                UNSUBSCRIBE);
        assertEquals("Daily digest, 30 November 2026: 3 news releases", email.subject());
        assertEquals("<" + UNSUBSCRIBE + ">", email.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", email.headers().get("List-Unsubscribe-Post"));
        String text = email.text();
        assertTrue(text.indexOf("Appeals") < text.indexOf("Court Results"), text);
        assertTrue(text.indexOf("Newer appeal") < text.indexOf("Older <appeal>"), "newest first, plain text as typed");
        assertTrue(email.html().contains("Older &lt;appeal&gt;"), "escaped in HTML");
        assertFalse(email.html().contains("<appeal>"));
        assertTrue(text.contains(UNSUBSCRIBE));
    }
}
