package newsroom.local.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's headless Chromium and its ChromeDriver, for the browser tests. Where they are missing
 * the tests are skipped with a message that says how to get them; under CI=true a missing browser
 * fails the run instead, so CI can never skip the browser tests silently.
 */
public final class Chromium {
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String HOW_TO_GET_IT = "Chromium is not installed, so the browser tests are skipped."
            + " Install it with: sudo apt-get install chromium chromium-driver";

    private Chromium() {
    }

    /** Skips the calling test class (or fails it under CI=true) when Chromium is not installed. */
    public static void require() {
        require(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER), "true".equals(System.getenv("CI")));
    }

    static void require(boolean installed, boolean onCi) {
        if (installed) {
            return;
        }
        if (onCi) {
            throw new IllegalStateException("CI=true and " + HOW_TO_GET_IT.replace(", so the browser tests are skipped", "")
                    + " (.ci/run installs them)");
        }
        System.err.println("SKIPPED: " + HOW_TO_GET_IT);
        assumeTrue(false, HOW_TO_GET_IT);
    }
}
