package newsroom.service.port;

import newsroom.render.Email;

/** Sends one email and returns the provider's message id. */
public interface Mailer {
    String send(Email email);
}
