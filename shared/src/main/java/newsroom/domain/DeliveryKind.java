package newsroom.domain;

/** Why an email about a release is sent; one email per (release, contact, kind) at most. */
public enum DeliveryKind {
    PUBLISHED
}
