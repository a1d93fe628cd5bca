package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import nu.validator.validation.SimpleDocumentValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The whole local site, crawled from /news/ as a reader would follow it: every page is valid HTML
 * by the Nu Html Checker (downloads with spaces in their names, a picture inside a link, odd but
 * valid addresses), and every link on it answers.
 * Needs: the AWS emulator (started by the harness).
 */
class SiteCrawlIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGES = 150;
    private static LocalRuntime runtime;

    @BeforeAll
    static void publishAWeeksWorth() throws IOException {
        runtime = LocalStack.start(SharedEmulator.fresh());
        String publisher = runtime.tokens().issue("officer@example.gov.uk",
                List.of("newsroom/editor", "newsroom/publisher"));
        URI releases = runtime.apiUrl().resolve("/releases");
        String body = "Officers are appealing for witnesses.\\n\\n"
                + "[![Force logo](logo.png)](https://www.example.police.uk)\\n\\n"
                + "Write to [the appeals team](mailto:appeals.team+a38@example.police.uk) or see the map below.";
        String draft = "{\"title\": \"Collision on the A38: appeal\", \"summary\": \"Witnesses sought.\", \"body\": \""
                + body + "\", \"category\": \"Road Safety\", \"tags\": [\"roads\"], \"contact\": {\"name\": "
                + "\"Press office\", \"phone\": \"0800 000 0000\", \"email\": \"press.office+roads@example.police.uk\"}}";
        HttpResponse<String> created = Http.postJson(releases, publisher, draft);
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();
        byte[] pdf = "%PDF-1.4 map".getBytes(StandardCharsets.US_ASCII);
        JsonNode declared = JSON.readTree(Http.postJson(runtime.apiUrl().resolve("/releases/" + id + "/attachments"),
                publisher, "{\"fileName\": \"Collision map.pdf\", \"contentType\": \"application/pdf\", \"size\": "
                        + pdf.length + "}").body());
        assertEquals(200, Http.send(HttpRequest.newBuilder(URI.create(declared.path("upload").path("url").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)))
                .statusCode());
        HttpResponse<String> published = Http.send(HttpRequest.newBuilder(runtime.apiUrl().resolve(
                        "/releases/" + id + "/publish"))
                .header("Authorization", "Bearer " + publisher)
                .header("If-Match", "\"" + declared.path("releaseVersion").asText() + "\"")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, published.statusCode(), published.body());
        for (String category : List.of("Appeals", "Community", "Court Results")) {
            assertEquals(201, Http.postJson(releases, publisher, EndToEndIT.fixture()
                    .replace("\"Crime Operations\"", "\"" + category + "\"")).statusCode());
        }
        String page = JSON.readTree(published.body()).path("url").asText();
        Eventually.await(Duration.ofSeconds(20), () -> Http.get(URI.create(page)), r -> r.statusCode() == 200
                && r.body().contains("Collision%20map.pdf"));
        // The lists follow the release pages: crawl once all four releases are listed.
        Eventually.await(Duration.ofSeconds(20), () -> Http.get(runtime.siteUrl().resolve("/news/")),
                r -> r.statusCode() == 200 && r.body().split("href=\"/news/20", -1).length - 1 >= 4);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** Nu Html Checker errors in one page. */
    private static List<String> htmlErrors(String html) throws Exception {
        List<String> found = new ArrayList<>();
        ErrorHandler errors = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                found.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        SimpleDocumentValidator validator = new SimpleDocumentValidator();
        validator.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", errors);
        validator.setUpValidatorAndParsers(errors, false, false);
        validator.checkHtmlInputSource(new InputSource(new StringReader(html)));
        return found;
    }

    @Test
    void everyPageIsValidHtmlAndEveryLinkAnswers() throws Exception {
        URI site = runtime.siteUrl();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/news/"));
        List<String> problems = new ArrayList<>();
        int pages = 0;
        while (!queue.isEmpty() && pages < MAX_PAGES) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> response = Http.get(site.resolve(path));
            if (response.statusCode() != 200) {
                problems.add(path + " answers " + response.statusCode());
                continue;
            }
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                continue;
            }
            pages++;
            htmlErrors(response.body()).forEach(error -> problems.add(path + " " + error));
            for (Element link : Jsoup.parse(response.body(), site.resolve(path).toString()).select("a[href]")) {
                URI target = URI.create(link.absUrl("href"));
                if (target.getPort() == site.getPort() && "localhost".equals(target.getHost())) {
                    queue.add(target.getRawPath());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(pages >= 8, "the crawl reached the site: " + seen);
        assertTrue(seen.stream().anyMatch(p -> p.endsWith("/Collision%20map.pdf")), "the download is linked: " + seen);
    }
}
