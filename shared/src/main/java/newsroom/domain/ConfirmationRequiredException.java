package newsroom.domain;

import java.util.List;

/** Publishing a release with flags that ask for confirmation, without confirming each of them. */
public final class ConfirmationRequiredException extends RuntimeException {
    private final List<String> flags;

    public ConfirmationRequiredException(List<String> flags) {
        super("confirm before publishing: " + flags);
        this.flags = List.copyOf(flags);
    }

    /** The flags still to confirm. */
    public List<String> flags() {
        return flags;
    }
}
