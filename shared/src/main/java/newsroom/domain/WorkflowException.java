package newsroom.domain;

/** A workflow step that the release's current state does not allow (publishing a withdrawn release, say). */
public final class WorkflowException extends RuntimeException {
    public WorkflowException(String detail) {
        super(detail, null, false, false);
    }
}
