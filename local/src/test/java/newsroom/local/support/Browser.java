package newsroom.local.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Debian's headless Chromium driven by Selenium, with the checks every browser test makes. */
public final class Browser {
    private Browser() {
    }

    /** A fresh headless Chromium (its own profile) that keeps the console's messages. */
    public static ChromeDriver start(int width, int height) throws IOException {
        Chromium.require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BROWSER.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-GB", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.DRIVER.toFile()).build(), options);
        browser.manage().window().setSize(new Dimension(width, height));
        return browser;
    }

    /** axe-core finds no serious or critical WCAG 2.2 AA violation on what the browser shows now. */
    public static void assertAccessible(ChromeDriver browser, String name) {
        // Frames are left out: axe cannot run in the desk's sandboxed preview, which shows a public
        // page that the site's own browser tests check.
        Results results = new AxeBuilder().disableIframeTesting().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                "best-practice")).analyze(browser);
        List<String> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(Browser::describe).toList();
        assertEquals(List.of(), serious, name + ": serious or critical accessibility violations");
    }

    /** The browser logged no error (a CSP violation, a failed script, a 5xx) since the last look. */
    public static void assertNoConsoleErrors(ChromeDriver browser, String name) {
        List<String> errors = consoleErrors(browser);
        assertEquals(List.of(), errors, name + ": console errors");
    }

    public static List<String> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Saves what the browser shows to target/screenshots/NAME.png. */
    public static Path screenshot(ChromeDriver browser, String name) throws IOException {
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        Path file = screenshots.resolve(name + ".png");
        browser.executeScript("window.scrollTo(0, 0)");
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    private static String describe(Rule violation) {
        return violation.getId() + " (" + violation.getImpact() + "): " + violation.getHelp() + " at "
                + violation.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
    }
}
