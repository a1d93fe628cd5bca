package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.local.emulator.Emulator;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks through the local runtime, to a receiver on loopback that checks every
 * delivery with the Standard Webhooks reference library (com.standardwebhooks 1.1.0): signed
 * events for what each endpoint subscribed to, rotation with two secrets at once, retries with
 * the same webhook-id on the specification's schedule (the test moves the clock), an endpoint
 * disabled on 410 and after five days of failures with the press office told, the delivery log,
 * a test event and a replay; and registrations that would reach private addresses refused.
 * Needs: the AWS emulator.
 */
class WebhooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MutableClock clock;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static Api api;
    private static HttpServer receiver;
    private static String publisher;
    private static String editor;

    /** What a receiver path got: each delivery's headers and body, and whether the signature held. */
    record Received(String id, String type, JsonNode body, boolean verified, Map<String, String> headers) {
    }

    private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
    /** The secrets each receiver path checks signatures with (more than one: any may match). */
    private static final Map<String, List<String>> SECRETS = new ConcurrentHashMap<>();
    /** How many more requests each path fails (500) before it answers 204; -1 always fails. */
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        clock = new MutableClock(Instant.now());
        emulator = SharedEmulator.fresh();
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withClock(clock).withTick(Duration.ZERO));
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("pat.publisher", List.of("newsroom/publisher", "newsroom/editor"));
        editor = runtime.tokens().issue("ed.editor", List.of("newsroom/editor"));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", WebhooksIT::receive);
        receiver.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new HashMap<>();
        Map<String, String> flat = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name.toLowerCase(Locale.ROOT), values);
            flat.put(name.toLowerCase(Locale.ROOT), values.get(0));
        });
        boolean verified = false;
        for (String secret : SECRETS.getOrDefault(path, List.of())) {
            try {
                new Webhook(secret).verify(body, headers);
                verified = true;
            } catch (WebhookVerificationException e) {
                // not this secret
            }
        }
        JsonNode json = JSON.readTree(body.isEmpty() ? "{}" : body);
        RECEIVED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Received(flat.get("webhook-id"), json.path("type").asText(), json, verified, flat));
        int status;
        if (path.startsWith("/gone")) {
            status = 410;
        } else {
            AtomicInteger failures = FAILURES.get(path);
            boolean fail = failures != null && (failures.get() < 0 || failures.getAndDecrement() > 0);
            status = fail ? 500 : verified ? 204 : 401;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** Registers an endpoint; the receiver checks with the secret it was given. */
    private static JsonNode register(String path, String events, boolean trusted) {
        HttpResponse<String> made = api.post("/webhooks", publisher, "{\"url\": \"" + url(path) + "\", \"events\": "
                + events + (trusted ? ", \"trusted\": true" : "") + ", \"description\": \"Receiver " + path + "\"}");
        assertEquals(201, made.statusCode(), made.body());
        JsonNode endpoint = json(made);
        assertTrue(endpoint.path("secret").asText().startsWith("whsec_"));
        SECRETS.put(path, new CopyOnWriteArrayList<>(List.of(endpoint.path("secret").asText())));
        return endpoint;
    }

    private static List<Received> awaitReceived(String path, int count) {
        return Eventually.await(Duration.ofSeconds(30), () -> List.copyOf(RECEIVED.getOrDefault(path, List.of())),
                list -> list.size() >= count);
    }

    private static String publish(String title, String extra) {
        clock.advance(Duration.ofSeconds(1)); // each event at its own time: the log reads newest first
        HttpResponse<String> made = api.post("/releases", publisher, release(title, "Appeals",
                "\"publish\": true" + (extra == null ? "" : ", " + extra)));
        assertEquals(201, made.statusCode(), made.body());
        return json(made).path("id").asText();
    }

    @Test
    void registrationsThatCouldReachPrivateAddressesAreRefused() {
        for (String[] bad : new String[][] {
                {"https://10.0.0.5/hook", "not a public address"},
                {"https://169.254.169.254/latest/meta-data/", "not a public address"},
                {"https://192.168.1.20:8443/hook", "not a public address"},
                {"https://[fd00::1]/hook", "not a public address"},
                {"ftp://93.184.216.34/hook", "must be https"},
                {"http://93.184.216.34/hook", "must be https"},
                {"https://user:pw@93.184.216.34/hook", "no user name"},
                {"https://no-such-host.invalid/hook", "does not resolve"}}) {
            HttpResponse<String> refused = api.post("/webhooks", publisher,
                    "{\"url\": \"" + bad[0] + "\", \"events\": [\"release.published\"]}");
            assertEquals(400, refused.statusCode(), bad[0] + ": " + refused.body());
            assertTrue(refused.body().contains(bad[1]), bad[0] + ": " + refused.body());
        }
        HttpResponse<String> embargoed = api.post("/webhooks", publisher,
                "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"release.scheduled\"]}");
        assertEquals(400, embargoed.statusCode(), "embargoed events only to a trusted endpoint");
        HttpResponse<String> unknown = api.post("/webhooks", publisher,
                "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"release.deleted\", 7]}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals(403, api.post("/webhooks", editor,
                "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"release.published\"]}").statusCode());
        HttpResponse<String> publicOne = api.post("/webhooks", publisher,
                "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"release.published\"]}");
        assertEquals(201, publicOne.statusCode(), publicOne.body());
        assertEquals(204, api.send("DELETE", "/webhooks/" + json(publicOne).path("id").asText(), publisher, null,
                Map.of()).statusCode());
    }

    @Test
    void eachEndpointGetsSignedEventsItAskedForAndARotationSignsWithBothSecrets() throws Exception {
        JsonNode site = register("/force-site", "[\"release.published\", \"release.updated.major\", \"release.withdrawn\"]",
                false);
        JsonNode partner = register("/partner", "[\"release.scheduled\", \"release.published\"]", true);
        String siteId = site.path("id").asText();

        String id = publish("Road closed after crash on the A1", null);
        Received published = awaitReceived("/force-site", 1).get(0);
        assertTrue(published.verified(), "the reference library verifies the signature");
        assertEquals("release.published", published.type());
        assertTrue(published.id().startsWith("msg_"), published.id());
        assertEquals(id, published.body().path("data").path("id").asText());
        assertTrue(published.body().path("data").path("ninjsUrl").asText().endsWith("/ninjs.json"));
        assertTrue(published.body().toString().getBytes(StandardCharsets.UTF_8).length < 20 * 1024);
        assertFalse(published.body().toString().contains("Body of the release"), "the summary, never the whole text");
        assertEquals("release.published", awaitReceived("/partner", 1).get(0).type());

        // A minor update goes to nobody here (the site asked for major ones only); a major one does.
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> current = api.get("/releases/" + id, publisher);
        HttpResponse<String> minor = api.put("/releases/" + id, publisher, release("Road closed after crash on the A1",
                "Appeals", "\"changeNote\": \"Typo.\", \"changeType\": \"minor\""), etag(current));
        api.put("/releases/" + id, publisher, release("Road reopened after crash on the A1", "Appeals",
                "\"changeNote\": \"The road has reopened.\", \"changeType\": \"major\""), etag(minor));
        Received updated = awaitReceived("/force-site", 2).get(1);
        assertEquals("release.updated", updated.type());
        assertEquals("major", updated.body().path("data").path("changeType").asText());
        assertEquals("Road reopened after crash on the A1", updated.body().path("data").path("title").asText());

        // Embargoed: only the trusted partner hears of it.
        String embargo = clock.instant().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString();
        publish("Charge after Mill Lane burglary", "\"embargoUntil\": \"" + embargo + "\"");
        Received scheduled = awaitReceived("/partner", 2).get(1);
        assertEquals("release.scheduled", scheduled.type());
        assertEquals(embargo, scheduled.body().path("data").path("embargoUntil").asText());
        assertFalse(scheduled.body().path("data").has("url"), "no public URL before its time");
        Thread.sleep(1000);
        assertEquals(2, RECEIVED.get("/force-site").size(), "the untrusted site never hears of it");

        // A rotation: the next delivery carries both signatures; the old secret and the new one both verify.
        HttpResponse<String> rotated = api.post("/webhooks/" + siteId + "/rotate-secret", publisher, null);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String newSecret = json(rotated).path("secret").asText();
        assertFalse(newSecret.equals(site.path("secret").asText()));
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> now = api.get("/releases/" + id, publisher);
        assertEquals(200, api.post("/releases/" + id + "/withdraw", publisher, "{\"reason\": \"Issued in error.\"}",
                Map.of("If-Match", etag(now))).statusCode());
        Received withdrawn = awaitReceived("/force-site", 3).get(2);
        assertEquals("release.withdrawn", withdrawn.type());
        assertEquals(2, withdrawn.headers().get("webhook-signature").split(" ").length);
        assertTrue(withdrawn.verified(), "the old secret still verifies");
        SECRETS.put("/force-site", List.of(newSecret));
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> test = api.post("/webhooks/" + siteId + "/test", publisher, null);
        assertEquals(202, test.statusCode(), test.body());
        Received testEvent = awaitReceived("/force-site", 4).get(3);
        assertEquals("webhook.test", testEvent.type());
        assertTrue(testEvent.verified(), "the new secret verifies");

        // The log: each delivery, newest first, with its answer; a replay sends the same id again.
        JsonNode log = json(api.get("/webhooks/" + siteId + "/deliveries", publisher)).path("items");
        assertEquals(4, log.size(), log.toString());
        assertEquals("webhook.test", log.get(0).path("type").asText());
        for (JsonNode delivery : log) {
            assertEquals("succeeded", delivery.path("status").asText(), delivery.toString());
            assertEquals(204, delivery.path("lastStatusCode").asInt());
            assertEquals(1, delivery.path("attempts").asInt());
            assertTrue(delivery.has("lastLatencyMillis"));
        }
        String first = log.get(3).path("id").asText();
        assertEquals(published.id(), first);
        HttpResponse<String> replayed = api.post("/webhooks/" + siteId + "/deliveries/" + first + "/replay", publisher,
                null);
        assertEquals(202, replayed.statusCode(), replayed.body());
        Received again = awaitReceived("/force-site", 5).get(4);
        assertEquals(published.id(), again.id(), "the same webhook-id: the receiver can drop it");
        assertEquals(404, api.post("/webhooks/" + siteId + "/deliveries/msg_nope/replay", publisher, null).statusCode());
        assertEquals(404, api.get("/webhooks/3f0a2b9c-0000-4000-8000-000000000000", publisher).statusCode());
        assertFalse(api.get("/webhooks", publisher).body().contains("whsec_"), "a secret is never read back");
        assertEquals(partner.path("id").asText(), json(api.get("/webhooks/" + partner.path("id").asText(), publisher))
                .path("id").asText());
    }

    @Test
    void aFailingEndpointIsRetriedOnTheScheduleWithTheSameIdAndDisabledOn410OrAfterFiveDays() throws Exception {
        FAILURES.put("/flaky", new AtomicInteger(2));
        JsonNode flaky = register("/flaky", "[\"release.published\"]", false);
        register("/gone", "[\"release.published\"]", false);
        FAILURES.put("/down", new AtomicInteger(-1));
        JsonNode down = register("/down", "[\"release.published\"]", false);

        publish("Appeal after Castle Street collision", null);
        // First attempt at once, fails; the second 5 s later (SQS holds it back), fails again.
        awaitReceived("/flaky", 1);
        Eventually.await(Duration.ofSeconds(10), () -> json(api.get("/webhooks/" + flaky.path("id").asText()
                + "/deliveries", publisher)).path("items").get(0), d -> d != null && d.has("nextAttemptAt"));
        clock.advance(Duration.ofSeconds(6));
        List<Received> two = awaitReceived("/flaky", 2);
        assertEquals(two.get(0).id(), two.get(1).id(), "the same webhook-id on every attempt");
        JsonNode pending = Eventually.await(Duration.ofSeconds(10), () -> json(api.get("/webhooks/"
                + flaky.path("id").asText() + "/deliveries", publisher)).path("items").get(0),
                d -> d.path("attempts").asInt() == 2 && d.has("nextAttemptAt"));
        assertEquals("pending", pending.path("status").asText());
        assertEquals(500, pending.path("lastStatusCode").asInt());
        Instant next = Instant.parse(pending.path("nextAttemptAt").asText());
        assertEquals(Duration.ofMinutes(5).toSeconds(), Duration.between(clock.instant(), next).toSeconds(), 5,
                "the third attempt 5 minutes on");
        // The clock moves on 5 minutes: the sweep queues the third attempt, which succeeds.
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        runtime.tickSchedules();
        List<Received> three = awaitReceived("/flaky", 3);
        assertEquals(two.get(0).id(), three.get(2).id());
        JsonNode done = Eventually.await(Duration.ofSeconds(10), () -> json(api.get("/webhooks/"
                + flaky.path("id").asText() + "/deliveries", publisher)).path("items").get(0),
                d -> d.path("status").asText().equals("succeeded"));
        assertEquals(3, done.path("attempts").asInt());

        // 410 Gone: disabled at once, and the press office told.
        awaitReceived("/gone", 1);
        JsonNode gone = Eventually.await(Duration.ofSeconds(10), () -> json(api.get("/webhooks", publisher))
                .path("items"), items -> {
                    for (JsonNode e : items) {
                        if (e.path("url").asText().endsWith("/gone") && !e.path("enabled").asBoolean()) {
                            return true;
                        }
                    }
                    return false;
                });
        assertTrue(gone.toString().contains("410 Gone"), gone.toString());
        Eventually.await(Duration.ofSeconds(10), () -> emulator.sentEmails().stream()
                .filter(m -> m.to().contains(TemplateStack.WEBHOOK_ALERTS) && m.subject().contains(url("/gone")))
                .count(), n -> n == 1L);

        // The endpoint that always fails: retried on the schedule until, five days on, it is disabled.
        String downId = down.path("id").asText();
        Instant start = clock.instant();
        int attempts = 0;
        while (Duration.between(start, clock.instant()).compareTo(Duration.ofDays(6)) < 0) {
            clock.advance(Duration.ofHours(1));
            runtime.tickSchedules();
            publishEveryDay(start);
            Thread.sleep(50);
            JsonNode endpoint = json(api.get("/webhooks/" + downId, publisher));
            if (!endpoint.path("enabled").asBoolean()) {
                assertTrue(endpoint.path("disabledReason").asText().contains("failed every delivery since"),
                        endpoint.toString());
                assertTrue(Duration.between(Instant.parse(endpoint.path("failingSince").asText()), clock.instant())
                        .compareTo(Duration.ofDays(5)) >= 0);
                attempts = RECEIVED.get("/down").size();
                break;
            }
        }
        assertTrue(attempts > 0, "disabled within six days");
        JsonNode log = json(api.get("/webhooks/" + downId + "/deliveries?limit=100", publisher)).path("items");
        JsonNode firstDelivery = log.get(log.size() - 1);
        assertEquals(8, firstDelivery.path("attempts").asInt(), "immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h");
        assertEquals("failed", firstDelivery.path("status").asText());
        Eventually.await(Duration.ofSeconds(10), () -> emulator.sentEmails().stream()
                .filter(m -> m.to().contains(TemplateStack.WEBHOOK_ALERTS) && m.subject().contains(url("/down")))
                .count(), n -> n == 1L);
        // Re-enabled by the press office, it is sent events again.
        FAILURES.put("/down", new AtomicInteger(0));
        JsonNode disabled = json(api.get("/webhooks/" + downId, publisher));
        HttpResponse<String> enabled = api.put("/webhooks/" + downId, publisher, "{\"url\": \"" + url("/down")
                + "\", \"events\": [\"release.published\"], \"enabled\": true}", "\"" + disabled.path("version").asText() + "\"");
        assertEquals(200, enabled.statusCode(), enabled.body());
        assertFalse(json(enabled).has("failingSince"));
        clock.set(Instant.now());
        int before = RECEIVED.get("/down").size();
        publish("Road reopened on the A1", null);
        awaitReceived("/down", before + 1);
    }

    private static final List<Integer> PUBLISHED_DAYS = new ArrayList<>();

    /** A new release each day, so the endpoint that is down keeps failing fresh deliveries too. */
    private static void publishEveryDay(Instant start) {
        int day = (int) Duration.between(start, clock.instant()).toDays();
        if (!PUBLISHED_DAYS.contains(day)) {
            PUBLISHED_DAYS.add(day);
            publish("Daily appeal " + day, null);
        }
    }
}
