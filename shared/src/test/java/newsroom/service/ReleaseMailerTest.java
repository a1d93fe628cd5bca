package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.ContactStatus;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.fakes.InMemoryAccessLog;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.InMemoryDeliveryRepository;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.RecordingMailer;
import newsroom.fakes.Samples;
import newsroom.fakes.TestClock;
import newsroom.render.Email;
import newsroom.render.MailComposer;
import newsroom.render.SitePaths;
import newsroom.service.port.Mailer;
import org.junit.jupiter.api.Test;

/** Sending one mail job exactly once, against in-memory ports. Pure. */
class ReleaseMailerTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Duration LEASE = Duration.ofMinutes(10);
    private final TestClock clock = new TestClock(NOW);
    private final InMemoryReleaseRepository releases = new InMemoryReleaseRepository(ZONE);
    private final InMemoryContactRepository contacts = new InMemoryContactRepository();
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository();
    private final RecordingMailer mailer = new RecordingMailer();
    private final ReleaseMailer sender = new ReleaseMailer(releases, contacts, deliveries,
            new MailComposer("Example Police", ZONE), mailer,
            new SignedTokens("a-signing-key-of-at-least-32-characters", clock), new SitePaths(ZONE),
            "https://news.example/", "https://api.example", clock, LEASE);
    private final Release published = Samples.published("r1", "Appeal for witnesses", "Appeals", NOW.minusSeconds(60));

    ReleaseMailerTest() {
        contacts.create(Samples.contact("ann", "ann@paper.example", Set.of("Appeals"), true, ContactStatus.ACTIVE));
        contacts.create(Samples.contact("bob", "bob@radio.example", Set.of("*"), false, ContactStatus.ACTIVE));
        contacts.create(Samples.contact("cat", "cat@tv.example", Set.of("*"), false, ContactStatus.BOUNCED));
    }

    private Optional<DeliveryStatus> status(String contact, DeliveryKind kind) {
        return deliveries.statusOf(new MailJob("r1", contact, kind));
    }

    @Test
    void aJobIsSentOnceWithTheReleaseAndAnUnsubscribeLinkAndItsMessageIdIsRecorded() {
        releases.create(published);
        MailJob job = new MailJob("r1", "bob", DeliveryKind.PUBLISHED);
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(job));
        assertEquals(ReleaseMailer.Outcome.ALREADY_SENT, sender.send(job), "a redelivered job sends nothing");

        List<Email> sent = mailer.sentTo("bob@radio.example");
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).text().contains("https://news.example/news/2026/11/slug-r1/"));
        assertTrue(sent.get(0).text().contains("https://api.example/unsubscribe?token="));
        assertEquals("r1", sent.get(0).tags().get("release"));
        Delivery delivery = deliveries.all("r1").get(0);
        assertEquals(DeliveryStatus.SENT, delivery.status());
        assertEquals("message-1", delivery.messageId());
    }

    @Test
    void aContactWhoMayNotBeEmailedGetsNothingAndIsRecordedAsSuppressed() {
        releases.create(published);
        assertEquals(ReleaseMailer.Outcome.SUPPRESSED, sender.send(new MailJob("r1", "cat", DeliveryKind.PUBLISHED)));
        assertEquals(List.of(), mailer.sent());
        assertEquals(Optional.of(DeliveryStatus.SUPPRESSED), status("cat", DeliveryKind.PUBLISHED));
    }

    @Test
    void anAdvanceCopyGoesOnlyToATrustedContactWhileTheEmbargoLasts() {
        Release scheduled = published.toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(NOW.plusSeconds(3600))
                .publishedAt(NOW.plusSeconds(3600)).saved(NOW);
        releases.create(scheduled);
        assertEquals(ReleaseMailer.Outcome.NOT_DUE, sender.send(new MailJob("r1", "bob", DeliveryKind.EMBARGOED)));
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(new MailJob("r1", "ann", DeliveryKind.EMBARGOED)));
        assertTrue(mailer.sentTo("ann@paper.example").get(0).subject().contains("EMBARGOED"));
        assertEquals(ReleaseMailer.Outcome.NOT_DUE, sender.send(new MailJob("r1", "bob", DeliveryKind.PUBLISHED)),
                "nobody gets the public copy before the embargo ends");
        assertEquals(List.of(), mailer.sentTo("bob@radio.example"));
    }

    /**
     * The embargo moves (even to the next month): whoever had the advance copy gets a new one,
     * once, saying so first and stating the embargo now in force; nobody else gets anything.
     */
    /** A journalist whose advance copy the office withdrew is sent no updated one. */
    @Test
    void aWithdrawnAdvanceCopyIsNotFollowedByAnUpdatedOne() {
        InMemoryAccessLog accessLog = new InMemoryAccessLog();
        ReleaseMailer withRevocations = new ReleaseMailer(releases, contacts, deliveries,
                new MailComposer("Example Police", ZONE), mailer,
                new SignedTokens("a-signing-key-of-at-least-32-characters", clock), new SitePaths(ZONE),
                "https://news.example/", "https://api.example", clock, LEASE, accessLog);
        Instant first = Instant.parse("2026-11-30T23:30:00Z");
        Release scheduled = published.toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(first)
                .publishedAt(first).saved(NOW);
        releases.create(scheduled);
        assertEquals(ReleaseMailer.Outcome.SENT, withRevocations.send(new MailJob("r1", "ann", DeliveryKind.EMBARGOED)));
        accessLog.revoke("r1", "ann", NOW);
        Release moved = scheduled.toBuilder().embargoUntil(first.plusSeconds(3600)).publishedAt(first.plusSeconds(3600))
                .saved(NOW.plusSeconds(10));
        releases.save(moved, scheduled.version());
        assertEquals(ReleaseMailer.Outcome.NOT_DUE, withRevocations.send(new MailJob("r1", "ann",
                DeliveryKind.EMBARGO_UPDATED, (int) moved.version())));
        assertEquals(1, mailer.sentTo("ann@paper.example").size());
    }

    @Test
    void aMovedEmbargoSendsTheNewAdvanceCopyOnceToThoseWhoHadTheFirst() {
        Instant first = Instant.parse("2026-11-30T23:30:00Z");
        Release scheduled = published.toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(first)
                .publishedAt(first).saved(NOW);
        releases.create(scheduled);
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(new MailJob("r1", "ann", DeliveryKind.EMBARGOED)));

        Instant later = Instant.parse("2026-12-01T09:00:00Z");
        Release moved = scheduled.toBuilder().embargoUntil(later).publishedAt(later).saved(NOW.plusSeconds(10));
        releases.save(moved, scheduled.version());
        MailJob update = new MailJob("r1", "ann", DeliveryKind.EMBARGO_UPDATED, (int) moved.version());
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(update));
        assertEquals(ReleaseMailer.Outcome.ALREADY_SENT, sender.send(update), "once per change");
        assertEquals(ReleaseMailer.Outcome.NOT_DUE, sender.send(new MailJob("r1", "bob", DeliveryKind.EMBARGO_UPDATED,
                (int) moved.version())), "no advance copy, no update");

        Email email = mailer.sentTo("ann@paper.example").get(1);
        assertEquals("UPDATED ADVANCE COPY, EMBARGOED UNTIL 1 December 2026, 09:00 GMT: Appeal for witnesses",
                email.subject());
        assertTrue(email.text().contains("the embargo has moved to 1 December 2026, 09:00 GMT (it was "
                + "30 November 2026, 23:30 GMT)"), email.text());
        // The journalist's own link: it follows the release wherever the embargo moves it.
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://api\\.example/advance/([A-Za-z0-9._-]+)")
                .matcher(email.text());
        assertTrue(link.find(), email.text());
        assertEquals(new SignedTokens.AdvanceCopy("r1", "ann"),
                new SignedTokens("a-signing-key-of-at-least-32-characters", clock).verifyAdvanceCopy(link.group(1))
                        .orElseThrow(), "a link that names this release and this journalist");
        assertTrue(!email.text().contains("https://news.example/news/2026/11/"), "never the old address");
        assertEquals(later.toString(), email.headers().get("X-Embargo-Until"));
    }

    @Test
    void whoeverHadTheAdvanceCopyDoesNotGetThePublicOne() {
        Release scheduled = published.toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(NOW.plusSeconds(60))
                .publishedAt(NOW.plusSeconds(60)).saved(NOW);
        releases.create(scheduled);
        sender.send(new MailJob("r1", "ann", DeliveryKind.EMBARGOED));
        releases.save(scheduled.toBuilder().status(ReleaseStatus.PUBLISHED).saved(NOW.plusSeconds(60)),
                scheduled.version());
        clock.advance(Duration.ofSeconds(61));
        sender.startBatch();
        assertEquals(ReleaseMailer.Outcome.NOT_DUE, sender.send(new MailJob("r1", "ann", DeliveryKind.PUBLISHED)));
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(new MailJob("r1", "bob", DeliveryKind.PUBLISHED)));
        assertEquals(1, mailer.sentTo("ann@paper.example").size());
    }

    @Test
    void aRefusedSendIsRecordedAsFailedAndTheRetrySendsIt() {
        releases.create(published);
        MailJob job = new MailJob("r1", "bob", DeliveryKind.PUBLISHED);
        mailer.refuse(email -> true);
        assertThrows(Mailer.Rejected.class, () -> sender.send(job));
        assertEquals(Optional.of(DeliveryStatus.FAILED), status("bob", DeliveryKind.PUBLISHED));
        mailer.refuse(email -> false);
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(job));
        assertEquals(1, mailer.sent().size());
    }

    /** A timeout after SES took the email: never recorded as failed, never sent again on retry. */
    @Test
    void aSendWhoseFateIsUnknownStaysClaimedAndIsNotSentTwice() {
        releases.create(published);
        MailJob job = new MailJob("r1", "bob", DeliveryKind.PUBLISHED);
        mailer.timeOut(email -> true);
        assertThrows(ReleaseMailer.InDoubtException.class, () -> sender.send(job));
        assertEquals(Optional.of(DeliveryStatus.SENDING), status("bob", DeliveryKind.PUBLISHED), "not failed");
        mailer.timeOut(email -> false);
        clock.advance(Duration.ofSeconds(30));
        assertThrows(ReleaseMailer.InDoubtException.class, () -> sender.send(job), "a retry within the lease waits");
        assertEquals(1, mailer.sent().size());

        // SES's Send event settles it; a refusal arriving late changes nothing.
        deliveries.confirmSent("r1", "PUBLISHED", "bob", "ses-1", NOW);
        deliveries.recordFailed(job, "late", NOW);
        assertEquals(Optional.of(DeliveryStatus.SENT), status("bob", DeliveryKind.PUBLISHED));
        assertEquals(ReleaseMailer.Outcome.ALREADY_SENT, sender.send(job));
        assertEquals(1, mailer.sent().size(), "one email");
    }

    /** The batch read the release before it was withdrawn: the claim re-reads it and sends nothing. */
    @Test
    void aReleaseWithdrawnWhileItsEmailWaitedIsNotSent() {
        releases.create(published);
        sender.startBatch();
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(new MailJob("r1", "ann", DeliveryKind.PUBLISHED)));
        releases.save(published.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new newsroom.domain.Withdrawal(NOW, "Published in error.", true)).saved(NOW),
                published.version());
        MailJob bob = new MailJob("r1", "bob", DeliveryKind.PUBLISHED);
        assertEquals(ReleaseMailer.Outcome.NOT_DUE, sender.send(bob), "same batch, stale read, still not sent");
        assertEquals(Optional.empty(), status("bob", DeliveryKind.PUBLISHED), "the claim is given back");
        assertEquals(1, mailer.sent().size());
    }

    /** A correction made after the batch began is in the email. */
    @Test
    void theEmailCarriesTheReleaseAsItIsWhenSent() {
        releases.create(published);
        sender.startBatch();
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(new MailJob("r1", "ann", DeliveryKind.PUBLISHED)));
        Release corrected = published.toBuilder().content("Corrected appeal title", published.summary(),
                published.body(), published.category(), published.tags(), published.contact(),
                published.heroImage()).saved(NOW);
        releases.save(corrected, published.version());
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(new MailJob("r1", "bob", DeliveryKind.PUBLISHED)));
        assertTrue(mailer.sentTo("bob@radio.example").get(0).subject().contains("Corrected appeal title"));
    }

    @Test
    void aSendInDoubtWaitsUntilItsLeaseRunsOutAndIsThenTriedAgain() {
        releases.create(published);
        MailJob job = new MailJob("r1", "bob", DeliveryKind.PUBLISHED);
        // An earlier sender claimed it and died before reporting back.
        deliveries.claim(job, "bob@radio.example", NOW, LEASE);
        assertThrows(ReleaseMailer.InDoubtException.class, () -> sender.send(job));
        assertEquals(List.of(), mailer.sent());

        deliveries.confirmSent("r1", "PUBLISHED", "bob", "ses-1", NOW.plusSeconds(5));
        assertEquals(ReleaseMailer.Outcome.ALREADY_SENT, sender.send(job), "SES said it sent it: nothing more");

        MailJob other = new MailJob("r1", "ann", DeliveryKind.PUBLISHED);
        deliveries.claim(other, "ann@paper.example", NOW, LEASE);
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(other), "no Send event within the lease: never sent");
    }

    @Test
    void updatesAndWithdrawalsGoOnlyToThoseWhoReceivedTheRelease() {
        releases.create(published);
        sender.send(new MailJob("r1", "bob", DeliveryKind.PUBLISHED));
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(new MailJob("r1", "bob", DeliveryKind.UPDATED, 1)));
        assertEquals(ReleaseMailer.Outcome.NOT_DUE, sender.send(new MailJob("r1", "ann", DeliveryKind.UPDATED, 1)));
    }

    @Test
    void aConfirmationQueuedByTheApiIsSentAsItIsAndLeavesNoDeliveryRecord() {
        newsroom.fakes.InMemoryMailQueue queue = new newsroom.fakes.InMemoryMailQueue();
        newsroom.render.Email email = new MailComposer("Example Police", ZONE).confirmationEmail("new@reader.example",
                List.of("Appeals"), "https://api.example/subscriptions/confirm?token=abc");
        assertEquals("queued", new QueuedMailer(queue).send(email));
        // As the mail sender reads it from SQS.
        newsroom.domain.MailJob job = newsroom.json.Json.read(newsroom.json.Json.write(queue.jobs().get(0)),
                newsroom.domain.MailJob.class);
        assertEquals(DeliveryKind.CONFIRMATION, job.kind());
        assertEquals(ReleaseMailer.Outcome.SENT, sender.send(job));
        assertEquals(List.of(email), mailer.sentTo("new@reader.example"));
        assertTrue(mailer.sentTo("new@reader.example").get(0).text().contains("token=abc"));

        mailer.refuse(e -> e.to().equals("new@reader.example"));
        assertEquals(ReleaseMailer.Outcome.SUPPRESSED, sender.send(job), "refused: nothing to retry");
    }
}
