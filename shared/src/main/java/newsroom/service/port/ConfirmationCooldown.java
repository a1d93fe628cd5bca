package newsroom.service.port;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers when a subscription confirmation last went to an address, so that nobody can make us
 * send one again and again to someone else's inbox.
 */
public interface ConfirmationCooldown {

    /**
     * Starts a cooldown for this address unless one is running: true when no confirmation went to
     * it since {@code now - window} (the caller sends one now), false otherwise. Atomic, so two
     * requests at once send one email.
     */
    boolean tryStart(String email, Instant now, Duration window);
}
