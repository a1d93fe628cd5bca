package newsroom.domain;

/** The outcome of one email to one contact. */
public enum DeliveryStatus {
    /** Claimed, and being sent; becomes SENT (or FAILED) when SES answers. */
    SENDING,
    SENT,
    /** SES refused it; a retry may claim it again. */
    FAILED,
    /** Not sent, on purpose: the contact unsubscribed, bounced or complained. */
    SUPPRESSED
}
