package newsroom.domain;

/** The outcome of one email to one contact. */
public enum DeliveryStatus {
    SENDING,
    SENT,
    FAILED
}
