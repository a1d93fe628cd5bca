package newsroom.aws;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sender's share of the SES rate is a ceiling: it never lets more through than the rate allows. Pure. */
class SendRateTest {

    @Test
    void neverFasterThanTheRate() throws InterruptedException {
        SendRate rate = new SendRate(100);
        long start = System.nanoTime();
        for (int i = 0; i < 51; i++) {
            rate.acquire();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 51 sends at 100 a second, starting from one token: at least half a second. (A lower
        // bound only: how much slower a busy machine makes it is not this test's business.)
        assertTrue(millis >= 490, "51 sends took " + millis + " ms");
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SendRate(0));
    }
}
