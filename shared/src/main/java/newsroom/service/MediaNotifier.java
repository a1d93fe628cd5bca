package newsroom.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseStatus;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.DeliveryRepository;
import newsroom.service.port.MailQueue;

/**
 * Decides who is emailed about a change to a release, and queues one job for each: trusted
 * contacts get an advance copy when it is scheduled; every subscriber gets it when it goes public;
 * those who received it get major updates and the withdrawal. Subscribers who may not be emailed
 * (unsubscribed, bounced, complained) get a job too: the sender records them as suppressed, so
 * the delivery report accounts for everyone.
 *
 * <p>An update or a withdrawal may come moments after the publish, while the publish's own emails
 * are still queued and none is recorded yet. So its jobs go to everyone who may have got the
 * release (the recorded recipients, and every subscriber of its category, before and after a
 * move), and the sender decides at the moment of sending: whoever has had the release (or has it
 * in flight) gets the update; whoever has not yet will get the release itself, read at that later
 * moment, correction included. Nobody is left with the old text, whichever consumer runs first.
 */
public final class MediaNotifier {
    private final ContactRepository contacts;
    private final DeliveryRepository deliveries;
    private final MailQueue queue;

    public MediaNotifier(ContactRepository contacts, DeliveryRepository deliveries, MailQueue queue) {
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.queue = queue;
    }

    /** Returns how many jobs were queued. {@code before} is null for a new release. */
    public int releaseChanged(Release before, Release after) {
        return releaseChanged(before, after, contacts::subscribers);
    }

    /**
     * For a stream batch's changes, one after another: a category's subscribers are read once for
     * the whole batch (in a burst, a batch's releases share a category or two), not once a change.
     */
    public Batch batch() {
        return new Batch();
    }

    /** See {@link #batch}. */
    public final class Batch {
        private final Map<String, List<MediaContact>> subscribers = new HashMap<>();

        private Batch() {
        }

        /** {@link MediaNotifier#releaseChanged}, with the batch's subscribers. */
        public int releaseChanged(Release before, Release after) {
            return MediaNotifier.this.releaseChanged(before, after,
                    category -> subscribers.computeIfAbsent(category, contacts::subscribers));
        }
    }

    private int releaseChanged(Release before, Release after, Function<String, List<MediaContact>> subscribersOf) {
        ReleaseStatus was = before == null ? null : before.status();
        List<MailJob> jobs = List.of();
        if (after.status() == ReleaseStatus.SCHEDULED && was != ReleaseStatus.SCHEDULED) {
            jobs = new java.util.ArrayList<>(jobs(after, DeliveryKind.EMBARGOED, 0,
                    subscribersOf.apply(after.category()).stream()
                    .filter(MediaContact::embargoAccess).map(MediaContact::id).toList()));
            // Scheduled again after a change sent it back for approval: those who had the first
            // advance copy get the new one (the others get their first, above).
            Set<String> hadIt = deliveries.recipients(after.id());
            if (!hadIt.isEmpty()) {
                jobs.addAll(jobs(after, DeliveryKind.EMBARGO_UPDATED, (int) after.version(), hadIt));
            }
        } else if (after.status() == ReleaseStatus.SCHEDULED && was == ReleaseStatus.SCHEDULED
                && changedForReaders(before, after)) {
            // Under embargo and changed: whoever had the advance copy gets the new one, once per change.
            jobs = jobs(after, DeliveryKind.EMBARGO_UPDATED, (int) after.version(), mayHaveIt(before, after, subscribersOf));
        } else if (after.status() == ReleaseStatus.PUBLISHED && was != ReleaseStatus.PUBLISHED) {
            // Digest subscribers get it in their next digest instead.
            jobs = jobs(after, DeliveryKind.PUBLISHED, 0, subscribersOf.apply(after.category()).stream()
                    .filter(MediaContact::wantsEachRelease).map(MediaContact::id).toList());
        } else if (after.status() == ReleaseStatus.PUBLISHED && was == ReleaseStatus.PUBLISHED
                && after.changes().size() > before.changes().size()
                && after.lastChange().map(c -> c.type() == ReleaseChange.ChangeType.MAJOR).orElse(false)) {
            jobs = jobs(after, DeliveryKind.UPDATED, after.changes().size(), mayHaveIt(before, after, subscribersOf));
        } else if (after.status() == ReleaseStatus.WITHDRAWN && was != null && was != ReleaseStatus.WITHDRAWN) {
            jobs = jobs(after, DeliveryKind.WITHDRAWN, 0, mayHaveIt(before, after, subscribersOf));
        }
        queue.enqueue(jobs);
        return jobs.size();
    }

    /** Whether a change under embargo is one the journalists holding the advance copy must hear of. */
    private static boolean changedForReaders(Release before, Release after) {
        return !Objects.equals(before.embargoUntil(), after.embargoUntil())
                || !Objects.equals(before.title(), after.title()) || !Objects.equals(before.summary(), after.summary())
                || !Objects.equals(before.body(), after.body())
                || !Objects.equals(before.attachments(), after.attachments());
    }

    /** Everyone who has had the release, or may still get it from a job not yet sent. */
    private Set<String> mayHaveIt(Release before, Release after, Function<String, List<MediaContact>> subscribersOf) {
        Set<String> who = new TreeSet<>(deliveries.recipients(after.id()));
        subscribersOf.apply(after.category()).stream().filter(MediaContact::wantsEachRelease).forEach(c -> who.add(c.id()));
        if (!before.category().equals(after.category())) {
            subscribersOf.apply(before.category()).stream().filter(MediaContact::wantsEachRelease)
                    .forEach(c -> who.add(c.id()));
        }
        return who;
    }

    private static List<MailJob> jobs(Release release, DeliveryKind kind, int sequence, Collection<String> to) {
        return to.stream().map(id -> new MailJob(release.id(), id, kind, sequence)).toList();
    }

    /**
     * SnapStart priming: the query a change makes, for a release that does not exist; queues
     * nothing. (Not the subscribers' query: that would read every subscriber to all categories.)
     */
    public void prime() {
        deliveries.recipients(PrimingSamples.NO_SUCH_ID);
    }
}
