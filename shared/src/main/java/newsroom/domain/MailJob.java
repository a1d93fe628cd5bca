package newsroom.domain;

/**
 * The unit of work on the mail queue: send one kind of email about one release to one contact.
 * {@code sequence} tells apart several updates of one release (the change's number); 0 otherwise
 * (and when a message leaves it out). A {@link DeliveryKind#CONFIRMATION} carries its
 * {@code email}, composed by the API; no other job does.
 */
public record MailJob(String releaseId, String contactId, DeliveryKind kind, Integer sequence,
                      newsroom.render.Email email) {

    public MailJob {
        sequence = sequence == null ? 0 : sequence;
    }

    public MailJob(String releaseId, String contactId, DeliveryKind kind, Integer sequence) {
        this(releaseId, contactId, kind, sequence, null);
    }

    public MailJob(String releaseId, String contactId, DeliveryKind kind) {
        this(releaseId, contactId, kind, 0);
    }

    /** A confirmation email, composed, for the mail sender to send as it is. */
    public static MailJob confirmation(newsroom.render.Email email) {
        return new MailJob(null, null, DeliveryKind.CONFIRMATION, 0, email);
    }

    /** "PUBLISHED", or "UPDATED-2" for the second update: what makes the email one of a kind. */
    public String deliveryKind() {
        return sequence == 0 ? kind.name() : kind.name() + "-" + sequence;
    }
}
