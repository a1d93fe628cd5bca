package newsroom.service;

/**
 * Not a failure: the work cannot be settled yet (for example, a send in doubt until SES reports
 * it), so the message that asked for it should come back later. Queue handlers log it quietly.
 */
public class TryAgainLater extends RuntimeException {
    public TryAgainLater(String message) {
        super(message, null, false, false);
    }
}
