package newsroom.domain;

import java.time.Instant;

/**
 * A change to a published release that waits for a second person (the two-person rule): what it
 * does, who proposed it and when, and the version it was made against. The public page stays as
 * approved until someone else publishes the change; proposing another change replaces this one.
 */
public record PendingChange(String id, Kind kind, ReleaseEdit edit, Attachment attachment, String attachmentId,
                            String changeNote, String changeType, String proposedBy, Instant proposedAt,
                            long basedOn) {

    /** What the change does. */
    public enum Kind {
        EDIT, ADD_ATTACHMENT, REMOVE_ATTACHMENT
    }

    public static PendingChange edit(ReleaseEdit edit) {
        return new PendingChange(null, Kind.EDIT, edit, null, null, edit.changeNote(), edit.changeType(), null, null, 0);
    }

    public static PendingChange addAttachment(Attachment attachment, String changeNote, String changeType) {
        return new PendingChange(null, Kind.ADD_ATTACHMENT, null, attachment, null, changeNote, changeType, null, null, 0);
    }

    public static PendingChange removeAttachment(String attachmentId, String changeNote, String changeType) {
        return new PendingChange(null, Kind.REMOVE_ATTACHMENT, null, null, attachmentId, changeNote, changeType,
                null, null, 0);
    }

    /** This change as proposed by {@code who}, at {@code at}, against version {@code basedOn}. */
    public PendingChange proposed(String newId, String who, Instant at, long version) {
        return new PendingChange(newId, kind, edit, attachment, attachmentId, changeNote, changeType, who, at, version);
    }

    /** The release as it is with this change made (checked by the workflow's rules, as if made now). */
    public Release applyTo(Release current, ReleaseWorkflow workflow, Instant now) {
        return switch (kind) {
            case EDIT -> workflow.edit(current, edit, now);
            case ADD_ATTACHMENT -> workflow.addAttachment(current, attachment, changeNote, changeType, now);
            case REMOVE_ATTACHMENT -> workflow.removeAttachment(current, attachmentId, changeNote, changeType, now);
        };
    }
}
