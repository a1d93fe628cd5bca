package newsroom.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A journalist who gets releases by email for the topics they chose.
 *
 * <p>{@code topics} holds category names, or {@link #ALL_TOPICS} for every category.
 * {@code embargoAccess} marks a trusted contact who gets embargoed releases in advance.
 * {@code consentSource} and {@code consentAt} record how and when they agreed to be emailed.
 */
public record MediaContact(
        String id,
        String email,
        String name,
        String outlet,
        String role,
        Set<String> topics,
        boolean embargoAccess,
        ContactStatus status,
        String consentSource,
        Instant consentAt,
        Instant createdAt,
        long version,
        DigestFrequency frequency) {

    public static final String ALL_TOPICS = "*";

    public MediaContact {
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        version = Math.max(1, version);
        frequency = frequency == null ? DigestFrequency.IMMEDIATE : frequency;
    }

    /** A contact emailed each release as it goes public. */
    public MediaContact(String id, String email, String name, String outlet, String role, Set<String> topics,
                        boolean embargoAccess, ContactStatus status, String consentSource, Instant consentAt,
                        Instant createdAt, long version) {
        this(id, email, name, outlet, role, topics, embargoAccess, status, consentSource, consentAt, createdAt,
                version, DigestFrequency.IMMEDIATE);
    }

    /** A new contact: version 1. */
    public MediaContact(String id, String email, String name, String outlet, String role, Set<String> topics,
                        boolean embargoAccess, ContactStatus status, String consentSource, Instant consentAt,
                        Instant createdAt) {
        this(id, email, name, outlet, role, topics, embargoAccess, status, consentSource, consentAt, createdAt, 1);
    }

    /** The next version of this contact (every change counts one: its ETag). */
    public MediaContact next(String email, String name, String outlet, String role, Set<String> topics,
                             boolean embargoAccess, ContactStatus status, String consentSource, Instant consentAt) {
        return new MediaContact(id, email, name, outlet, role, topics, embargoAccess, status, consentSource,
                consentAt, createdAt, version + 1, frequency);
    }

    /** The next version, emailed this often. */
    public MediaContact withFrequency(DigestFrequency newFrequency) {
        return new MediaContact(id, email, name, outlet, role, topics, embargoAccess, status, consentSource,
                consentAt, createdAt, version, newFrequency);
    }

    /** Whether they get each release as it goes public (not a digest). */
    public boolean wantsEachRelease() {
        return frequency == DigestFrequency.IMMEDIATE;
    }

    public boolean wantsCategory(String category) {
        return topics.contains(ALL_TOPICS) || topics.contains(category);
    }

    public boolean mayBeEmailed() {
        return status == ContactStatus.ACTIVE;
    }

    public MediaContact withStatus(ContactStatus newStatus) {
        return next(email, name, outlet, role, topics, embargoAccess, newStatus, consentSource, consentAt);
    }
}
