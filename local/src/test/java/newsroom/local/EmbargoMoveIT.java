package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An embargo that moves, across a month boundary: the trusted journalist who had the advance copy
 * gets one new advance copy saying the embargo moved (and no one else gets anything early), and
 * the address the first copy gave still leads to the release once it is out. Needs: the emulator.
 */
class EmbargoMoveIT {
    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static MutableClock clock;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static Api api;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        emulator = SharedEmulator.fresh();
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withClock(clock).withTick(Duration.ZERO));
        api = new Api(runtime.apiUrl());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static List<SentEmail> to(String address) {
        return emulator.sentEmails().stream().filter(e -> e.to().contains(address)).toList();
    }

    @Test
    void aMovedEmbargoIsAnnouncedOnceAndTheFirstAddressStillWorks() throws Exception {
        String admin = runtime.tokens().issue("admin@example.gov.uk", List.of("newsroom/contacts"));
        String publisher = runtime.tokens().issue("publisher@example.gov.uk", List.of("newsroom/publisher"));
        assertEquals(201, api.post("/contacts", admin, "{\"email\": \"trusted@agency.example\", \"name\": \"T\", "
                + "\"topics\": [\"Appeals\"], \"embargoAccess\": true}").statusCode());
        assertEquals(201, api.post("/contacts", admin, "{\"email\": \"other@paper.example\", \"name\": \"O\", "
                + "\"topics\": [\"Appeals\"]}").statusCode());

        HttpResponse<String> scheduled = api.post("/releases", publisher, release("Appeal moving month", "Appeals",
                "\"embargoUntil\": \"2026-11-30T23:30:00Z\", \"publish\": true"));
        assertEquals(201, scheduled.statusCode(), scheduled.body());
        String id = json(scheduled).path("id").asText();
        String firstUrl = json(scheduled).path("url").asText();
        assertTrue(firstUrl.contains("/news/2026/11/"), firstUrl);
        Eventually.await(Duration.ofSeconds(20), () -> to("trusted@agency.example").size(), n -> n >= 1);

        HttpResponse<String> moved = api.put("/releases/" + id, publisher, release("Appeal moving month", "Appeals",
                "\"embargoUntil\": \"2026-12-01T09:00:00Z\""), etag(scheduled));
        assertEquals(200, moved.statusCode(), moved.body());
        String newUrl = json(moved).path("url").asText();
        assertTrue(newUrl.contains("/news/2026/12/"), newUrl);

        List<SentEmail> trusted = Eventually.await(Duration.ofSeconds(20), () -> to("trusted@agency.example"),
                l -> l.size() >= 2);
        Eventually.await(Duration.ofSeconds(3), () -> to("trusted@agency.example").size(), n -> n > 2);
        trusted = to("trusted@agency.example");
        assertEquals(2, trusted.size(), "the advance copy, then one updated copy");
        SentEmail update = trusted.get(1);
        assertEquals("UPDATED ADVANCE COPY, EMBARGOED UNTIL 1 December 2026, 09:00 GMT: Appeal moving month",
                update.subject());
        assertTrue(update.text().contains("the embargo has moved to 1 December 2026, 09:00 GMT"), update.text());
        // The journalist's own link, the same in both copies: it follows the release wherever it moves.
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("http://localhost:\\d+/advance/[A-Za-z0-9._-]+");
        java.util.regex.Matcher inFirst = link.matcher(trusted.get(0).text());
        java.util.regex.Matcher inUpdate = link.matcher(update.text());
        assertTrue(inFirst.find() && inUpdate.find(), update.text());
        String advanceLink = inUpdate.group();
        assertEquals(inFirst.group(), advanceLink);
        assertEquals(List.of(), to("other@paper.example"), "nothing early to anyone else");

        // Past the first embargo nothing is public; past the new one it is, at both addresses.
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        runtime.tickSchedules();
        assertEquals(404, Http.get(runtime.siteUrl().resolve(URI.create(firstUrl).getPath())).statusCode());
        clock.set(Instant.parse("2026-12-01T09:00:30Z"));
        runtime.tickSchedules();
        HttpResponse<String> page = Eventually.await(Duration.ofSeconds(20),
                () -> Http.get(runtime.siteUrl().resolve(URI.create(newUrl).getPath())), r -> r.statusCode() == 200);
        assertEquals(200, page.statusCode());
        HttpResponse<String> viaLink = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build()
                .send(java.net.http.HttpRequest.newBuilder(URI.create(advanceLink)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(302, viaLink.statusCode());
        assertEquals(newUrl, viaLink.headers().firstValue("Location").orElse(""), "the advance copy's link leads to the page");
        HttpResponse<String> old = Eventually.await(Duration.ofSeconds(20),
                () -> Http.get(runtime.siteUrl().resolve(URI.create(firstUrl).getPath())), r -> r.statusCode() == 200);
        assertTrue(old.body().contains("href=\"" + newUrl + "\"") || old.body().contains(URI.create(newUrl).getPath()),
                "the first address leads to the release: " + old.body());
        assertFalse(old.body().contains("Body of the release"), "a pointer, not a copy");
    }
}
