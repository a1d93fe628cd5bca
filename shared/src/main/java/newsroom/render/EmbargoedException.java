package newsroom.render;

/** Refusal to render a release for the public before it is public. */
public final class EmbargoedException extends RuntimeException {
    public EmbargoedException(String releaseId) {
        super("release " + releaseId + " is not public yet");
    }
}
