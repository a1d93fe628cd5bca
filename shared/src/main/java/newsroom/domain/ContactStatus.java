package newsroom.domain;

/** Whether a media contact may be sent email. Only ACTIVE may. */
public enum ContactStatus {
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED
}
