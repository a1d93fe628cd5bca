package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import newsroom.render.Email;
import newsroom.service.port.Mailer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Daily and weekly digests through the local runtime, over a week the test's clock walks through
 * (the week the clocks go forward, March 2027): one email per subscriber and period, grouped by
 * topic, newest first, withdrawn releases left out and updated ones under their latest title;
 * nobody with nothing new is emailed; a day without a tick is caught up the next; a run that runs
 * twice, or whose send dies after SES took the email, sends nothing twice. Needs: the AWS emulator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DigestsIT {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final AtomicBoolean CRASH_NEXT_DIGEST = new AtomicBoolean();
    private static MutableClock clock;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static Api api;
    private static String publisher;
    private static String admin;

    @BeforeAll
    static void start() {
        clock = new MutableClock(at(2027, 3, 22, 7, 0));
        emulator = SharedEmulator.fresh();
        // 20 emails a second: a fan-out of 40 takes long enough to see what goes first.
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withClock(clock).withTick(Duration.ZERO)
                .withMailer(DigestsIT::crashingOnce).withMaxSendRate(20));
        api = new Api(runtime.apiUrl());
        publisher = runtime.tokens().issue("pat.publisher", List.of("newsroom/publisher", "newsroom/editor"));
        admin = runtime.tokens().issue("admin", List.of("newsroom/contacts"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** SES takes the email, then the answer is lost: the send is in doubt (once, when asked). */
    private static Mailer crashingOnce(Mailer ses) {
        return (Email email) -> {
            String id = ses.send(email);
            if (email.subject().contains("digest") && CRASH_NEXT_DIGEST.compareAndSet(true, false)) {
                throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("Read timed out"));
            }
            return id;
        };
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, LONDON).toInstant();
    }

    private static List<SentEmail> to(String address, String subjectPart) {
        return emulator.sentEmails().stream().filter(e -> e.to().contains(address) && e.subject().contains(subjectPart))
                .toList();
    }

    private static String contact(String email, String topics, String frequency) {
        HttpResponse<String> made = api.post("/contacts", admin, "{\"email\": \"" + email + "\", \"name\": \"" + email
                + "\", \"topics\": " + topics + (frequency == null ? "" : ", \"frequency\": \"" + frequency + "\"") + "}");
        assertEquals(201, made.statusCode(), made.body());
        return json(made).path("id").asText();
    }

    private static String publishAt(Instant when, String title, String category) {
        clock.set(when);
        HttpResponse<String> made = api.post("/releases", publisher, release(title, category, "\"publish\": true"));
        assertEquals(201, made.statusCode(), made.body());
        return json(made).path("id").asText();
    }

    /** Every queue drained: the senders have nothing left to do. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1500);
    }

    private static void tickAt(Instant when) {
        clock.set(when);
        runtime.tickSchedules();
    }

    @Test
    @Order(1)
    void aWeekOfPublishesReachesEachSubscriberAsOftenAsTheyAsked() throws Exception {
        contact("ian@now.example", "[\"Appeals\"]", null);
        contact("dana@daily.example", "[\"Appeals\", \"Road Safety\"]", "daily");
        contact("will@weekly.example", "[\"*\"]", "weekly");
        assertEquals(400, api.post("/contacts", admin, "{\"email\": \"x@y.example\", \"name\": \"X\", \"topics\": [\"*\"],"
                + " \"frequency\": \"hourly\"}").statusCode());

        publishAt(at(2027, 3, 22, 10, 0), "Monday appeal for witnesses", "Appeals");
        String tuesday = publishAt(at(2027, 3, 23, 10, 0), "Tuesday road closure", "Road Safety");
        String wednesday = publishAt(at(2027, 3, 24, 10, 0), "Wednesday appeal", "Appeals");
        publishAt(at(2027, 3, 24, 11, 0), "Wednesday court result", "Court Results");
        // Ian (immediate) gets the Appeals ones at once; the digest subscribers get nothing yet.
        Eventually.await(Duration.ofSeconds(30), () -> to("ian@now.example", "appeal").size(), n -> n == 2);
        settle();
        assertEquals(List.of(), to("dana@daily.example", ""), "no release emails to a daily subscriber");
        assertEquals(List.of(), to("will@weekly.example", ""), "nor to a weekly one");

        // Tuesday 08:45: Dana's digest of Monday 08:00 to Tuesday 08:00 — Monday's appeal. Twice the tick: one email.
        tickAt(at(2027, 3, 23, 8, 45));
        runtime.tickSchedules();
        List<SentEmail> tuesdayDigest = Eventually.await(Duration.ofSeconds(60),
                () -> to("dana@daily.example", "Daily digest, 23 March 2027"), l -> !l.isEmpty());
        assertEquals(1, tuesdayDigest.size());
        assertTrue(tuesdayDigest.get(0).text().contains("Monday appeal for witnesses"), tuesdayDigest.get(0).text());
        assertTrue(tuesdayDigest.get(0).text().contains("/unsubscribe?token="), "the same unsubscribe link");

        // Tuesday's release is withdrawn and Wednesday's updated before their digests go.
        clock.set(at(2027, 3, 24, 12, 0));
        HttpResponse<String> t = api.get("/releases/" + tuesday, publisher);
        assertEquals(200, api.post("/releases/" + tuesday + "/withdraw", publisher, "{\"reason\": \"Issued in error.\"}",
                Map.of("If-Match", etag(t))).statusCode());
        HttpResponse<String> w = api.get("/releases/" + wednesday, publisher);
        assertEquals(200, api.put("/releases/" + wednesday, publisher, release("Wednesday appeal: man found", "Appeals",
                "\"changeNote\": \"He has been found.\", \"changeType\": \"minor\""), etag(w)).statusCode());

        // Wednesday's digest (Tuesday's withdrawn release) is empty for Dana: no email.
        tickAt(at(2027, 3, 24, 8, 45));
        // No tick on Thursday. Friday's run catches Thursday's period up; this send dies after SES took it.
        CRASH_NEXT_DIGEST.set(true);
        tickAt(at(2027, 3, 26, 9, 0));
        List<SentEmail> thursday = Eventually.await(Duration.ofSeconds(90),
                () -> to("dana@daily.example", "Daily digest, 25 March 2027"), l -> !l.isEmpty());
        assertTrue(thursday.get(0).text().contains("Wednesday appeal: man found"), "the latest title");
        assertFalse(thursday.get(0).text().contains("court result"), "not in Dana's topics");
        settle();
        Thread.sleep(30_000); // past the in-doubt send's lease: it is settled by SES's Send event, not sent again
        assertEquals(1, to("dana@daily.example", "Daily digest, 25 March 2027").size(), "once, crash and all");
        assertEquals(List.of(), to("dana@daily.example", "Daily digest, 24 March 2027"), "nothing new, no email");
        assertEquals(List.of(), to("dana@daily.example", "Daily digest, 26 March 2027"), "nothing new that day");

        // Saturday: Will's week, grouped by topic, the withdrawn release left out, one email however often asked.
        tickAt(at(2027, 3, 27, 8, 40));
        runtime.tickSchedules();
        List<SentEmail> weekly = Eventually.await(Duration.ofSeconds(60),
                () -> to("will@weekly.example", "Weekly digest, 27 March 2027"), l -> !l.isEmpty());
        settle();
        assertEquals(1, to("will@weekly.example", "Weekly digest").size());
        String text = weekly.get(0).text();
        assertTrue(text.contains("Appeals") && text.contains("Court Results"), text);
        assertFalse(text.contains("Tuesday road closure"), "withdrawn: left out");
        assertTrue(text.indexOf("Wednesday appeal: man found") < text.indexOf("Monday appeal for witnesses"),
                "newest first");
        assertEquals(1, lines(text, "Wednesday appeal: man found"), "an updated release once");
        assertEquals(0, lines(text, "Wednesday appeal"), "under its latest title only");
    }

    @Test
    @Order(2)
    void theDayTheClocksGoForwardIsCoveredToTheMinute() throws Exception {
        // Saturday 27 March 23:30 GMT, and Sunday 28 March 07:30 and 08:15 BST (clocks forward at 01:00).
        publishAt(Instant.parse("2027-03-27T23:30:00Z"), "Saturday night road closure", "Road Safety");
        publishAt(Instant.parse("2027-03-28T06:30:00Z"), "Sunday early appeal", "Appeals");
        publishAt(Instant.parse("2027-03-28T07:15:00Z"), "Sunday morning appeal", "Appeals");
        // Sunday 08:30 BST is 07:30 UTC.
        tickAt(Instant.parse("2027-03-28T07:31:00Z"));
        List<SentEmail> sunday = Eventually.await(Duration.ofSeconds(60),
                () -> to("dana@daily.example", "Daily digest, 28 March 2027"), l -> !l.isEmpty());
        String text = sunday.get(0).text();
        assertTrue(text.contains("Saturday night road closure") && text.contains("Sunday early appeal"), text);
        assertFalse(text.contains("Sunday morning appeal"), "after 08:00 BST: Monday's digest");
        tickAt(at(2027, 3, 29, 8, 45));
        List<SentEmail> monday = Eventually.await(Duration.ofSeconds(60),
                () -> to("dana@daily.example", "Daily digest, 29 March 2027"), l -> !l.isEmpty());
        assertTrue(monday.get(0).text().contains("Sunday morning appeal"));
        assertFalse(monday.get(0).text().contains("Sunday early appeal"), "each release in one digest only");
        assertFalse(monday.get(0).text().contains("Saturday night road closure"));
    }

    @Test
    @Order(3)
    void aSubscriberChoosesHowOftenWhenTheyConfirm() throws Exception {
        clock.set(at(2027, 3, 29, 12, 0));
        assertEquals(202, api.post("/subscriptions", null, "{\"email\": \"reader@home.example\", \"name\": \"Reader\","
                + " \"topics\": [\"Appeals\"], \"frequency\": \"weekly\"}").statusCode());
        assertEquals(400, api.post("/subscriptions", null, "{\"email\": \"reader2@home.example\", \"name\": \"R\","
                + " \"topics\": [\"Appeals\"], \"frequency\": \"monthly\"}").statusCode());
        SentEmail confirmation = Eventually.await(Duration.ofSeconds(20), () -> to("reader@home.example", "Confirm")
                .stream().findFirst().orElse(null), e -> e != null);
        String link = confirmation.text().replaceAll("(?s).*(http://\\S+/subscriptions/confirm\\?token=\\S+).*", "$1");
        HttpClient http = HttpClient.newHttpClient();
        String page = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("value=\"weekly\" checked"), "what they asked for, chosen: " + page);
        assertTrue(page.contains("<label for=\"frequency-daily\">"), "each choice labelled");
        HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("frequency=daily")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertTrue(confirmed.body().contains("one email a day"), confirmed.body());
        List<String> frequencies = new ArrayList<>();
        json(api.get("/contacts?limit=100", admin)).path("items").forEach(c -> {
            if (c.path("email").asText().equals("reader@home.example")) {
                frequencies.add(c.path("frequency").asText());
            }
        });
        assertEquals(List.of("daily"), frequencies);
    }

    @Test
    @Order(4)
    void releaseEmailsGoBeforeDigests() throws Exception {
        publishAt(at(2027, 3, 29, 13, 0), "Monday afternoon appeal", "Appeals");
        for (int i = 0; i < 40; i++) {
            contact("reader" + i + "@many.example", "[\"Appeals\"]", null);
        }
        // Tuesday 08:45: a release goes to 40 readers at once, and the digest run starts at the same moment.
        publishAt(at(2027, 3, 30, 8, 45), "Tuesday urgent appeal", "Appeals");
        Eventually.await(Duration.ofSeconds(30), () -> emulator.sentEmails().stream()
                .anyMatch(e -> e.subject().equals("Tuesday urgent appeal")), sent -> sent);
        runtime.tickSchedules();
        List<SentEmail> digest = Eventually.await(Duration.ofSeconds(120),
                () -> to("dana@daily.example", "Daily digest, 30 March 2027"), l -> !l.isEmpty());
        assertTrue(digest.get(0).text().contains("Monday afternoon appeal"));
        List<SentEmail> all = emulator.sentEmails();
        int digestAt = all.indexOf(digest.get(0));
        long urgentBefore = all.subList(0, digestAt).stream()
                .filter(e -> e.subject().equals("Tuesday urgent appeal") && e.to().get(0).endsWith("@many.example")).count();
        assertEquals(40, urgentBefore, "every release email went before the digest");
    }

    /** How many lines are exactly this (a release's title has a line of its own). */
    private static long lines(String text, String line) {
        return text.lines().filter(l -> l.strip().equals(line)).count();
    }
}
