package newsroom.service.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import newsroom.domain.Page;

/** The record of who was sent what: at most one email per (release, contact, kind). */
public interface DeliveryRepository {

    /** The answer to a claim. */
    enum Claim {
        /** Yours to send. */
        CLAIMED,
        /** Sent or suppressed already: nothing to do. */
        DONE,
        /**
         * Claimed by a send that has not reported back, and its lease has not run out: SES may or
         * may not have it. Try again later; by then SES's Send event has settled it, or the lease
         * has run out and the send is known not to have happened.
         */
        IN_DOUBT
    }

    /**
     * Claims the one send of this job before it happens: when it was never tried, when SES refused
     * it, or when an earlier claim's lease ran out without SES reporting a send.
     */
    Claim claim(MailJob job, String email, Instant now, Duration lease);

    /**
     * Claims many jobs at once (job → the address it goes to), each as {@link #claim} would: a
     * mail batch's claims in as few requests as the store allows. Every job given gets an answer.
     */
    default Map<MailJob, Claim> claimAll(Map<MailJob, String> emails, Instant now, Duration lease) {
        Map<MailJob, Claim> claims = new java.util.LinkedHashMap<>();
        emails.forEach((job, email) -> claims.put(job, claim(job, email, now, lease)));
        return claims;
    }

    /** SES reports it accepted this email (its Send event): whatever our own record says, it was sent. */
    void confirmSent(String releaseId, String deliveryKind, String contactId, String messageId, Instant now);

    /** One email SES reports it accepted: which delivery it was, and SES's id for it. */
    record Accepted(String releaseId, String deliveryKind, String contactId, String messageId) {
    }

    /**
     * {@link #confirmSent} for a batch of Send events, in as few requests as the store allows: a send
     * its sender already recorded (SENT, with this message id) needs no write.
     */
    default void confirmAllSent(java.util.List<Accepted> sends, Instant now) {
        sends.forEach(a -> confirmSent(a.releaseId(), a.deliveryKind(), a.contactId(), a.messageId(), now));
    }

    /** Records the send SES accepted; never over another state than SENDING or SENT. */
    void recordSent(MailJob job, String messageId, Instant now);

    /** {@link #recordSent} for many sends (job → SES's message id), in as few requests as the store allows. */
    default void recordAllSent(Map<MailJob, String> messageIds, Instant now) {
        messageIds.forEach((job, messageId) -> recordSent(job, messageId, now));
    }

    /**
     * Records a send that SES refused, so that a later retry may claim it again; only over the
     * claim (SENDING): a late refusal never overwrites a send that SES's Send event confirmed.
     */
    void recordFailed(MailJob job, String reason, Instant now);

    /** Gives a claim back unsent (the email turned out not to be due), if it is still a claim. */
    void abandon(MailJob job);

    /** Records that the contact was not emailed on purpose (unsubscribed, bounced, complained). */
    void recordSuppressed(MailJob job, String email, String reason, Instant now);

    /** A release's deliveries a page at a time, by kind and contact; the cursor is opaque. */
    Page<Delivery> page(String releaseId, int limit, String cursor);

    /** How many of a release's deliveries are in each status (every status, zero included). */
    Map<DeliveryStatus, Long> countByStatus(String releaseId);

    /** The status of one job's delivery, if it was ever claimed or suppressed. */
    Optional<DeliveryStatus> statusOf(MailJob job);

    /** {@link #statusOf} for many jobs in one read; a job never claimed or suppressed is left out. */
    default Map<MailJob, DeliveryStatus> statusesOf(java.util.Collection<MailJob> jobs) {
        Map<MailJob, DeliveryStatus> statuses = new java.util.HashMap<>();
        for (MailJob job : new java.util.LinkedHashSet<>(jobs)) {
            statusOf(job).ifPresent(status -> statuses.put(job, status));
        }
        return statuses;
    }

    /** Contacts who were sent the release itself (the advance copy or the public one). */
    Set<String> recipients(String releaseId);
}
