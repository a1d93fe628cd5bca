package newsroom.domain;

/** The contact changed since it was read (edited, unsubscribed, bounced): nothing was written. */
public final class ContactChangedException extends RuntimeException {
    public ContactChangedException(String contact) {
        super("The contact " + contact + " changed since it was read.", null, false, false);
    }
}
