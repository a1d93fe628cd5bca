package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The site's identity through the local runtime: a fresh stack shows the defaults (a finished
 * site, nothing blank); the press office changes the settings with their ETag, every mistake is
 * named; the change rebuilds every page with the new chrome (logo, navigation, footer groups,
 * Follow us, copyright, skip links), and its progress is at GET /settings/rebuild; the contact,
 * privacy and accessibility pages follow the settings. Needs: the AWS emulator.
 */
class SettingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRuntime runtime;
    private static Api api;
    private static String publisher;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("pat.publisher", List.of("newsroom/publisher", "newsroom/editor"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Document page(String path) {
        HttpResponse<String> response = Http.get(runtime.siteUrl().resolve(path));
        assertEquals(200, response.statusCode(), path);
        return Jsoup.parse(response.body());
    }

    private static void chromeOf(Document page, String where, String siteName, Set<String> nav) {
        assertEquals("#main", page.select("a.skip-link").get(0).attr("href"), where + ": skip to content");
        assertEquals("#site-nav", page.select("a.skip-link").get(1).attr("href"), where + ": skip to navigation");
        assertEquals(siteName, page.select(".site-name span").text(), where);
        Set<String> labels = new TreeSet<>(page.select("#site-nav a").eachText());
        assertEquals(nav, labels, where + ": the main navigation");
        assertTrue(page.select("footer .copyright").text().startsWith("©"), where);
    }

    @Test
    void aFreshStackLooksFinishedAndAChangeOfSettingsRebuildsEveryPage() throws Exception {
        HttpResponse<String> made = api.post("/releases", publisher, release("Appeal after Castle Street collision",
                "Appeals", "\"publish\": true"));
        String url = json(made).path("url").asText();
        Eventually.await(Duration.ofSeconds(20), () -> Http.get(URI.create(url)).statusCode(), s -> s == 200);

        // Defaults: a finished site under the configured name.
        HttpResponse<String> got = api.get("/settings", publisher);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals("\"0\"", got.headers().firstValue("ETag").orElse(""));
        chromeOf(page("/news/"), "latest (defaults)", LocalRuntime.SITE_NAME,
                Set.of("News", "Archive", "Search", "Contact us"));
        assertEquals(200, Http.get(runtime.siteUrl().resolve("/accessibility/")).statusCode());
        assertEquals(200, Http.get(runtime.siteUrl().resolve("/privacy/")).statusCode());
        assertEquals(200, Http.get(runtime.siteUrl().resolve("/contact/")).statusCode());

        // Mistakes: each named; nothing saved.
        ObjectNode bad = (ObjectNode) json(got);
        bad.put("siteName", "");
        ((ArrayNode) bad.path("mainNavigation")).addObject().put("label", "Evil").put("url", "javascript:alert(1)");
        bad.putObject("logo").put("svg", "<svg><script>alert(1)</script></svg>").put("alt", "");
        bad.put("timeZone", "Mars/Olympus");
        HttpResponse<String> refused = api.send("PUT", "/settings", publisher, bad.toString(), Map.of("If-Match", "\"0\""));
        assertEquals(400, refused.statusCode(), refused.body());
        Set<String> fields = new TreeSet<>();
        json(refused).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(Set.of("siteName", "mainNavigation[4].url", "logo.svg", "logo.alt", "timeZone"), fields);
        assertEquals(428, api.send("PUT", "/settings", publisher, json(got).toString(), Map.of()).statusCode());
        assertEquals(403, api.send("PUT", "/settings", runtime.tokens().issue("ed", List.of("newsroom/editor")),
                json(got).toString(), Map.of("If-Match", "\"0\"")).statusCode());
        assertEquals(400, api.send("PUT", "/settings", publisher, "null", Map.of("If-Match", "\"0\"")).statusCode());

        // The press office's own identity.
        ObjectNode settings = (ObjectNode) json(got);
        settings.put("siteName", "Example Police News");
        settings.put("organisation", "Example Police");
        settings.putObject("logo").put("svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
                + "<rect width=\"10\" height=\"10\" fill=\"#1d4f91\"/></svg>").put("alt", "Example Police crest");
        ArrayNode nav = settings.putArray("mainNavigation");
        for (String[] link : new String[][] {{"Media Centre", "/news/"}, {"News", "/news/archive/"},
                {"Editorial", "https://www.example.police.uk/editorial"}, {"Contact Us", "/contact/"}}) {
            nav.addObject().put("label", link[0]).put("url", link[1]);
        }
        ArrayNode social = settings.putArray("social");
        social.addObject().put("label", "Facebook").put("url", "https://www.facebook.com/examplepolice");
        settings.put("copyrightHolder", "Example Police");
        settings.put("contactText", "Call the press office on **01234 567890**.");
        ObjectNode accessibility = settings.putObject("accessibility");
        accessibility.put("compliance", "partial");
        accessibility.putArray("knownIssues").add("Some older PDF attachments are not tagged for screen readers.");
        accessibility.put("reportEmail", "web@example.police.uk");
        HttpResponse<String> saved = api.send("PUT", "/settings", publisher, settings.toString(), Map.of("If-Match", "\"0\""));
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals("\"1\"", saved.headers().firstValue("ETag").orElse(""));
        assertEquals(412, api.send("PUT", "/settings", publisher, settings.toString(), Map.of("If-Match", "\"0\""))
                .statusCode(), "a change based on an old read is refused");

        // The rebuild follows; its progress is visible, then every page carries the new chrome.
        JsonNode done = Eventually.await(Duration.ofSeconds(60), () -> json(api.get("/settings/rebuild", publisher)),
                s -> s.path("state").asText().equals("done"));
        assertEquals("done", done.path("state").asText(), done.toString());
        assertEquals(1, done.path("rebuiltVersion").asInt());
        assertTrue(done.path("objects").asInt() > 5, done.toString());
        Set<String> ours = Set.of("Media Centre", "News", "Editorial", "Contact Us");
        for (String path : List.of("/news/", "/news/archive/", URI.create(url).getPath(), "/accessibility/", "/contact/",
                "/privacy/")) {
            Document page = page(path);
            chromeOf(page, path, "Example Police News", ours);
            assertTrue(page.select(".site-name img.logo").attr("src").matches("/assets/logo\\.[0-9a-f]+\\.svg"), path);
            assertEquals("Example Police crest", page.select(".site-name img.logo").attr("alt"));
            assertEquals("Facebook", page.select(".follow-us a").text(), path);
            assertTrue(page.select("footer .copyright").text().contains("Example Police"));
        }
        String logo = page("/news/").select(".site-name img.logo").attr("src");
        HttpResponse<String> logoFile = Http.get(runtime.siteUrl().resolve(logo));
        assertEquals(200, logoFile.statusCode());
        assertTrue(logoFile.body().startsWith("<svg"));
        Document statement = page("/accessibility/");
        assertEquals("Accessibility statement for Example Police News", statement.select("h1").text());
        assertTrue(statement.text().contains("partially compliant"));
        assertTrue(statement.text().contains("Some older PDF attachments are not tagged"));
        assertTrue(statement.select("a[href=mailto:web@example.police.uk]").size() > 0);
        assertTrue(statement.text().contains("Equality Advisory and Support Service"), "the enforcement procedure");
        assertTrue(page("/contact/").select("main strong").text().contains("01234 567890"));
        // A release published now carries the new chrome at once.
        HttpResponse<String> later = api.post("/releases", publisher, release("Road reopened", "Road Safety",
                "\"publish\": true"));
        String laterUrl = json(later).path("url").asText();
        Eventually.await(Duration.ofSeconds(20), () -> Http.get(URI.create(laterUrl)).statusCode(), s -> s == 200);
        chromeOf(Jsoup.parse(Http.get(URI.create(laterUrl)).body()), "a new release", "Example Police News", ours);
        assertFalse(etag(saved).isEmpty());
    }
}
