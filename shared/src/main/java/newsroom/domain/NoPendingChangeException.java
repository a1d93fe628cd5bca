package newsroom.domain;

/** An approval that names no change awaiting one, or not the one that awaits it now. */
public final class NoPendingChangeException extends RuntimeException {
    public NoPendingChangeException(String message) {
        super(message, null, false, false);
    }
}
