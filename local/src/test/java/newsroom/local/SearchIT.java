package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import newsroom.local.support.Api;
import newsroom.local.support.Browser;
import newsroom.local.support.Chromium;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import newsroom.service.SearchIndexer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The site's search in Chromium through the local runtime: the right release first for known
 * queries (a title match above a body match), a typo found, a prefix found as it is typed, a
 * category filter, results announced, the keyboard alone, axe; a withdrawn release gone from
 * the results right after its withdrawal; an embargoed one never in the index. Needs: the AWS
 * emulator, and chromium + chromium-driver.
 */
class SearchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRuntime runtime;
    private static Api api;
    private static String publisher;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        runtime = LocalStack.start(SharedEmulator.fresh());
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("pat.publisher", List.of("newsroom/publisher", "newsroom/editor"));
        publish("Appeal for witnesses after Castle Street collision", "Appeals",
                "A cyclist was hurt in a collision on Castle Street on Sunday evening.");
        publish("Man charged with burglary in Mill Lane", "Crime Operations",
                "A man has been charged after a burglary at a house in Mill Lane.");
        publish("Road safety week begins", "Road Safety",
                "Officers will talk to drivers about the dangers of speeding. Witnesses to any collision should call 101.");
        browser = Browser.start(1200, 900);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
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

    private static String publish(String title, String category, String body) {
        String json = "{\"title\": \"" + title + "\", \"summary\": \"" + body + "\", \"body\": \"" + body
                + "\", \"category\": \"" + category + "\", \"contact\": {\"name\": \"Press office\", \"phone\": \"101\"},"
                + " \"publish\": true}";
        HttpResponse<String> made = api.post("/releases", publisher, json);
        assertEquals(201, made.statusCode(), made.body());
        String id = json(made).path("id").asText();
        awaitIndexed(title);
        return id;
    }

    /** The index's results name the release once it is in: the recent file's, or the result files'. */
    private static void awaitIndexed(String title) {
        Eventually.await(Duration.ofSeconds(30), () -> resultTitles(), titles -> titles.contains(title));
    }

    private static List<String> resultTitles() {
        HttpResponse<String> manifest = Http.get(runtime.siteUrl().resolve("/search/manifest.json"));
        if (manifest.statusCode() != 200) {
            return List.of();
        }
        try {
            int docs = JSON.readTree(manifest.body()).path("docs").asInt();
            JsonNode recent = recentFile();
            List<String> titles = new java.util.ArrayList<>();
            for (int n = 1; n <= docs + 5; n++) {
                JsonNode changed = recent.path(String.valueOf(n));
                if (!changed.isMissingNode()) {
                    // As the browser reads it: the recent file wins over the result file.
                    if (changed.has("r")) {
                        titles.add(changed.path("r").path("t").asText());
                    }
                    continue;
                }
                HttpResponse<String> doc = Http.get(runtime.siteUrl().resolve("/search/d/" + n + ".json"));
                if (doc.statusCode() == 200) {
                    titles.add(JSON.readTree(doc.body()).path("t").asText());
                }
            }
            return titles;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> search(String query) {
        browser.get(runtime.siteUrl() + "/search/?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        wait.until(d -> !d.findElement(By.id("search-status")).getText().isEmpty());
        return browser.findElements(By.cssSelector("#search-results h2 a")).stream().map(WebElement::getText).toList();
    }

    @Test
    void theRightReleaseComesFirstAndATypoOrAPrefixStillFindsIt() throws Exception {
        List<String> collision = search("collision");
        assertEquals("Appeal for witnesses after Castle Street collision", collision.get(0),
                "the title match above the body match: " + collision);
        assertTrue(collision.contains("Road safety week begins"), "the body match too");
        assertEquals("Appeal for witnesses after Castle Street collision", search("colision").get(0), "one letter missing");
        assertEquals("Appeal for witnesses after Castle Street collision", search("collisoin").get(0),
                "two letters swapped");
        assertEquals("Man charged with burglary in Mill Lane", search("burglery").get(0), "one letter wrong");
        assertEquals("Man charged with burglary in Mill Lane", search("burgl").get(0), "a prefix, as it is typed");
        assertEquals("Man charged with burglary in Mill Lane", search("mill lane").get(0));
        assertTrue(browser.findElement(By.id("search-status")).getText().contains("match"));
        assertEquals(List.of(), search("zebra crossing"));
        assertTrue(browser.findElement(By.id("search-status")).getText().startsWith("No news releases match"));
        Browser.assertAccessible(browser, "search-page");
        Browser.assertNoConsoleErrors(browser, "search-page");

        // The category filter.
        search("collision");
        new Select(browser.findElement(By.id("category"))).selectByVisibleText("Road Safety");
        wait.until(d -> d.findElements(By.cssSelector("#search-results h2 a")).size() == 1);
        assertEquals("Road safety week begins", browser.findElement(By.cssSelector("#search-results h2 a")).getText());
        assertTrue(browser.getCurrentUrl().contains("category=Road+Safety"), browser.getCurrentUrl());
        Browser.screenshot(browser, "search-results");
    }

    @Test
    void theKeyboardAloneSearchesFromAnyPage() throws Exception {
        browser.get(runtime.siteUrl() + "/news/");
        WebElement box = browser.findElement(By.id("site-search-q"));
        for (int i = 0; i < 10 && !box.equals(browser.switchTo().activeElement()); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertEquals(box, browser.switchTo().activeElement(), "the header's search box, by Tab");
        box.sendKeys("burglary", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "match"));
        assertTrue(browser.getCurrentUrl().contains("/search/?q=burglary"));
        assertEquals("Man charged with burglary in Mill Lane",
                browser.findElement(By.cssSelector("#search-results h2 a")).getText());
        // As you type on the search page itself: results follow the words.
        WebElement q = browser.findElement(By.id("q"));
        q.clear();
        q.sendKeys("castle str");
        wait.until(d -> d.findElements(By.cssSelector("#search-results h2 a")).stream()
                .anyMatch(a -> a.getText().contains("Castle Street")));
        String noscript = Http.get(runtime.siteUrl().resolve("/search/")).body();
        assertTrue(noscript.contains("<noscript>") && noscript.contains("/news/archive/"), "without JavaScript: the archive");
    }

    @Test
    void aWithdrawnReleaseIsGoneAtOnceAndAnEmbargoedOneIsNeverIndexed() throws Exception {
        String id = publish("Bridge closed for repairs", "Road Safety", "The Riverside bridge is closed.");
        assertEquals("Bridge closed for repairs", search("riverside bridge").get(0));
        HttpResponse<String> current = api.get("/releases/" + id, publisher);
        assertEquals(200, api.post("/releases/" + id + "/withdraw", publisher, "{\"reason\": \"Issued in error.\"}",
                Map.of("If-Match", etag(current))).statusCode());
        Eventually.await(Duration.ofSeconds(30), SearchIT::resultTitles, t -> !t.contains("Bridge closed for repairs"));
        assertFalse(search("riverside bridge").contains("Bridge closed for repairs"), "gone from the results");

        Instant embargo = Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.MINUTES);
        HttpResponse<String> scheduled = api.post("/releases", publisher, release("Dawn raids on Quayside smugglers",
                "Crime Operations", "\"publish\": true, \"embargoUntil\": \"" + embargo + "\""));
        assertEquals("SCHEDULED", json(scheduled).path("status").asText());
        publish("Community open day", "Community", "Meet your neighbourhood team.");
        assertFalse(resultTitles().contains("Dawn raids on Quayside smugglers"));
        JsonNode manifest = JSON.readTree(Http.get(runtime.siteUrl().resolve("/search/manifest.json")).body());
        String hash = manifest.path("words").path("qu").asText();
        if (!hash.isEmpty()) {
            String dictionary = Http.get(runtime.siteUrl().resolve("/search/p/qu." + hash + ".json")).body();
            assertFalse(dictionary.contains("\"quayside\""), "no word of an embargoed release in the index");
        }
        String smHash = manifest.path("words").path("sm").asText();
        if (!smHash.isEmpty()) {
            assertFalse(Http.get(runtime.siteUrl().resolve("/search/p/sm." + smHash + ".json")).body()
                    .contains("\"smugglers\""), "no postings for it either");
        }
        String recent = manifest.path("recent").asText();
        if (!recent.isEmpty()) {
            String changes = Http.get(runtime.siteUrl().resolve("/search/r." + recent + ".json")).body();
            assertTrue(changes.contains("\"neighbourhood\""), "the recent file has the release published after it");
            assertFalse(changes.contains("quayside") || changes.contains("smugglers"), "but nothing of the embargoed one");
        }
        assertEquals(List.of(), search("quayside smugglers"));
    }

    /**
     * A release in the word files, then changed: the browser finds it by its new words, filters it
     * by its category, and no longer finds it by its old words, which the word files still have
     * until the next fold (the recent file wins over them).
     */
    @Test
    void aReleaseChangedAfterItWentIntoTheWordFilesIsFoundByItsNewWordsOnly() throws Exception {
        String id = publish("Harbour lights festival", "Community", "Lanterns along the harbour wall.");
        // More releases than the recent file holds: it is folded into the word files, with the festival.
        for (int i = 0; i <= SearchIndexer.FOLD; i++) {
            HttpResponse<String> made = api.post("/releases", publisher,
                    release("Weekly bulletin " + i, "Community", "\"publish\": true"));
            assertEquals(201, made.statusCode(), made.body());
        }
        awaitIndexed("Weekly bulletin " + SearchIndexer.FOLD);
        Eventually.await(Duration.ofSeconds(30), () -> wordFiles("ha"), d -> d.contains("\"harbour\""));
        while (recentFile().size() >= SearchIndexer.FOLD) { // so that the change below is not itself a fold
            publish("Weekly bulletin extra " + recentFile().size(), "Community", "Routine notice.");
        }
        HttpResponse<String> current = api.get("/releases/" + id, publisher);
        HttpResponse<String> changed = api.put("/releases/" + id, publisher, release("Lantern parade on the quay",
                "Community", "\"changeNote\": \"Renamed.\", \"changeType\": \"major\""), etag(current));
        assertEquals(200, changed.statusCode(), changed.body());
        awaitIndexed("Lantern parade on the quay");

        assertEquals(List.of("Lantern parade on the quay"), search("lantern parade"));
        new Select(browser.findElement(By.id("category"))).selectByVisibleText("Community");
        wait.until(d -> browser.getCurrentUrl().contains("category=Community"));
        wait.until(d -> d.findElements(By.cssSelector("#search-results h2 a")).size() == 1);
        assertEquals("Lantern parade on the quay", browser.findElement(By.cssSelector("#search-results h2 a")).getText());
        assertEquals(List.of(), search("harbour festival"), "not by its old words");
        assertTrue(wordFiles("ha").contains("\"harbour\""), "which the word files still have");
        assertTrue(recentFile().has(numberOf("Lantern parade on the quay")), "hidden by the recent file");
        Browser.assertNoConsoleErrors(browser, "search-after-change");
    }

    /** The dictionary of the word files for these two letters, as the site serves it ("" if none). */
    private static String wordFiles(String prefix) {
        try {
            String hash = JSON.readTree(Http.get(runtime.siteUrl().resolve("/search/manifest.json")).body())
                    .path("words").path(prefix).asText();
            return hash.isEmpty() ? "" : Http.get(runtime.siteUrl().resolve("/search/p/" + prefix + "." + hash + ".json")).body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The releases in the recent file, by number, as the site serves it. */
    private static JsonNode recentFile() {
        try {
            String hash = JSON.readTree(Http.get(runtime.siteUrl().resolve("/search/manifest.json")).body())
                    .path("recent").asText();
            return hash.isEmpty() ? JSON.createObjectNode()
                    : JSON.readTree(Http.get(runtime.siteUrl().resolve("/search/r." + hash + ".json")).body()).path("docs");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The number of the result file with this title. */
    private static String numberOf(String title) throws java.io.IOException {
        int docs = JSON.readTree(Http.get(runtime.siteUrl().resolve("/search/manifest.json")).body()).path("docs").asInt();
        JsonNode recent = recentFile();
        for (int n = 1; n <= docs + 50; n++) {
            if (recent.path(String.valueOf(n)).path("r").path("t").asText().equals(title)) {
                return String.valueOf(n);
            }
            HttpResponse<String> doc = Http.get(runtime.siteUrl().resolve("/search/d/" + n + ".json"));
            if (doc.statusCode() == 200 && JSON.readTree(doc.body()).path("t").asText().equals(title)) {
                return String.valueOf(n);
            }
        }
        throw new AssertionError("no result file for " + title);
    }

    /** The press office's own identity in every page: axe passes with it, and the README shows it. */
    @Test
    void theSiteInThePressOfficesOwnIdentityPassesAxe() throws Exception {
        HttpResponse<String> got = api.get("/settings", publisher);
        com.fasterxml.jackson.databind.node.ObjectNode settings = (com.fasterxml.jackson.databind.node.ObjectNode) json(got);
        settings.put("siteName", "Example Police News");
        settings.put("organisation", "Example Police");
        settings.putObject("logo").put("svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\">"
                + "<circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#1d4f91\" stroke=\"#fff\" stroke-width=\"3\"/>"
                + "<path d=\"M20 8 L29 14 V22 C29 28 20 33 20 33 C20 33 11 28 11 22 V14 Z\" fill=\"#fff\"/></svg>")
                .put("alt", "Example Police crest");
        com.fasterxml.jackson.databind.node.ArrayNode nav = settings.putArray("mainNavigation");
        for (String[] link : new String[][] {{"Media Centre", "/news/"}, {"News", "/news/archive/"},
                {"Editorial", "/search/"}, {"Contact Us", "/contact/"}}) {
            nav.addObject().put("label", link[0]).put("url", link[1]);
        }
        com.fasterxml.jackson.databind.node.ArrayNode footer = settings.putArray("footer");
        com.fasterxml.jackson.databind.node.ObjectNode about = footer.addObject().put("heading", "About us");
        com.fasterxml.jackson.databind.node.ArrayNode links = about.putArray("links");
        for (String[] link : new String[][] {{"About Us", "/contact/"}, {"Privacy Policy", "/privacy/"},
                {"Cookies", "/privacy/"}, {"Terms", "/privacy/"}, {"Accessibility", "/accessibility/"}}) {
            links.addObject().put("label", link[0]).put("url", link[1]);
        }
        com.fasterxml.jackson.databind.node.ArrayNode social = settings.putArray("social");
        social.addObject().put("label", "Facebook").put("url", "https://www.facebook.com/examplepolice");
        social.addObject().put("label", "X").put("url", "https://x.com/examplepolice");
        settings.put("copyrightHolder", "Example Police");
        HttpResponse<String> saved = api.send("PUT", "/settings", publisher, settings.toString(),
                Map.of("If-Match", etag(got)));
        assertEquals(200, saved.statusCode(), saved.body());
        Eventually.await(Duration.ofSeconds(60), () -> json(api.get("/settings/rebuild", publisher)).path("state").asText(),
                state -> state.equals("done"));
        for (String[] page : new String[][] {{"site-latest", "/news/"}, {"site-accessibility", "/accessibility/"},
                {"site-search", "/search/?q=collision"}}) {
            // A query of its own: the browser may hold the page from before the change for a minute.
            browser.get(runtime.siteUrl() + page[1] + (page[1].contains("?") ? "&" : "?") + "after=settings");
            if (page[1].contains("?q=")) {
                wait.until(d -> !d.findElement(By.id("search-status")).getText().isEmpty());
                // The rebuild built the search index again: every release is still found.
                assertEquals("Appeal for witnesses after Castle Street collision",
                        browser.findElement(By.cssSelector("#search-results h2 a")).getText());
            }
            assertEquals("Example Police News", browser.findElement(By.cssSelector(".site-name span")).getText());
            Browser.assertAccessible(browser, page[0]);
            Browser.assertNoConsoleErrors(browser, page[0]);
            Browser.screenshot(browser, page[0]);
        }
    }
}
