package newsroom.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A news release as the press office wrote it, with its place in the workflow.
 *
 * <p>{@code body} is Markdown; it is made safe only when rendered. {@code publishedAt} is the
 * time the release became (or becomes, when scheduled) public and fixes its URL.
 */
public record Release(
        String id,
        String slug,
        String title,
        String summary,
        String body,
        String category,
        List<String> tags,
        ContactBlock contact,
        ReleaseStatus status,
        String author,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant embargoUntil,
        long version) {

    public Release {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(status, "status");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** True when the public may read this release at {@code now}: published and past any embargo. */
    public boolean isPublicAt(Instant now) {
        return status.isPublic() && (embargoUntil == null || !embargoUntil.isAfter(now));
    }
}
