package newsroom.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.service.port.ConfirmationCooldown;

/** Cooldowns in memory, with the same condition as the table's. */
public final class InMemoryConfirmationCooldown implements ConfirmationCooldown {
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    @Override
    public boolean tryStart(String email, Instant now, Duration window) {
        boolean[] started = {false};
        lastSent.compute(email, (address, last) -> {
            if (last == null || last.isBefore(now.minus(window))) {
                started[0] = true;
                return now;
            }
            return last;
        });
        return started[0];
    }
}
