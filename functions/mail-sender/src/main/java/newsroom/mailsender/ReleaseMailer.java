package newsroom.mailsender;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import newsroom.domain.ContactStatus;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.mail.MailComposer;
import newsroom.mail.Mailer;
import newsroom.site.SitePaths;
import newsroom.store.ContactRepository;
import newsroom.store.DeliveryRepository;
import newsroom.store.ReleaseRepository;

/**
 * Sends one mail job: checks the contact may still be emailed and the release is public, claims
 * the delivery (so no one else sends it), sends, and records the outcome.
 */
public final class ReleaseMailer {

    /** What became of a job. */
    public enum Outcome { SENT, ALREADY_SENT, SKIPPED }

    private final ReleaseRepository releases;
    private final ContactRepository contacts;
    private final DeliveryRepository deliveries;
    private final MailComposer composer;
    private final Mailer mailer;
    private final SitePaths paths;
    private final String siteBaseUrl;
    private final Clock clock;
    // Within one batch most jobs are for the same release: read it once.
    private final Map<String, Optional<Release>> releaseCache = new HashMap<>();

    public ReleaseMailer(ReleaseRepository releases, ContactRepository contacts, DeliveryRepository deliveries,
                         MailComposer composer, Mailer mailer, SitePaths paths, String siteBaseUrl, Clock clock) {
        this.releases = releases;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.composer = composer;
        this.mailer = mailer;
        this.paths = paths;
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
        this.clock = clock;
    }

    /** Forgets releases read for the previous batch. */
    public void startBatch() {
        releaseCache.clear();
    }

    public Outcome send(MailJob job) {
        Instant now = clock.instant();
        Optional<Release> release = releaseCache.computeIfAbsent(job.releaseId(), releases::find);
        Optional<MediaContact> contact = contacts.find(job.contactId());
        if (release.isEmpty() || contact.isEmpty() || contact.get().status() != ContactStatus.ACTIVE
                || !release.get().isPublicAt(now)) {
            return Outcome.SKIPPED;
        }
        if (!deliveries.claim(job, contact.get().email(), now)) {
            return Outcome.ALREADY_SENT;
        }
        String url = siteBaseUrl + paths.releaseUrlPath(release.get());
        String messageId;
        try {
            messageId = mailer.send(composer.releaseEmail(release.get(), url, contact.get()));
        } catch (RuntimeException e) {
            deliveries.recordFailed(job, e.getClass().getSimpleName(), clock.instant());
            throw e;
        }
        deliveries.recordSent(job, messageId, clock.instant());
        return Outcome.SENT;
    }
}
