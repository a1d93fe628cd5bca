package newsroom.notifier;

import java.util.List;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.store.ContactRepository;

/** Chooses who gets a release and queues one job for each of them. */
public final class MediaNotifier {
    private final ContactRepository contacts;
    private final MailQueue queue;

    public MediaNotifier(ContactRepository contacts, MailQueue queue) {
        this.contacts = contacts;
        this.queue = queue;
    }

    /** Returns how many jobs were queued. */
    public int releasePublished(Release release) {
        List<MailJob> jobs = contacts.activeSubscribers(release.category()).stream()
                .map(MediaContact::id)
                .map(contactId -> new MailJob(release.id(), contactId, DeliveryKind.PUBLISHED))
                .toList();
        queue.enqueue(jobs);
        return jobs.size();
    }
}
