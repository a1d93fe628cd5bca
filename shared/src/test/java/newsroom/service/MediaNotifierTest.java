package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactStatus;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.InMemoryDeliveryRepository;
import newsroom.fakes.InMemoryMailQueue;
import newsroom.fakes.Samples;
import org.junit.jupiter.api.Test;

/** Who is emailed about which change, against in-memory ports. Pure. */
class MediaNotifierTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final InMemoryContactRepository contacts = new InMemoryContactRepository();
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository();
    private final InMemoryMailQueue queue = new InMemoryMailQueue();
    private final MediaNotifier notifier = new MediaNotifier(contacts, deliveries, queue);
    private final Release published = Samples.published("r1", "Appeal", "Appeals", NOW);

    MediaNotifierTest() {
        contacts.create(Samples.contact("trusted", "t@paper.example", Set.of("Appeals"), true, ContactStatus.ACTIVE));
        contacts.create(Samples.contact("everything", "e@paper.example", Set.of("*"), false, ContactStatus.ACTIVE));
        contacts.create(Samples.contact("gone", "g@paper.example", Set.of("Appeals"), true, ContactStatus.UNSUBSCRIBED));
        contacts.create(Samples.contact("courts", "c@paper.example", Set.of("Court Results"), true, ContactStatus.ACTIVE));
    }

    private Set<String> queuedTo(DeliveryKind kind) {
        return Set.copyOf(queue.jobs().stream().filter(j -> j.kind() == kind).map(MailJob::contactId).toList());
    }

    private Release scheduled() {
        return published.toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(NOW.plusSeconds(3600)).saved(NOW);
    }

    @Test
    void aScheduledReleaseGoesInAdvanceOnlyToTrustedSubscribersOfItsCategory() {
        notifier.releaseChanged(null, scheduled());
        assertEquals(Set.of("trusted", "gone"), queuedTo(DeliveryKind.EMBARGOED),
                "the sender records the unsubscribed one as suppressed");
        assertEquals(2, queue.jobs().size());
    }

    @Test
    void aReleaseGoingPublicGoesToEverySubscriberOfItsCategory() {
        notifier.releaseChanged(scheduled(), published);
        assertEquals(Set.of("trusted", "everything", "gone"), queuedTo(DeliveryKind.PUBLISHED));
        queue.clear();
        notifier.releaseChanged(published, published);
        assertEquals(List.of(), queue.jobs(), "no change of state, nothing to send");
    }

    /**
     * Updates and withdrawals go to everyone who may have the release: the recorded recipients and
     * every subscriber of its category (whose copy may still be queued); the sender then sends to
     * those who had it, and the others get the release itself, as corrected (ReleaseMailerTest).
     */
    @Test
    void aMajorUpdateGoesToThoseWhoMayHaveTheReleaseAndAMinorOneToNobody() {
        deliveries.claim(new MailJob("r1", "everything", DeliveryKind.PUBLISHED), "e@paper.example", NOW,
                Duration.ofMinutes(10));
        deliveries.recordSent(new MailJob("r1", "everything", DeliveryKind.PUBLISHED), "m-1", NOW);
        Release minor = published.toBuilder().changes(List.of(
                new ReleaseChange(NOW, "Typo.", ReleaseChange.ChangeType.MINOR))).saved(NOW);
        notifier.releaseChanged(published, minor);
        assertEquals(List.of(), queue.jobs());

        Release major = minor.toBuilder().changes(List.of(minor.changes().get(0),
                new ReleaseChange(NOW, "The suspect has been charged.", ReleaseChange.ChangeType.MAJOR))).saved(NOW);
        notifier.releaseChanged(minor, major);
        assertEquals(Set.of("everything", "trusted", "gone"), queuedTo(DeliveryKind.UPDATED),
                "not only those recorded so far: a copy may still be on its way");
        assertEquals(2, queue.jobs().get(0).sequence(), "the update's number");
        queue.clear();

        // Moved to another category since: the old category's subscribers may have it too.
        Release moved = major.toBuilder().content(major.title(), major.summary(), major.body(), "Court Results",
                major.tags(), major.contact(), major.heroImage()).changes(List.of(major.changes().get(0),
                major.changes().get(1), new ReleaseChange(NOW, "Charged and in court.",
                        ReleaseChange.ChangeType.MAJOR))).saved(NOW);
        notifier.releaseChanged(major, moved);
        assertEquals(Set.of("everything", "trusted", "gone", "courts"), queuedTo(DeliveryKind.UPDATED));
    }

    @Test
    void aWithdrawalGoesToThoseWhoMayHaveTheRelease() {
        MailJob advance = new MailJob("r1", "trusted", DeliveryKind.EMBARGOED);
        deliveries.claim(advance, "t@paper.example", NOW, Duration.ofMinutes(10));
        deliveries.recordSent(advance, "m-1", NOW);
        Release withdrawn = published.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW, "Published in error.")).saved(NOW);
        notifier.releaseChanged(published, withdrawn);
        assertEquals(Set.of("trusted", "everything", "gone"), queuedTo(DeliveryKind.WITHDRAWN));
    }

    @Test
    void aChangeUnderEmbargoOffersANewAdvanceCopyOncePerChange() {
        Release scheduled = scheduled();
        Release moved = scheduled.toBuilder().embargoUntil(NOW.plusSeconds(7200)).publishedAt(NOW.plusSeconds(7200))
                .saved(NOW);
        notifier.releaseChanged(scheduled, moved);
        assertEquals(Set.of("trusted", "everything", "gone"), queuedTo(DeliveryKind.EMBARGO_UPDATED),
                "the sender keeps those who had the advance copy");
        assertTrue(queue.jobs().stream().allMatch(j -> j.sequence() == moved.version()), "numbered by the change");
        queue.clear();

        Release retagged = moved.toBuilder().content(moved.title(), moved.summary(), moved.body(), moved.category(),
                List.of("a new tag"), moved.contact(), moved.heroImage()).saved(NOW);
        notifier.releaseChanged(moved, retagged);
        assertEquals(List.of(), queue.jobs(), "nothing a journalist reads changed");
    }

    /** Sent back for approval by a change, then scheduled again: who had the advance copy gets the new one. */
    @Test
    void aReleaseScheduledAgainAfterAChangeSendsTheNewAdvanceCopyToThoseWhoHadIt() {
        MailJob first = new MailJob("r1", "trusted", DeliveryKind.EMBARGOED);
        deliveries.claim(first, "t@paper.example", NOW, Duration.ofMinutes(10));
        deliveries.recordSent(first, "m-1", NOW);
        Release backToDraft = scheduled().toBuilder().status(ReleaseStatus.DRAFT).publishedAt(null).saved(NOW);
        Release again = backToDraft.toBuilder().status(ReleaseStatus.SCHEDULED)
                .publishedAt(backToDraft.embargoUntil()).saved(NOW);
        notifier.releaseChanged(backToDraft, again);
        assertEquals(Set.of("trusted"), queuedTo(DeliveryKind.EMBARGO_UPDATED));
        assertEquals(Set.of("trusted", "gone"), queuedTo(DeliveryKind.EMBARGOED), "a first copy for anyone without one");
    }

    /** In a burst a stream batch holds many releases of one category: its subscribers are read once. */
    @Test
    void aBatchReadsACategorysSubscribersOnce() {
        List<String> reads = new java.util.ArrayList<>();
        newsroom.service.port.ContactRepository counted = (newsroom.service.port.ContactRepository)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {newsroom.service.port.ContactRepository.class}, (proxy, method, args) -> {
                            if (method.getName().equals("subscribers")) {
                                reads.add((String) args[0]);
                            }
                            try {
                                return method.invoke(contacts, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        MediaNotifier batching = new MediaNotifier(counted, deliveries, queue);
        MediaNotifier.Batch batch = batching.batch();
        for (int i = 0; i < 5; i++) {
            Release release = Samples.published("b" + i, "Appeal " + i, "Appeals", NOW);
            batch.releaseChanged(null, release);
        }
        batch.releaseChanged(null, Samples.published("c1", "Verdict", "Court Results", NOW));
        assertEquals(List.of("Appeals", "Court Results"), reads, "once a category for the batch");
        assertEquals(5 * 3 + 2, queue.jobs().size(), "every release still goes to every subscriber of its category");
        batching.batch().releaseChanged(null, Samples.published("b9", "Appeal 9", "Appeals", NOW));
        assertEquals(List.of("Appeals", "Court Results", "Appeals"), reads, "a new batch reads afresh");
    }
}
