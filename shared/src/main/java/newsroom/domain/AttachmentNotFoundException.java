package newsroom.domain;

/** The release has no attachment with this id (never declared, or removed already). */
public final class AttachmentNotFoundException extends RuntimeException {
    public AttachmentNotFoundException(String releaseId, String attachmentId) {
        super("Release " + releaseId + " has no attachment with id " + attachmentId + ".", null, false, false);
    }
}
