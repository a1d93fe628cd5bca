package newsroom.local;

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
import java.util.List;
import java.util.Set;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;

/**
 * The public site as a reader (and a feed reader, and a search engine) gets it from the local CDN:
 * release pages with their metadata, the latest list, month archives, category pages, the archive
 * index, feeds, sitemaps, robots.txt and the 404 page; and the CDN told exactly what changed.
 * Needs: the AWS emulator (started by the harness).
 */
class SitePagesIT {
    private static final Instant OCTOBER = Instant.parse("2026-10-14T09:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-20T09:00:00Z");
    private static MutableClock clock;
    private static LocalRuntime runtime;
    private static Api api;
    private static String publisher;
    private static JsonNode october;
    private static JsonNode novemberAppeal;
    private static JsonNode novemberRoads;

    @BeforeAll
    static void start() {
        clock = new MutableClock(OCTOBER);
        runtime = LocalStack.start(SharedEmulator.fresh(), LocalRuntime.Options.defaults().withClock(clock));
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("publisher@example.gov.uk", List.of("newsroom/publisher"));
        october = publish("October appeal for witnesses", "Appeals");
        awaitPage(october.path("url").asText());
        clock.set(NOVEMBER);
        novemberAppeal = publish("November appeal after burglary", "Appeals");
        awaitPage(novemberAppeal.path("url").asText());
        clock.advance(Duration.ofMinutes(30));
        novemberRoads = publish("Road closure on the A38", "Road Safety");
        awaitPage(novemberRoads.path("url").asText());
        Eventually.await(Duration.ofSeconds(10), () -> site("/news/").body(), b -> b.contains("Road closure on the A38"));
        // The category's feed is written in the same round as the list, or the one after: not at the same instant.
        Eventually.await(Duration.ofSeconds(10), () -> site("/feeds/road-safety.atom").body(),
                b -> b.contains("Road closure on the A38"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static JsonNode publish(String title, String category) {
        HttpResponse<String> created = api.post("/releases", publisher, release(title, category,
                "\"tags\": [\"witness appeal\"], \"publish\": true"));
        assertEquals(201, created.statusCode(), created.body());
        return json(created);
    }

    private static HttpResponse<String> site(String path) {
        return Http.get(runtime.siteUrl().resolve(path));
    }

    private static HttpResponse<String> awaitPage(String url) {
        return Eventually.await(Duration.ofSeconds(15), () -> Http.get(URI.create(url)), r -> r.statusCode() == 200);
    }

    @Test
    void releasePageCarriesItsMetadata() throws Exception {
        HttpResponse<String> page = awaitPage(novemberAppeal.path("url").asText());
        Document html = Jsoup.parse(page.body());
        String url = novemberAppeal.path("url").asText();
        assertEquals("en-GB", html.select("html").attr("lang"));
        assertEquals(url, html.select("link[rel=canonical]").attr("href"));
        assertEquals("November appeal after burglary", html.select("meta[property=og:title]").attr("content"));
        assertEquals("article", html.select("meta[property=og:type]").attr("content"));
        assertEquals(url, html.select("meta[property=og:url]").attr("content"));
        assertEquals("summary", html.select("meta[name=twitter:card]").attr("content"));
        assertEquals("/feeds/news.atom", html.select("link[rel=alternate][type=application/atom+xml]").first().attr("href"));
        assertEquals(1, html.select("h1").size());
        assertEquals("/news/category/appeals/", html.select(".meta a").attr("href"));
        JsonNode ld = new ObjectMapper().readTree(html.select("script[type=application/ld+json]").first().data());
        assertEquals("NewsArticle", ld.path("@type").asText());
        assertEquals("November appeal after burglary", ld.path("headline").asText());
        assertEquals(novemberAppeal.path("publishedAt").asText(), ld.path("datePublished").asText());
        assertEquals(url, ld.path("url").asText());
    }

    @Test
    void listsArchivesAndCategories() {
        String latest = site("/news/").body();
        assertTrue(latest.indexOf("Road closure on the A38") < latest.indexOf("November appeal after burglary"),
                "newest first");
        assertTrue(latest.contains("October appeal for witnesses"));

        HttpResponse<String> novemberArchive = site("/news/2026/11/");
        assertEquals(200, novemberArchive.statusCode());
        assertTrue(novemberArchive.body().contains("News from November 2026"));
        assertTrue(novemberArchive.body().contains("Road closure on the A38"));
        assertFalse(novemberArchive.body().contains("October appeal"));
        assertTrue(Eventually.await(Duration.ofSeconds(5), () -> site("/news/2026/10/").body(),
                b -> b.contains("October appeal")).contains("October appeal"));

        String appeals = site("/news/category/appeals/").body();
        assertTrue(appeals.contains("November appeal after burglary") && appeals.contains("October appeal for witnesses"));
        assertFalse(appeals.contains("Road closure"));
        assertTrue(appeals.contains("href=\"/news/archive/\""), "a category page links to the archives");
        assertTrue(appeals.contains("href=\"/feeds/appeals.atom\""));

        String archive = site("/news/archive/").body();
        assertTrue(archive.contains("href=\"/news/2026/11/\">November 2026"));
        assertTrue(archive.contains("href=\"/news/2026/10/\">October 2026"));
    }

    @Test
    void feedsAndSitemapsAreServedWithTheirTypes() {
        HttpResponse<String> atom = site("/feeds/news.atom");
        assertEquals("application/atom+xml; charset=utf-8", atom.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(atom.body().contains("<title>November appeal after burglary</title>"));
        HttpResponse<String> categoryAtom = site("/feeds/road-safety.atom");
        assertTrue(categoryAtom.body().contains("Road closure on the A38"));
        assertFalse(categoryAtom.body().contains("November appeal"));
        HttpResponse<String> rss = site("/feeds/news.rss");
        assertEquals("application/rss+xml; charset=utf-8", rss.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(rss.body().contains("<link>" + novemberRoads.path("url").asText() + "</link>"));

        String index = site("/sitemap.xml").body();
        assertTrue(index.contains("<loc>" + runtime.siteUrl() + "/sitemaps/2026-10.xml</loc>"));
        assertTrue(index.contains("<loc>" + runtime.siteUrl() + "/sitemaps/2026-11.xml</loc>"));
        String november = site("/sitemaps/2026-11.xml").body();
        for (JsonNode release : List.of(novemberAppeal, novemberRoads)) {
            assertTrue(november.contains("<loc>" + release.path("url").asText() + "</loc>"));
        }
        assertTrue(november.contains("<loc>" + runtime.siteUrl() + "/news/2026/11/</loc>"), november);
        assertFalse(november.contains(october.path("url").asText()), "each month's releases in its own shard");
        assertTrue(site("/sitemaps/2026-10.xml").body().contains("<loc>" + october.path("url").asText() + "</loc>"));
        String robots = site("/robots.txt").body();
        assertTrue(robots.contains("Sitemap: " + runtime.siteUrl() + "/sitemap.xml"));
    }

    @Test
    void unknownPagesGetTheNotFoundPage() {
        HttpResponse<String> missing = site("/news/2026/11/no-such-release/");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<h1>Page not found</h1>"));
    }

    @Test
    void theCdnIsToldExactlyTheChangedPaths() {
        var cloudFront = runtime.clients().cloudFront();
        String distribution = runtime.resources().distributionId();
        String releasePath = URI.create(novemberRoads.path("url").asText()).getPath() + "index.html";
        Set<String> expected = Set.of(releasePath, "/news/index.html", "/feeds/news.atom", "/feeds/news.rss",
                "/news/2026/11/index.html", "/news/category/road-safety/index.html", "/feeds/road-safety.atom",
                "/sitemaps/2026-11.xml", "/sitemap.xml", "/news/archive/index.html");
        // Each release page in a request named by its version; the lists in requests of their own
        // (one per render, which may cover several releases' changes).
        Set<String> invalidated = Eventually.await(Duration.ofSeconds(10), () -> {
            Set<String> paths = new java.util.HashSet<>();
            for (InvalidationSummary summary : cloudFront.listInvalidations(l -> l.distributionId(distribution))
                    .invalidationList().items()) {
                List<String> batch = cloudFront.getInvalidation(g -> g.distributionId(distribution).id(summary.id()))
                        .invalidation().invalidationBatch().paths().items();
                assertFalse(batch.stream().anyMatch(p -> p.contains("*")), "never a wildcard: " + batch);
                paths.addAll(batch);
            }
            return paths;
        }, paths -> paths.containsAll(expected));
        assertTrue(invalidated.containsAll(expected), invalidated.toString());
        assertTrue(invalidated.stream().allMatch(p -> p.startsWith("/news/") || p.startsWith("/feeds/")
                || p.startsWith("/sitemap") || p.startsWith("/downloads/") || p.startsWith("/assets/")
                || p.equals("/404.html") || p.equals("/robots.txt") || p.startsWith("/search/")
                || p.equals("/accessibility/index.html") || p.equals("/contact/index.html")
                || p.equals("/privacy/index.html")), "only the site's own paths: " + invalidated);
        // The search index: its manifest and the changed results only (its other parts are new files).
        assertTrue(invalidated.contains("/search/manifest.json"));
        assertTrue(invalidated.stream().filter(p -> p.startsWith("/search/")).allMatch(p -> p.equals("/search/manifest.json")
                || p.startsWith("/search/d/") || p.equals("/search/index.html")),
                "dictionaries, postings and facets are new files, never invalidated: " + invalidated);
    }

}
