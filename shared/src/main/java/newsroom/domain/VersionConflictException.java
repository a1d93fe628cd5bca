package newsroom.domain;

/** The release changed since the caller read it (its version moved on, or it is gone). */
public final class VersionConflictException extends RuntimeException {
    public VersionConflictException(String releaseId) {
        super("release " + releaseId + " changed since it was read", null, false, false);
    }
}
