package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import newsroom.local.support.Api;
import newsroom.local.support.Browser;
import newsroom.local.support.Chromium;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The site in a real browser (Debian's headless Chromium): axe-core finds no serious or critical
 * accessibility violations on the release page, the latest list and a category page, and the
 * browser logs no console errors. Screenshots go to target/screenshots.
 * Needs: the AWS emulator (started by the harness), and chromium + chromium-driver from Debian (.ci/run
 * installs them; without them the class is skipped with a message, and fails under CI=true).
 */
class BrowserIT {
    private static LocalRuntime runtime;
    private static ChromeDriver browser;
    private static String releaseUrl;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        runtime = LocalStack.start(SharedEmulator.fresh());
        Api api = new Api(runtime.apiUrl());
        String editor = runtime.tokens().issue("editor@example.gov.uk", List.of("newsroom/editor"));
        String publisher = runtime.tokens().issue("publisher@example.gov.uk", List.of("newsroom/publisher"));
        api.post("/releases", publisher, release("Road closure on the A38 this weekend", "Road Safety", "\"publish\": true"));
        String body = "{\"title\": \"Inspection finds a good response to cyber-dependent crime\", "
                + "\"summary\": \"The first national inspection of the police response to cyber-dependent crime rates it good.\", "
                + "\"body\": \"Every force in England and Wales now has a dedicated cyber crime unit.\\n\\n"
                + "Chief Constable Alex Morgan, national lead for cyber crime, said:\\n\\n"
                + "> \\u201cWe know there is more to do to make investigations consistent across the country.\\u201d\\n\\n"
                + "## Key findings\\n\\n- Dedicated units in all 43 forces\\n- A national training plan\\n\\n"
                + "Read [the full report](https://www.example.gov.uk/report).\", \"category\": \"Crime Operations\", "
                + "\"tags\": [\"cyber crime\"], \"contact\": {\"name\": \"Communications office\", \"phone\": \"0800 000 0000\", "
                + "\"email\": \"press.office@example.police.uk\"}}";
        HttpResponse<String> draft = api.post("/releases", editor, body);
        String id = json(draft).path("id").asText();
        byte[] png = chart();
        JsonNode declared = json(api.post("/releases/" + id + "/attachments", editor,
                "{\"fileName\": \"report.png\", \"contentType\": \"image/png\", \"size\": " + png.length + "}"));
        Http.send(HttpRequest.newBuilder(URI.create(declared.path("upload").path("url").asText()))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)));
        HttpResponse<String> current = api.get("/releases/" + id, editor);
        HttpResponse<String> withHero = api.put("/releases/" + id, editor, body.substring(0, body.length() - 1)
                + ", \"heroImage\": {\"fileName\": \"report.png\", \"alt\": \"The inspection report's cover\"}}", etag(current));
        HttpResponse<String> published = api.post("/releases/" + id + "/publish", publisher, null,
                Map.of("If-Match", etag(withHero)));
        releaseUrl = json(published).path("url").asText();
        Eventually.await(Duration.ofSeconds(15), () -> Http.get(URI.create(releaseUrl)), r -> r.statusCode() == 200);
        Eventually.await(Duration.ofSeconds(10), () -> Http.get(runtime.siteUrl().resolve("/news/")).body(),
                b -> b.contains("Inspection finds") && b.contains("Road closure"));

        browser = Browser.start(1200, 900);
    }

    /** A bar chart as the hero image: forces with a dedicated cyber crime unit, 2016 and 2019. */
    private static byte[] chart() throws IOException {
        var image = new BufferedImage(720, 300, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0xf3f2f1));
        g.fillRect(0, 0, 720, 300);
        g.setColor(new Color(0x1d70b8));
        g.fillRect(120, 300 - 40 - 70, 180, 70);
        g.fillRect(420, 300 - 40 - 210, 180, 210);
        g.setColor(new Color(0x0b0c0c));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString("14 forces (2016)", 120, 300 - 50 - 70);
        g.drawString("43 forces (2019)", 420, 300 - 50 - 210);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static void check(String name, String url) throws Exception {
        browser.get(url);
        Browser.assertAccessible(browser, name);
        Browser.assertNoConsoleErrors(browser, name);
        Browser.screenshot(browser, name);
    }

    @Test
    void releasePageIsAccessible() throws Exception {
        check("release-page", releaseUrl);
        assertEquals(1, browser.findElements(By.tagName("h1")).size());
        assertEquals("The inspection report's cover", browser.findElement(By.cssSelector(".hero img")).getAttribute("alt"));
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("Skip to main content", browser.switchTo().activeElement().getText(),
                "the first Tab reaches a visible skip link");
    }

    @Test
    void latestListIsAccessible() throws Exception {
        check("latest-news", runtime.siteUrl() + "/news/");
        assertTrue(browser.findElements(By.cssSelector(".release-list li")).size() >= 2);
    }

    @Test
    void categoryPageIsAccessible() throws Exception {
        check("category-page", runtime.siteUrl() + "/news/category/crime-operations/");
    }

    @Test
    void theSettingsPagesAreAccessible() throws Exception {
        check("accessibility-statement", runtime.siteUrl() + "/accessibility/");
        check("contact-page", runtime.siteUrl() + "/contact/");
        check("privacy-page", runtime.siteUrl() + "/privacy/");
        check("not-found-page", runtime.siteUrl() + "/404.html");
        check("archive-page", runtime.siteUrl() + "/news/archive/");
        browser.get(runtime.siteUrl() + "/contact/");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("Skip to navigation", browser.switchTo().activeElement().getText(), "the second skip link");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("News", browser.switchTo().activeElement().getText(), "straight to the main navigation");
    }
}
