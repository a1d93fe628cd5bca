package newsroom.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import newsroom.domain.Delivery;
import newsroom.domain.MailJob;

/** The record of who was sent what: at most one email per (release, contact, kind). */
public interface DeliveryRepository {

    /**
     * Claims the one send of this job before it happens. False when the job was already sent, is
     * being sent, or was suppressed: the caller must then not send.
     */
    boolean claim(MailJob job, String email, Instant now);

    void recordSent(MailJob job, String messageId, Instant now);

    /** Records a send that SES refused, so that a later retry may claim it again. */
    void recordFailed(MailJob job, String reason, Instant now);

    /** Records that the contact was not emailed on purpose (unsubscribed, bounced, complained). */
    void recordSuppressed(MailJob job, String email, String reason, Instant now);

    List<Delivery> forRelease(String releaseId);

    /** The status of one job's delivery, if it was ever claimed or suppressed. */
    java.util.Optional<newsroom.domain.DeliveryStatus> statusOf(MailJob job);

    /** Contacts who were sent the release itself (the advance copy or the public one). */
    Set<String> recipients(String releaseId);
}
