package newsroom.service.port;

import newsroom.render.Email;

/** Sends one email and returns the provider's message id. */
public interface Mailer {

    /**
     * Sends the email. Throws {@link Rejected} when the provider definitely did not take it; any
     * other failure (a timeout, a reset connection, a server error) leaves it unknown whether the
     * email went, and must not be taken as "not sent".
     */
    String send(Email email);

    /** The provider answered, and refused the email: it was not sent, and sending again is safe. */
    class Rejected extends RuntimeException {
        private final String reason;

        public Rejected(String reason, Throwable cause) {
            super("the email was refused: " + reason, cause);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
