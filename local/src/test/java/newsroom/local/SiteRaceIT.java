package newsroom.local;

import static newsroom.local.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A press office in a crisis, through the local runtime with its site publishers running several
 * at once (the template's ParallelizationFactor): releases published from several desks at once,
 * then withdrawn, corrected and moved between categories while a full rebuild runs. Throughout,
 * every release the latest list and the feed link answers 200; at the end the pages, feeds and
 * sitemap say what the table says. Needs: the AWS emulator (started by the harness).
 */
class SiteRaceIT {
    private static final Pattern RELEASE_LINK = Pattern.compile("/news/\\d{4}/\\d{2}/[a-z0-9-]+/");
    private static final List<String> CATEGORIES = List.of("Appeals", "Community", "Road Safety");
    private static LocalRuntime runtime;
    private static Api api;
    private static String publisher;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("desk@example.gov.uk", List.of("newsroom/editor", "newsroom/publisher"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static String release(int n) {
        try {
            String fixture = EndToEndIT.fixture();
            return fixture.replace("Inspection finds a good response to cyber-dependent crime across law enforcement",
                    "Crisis update number " + n).replace("\"Crime Operations\"", "\"" + CATEGORIES.get(n % 3) + "\"");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void concurrentPublishersConvergeOnTheTableAndNeverLinkAMissingPage() throws Exception {
        assertEquals(4, runtime.sitePublisherInstances(), "the template's ParallelizationFactor");
        int count = 24;
        ExecutorService desks = Executors.newFixedThreadPool(6);
        List<String> broken = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean storming = new AtomicBoolean(true);
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            while (storming.get()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                for (String list : List.of("/news/", "/feeds/news.atom")) {
                    HttpResponse<String> page = Http.get(runtime.siteUrl().resolve(list));
                    if (page.statusCode() != 200) {
                        continue;
                    }
                    Matcher link = RELEASE_LINK.matcher(page.body());
                    while (link.find()) {
                        int status = Http.get(runtime.siteUrl().resolve(link.group())).statusCode();
                        if (status != 200) {
                            broken.add(list + " -> " + link.group() + " " + status);
                        }
                    }
                }
            }
        });
        try {
            List<CompletableFuture<HttpResponse<String>>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                created.add(CompletableFuture.supplyAsync(() -> api.post("/releases", publisher, release(n)), desks));
            }
            List<JsonNode> releases = new ArrayList<>();
            List<String> etags = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> future : created) {
                HttpResponse<String> response = future.get();
                assertEquals(201, response.statusCode(), response.body());
                releases.add(json(response));
                etags.add(Api.etag(response));
            }

            // The storm: a third withdrawn, a third corrected, a third moved, with a rebuild alongside.
            List<CompletableFuture<HttpResponse<String>>> changes = new ArrayList<>();
            CompletableFuture<Void> rebuild = CompletableFuture.runAsync(() -> runtime.rebuildSite(line -> { }), desks);
            for (int i = 0; i < count; i++) {
                String id = releases.get(i).path("id").asText();
                String etag = etags.get(i);
                int n = i;
                changes.add(CompletableFuture.supplyAsync(() -> switch (n % 3) {
                    case 0 -> api.post("/releases/" + id + "/withdraw", publisher,
                            "{\"reason\": \"Withdrawn in the storm.\"}", Map.of("If-Match", etag));
                    case 1 -> api.put("/releases/" + id, publisher, withNote(release(n)
                            .replace("Crisis update number " + n, "Corrected update number " + n)), etag);
                    default -> api.put("/releases/" + id, publisher, withNote(release(n).replace(
                            "\"" + CATEGORIES.get(n % 3) + "\"", "\"" + CATEGORIES.get((n + 1) % 3) + "\"")), etag);
                }, desks));
            }
            for (CompletableFuture<HttpResponse<String>> change : changes) {
                assertEquals(200, change.get().statusCode(), change.get().body());
            }
            rebuild.get();

            // The end state, from the table: what each page must and must not show.
            Eventually.await(Duration.ofSeconds(60), () -> mismatches(releases), List::isEmpty);
            assertEquals(List.of(), mismatches(releases));
        } finally {
            storming.set(false);
            watcher.get();
            desks.shutdownNow();
        }
        assertEquals(List.of(), broken, "a list linked a release page that was not there");
    }

    private static String withNote(String body) {
        return body.replace("\"publish\": true", "\"changeNote\": \"Storm correction.\", \"changeType\": \"major\"");
    }

    /** Where the site does not (yet) say what the table says. */
    private static List<String> mismatches(List<JsonNode> created) {
        List<String> problems = new ArrayList<>();
        String latest = Http.get(runtime.siteUrl().resolve("/news/")).body();
        String atom = Http.get(runtime.siteUrl().resolve("/feeds/news.atom")).body();
        String sitemap = Http.get(runtime.siteUrl().resolve("/sitemap.xml")).body();
        StringBuilder shards = new StringBuilder();
        Matcher shard = Pattern.compile("<loc>[^<]*(/sitemaps/[0-9-]+\\.xml)</loc>").matcher(sitemap);
        while (shard.find()) {
            shards.append(Http.get(runtime.siteUrl().resolve(shard.group(1))).body());
        }
        Map<String, String> categoryPages = new java.util.HashMap<>();
        for (String category : CATEGORIES) {
            categoryPages.put(category, Http.get(runtime.siteUrl().resolve("/news/category/"
                    + category.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "/")).body());
        }
        for (JsonNode node : created) {
            JsonNode release = json(api.get("/releases/" + node.path("id").asText(), publisher));
            String path = URI.create(release.path("url").asText()).getPath();
            String title = release.path("title").asText();
            String page = Http.get(runtime.siteUrl().resolve(path)).body();
            boolean withdrawn = release.path("status").asText().equals("WITHDRAWN");
            boolean inLatest = latest.contains("href=\"" + path + "\"");
            if (withdrawn) {
                if (inLatest || atom.contains(path) || shards.toString().contains(path)) {
                    problems.add(title + " is withdrawn but still listed");
                }
                categoryPages.forEach((category, html) -> {
                    if (html.contains(path)) {
                        problems.add(title + " is withdrawn but still in " + category);
                    }
                });
                if (!page.contains("Withdrawn in the storm.") || page.contains("Key findings")) {
                    problems.add(title + ": its page is not the withdrawal notice");
                }
            } else {
                if (!inLatest || !atom.contains(title) || !shards.toString().contains(path)) {
                    problems.add(title + " is public but missing from the latest list, feed or sitemap");
                }
                if (!page.contains("<h1>" + title + "</h1>")) {
                    problems.add(title + ": its page does not show its current title");
                }
                String category = release.path("category").asText();
                categoryPages.forEach((c, html) -> {
                    if (c.equals(category) != html.contains(path)) {
                        problems.add(title + (c.equals(category) ? " missing from " : " still in ") + c);
                    }
                });
            }
        }
        Set<String> oldTitles = Set.of("Crisis update number 1<", "Crisis update number 4<");
        oldTitles.forEach(old -> {
            if (atom.contains(">" + old) || latest.contains(">" + old)) {
                problems.add("an old title is still listed: " + old);
            }
        });
        return problems;
    }
}
