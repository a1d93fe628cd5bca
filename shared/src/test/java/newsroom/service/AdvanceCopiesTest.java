package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import newsroom.domain.ContactStatus;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.fakes.InMemoryAccessLog;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.Samples;
import newsroom.fakes.TestClock;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import org.junit.jupiter.api.Test;

/** A journalist's advance copy behind their link, against in-memory ports. Pure. */
class AdvanceCopiesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant EMBARGO = Instant.parse("2026-11-30T00:01:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private final TestClock clock = new TestClock(NOW);
    private final InMemoryReleaseRepository releases = new InMemoryReleaseRepository(ZONE);
    private final InMemoryContactRepository contacts = new InMemoryContactRepository();
    private final InMemoryAccessLog accessLog = new InMemoryAccessLog();
    private final SignedTokens tokens = new SignedTokens("a-signing-key-of-at-least-32-characters", clock);
    private final AdvanceCopies copies = new AdvanceCopies(tokens, releases, contacts, accessLog,
            new SiteRenderer(new SiteAssets(), "Example Police", "https://news.example", ZONE), "https://news.example/",
            clock);
    private final Release scheduled = Samples.published("r1", "Man charged after <b>crash</b>", "Appeals", EMBARGO)
            .toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(EMBARGO).publishedAt(EMBARGO).saved(NOW);

    AdvanceCopiesTest() {
        contacts.create(Samples.contact("ann", "ann@paper.example", Set.of("Appeals"), true, ContactStatus.ACTIVE));
        releases.create(scheduled);
    }

    @Test
    void theCopyIsMarkedWithTheEmbargoAndTheJournalistAndEveryOpeningIsRecorded() {
        var copy = assertInstanceOf(AdvanceCopies.Copy.class, copies.open(tokens.advanceCopy("r1", "ann"), "Mozilla/5.0"));
        assertTrue(copy.html().contains("EMBARGOED UNTIL 30 November 2026, 00:01 GMT. Advance copy for "), copy.html());
        assertTrue(copy.html().contains("Man charged after &lt;b&gt;crash&lt;/b&gt;"), "escaped like every page");
        copies.open(tokens.advanceCopy("r1", "ann"), "curl/8\u0000\n");
        assertEquals(2, accessLog.openings("r1", 10).size());
        assertEquals("ann", accessLog.openings("r1", 10).get(0).contactId());
        assertEquals("curl/8??", accessLog.openings("r1", 10).get(1).userAgent(), "kept printable");
    }

    @Test
    void theOfficeCanWithdrawOneJournalistsCopyOrEveryOne() {
        contacts.create(Samples.contact("bob", "bob@radio.example", Set.of("Appeals"), true, ContactStatus.ACTIVE));
        copies.revoke("r1", "ann");
        assertInstanceOf(AdvanceCopies.Withdrawn.class, copies.open(tokens.advanceCopy("r1", "ann"), null));
        assertInstanceOf(AdvanceCopies.Copy.class, copies.open(tokens.advanceCopy("r1", "bob"), null), "only Ann's");
        copies.revoke("r1", null);
        assertInstanceOf(AdvanceCopies.Withdrawn.class, copies.open(tokens.advanceCopy("r1", "bob"), null));
        assertEquals(1, accessLog.openings("r1", 10).size(), "a withdrawn copy is not opened");
        org.junit.jupiter.api.Assertions.assertThrows(newsroom.domain.ReleaseNotFoundException.class,
                () -> copies.revoke("nope", null));
        org.junit.jupiter.api.Assertions.assertThrows(newsroom.domain.ContactNotFoundException.class,
                () -> copies.revoke("r1", "nobody"));
    }

    @Test
    void aForgedOrForeignLinkShowsNothing() {
        String link = tokens.advanceCopy("r1", "ann");
        assertInstanceOf(AdvanceCopies.Unknown.class, copies.open(link.substring(0, link.length() - 2) + "xx", null));
        assertInstanceOf(AdvanceCopies.Unknown.class, copies.open(tokens.unsubscribe("ann"), null),
                "an unsubscribe link is no advance copy");
        assertInstanceOf(AdvanceCopies.Unknown.class, copies.open("x".repeat(3000), null));
        assertEquals(0, accessLog.openings("r1", 10).size());
    }

    @Test
    void onceThePageIsPublicTheLinkLeadsThereAndAWithdrawnCopyIsGone() {
        String link = tokens.advanceCopy("r1", "ann");
        Release published = scheduled.toBuilder().status(ReleaseStatus.PUBLISHED).saved(EMBARGO);
        releases.save(published, scheduled.version());
        clock.advance(java.time.Duration.between(NOW, EMBARGO.plusSeconds(1)));
        var go = assertInstanceOf(AdvanceCopies.IsPublic.class, copies.open(link, null));
        assertEquals("https://news.example/news/2026/11/" + scheduled.slug() + "/", go.url());

        Release withdrawn = published.toBuilder().status(ReleaseStatus.WITHDRAWN).saved(EMBARGO.plusSeconds(60));
        releases.save(withdrawn, published.version());
        assertInstanceOf(AdvanceCopies.Withdrawn.class, copies.open(link, null));
        assertInstanceOf(AdvanceCopies.Withdrawn.class, copies.open(tokens.advanceCopy("r1", "someone-deleted"), null));
    }
}
