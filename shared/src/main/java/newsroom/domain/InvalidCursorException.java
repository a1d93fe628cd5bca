package newsroom.domain;

/** A paging cursor that this list did not hand out. */
public final class InvalidCursorException extends RuntimeException {
    public InvalidCursorException() {
        super("the cursor is not one this list handed out", null, false, false);
    }
}
