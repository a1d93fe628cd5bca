package newsroom.local;

import java.time.Duration;
import newsroom.log.JsonLog;

/** Fires a schedule at a fixed interval, as an EventBridge rule does. */
final class Ticker implements Runnable {
    private static final JsonLog LOG = JsonLog.of(Ticker.class);

    private final Duration interval;
    private final Runnable tick;
    private volatile boolean running = true;

    Ticker(Duration interval, Runnable tick) {
        this.interval = interval;
        this.tick = tick;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                if (running) {
                    tick.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("scheduled tick failed", e);
            }
        }
    }
}
