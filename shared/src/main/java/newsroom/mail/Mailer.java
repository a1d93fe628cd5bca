package newsroom.mail;

/** Sends one email and returns the provider's message id. */
public interface Mailer {
    String send(Email email);
}
