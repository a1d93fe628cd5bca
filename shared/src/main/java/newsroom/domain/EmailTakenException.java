package newsroom.domain;

/** A media contact with this email address already exists. */
public final class EmailTakenException extends RuntimeException {
    public EmailTakenException(String email) {
        super("a media contact already has this email address");
    }
}
