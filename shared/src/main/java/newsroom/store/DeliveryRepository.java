package newsroom.store;

import java.time.Instant;
import java.util.List;
import newsroom.domain.Delivery;
import newsroom.domain.MailJob;

/** The record of who was sent what: at most one email per (release, contact, kind). */
public interface DeliveryRepository {

    /**
     * Claims the one send of this job before it happens. False when the job was already sent or is
     * being sent by someone else: the caller must then not send.
     */
    boolean claim(MailJob job, String email, Instant now);

    void recordSent(MailJob job, String messageId, Instant now);

    /** Records a send that SES refused for good, so that a later retry may claim it again. */
    void recordFailed(MailJob job, String reason, Instant now);

    List<Delivery> forRelease(String releaseId);
}
