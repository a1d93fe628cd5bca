package newsroom.local;

import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each advance copy carries a link of its own: behind it, the release as it will look, marked
 * with the embargo and the journalist's name, never cached or indexed; every opening is in the
 * delivery report; once the release is public the link leads to its page; a forged link shows
 * nothing. Needs: the AWS emulator.
 */
class AdvanceCopyIT {
    private static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/advance/[A-Za-z0-9._-]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static MutableClock clock;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static Api api;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        emulator = SharedEmulator.fresh();
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withClock(clock).withTick(Duration.ZERO));
        api = new Api(runtime.apiUrl());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> open(String link, String userAgent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(link)).header("User-Agent", userAgent).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String linkIn(String address, String title) {
        SentEmail email = Eventually.await(Duration.ofSeconds(20), () -> emulator.sentEmails().stream()
                .filter(e -> e.to().contains(address) && e.subject().contains(title)).findFirst().orElse(null),
                e -> e != null);
        assertTrue(email != null, "the advance copy reached " + address);
        Matcher m = LINK.matcher(email.text());
        assertTrue(m.find(), email.text());
        Matcher inHtml = LINK.matcher(email.html());
        assertTrue(inHtml.find() && inHtml.group(1).equals(m.group(1)), "the same link in the HTML part");
        return m.group(1);
    }

    @Test
    void eachJournalistHasTheirOwnMarkedCopyAndEveryOpeningIsOnRecord() throws Exception {
        String admin = runtime.tokens().issue("admin", List.of("newsroom/contacts"));
        String sam = json(api.post("/contacts", admin, "{\"email\": \"sam@daily.example\", \"name\": \"Sam Reporter\","
                + " \"outlet\": \"The Daily\", \"topics\": [\"Appeals\"], \"embargoAccess\": true}")).path("id").asText();
        String kim = json(api.post("/contacts", admin, "{\"email\": \"kim@weekly.example\", \"name\": \"Kim Writer\","
                + " \"outlet\": \"The Weekly\", \"topics\": [\"Appeals\"], \"embargoAccess\": true}")).path("id").asText();
        String publisher = runtime.tokens().issue("desk", List.of("newsroom/editor", "newsroom/publisher",
                "newsroom/contacts"));
        Instant embargo = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        HttpResponse<String> created = api.post("/releases", publisher, release("Arrest after Mill Lane burglary",
                "Appeals", "\"publish\": true, \"embargoUntil\": \"" + embargo + "\""));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("SCHEDULED", json(created).path("status").asText());
        String id = json(created).path("id").asText();

        String samLink = linkIn("sam@daily.example", "Arrest after Mill Lane burglary");
        String kimLink = linkIn("kim@weekly.example", "Arrest after Mill Lane burglary");
        assertTrue(!samLink.equals(kimLink), "a link each");

        HttpResponse<String> copy = open(samLink, "NewsDesk/1.0");
        assertEquals(200, copy.statusCode());
        assertTrue(copy.body().contains("Arrest after Mill Lane burglary"));
        assertTrue(copy.body().contains("Advance copy for Sam Reporter, The Daily"), "marked with whose copy it is");
        assertTrue(copy.body().contains("EMBARGOED UNTIL"));
        assertEquals("no-store, private", copy.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(copy.headers().firstValue("X-Robots-Tag").orElse("").contains("noindex"));
        assertTrue(open(kimLink, "Other/2.0").body().contains("Advance copy for Kim Writer, The Weekly"));

        JsonNode report = json(api.get("/releases/" + id + "/deliveries", publisher));
        JsonNode openings = report.path("openings");
        assertEquals(2, openings.size(), report.toString());
        // This test's clock stands still, so both openings have one time: find each by who opened it.
        Map<String, String> byContact = new java.util.HashMap<>();
        openings.forEach(o -> byContact.put(o.path("contactId").asText(), o.path("userAgent").asText()));
        assertEquals(Map.of(sam, "NewsDesk/1.0", kim, "Other/2.0"), byContact);

        String forged = samLink.substring(0, samLink.length() - 3) + "abc";
        assertEquals(404, open(forged, "x").statusCode());
        assertEquals(404, open(samLink.replaceAll("/advance/.*", "/advance/" + "x".repeat(3000)), "x").statusCode());
        assertEquals(2, json(api.get("/releases/" + id + "/deliveries", publisher)).path("openings").size(),
                "a forged link is not an opening");

        // The office withdraws Kim's copy: Kim's link says so; Sam's still works.
        HttpResponse<String> revoked = api.post("/releases/" + id + "/advance-copies/revoke", publisher,
                "{\"contactId\": \"" + kim + "\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(410, open(kimLink, "x").statusCode());
        assertEquals(200, open(samLink, "NewsDesk/1.0").statusCode());
        assertEquals(404, api.post("/releases/" + id + "/advance-copies/revoke", publisher,
                "{\"contactId\": \"3f0a2b9c-0000-4000-8000-000000000000\"}").statusCode(), "no such journalist");
        assertEquals(403, api.post("/releases/" + id + "/advance-copies/revoke",
                runtime.tokens().issue("ed", List.of("newsroom/editor")), null).statusCode(), "a publisher's call");

        // The embargo ends: the link leads to the public page, and records nothing more.
        clock.set(embargo.plusSeconds(1));
        runtime.tickSchedules();
        String url = json(api.get("/releases/" + id, publisher)).path("url").asText();
        HttpResponse<String> after = open(samLink, "NewsDesk/1.0");
        assertEquals(302, after.statusCode());
        assertEquals(url, after.headers().firstValue("Location").orElse(""));
        assertEquals(3, json(api.get("/releases/" + id + "/deliveries", publisher)).path("openings").size());

        // Withdrawn: the copy is gone.
        HttpResponse<String> current = api.get("/releases/" + id, publisher);
        assertEquals(200, api.post("/releases/" + id + "/withdraw", publisher, "{\"reason\": \"Charges dropped.\"}",
                Map.of("If-Match", Api.etag(current))).statusCode());
        assertEquals(410, open(kimLink, "x").statusCode());
        assertEquals(410, open(samLink, "x").statusCode(), "every copy of a withdrawn release is gone");
    }
}
