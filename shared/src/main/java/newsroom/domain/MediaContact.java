package newsroom.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A journalist who gets releases by email for the topics they chose.
 *
 * <p>{@code topics} holds category names, or {@link #ALL_TOPICS} for every category.
 */
public record MediaContact(
        String id,
        String email,
        String name,
        String outlet,
        Set<String> topics,
        boolean embargoAccess,
        ContactStatus status,
        Instant createdAt) {

    public static final String ALL_TOPICS = "*";

    public MediaContact {
        topics = topics == null ? Set.of() : Set.copyOf(topics);
    }

    public boolean wantsCategory(String category) {
        return topics.contains(ALL_TOPICS) || topics.contains(category);
    }
}
