package newsroom.domain;

import java.util.List;

/**
 * A full replacement of a release's content (PUT). {@code changeNote} and {@code changeType}
 * (minor or major) are required for a published release and refused for any other.
 */
public record ReleaseEdit(
        String title,
        String summary,
        String body,
        String category,
        List<String> tags,
        ContactBlock contact,
        HeroImage heroImage,
        String embargoUntil,
        String changeNote,
        String changeType) {

    /** The content part, checked by the same rules as a new release. */
    public ReleaseDraft asDraft() {
        return new ReleaseDraft(title, summary, body, category, tags, contact, embargoUntil, null);
    }
}
