package newsroom.domain;

/** Why an email about a release is sent; one email per (release, contact, kind) at most. */
public enum DeliveryKind {
    /** An advance copy, under embargo, to a trusted contact. */
    EMBARGOED,
    /**
     * A new advance copy after the release changed under embargo (its text or its embargo), to
     * those who had the advance copy; one per change (numbered by the release's version).
     */
    EMBARGO_UPDATED,
    /** The release, as it goes public. */
    PUBLISHED,
    /** A major change, to those who received the release. */
    UPDATED,
    /** The withdrawal, to those who received the release. */
    WITHDRAWN,
    /**
     * A daily or weekly digest: its "release" is the period ("digest-daily-2026-12-01"), so each
     * subscriber gets it once, by the same claim as a release email.
     */
    DIGEST,
    /**
     * A subscription's confirmation link: composed by the API and sent as it is by the mail
     * sender (one send rate for all mail); no release, no contact yet, no delivery record.
     */
    CONFIRMATION
}
