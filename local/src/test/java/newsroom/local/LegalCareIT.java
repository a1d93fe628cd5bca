package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.LocalStack;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import newsroom.standards.NinjsSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Legal care through the local runtime: flags that ask for confirmation before publishing, the
 * files and the IPTC ninjs of an advance copy behind the journalist's own link, a journalist added
 * later, the pre-release access record with every kind of access in it (and kept only for the
 * retention period), ninjs beside the public page (version bumped by an update, canceled by a
 * withdrawal), and review reminders once per review under a clock the test moves. Needs: the AWS
 * emulator.
 */
class LegalCareIT {
    private static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/advance/[A-Za-z0-9._-]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static MutableClock clock;
    private static Emulator emulator;
    private static LocalRuntime runtime;
    private static Api api;

    @BeforeAll
    static void start() {
        // 06:00 in London on a Monday: the day's review reminders are not due yet.
        clock = new MutableClock(ZonedDateTime.of(2026, 11, 30, 6, 0, 0, 0, LONDON).toInstant());
        emulator = SharedEmulator.fresh();
        runtime = LocalStack.start(emulator, LocalRuntime.Options.defaults().withClock(clock).withTick(Duration.ZERO));
        api = new Api(runtime.apiUrl());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "NewsDesk/1.0").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<SentEmail> mailTo(String address, String subjectPart) {
        return emulator.sentEmails().stream()
                .filter(e -> e.to().contains(address) && e.subject().contains(subjectPart)).toList();
    }

    private static String linkIn(String address, String title) {
        SentEmail email = Eventually.await(Duration.ofSeconds(20), () -> mailTo(address, title).stream()
                .findFirst().orElse(null), e -> e != null);
        assertTrue(email != null, "the advance copy reached " + address);
        assertTrue(email.text().contains("EMBARGOED UNTIL"), "the embargo in the body");
        Matcher m = LINK.matcher(email.text());
        assertTrue(m.find(), email.text());
        assertTrue(email.text().contains(m.group(1) + "/ninjs"), "the ninjs link in the email: " + email.text());
        return m.group(1);
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static HttpResponse<String> fetch(String url) {
        try {
            return get(url);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Validates against the official IPTC ninjs 2.1 schema, and against what this project promises of it. */
    private static void assertNinjs(JsonNode ninjs, String pubstatus) {
        assertEquals(Set.of(), NinjsSchema.violations(ninjs), ninjs.toString());
        assertEquals("ninjs", ninjs.path("standard").path("name").asText());
        assertEquals("2.1", ninjs.path("standard").path("version").asText());
        assertEquals(pubstatus, ninjs.path("pubstatus").asText());
        assertTrue(ninjs.path("uri").asText().startsWith("urn:uuid:"));
    }

    @Test
    void anEmbargoedReleaseLeavesACompleteRecordOfWhoHadItAndItsNinjsFollowsItsLife() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 30, 6, 0, 0, 0, LONDON).toInstant());
        String admin = runtime.tokens().issue("admin", List.of("newsroom/contacts"));
        json(api.post("/contacts", admin, "{\"email\": \"sam@daily.example\", \"name\": \"Sam Reporter\","
                + " \"outlet\": \"The Daily\", \"topics\": [\"Appeals\"], \"embargoAccess\": true}"));
        String lee = json(api.post("/contacts", admin, "{\"email\": \"lee@radio.example\", \"name\": \"Lee Producer\","
                + " \"outlet\": \"Radio North\", \"topics\": [\"Road Safety\"]}")).path("id").asText();
        String editor = runtime.tokens().issue("ed.writer", List.of("newsroom/editor"));
        String publisher = runtime.tokens().issue("pat.publisher", List.of("newsroom/publisher", "newsroom/editor"));

        String title = "Man charged after Mill Lane collision";
        HttpResponse<String> draft = api.post("/releases", editor, release(title, "Appeals",
                "\"embargoUntil\": \"" + clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES) + "\""));
        assertEquals(201, draft.statusCode(), draft.body());
        String id = json(draft).path("id").asText();
        byte[] map = "%PDF-1.4 collision map".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> declared = api.post("/releases/" + id + "/attachments", editor,
                "{\"fileName\": \"collision-map.pdf\", \"contentType\": \"application/pdf\", \"size\": " + map.length + "}");
        assertEquals(201, declared.statusCode(), declared.body());
        String attachmentId = json(declared).path("attachment").path("id").asText();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(json(declared).path("upload").path("url").asText())).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(map)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(200, api.get("/releases/" + id + "/preview", editor).statusCode());

        // A flag that asks for confirmation: publishing without it is refused, naming the flag.
        HttpResponse<String> flagged = api.send("PUT", "/releases/" + id + "/flags", editor,
                "{\"flags\": [{\"flag\": \"court-case-active\"}, {\"flag\": \"names-suspect\", \"reviewOn\": \"2027-01-15\"}]}",
                Map.of());
        assertEquals(200, flagged.statusCode(), flagged.body());
        JsonNode flags = json(flagged).path("flags");
        assertEquals("names-suspect", flags.get(0).path("flag").asText(), "in the configured order");
        assertEquals("2027-01-15", flags.get(0).path("reviewOn").asText());
        assertEquals("court-case-active", flags.get(1).path("flag").asText());
        assertEquals("2026-12-14", flags.get(1).path("reviewOn").asText(), "14 days by default");
        HttpResponse<String> badFlag = api.send("PUT", "/releases/" + id + "/flags", editor,
                "{\"flags\": [{\"flag\": \"names-a-cat\"}, {\"flag\": 7}]}", Map.of());
        assertEquals(400, badFlag.statusCode(), badFlag.body());
        HttpResponse<String> current = api.get("/releases/" + id, publisher);
        HttpResponse<String> unconfirmed = api.post("/releases/" + id + "/publish", publisher, "{}",
                Map.of("If-Match", etag(current)));
        assertEquals(409, unconfirmed.statusCode(), unconfirmed.body());
        assertEquals("/problems/confirmation-required", json(unconfirmed).path("type").asText());
        assertTrue(unconfirmed.body().contains("court-case-active") && unconfirmed.body().contains("names-suspect"));
        assertEquals("DRAFT", json(api.get("/releases/" + id, publisher)).path("status").asText(), "nothing published");
        HttpResponse<String> scheduled = api.post("/releases/" + id + "/publish", publisher,
                "{\"confirm\": [\"court-case-active\", \"names-suspect\"]}", Map.of("If-Match", etag(current)));
        assertEquals(200, scheduled.statusCode(), scheduled.body());
        assertEquals("SCHEDULED", json(scheduled).path("status").asText());

        // Sam (on the embargo list) gets the copy; its file and its ninjs are behind the same link.
        String samLink = linkIn("sam@daily.example", title);
        HttpResponse<String> copy = get(samLink);
        assertEquals(200, copy.statusCode());
        String fileHref = "./" + samLink.substring(samLink.lastIndexOf('/') + 1) + "/attachments/" + attachmentId;
        assertTrue(copy.body().contains("href=\"" + fileHref + "\""), "the copy links its file through the link");
        assertTrue(copy.body().contains("rel=\"alternate\" type=\"application/ninjs+json\""), copy.body());
        HttpResponse<String> file = get(samLink + "/attachments/" + attachmentId);
        assertEquals(302, file.statusCode(), file.body());
        assertEquals("no-store, private", file.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<byte[]> bytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(file.headers().firstValue("Location").orElseThrow())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bytes.statusCode());
        assertArrayEquals(map, bytes.body());
        assertEquals(404, get(samLink + "/attachments/3f0a2b9c-0000-4000-8000-000000000000").statusCode());
        assertEquals(404, get(samLink.substring(0, samLink.length() - 2) + "xx/attachments/" + attachmentId).statusCode(),
                "a forged link opens no file");
        HttpResponse<String> withheld = get(samLink + "/ninjs");
        assertEquals(200, withheld.statusCode());
        assertEquals("no-store, private", withheld.headers().firstValue("Cache-Control").orElse(""));
        JsonNode embargoedNinjs = read(withheld.body());
        assertNinjs(embargoedNinjs, "withheld");
        assertEquals(json(scheduled).path("embargoUntil").asText(), embargoedNinjs.path("embargoed").asText());
        assertEquals(title, embargoedNinjs.path("headlines").get(0).path("value").asText());
        String fileInNinjs = embargoedNinjs.path("associations").get(0).path("renditions").get(0).path("href").asText();
        assertEquals(samLink + "/attachments/" + attachmentId, fileInNinjs, "the file by the journalist's own link");

        // Lee is not on the embargo list: the office adds him; he gets the copy once, however often asked.
        HttpResponse<String> added = api.post("/releases/" + id + "/advance-copies", publisher,
                "{\"contactId\": \"" + lee + "\"}");
        assertEquals(202, added.statusCode(), added.body());
        assertEquals(202, api.post("/releases/" + id + "/advance-copies", publisher,
                "{\"contactId\": \"" + lee + "\"}").statusCode());
        assertEquals(403, api.post("/releases/" + id + "/advance-copies", editor,
                "{\"contactId\": \"" + lee + "\"}").statusCode(), "a publisher's call");
        assertEquals(400, api.post("/releases/" + id + "/advance-copies", publisher, "{\"contactId\": 5}").statusCode());
        assertEquals(404, api.post("/releases/" + id + "/advance-copies", publisher,
                "{\"contactId\": \"" + "x".repeat(3000) + "\"}").statusCode(), "an id that was never handed out");
        assertEquals(404, api.post("/releases/" + id + "/advance-copies/revoke", publisher,
                "{\"contactId\": \"" + "x".repeat(3000) + "\"}").statusCode());
        String leeLink = linkIn("lee@radio.example", title);
        assertTrue(get(leeLink).body().contains("Advance copy for Lee Producer, Radio North"));
        Thread.sleep(1500);
        assertEquals(1, mailTo("lee@radio.example", title).size(), "one advance copy");
        assertEquals(200, api.post("/releases/" + id + "/advance-copies/revoke", publisher,
                "{\"contactId\": \"" + lee + "\"}").statusCode());
        assertEquals(410, get(leeLink).statusCode());
        assertEquals(409, api.post("/releases/" + id + "/advance-copies", publisher,
                "{\"contactId\": \"" + lee + "\"}").statusCode(), "a withdrawn copy is not sent again");

        // The record: every kind of access, each before publication; a publisher's to read, and read-only.
        JsonNode record = json(api.get("/releases/" + id + "/access-record", publisher));
        Set<String> seen = new TreeSet<>();
        for (JsonNode entry : record.path("entries")) {
            seen.add(entry.path("party").asText() + ": " + entry.path("who").asText() + " " + entry.path("action").asText());
            assertTrue(entry.path("beforePublication").asBoolean(), entry.toString());
        }
        for (String expected : List.of(
                "press office: ed.writer created",
                "press office: ed.writer edited",
                "press office: ed.writer previewed",
                "press office: ed.writer set legal flags",
                "press office: pat.publisher confirmed flags before publishing",
                "press office: pat.publisher scheduled",
                "press office: pat.publisher added a journalist",
                "press office: pat.publisher withdrew advance copies",
                "journalist: Sam Reporter (The Daily) sent the advance copy",
                "journalist: Sam Reporter (The Daily) opened the advance copy",
                "journalist: Sam Reporter (The Daily) opened attachment collision-map.pdf",
                "journalist: Sam Reporter (The Daily) opened the ninjs copy",
                "journalist: Lee Producer (Radio North) sent the advance copy",
                "journalist: Lee Producer (Radio North) opened the advance copy")) {
            assertTrue(seen.contains(expected), expected + " in " + seen);
        }
        String csv = api.get("/releases/" + id + "/access-record/export", publisher).body();
        assertTrue(csv.startsWith("at,who,party,action,detail,beforePublication"), csv);
        assertTrue(csv.contains("opened attachment collision-map.pdf"));
        assertEquals(403, api.get("/releases/" + id + "/access-record", editor).statusCode());
        assertEquals(405, api.send("PUT", "/releases/" + id + "/access-record", publisher, "{}", Map.of()).statusCode());
        assertEquals(405, api.send("DELETE", "/releases/" + id + "/access-record", publisher, null, Map.of())
                .statusCode());
        // Kept for the retention period (730 days by default), then deleted by DynamoDB's TTL.
        List<Map<String, AttributeValue>> items = runtime.clients().dynamo().query(q -> q
                .tableName(runtime.resources().recordsTableName())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RELEASE#" + id)))).items();
        long accessItems = items.stream().filter(i -> i.get("SK").s().startsWith("ACCESS#")
                || i.get("SK").s().startsWith("OPENED#")).count();
        assertTrue(accessItems >= 10, "records: " + accessItems);
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("SK").s();
            if (sk.startsWith("ACCESS#") || sk.startsWith("OPENED#")) {
                long expires = Long.parseLong(item.get("expiresAt").n());
                assertEquals(clock.instant().plus(Duration.ofDays(730)).getEpochSecond(), expires, 60, sk);
            }
        }

        // The embargo ends: ninjs beside the page, linked from it and from the feed; usable, version 1.
        clock.set(Instant.parse(json(scheduled).path("embargoUntil").asText()).plusSeconds(1));
        runtime.tickSchedules();
        String url = json(api.get("/releases/" + id, publisher)).path("url").asText();
        String ninjsUrl = url + "ninjs.json";
        JsonNode usable = Eventually.await(Duration.ofSeconds(20), () -> {
            HttpResponse<String> r = fetch(ninjsUrl);
            return r.statusCode() == 200 ? read(r.body()) : null;
        }, n -> n != null);
        assertNinjs(usable, "usable");
        assertEquals("1", usable.path("version").asText());
        assertTrue(usable.path("associations").get(0).path("renditions").get(0).path("href").asText()
                .endsWith("/collision-map.pdf"), usable.toString());
        assertTrue(get(url).body().contains("<link rel=\"alternate\" type=\"application/ninjs+json\""));
        String atom = Eventually.await(Duration.ofSeconds(20), () -> fetch(runtime.siteUrl() + "/feeds/news.atom").body(),
                feed -> feed.contains(ninjsUrl));
        assertTrue(atom.contains("type=\"application/ninjs+json\" href=\"" + ninjsUrl + "\""), atom);
        assertEquals(302, get(samLink + "/ninjs").statusCode(), "the link leads to the public ninjs");
        assertEquals(ninjsUrl, get(samLink + "/ninjs").headers().firstValue("Location").orElse(""));
        assertTrue(api.get("/releases/" + id + "/access-record", publisher).body()
                .contains("\"who\":\"embargo sweep\",\"party\":\"press office\",\"action\":\"published\""),
                "the embargo's end is on the record too");

        // An update bumps the version; a withdrawal cancels it.
        HttpResponse<String> now = api.get("/releases/" + id, publisher);
        HttpResponse<String> updated = api.put("/releases/" + id, publisher, release(title + ": court date set", "Appeals",
                "\"changeNote\": \"Court date added.\", \"changeType\": \"major\""), etag(now));
        assertEquals(200, updated.statusCode(), updated.body());
        JsonNode second = Eventually.await(Duration.ofSeconds(20), () -> {
            HttpResponse<String> r = fetch(ninjsUrl);
            return r.statusCode() == 200 ? read(r.body()) : JSON.createObjectNode();
        },
                n -> n.path("version").asText().equals("2"));
        assertEquals("2", second.path("version").asText());
        assertEquals(200, api.post("/releases/" + id + "/withdraw", publisher, "{\"reason\": \"Sub judice.\"}",
                Map.of("If-Match", etag(updated))).statusCode());
        JsonNode canceled = Eventually.await(Duration.ofSeconds(20), () -> {
            HttpResponse<String> r = fetch(ninjsUrl);
            return r.statusCode() == 200 ? read(r.body()) : JSON.createObjectNode();
        },
                n -> n.path("pubstatus").asText().equals("canceled"));
        assertNinjs(canceled, "canceled");
        assertFalse(canceled.has("bodies"), "nothing of the text stays");
    }

    /** Created and published in one step: both are in the record, in that order, in one request. */
    @Test
    void aReleaseCreatedAndPublishedInOneStepRecordsBothInOrder() throws Exception {
        String publisher = runtime.tokens().issue("pat.publisher", List.of("newsroom/publisher", "newsroom/editor"));
        HttpResponse<String> created = api.post("/releases", publisher,
                release("Road reopened after Mill Lane collision", "Appeals", "\"publish\": true"));
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : json(api.get("/releases/" + id + "/access-record", publisher)).path("entries")) {
            if (entry.path("party").asText().equals("press office")) {
                actions.add(entry.path("who").asText() + " " + entry.path("action").asText());
            }
        }
        assertEquals(List.of("pat.publisher created", "pat.publisher published"), actions);
    }

    @Test
    void aReviewThatFallsDueIsRemindedOfOnceListedAndEndedByItsDecision() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 30, 6, 0, 0, 0, LONDON).toInstant());
        String author = "sam.author@force.example";
        String editor = runtime.tokens().issue(author, List.of("newsroom/editor"));
        String publisher = runtime.tokens().issue("pat.publisher", List.of("newsroom/publisher", "newsroom/editor"));
        String title = "Appeal to find missing teenager Jo";
        HttpResponse<String> draft = api.post("/releases", editor, release(title, "Appeals", null));
        String id = json(draft).path("id").asText();
        assertEquals(200, api.send("PUT", "/releases/" + id + "/flags", editor,
                "{\"flags\": [{\"flag\": \"missing-person\"}]}", Map.of()).statusCode());
        HttpResponse<String> published = api.post("/releases/" + id + "/publish", publisher, "{}",
                Map.of("If-Match", etag(draft)));
        assertEquals(200, published.statusCode(), published.body());
        assertEquals(0, json(api.get("/reviews", editor)).path("items").size(), "not due yet");

        // Seven days on, before 08:00: listed, but nobody is emailed yet.
        clock.set(ZonedDateTime.of(2026, 12, 7, 7, 30, 0, 0, LONDON).toInstant());
        runtime.tickSchedules();
        JsonNode due = json(api.get("/reviews", editor)).path("items");
        assertEquals(1, due.size(), due.toString());
        assertEquals(id, due.get(0).path("releaseId").asText());
        assertEquals("2026-12-07", due.get(0).path("reviewOn").asText());
        assertEquals(List.of(), mailTo(author, "Review due"));

        // From 08:00: one email, however many ticks; none the next day for the same review.
        clock.set(ZonedDateTime.of(2026, 12, 7, 8, 5, 0, 0, LONDON).toInstant());
        List<Thread> ticks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread tick = new Thread(runtime::tickSchedules);
            ticks.add(tick);
            tick.start();
        }
        for (Thread tick : ticks) {
            tick.join();
        }
        runtime.tickSchedules();
        clock.set(ZonedDateTime.of(2026, 12, 8, 9, 0, 0, 0, LONDON).toInstant());
        runtime.tickSchedules();
        List<SentEmail> reminders = mailTo(author, "Review due");
        assertEquals(1, reminders.size(), reminders.toString());
        assertTrue(reminders.get(0).text().contains(title) && reminders.get(0).text().contains("Missing person appeal"));

        // Kept with a new date: no longer due; the decision is in the access record.
        HttpResponse<String> kept = api.post("/releases/" + id + "/reviews", publisher,
                "{\"flag\": \"missing-person\", \"decision\": \"keep\", \"reviewOn\": \"2026-12-14\","
                        + " \"note\": \"Still missing\"}");
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(0, json(api.get("/reviews", editor)).path("items").size());
        assertEquals(400, api.post("/releases/" + id + "/reviews", publisher,
                "{\"flag\": \"missing-person\", \"decision\": \"keep\", \"reviewOn\": \"2026-12-01\"}").statusCode(),
                "a date in the past");
        assertEquals(400, api.post("/releases/" + id + "/reviews", publisher,
                "{\"flag\": \"names-victim\", \"decision\": \"keep\", \"reviewOn\": \"2027-01-01\"}").statusCode(),
                "a flag the release does not carry");
        assertEquals(403, api.post("/releases/" + id + "/reviews", editor,
                "{\"flag\": \"missing-person\", \"decision\": \"keep\", \"reviewOn\": \"2027-01-01\"}").statusCode());

        // A week later the new review falls due and is reminded of; redacting ends it.
        clock.set(ZonedDateTime.of(2026, 12, 14, 8, 30, 0, 0, LONDON).toInstant());
        runtime.tickSchedules();
        assertEquals(2, mailTo(author, "Review due").size());
        HttpResponse<String> now = api.get("/releases/" + id, publisher);
        HttpResponse<String> redacted = api.post("/releases/" + id + "/reviews", publisher,
                "{\"flag\": \"missing-person\", \"decision\": \"redact\", \"note\": \"Found safe\", \"release\": "
                        + release("Missing teenager found", "Appeals",
                        "\"changeNote\": \"Found safe and well; name removed.\", \"changeType\": \"major\"") + "}",
                Map.of("If-Match", etag(now)));
        assertEquals(200, redacted.statusCode(), redacted.body());
        assertEquals(0, json(redacted).path("flags").size());
        assertEquals("Missing teenager found", json(api.get("/releases/" + id, publisher)).path("title").asText());
        String record = api.get("/releases/" + id + "/access-record", publisher).body();
        assertTrue(record.contains("missing-person (due 2026-12-07): keep, next review 2026-12-14"), record);
        assertTrue(record.contains("missing-person (due 2026-12-14): redact"), record);
        assertEquals(LocalDate.of(2026, 12, 14), LocalDate.ofInstant(clock.instant(), LONDON));
    }
}
