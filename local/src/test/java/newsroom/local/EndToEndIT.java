package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import newsroom.local.support.StreamRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path as a press office and a journalist see it, through the local runtime's HTTP API:
 * post a release, read its page on the local site, read the emails SES accepted.
 * Needs: the AWS emulator (started by the harness).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static String publisher;
    private static String contactsAdmin;

    @BeforeAll
    static void start() {
        emulator = SharedEmulator.fresh();
        runtime = LocalStack.start(emulator);
        publisher = runtime.tokens().issue("officer@example.gov.uk", List.of("newsroom/publisher"));
        contactsAdmin = runtime.tokens().issue("admin@example.gov.uk", List.of("newsroom/contacts"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void publishedReleaseAppearsOnTheSiteAndReachesExactlyItsSubscribers() throws IOException {
        addContact("crime.desk@daily.example", "Crime Operations");
        addContact("all.news@wire.example", "*");
        addContact("Mixed.Case@Local.example", "Crime Operations", "Appeals");
        addContact("roads@motoring.example", "Road Safety");
        addContact("appeals@radio.example", "Appeals");

        HttpResponse<String> created = Http.postJson(runtime.apiUrl().resolve("/releases"), publisher, fixture());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode release = JSON.readTree(created.body());
        String id = release.path("id").asText();
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/releases/" + id));
        assertEquals("PUBLISHED", release.path("status").asText());
        URI page = URI.create(release.path("url").asText());
        assertTrue(page.toString().startsWith(runtime.siteUrl() + "/news/"), page.toString());

        HttpResponse<String> served = Eventually.await(Duration.ofSeconds(15), () -> Http.get(page),
                r -> r.statusCode() == 200);
        assertEquals(200, served.statusCode(), "the release page is served");
        assertEquals("text/html; charset=utf-8", served.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=60, s-maxage=300", served.headers().firstValue("Cache-Control").orElseThrow());
        String html = served.body();
        assertTrue(html.contains("<h1>Inspection finds a good response to cyber-dependent crime across law enforcement</h1>"));
        assertTrue(html.contains("every force in England and Wales now has a dedicated cyber crime unit"));
        assertTrue(html.contains("<blockquote>"), "the quote is a block quote");
        assertTrue(html.contains("<h2>Key findings</h2>"));
        assertTrue(html.contains("press.office@example.police.uk"), "the contact block is shown");

        // The lists are written after the release page (a list never links a page not yet there).
        HttpResponse<String> latest = Eventually.await(Duration.ofSeconds(10),
                () -> Http.get(runtime.siteUrl().resolve("/news/")),
                r -> r.statusCode() == 200 && r.body().contains("href=\"" + page.getPath() + "\""));
        assertEquals(200, latest.statusCode());
        assertTrue(latest.body().contains("href=\"" + page.getPath() + "\""), "the latest list links the release");

        Set<String> expected = Set.of("crime.desk@daily.example", "all.news@wire.example", "mixed.case@local.example");
        List<SentEmail> sent = Eventually.await(Duration.ofSeconds(20), emulator::sentEmails,
                emails -> emails.size() >= expected.size());
        // Give stragglers (a duplicate, or a mail to the wrong contact) a moment to show up.
        sent = Eventually.await(Duration.ofSeconds(2), emulator::sentEmails, emails -> emails.size() > expected.size());
        Set<String> recipients = sent.stream().flatMap(e -> e.to().stream()).collect(Collectors.toSet());
        assertEquals(expected, recipients);
        assertEquals(expected.size(), sent.size(), "one email per subscribed contact");
        SentEmail email = sent.get(0);
        assertEquals("Inspection finds a good response to cyber-dependent crime across law enforcement", email.subject());
        assertTrue(email.text().contains(page.toString()), "the plain text links the page");
        assertTrue(email.html().contains("href=\"" + page + "\""), "the HTML links the page");

        HttpResponse<String> mailPage = Http.get(runtime.apiUrl().resolve("/_local/mail?key=" + runtime.localKey()));
        assertEquals(200, mailPage.statusCode());
        for (String address : expected) {
            assertTrue(mailPage.body().contains(address), "the local mail page lists " + address);
        }
        assertTrue(!mailPage.body().contains("roads@motoring.example"));
    }

    @Test
    @org.junit.jupiter.api.Order(1) // first: it counts the emails, which no other test's release may still be sending
    void aDraftIsNeitherPublishedNorEmailed() throws IOException {
        String editor = runtime.tokens().issue("editor@example.gov.uk", List.of("newsroom/editor"));
        String draft = fixture().replace("\"publish\": true", "\"publish\": false")
                .replace("Inspection finds", "Draft: inspection finds");
        HttpResponse<String> created = Http.postJson(runtime.apiUrl().resolve("/releases"), editor, draft);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode release = JSON.readTree(created.body());
        assertEquals("DRAFT", release.path("status").asText());
        assertTrue(release.path("url").isMissingNode(), "a draft has no public URL yet");

        HttpResponse<String> fetched = Http.get(runtime.apiUrl().resolve("/releases/" + release.path("id").asText()), editor);
        assertEquals(200, fetched.statusCode());
        assertEquals("DRAFT", JSON.readTree(fetched.body()).path("status").asText());
        int emailsBefore = emulator.sentEmails().size();
        Eventually.await(Duration.ofSeconds(2), () -> Http.get(runtime.siteUrl().resolve("/news/")).body(),
                body -> body.contains("Draft: inspection"));
        assertTrue(!Http.get(runtime.siteUrl().resolve("/news/")).body().contains("Draft: inspection"));
        assertEquals(emailsBefore, emulator.sentEmails().size());
    }

    /**
     * The table's stream carries what its consumers read (releases, the settings), not the site's
     * bookkeeping nor a release's records: every consumer reads every record, whatever its filter
     * keeps. The site's index and its render and search queues, the version copies, the access
     * record and the deliveries are in the records table, which has no stream.
     */
    @Test
    @org.junit.jupiter.api.Order(3) // after the one whose emails left deliveries; its own emails may come after it
    void aPublishLeavesTheSitesBookkeepingOutOfTheTablesStream() throws IOException {
        HttpResponse<String> created = Http.postJson(runtime.apiUrl().resolve("/releases"), publisher,
                fixture().replace("Inspection finds", "Stream check: inspection finds"));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();
        URI page = URI.create(JSON.readTree(created.body()).path("url").asText());
        Eventually.await(Duration.ofSeconds(15), () -> Http.get(runtime.siteUrl().resolve("/news/")),
                r -> r.body().contains("href=\"" + page.getPath() + "\""));

        var resources = runtime.resources();
        var dynamo = runtime.clients().dynamo();
        assertEquals(null, dynamo.describeTable(d -> d.tableName(resources.recordsTableName())).table()
                .streamSpecification(), "the records table has no stream");
        Set<String> kept = new java.util.HashSet<>();
        dynamo.scanPaginator(s -> s.tableName(resources.recordsTableName())).items()
                .forEach(item -> kept.add(kind(item.get("PK").s(), item.get("SK").s())));
        for (String kind : List.of("SITE#ENTRY", "RELEASE#" + id + " VERSION#", "RELEASE#" + id + " ACCESS#")) {
            assertTrue(kept.contains(kind), kind + " is in the records table: " + kept);
        }
        assertTrue(kept.stream().anyMatch(k -> k.endsWith(" DELIVERY#")), "the first test's deliveries: " + kept);

        Set<String> streamed = streamedKinds();
        assertTrue(streamed.contains("RELEASE#" + id + " RELEASE"), "the release is in the stream: " + streamed);
        assertEquals(Set.of(), streamed.stream().filter(k -> k.startsWith("SITE#") || k.contains(" VERSION#")
                || k.contains(" ACCESS#") || k.contains(" DELIVERY#")).collect(Collectors.toSet()),
                "none of the site's bookkeeping nor a release's records is in the table's stream");
    }

    /** An item's partition and the kind of its sort key (up to its first '#', kept). */
    private static String kind(String pk, String sk) {
        int hash = sk.indexOf('#');
        return pk.startsWith("SITE#") ? pk : pk + " " + (hash < 0 ? sk : sk.substring(0, hash + 1));
    }

    /** The kind of every item in the table's stream, read from its start. */
    private static Set<String> streamedKinds() {
        return StreamRecords.all(runtime.clients().streams(), runtime.resources().streamArn()).stream()
                .map(r -> kind(r.dynamodb().keys().get("PK").s(), r.dynamodb().keys().get("SK").s()))
                .collect(Collectors.toSet());
    }

    private static void addContact(String email, String... topics) {
        String json = "{\"email\":\"" + email + "\",\"name\":\"Reporter\",\"outlet\":\"Outlet\",\"topics\":"
                + List.of(topics).stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]")) + "}";
        HttpResponse<String> response = Http.postJson(runtime.apiUrl().resolve("/contacts"), contactsAdmin, json);
        assertEquals(201, response.statusCode(), response.body());
        assertNotNull(response.headers().firstValue("Location").orElse(null));
    }

    static String fixture() throws IOException {
        try (InputStream in = EndToEndIT.class.getResourceAsStream("/fixtures/release.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
