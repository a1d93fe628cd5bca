package newsroom.aws;

/**
 * Keeps one sender within its share of the account's SES sending rate: a token bucket refilled at
 * {@code perSecond}, holding at most one second's worth, so bursts stay within the limit too.
 */
public final class SendRate {
    private final double perSecond;
    private double tokens;
    private long last = System.nanoTime();

    public SendRate(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("send rate must be positive");
        }
        this.perSecond = perSecond;
        this.tokens = Math.min(1, perSecond);
    }

    /** Waits until one more email may go. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return;
            }
            long waitNanos = (long) ((1 - tokens) / perSecond * 1e9);
            wait(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
        }
    }
}
