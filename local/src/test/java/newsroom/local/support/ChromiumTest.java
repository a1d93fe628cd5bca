package newsroom.local.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Without Chromium the browser tests are skipped with how to get it, except on CI, where they fail. Pure. */
class ChromiumTest {

    @Test
    void aMissingBrowserSkipsWithHowToGetIt() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> Chromium.require(false, false));
        assertTrue(skipped.getMessage().contains("apt-get install chromium chromium-driver"), skipped.getMessage());
    }

    @Test
    void onCiAMissingBrowserFailsTheRun() {
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> Chromium.require(false, true));
        assertTrue(failed.getMessage().contains("CI=true"), failed.getMessage());
    }

    @Test
    void anInstalledBrowserRunsTheTests() {
        assertDoesNotThrow(() -> Chromium.require(true, true));
        assertDoesNotThrow(() -> Chromium.require(true, false));
    }
}
