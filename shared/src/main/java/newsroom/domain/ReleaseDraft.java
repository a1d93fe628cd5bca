package newsroom.domain;

import java.util.List;

/**
 * What a press officer sends to create a release, before it is checked.
 *
 * <p>{@code embargoUntil} stays a string here so that a malformed time is reported against its
 * field rather than as unreadable JSON. {@code publish} asks for publication on creation.
 */
public record ReleaseDraft(
        String title,
        String summary,
        String body,
        String category,
        List<String> tags,
        ContactBlock contact,
        String embargoUntil,
        Boolean publish) {
}
