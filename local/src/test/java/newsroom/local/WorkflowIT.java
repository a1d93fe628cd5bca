package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The editorial workflow through the local HTTP API: drafts, preview, publication, updates with
 * their history on the page, withdrawal, versions, deletion, ETags and idempotency keys, listing,
 * attachments. Needs: the AWS emulator (started by the harness).
 */
class WorkflowIT {
    private static LocalRuntime runtime;
    private static Api api;
    private static String editor;
    private static String publisher;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
        api = new Api(runtime.apiUrl());
        editor = runtime.tokens().issue("editor@example.gov.uk", List.of("newsroom/editor"));
        publisher = runtime.tokens().issue("publisher@example.gov.uk", List.of("newsroom/publisher"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> createDraft(String title) {
        HttpResponse<String> created = api.post("/releases", editor, release(title, "Appeals", null));
        assertEquals(201, created.statusCode(), created.body());
        return created;
    }

    private static HttpResponse<String> page(String url) {
        return Http.get(URI.create(url));
    }

    private static HttpResponse<String> awaitPage(String url, String mustContain) {
        return Eventually.await(Duration.ofSeconds(15), () -> page(url),
                r -> r.statusCode() == 200 && r.body().contains(mustContain));
    }

    @Test
    void aReleaseGoesFromDraftToPublishedToUpdatedToWithdrawn() {
        HttpResponse<String> draft = createDraft("Appeal after burglary in Exampleton");
        String id = json(draft).path("id").asText();
        assertEquals("\"1\"", etag(draft));

        String edited = release("Appeal after burglary in Exampleton", "Appeals",
                "\"body\": \"Officers are asking for witnesses.\"").replace("\"body\": \"Body of the release.\\n\\n> A quote.\", ", "");
        HttpResponse<String> edit = api.put("/releases/" + id, editor, edited, etag(draft));
        assertEquals(200, edit.statusCode(), edit.body());
        assertEquals("\"2\"", etag(edit));

        HttpResponse<String> preview = api.get("/releases/" + id + "/preview", editor);
        assertEquals(200, preview.statusCode());
        assertTrue(preview.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(preview.body().contains("Officers are asking for witnesses."));
        assertTrue(preview.body().contains("Preview: not published"));
        assertTrue(runtime.clients().s3().listObjectsV2(l -> l.bucket(runtime.resources().siteBucket())).contents()
                .stream().noneMatch(o -> o.key().contains("burglary")), "a preview writes nothing to the site");

        HttpResponse<String> editorPublishing = api.post("/releases/" + id + "/publish", editor, null,
                Map.of("If-Match", etag(edit)));
        assertEquals(403, editorPublishing.statusCode());

        HttpResponse<String> published = api.post("/releases/" + id + "/publish", publisher, null,
                Map.of("If-Match", etag(edit)));
        assertEquals(200, published.statusCode(), published.body());
        JsonNode release = json(published);
        assertEquals("PUBLISHED", release.path("status").asText());
        String url = release.path("url").asText();
        String slug = release.path("slug").asText();
        assertEquals(200, awaitPage(url, "Officers are asking for witnesses.").statusCode());

        HttpResponse<String> again = api.post("/releases/" + id + "/publish", publisher, null,
                Map.of("If-Match", etag(published)));
        assertEquals(409, again.statusCode(), "publishing twice is a state conflict");
        assertEquals("/problems/invalid-state", json(again).path("type").asText());

        String noNote = edited.replace("Officers are asking", "Detectives are asking");
        HttpResponse<String> refused = api.put("/releases/" + id, publisher, noNote, etag(published));
        assertEquals(400, refused.statusCode());
        assertEquals(Set.of("changeNote", "changeType"), fields(refused));

        String byEditor = noNote.replace("}}", "}, \"changeNote\": \"x\", \"changeType\": \"minor\"}");
        byEditor = noNote.substring(0, noNote.length() - 1) + ", \"changeNote\": \"x\", \"changeType\": \"minor\"}";
        assertEquals(403, api.put("/releases/" + id, editor, byEditor, etag(published)).statusCode(),
                "changing a published release takes the publisher scope");

        String withNote = noNote.substring(0, noNote.length() - 1)
                + ", \"changeNote\": \"Corrected who is leading the appeal.\", \"changeType\": \"major\"}";
        HttpResponse<String> updated = api.put("/releases/" + id, publisher, withNote, etag(published));
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(slug, json(updated).path("slug").asText(), "the slug never changes once published");
        assertEquals(url, json(updated).path("url").asText(), "nor does the URL");
        assertEquals("MAJOR", json(updated).path("changes").get(0).path("type").asText());
        HttpResponse<String> updatedPage = awaitPage(url, "Detectives are asking");
        assertTrue(updatedPage.body().contains("Corrected who is leading the appeal."));
        assertTrue(updatedPage.body().matches("(?s).*Updated <time datetime=\"[^\"]+\">[^<]+</time>: Corrected who.*"));

        HttpResponse<String> versions = api.get("/releases/" + id + "/versions", editor);
        assertEquals(200, versions.statusCode());
        List<Integer> numbers = new ArrayList<>();
        json(versions).path("items").forEach(v -> numbers.add(v.path("version").asInt()));
        assertEquals(List.of(1, 2, 3, 4), numbers);
        assertEquals("DRAFT", json(versions).path("items").get(0).path("release").path("status").asText());
        assertTrue(json(versions).path("items").get(1).path("release").path("body").asText().contains("Officers"));

        assertEquals(400, api.post("/releases/" + id + "/withdraw", publisher, "{\"reason\": \" \"}",
                Map.of("If-Match", etag(updated))).statusCode(), "a withdrawal needs a public reason");
        HttpResponse<String> withdrawn = api.post("/releases/" + id + "/withdraw", publisher,
                "{\"reason\": \"Withdrawn at the request of the family.\"}", Map.of("If-Match", etag(updated)));
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        HttpResponse<String> notice = awaitPage(url, "Withdrawn at the request of the family.");
        assertTrue(notice.body().contains("Withdrawn: Appeal after burglary in Exampleton"));
        assertFalse(notice.body().contains("Detectives are asking"), "the release text is gone from its URL");
        HttpResponse<String> latest = Eventually.await(Duration.ofSeconds(10),
                () -> Http.get(runtime.siteUrl().resolve("/news/")), r -> !r.body().contains(slug));
        assertFalse(latest.body().contains(slug), "a withdrawn release leaves the lists");

        assertEquals(409, api.put("/releases/" + id, publisher, withNote, etag(withdrawn)).statusCode());
    }

    @Test
    void onlyDraftsCanBeDeleted() {
        HttpResponse<String> draft = createDraft("Draft to delete");
        String id = json(draft).path("id").asText();
        HttpResponse<String> noMatch = api.send("DELETE", "/releases/" + id, editor, null, Map.of());
        assertEquals(428, noMatch.statusCode());
        HttpResponse<String> deleted = api.send("DELETE", "/releases/" + id, editor, null, Map.of("If-Match", etag(draft)));
        assertEquals(204, deleted.statusCode());
        assertEquals(404, api.get("/releases/" + id, editor).statusCode());

        HttpResponse<String> live = api.post("/releases", publisher, release("Published, not deletable", "Appeals",
                "\"publish\": true"));
        HttpResponse<String> refused = api.send("DELETE", "/releases/" + json(live).path("id").asText(), publisher, null,
                Map.of("If-Match", etag(live)));
        assertEquals(409, refused.statusCode());
    }

    @Test
    void changesNeedTheCurrentEtag() {
        HttpResponse<String> draft = createDraft("ETag check");
        String id = json(draft).path("id").asText();
        String body = release("ETag check, edited", "Appeals", null);
        HttpResponse<String> missing = api.put("/releases/" + id, editor, body, null);
        assertEquals(428, missing.statusCode());
        assertEquals("/problems/precondition-required", json(missing).path("type").asText());
        HttpResponse<String> first = api.put("/releases/" + id, editor, body, etag(draft));
        assertEquals(200, first.statusCode());
        HttpResponse<String> stale = api.put("/releases/" + id, editor, body, etag(draft));
        assertEquals(412, stale.statusCode());
        assertEquals("/problems/precondition-failed", json(stale).path("type").asText());
        assertEquals(412, api.put("/releases/" + id, editor, body, "\"banana\"").statusCode());
        assertEquals(200, api.put("/releases/" + id, editor, body, "W/" + etag(first)).statusCode(),
                "a weak form of the current tag is accepted");
    }

    @Test
    void twoRacingUpdatesNeverLoseOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            HttpResponse<String> draft = createDraft("Race " + round);
            String id = json(draft).path("id").asText();
            String tag = etag(draft);
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<CompletableFuture<HttpResponse<String>>> racers = new ArrayList<>();
            for (String who : List.of("Alice", "Bob")) {
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return api.put("/releases/" + id, editor, release("Race by " + who, "Appeals", null), tag);
                }));
            }
            List<Integer> statuses = racers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();
            assertEquals(List.of(200, 412), statuses, "exactly one racer wins; the other is told, not overwritten");
            String winner = racers.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200)
                    .map(r -> json(r).path("title").asText()).findFirst().orElseThrow();
            assertEquals(winner, json(api.get("/releases/" + id, editor)).path("title").asText());
            assertEquals(2, json(api.get("/releases/" + id + "/versions", editor)).path("items").size());
        }
    }

    @Test
    void anIdempotencyKeyMakesARetrySafe() {
        String body = release("Idempotent release", "Appeals", null);
        Map<String, String> key = Map.of("Idempotency-Key", "create-idem-1");
        HttpResponse<String> first = api.post("/releases", editor, body, key);
        HttpResponse<String> retry = api.post("/releases", editor, body, key);
        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.body(), retry.body(), "the retry gets the first response");
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(null));
        long stored = runtime.clients().dynamo().scan(s -> s.tableName(runtime.resources().tableName())).items().stream()
                .filter(i -> i.get("SK").s().equals("RELEASE") && "Idempotent release".equals(i.get("title").s())).count();
        assertEquals(1, stored, "and nothing new is created");

        HttpResponse<String> otherBody = api.post("/releases", editor, release("Something else", "Appeals", null), key);
        assertEquals(422, otherBody.statusCode());
        assertEquals("/problems/idempotency-key-reuse", json(otherBody).path("type").asText());

        HttpResponse<String> otherCaller = api.post("/releases", publisher, release("Another caller", "Appeals", null), key);
        assertEquals(201, otherCaller.statusCode(), "keys belong to their caller");

        HttpResponse<String> badFirst = api.post("/releases", editor, "{\"title\": 1}", Map.of("Idempotency-Key", "bad-1"));
        HttpResponse<String> badRetry = api.post("/releases", editor, "{\"title\": 1}", Map.of("Idempotency-Key", "bad-1"));
        assertEquals(400, badFirst.statusCode());
        assertEquals(badFirst.body(), badRetry.body());
    }

    @Test
    void scheduledWithAFutureEmbargo() {
        HttpResponse<String> created = api.post("/releases", publisher, release("Embargoed report", "Appeals",
                "\"embargoUntil\": \"2099-01-01T00:01:00+00:00\", \"publish\": true"));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode release = json(created);
        assertEquals("SCHEDULED", release.path("status").asText());
        assertEquals("2099-01-01T00:01:00Z", release.path("publishedAt").asText());
        HttpResponse<String> page = Http.get(URI.create(release.path("url").asText()));
        assertEquals(404, page.statusCode(), "nothing on the site before the embargo");
    }

    @Test
    void listingPagesThroughWithAnOpaqueCursor() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(json(api.post("/releases", editor, release("Listed " + i, "Road Safety", null))).path("id").asText());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/releases?status=DRAFT&category=road%20safety&limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> page = api.get(query, editor);
            assertEquals(200, page.statusCode(), page.body());
            JsonNode body = json(page);
            assertTrue(body.path("items").size() <= 2);
            body.path("items").forEach(item -> {
                assertEquals("Road Safety", item.path("category").asText());
                assertTrue(seen.add(item.path("id").asText()), "no release twice");
            });
            cursor = body.path("nextCursor").isMissingNode() ? null : body.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(ids, seen);
        assertTrue(pages >= 3);

        assertEquals(Set.of("status"), fields(api.get("/releases?status=LOST", editor)));
        assertEquals(Set.of("limit"), fields(api.get("/releases?limit=0", editor)));
        assertEquals(Set.of("limit"), fields(api.get("/releases?limit=101", editor)));
        assertEquals(Set.of("category"), fields(api.get("/releases?category=Gardening", editor)));
        assertEquals(Set.of("cursor"), fields(api.get("/releases?cursor=not-a-cursor", editor)));
        assertEquals(Set.of("sort"), fields(api.get("/releases?sort=title", editor)));
        HttpResponse<String> all = api.get("/releases?limit=100", editor);
        assertTrue(json(all).path("items").size() >= 5);
    }

    @Test
    void attachmentsAreUploadedThroughAPresignedUrlAndPublishedAsDownloads() throws Exception {
        HttpResponse<String> draft = createDraft("Report with attachments");
        String id = json(draft).path("id").asText();
        byte[] pdf = "%PDF-1.4 a small test report".getBytes();
        byte[] png = Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

        HttpResponse<String> badType = api.post("/releases/" + id + "/attachments", editor,
                "{\"fileName\": \"tool.exe\", \"contentType\": \"application/x-msdownload\", \"size\": 10}");
        assertEquals(Set.of("contentType"), fields(badType));
        HttpResponse<String> tooBig = api.post("/releases/" + id + "/attachments", editor,
                "{\"fileName\": \"huge.pdf\", \"contentType\": \"application/pdf\", \"size\": 52428801}");
        assertEquals(Set.of("size"), fields(tooBig));
        HttpResponse<String> badName = api.post("/releases/" + id + "/attachments", editor,
                "{\"fileName\": \"../../etc/passwd.pdf\", \"contentType\": \"application/pdf\", \"size\": 10}");
        assertEquals(Set.of("fileName"), fields(badName));

        upload(id, "inspection-report.pdf", "application/pdf", pdf, "The full report");
        upload(id, "chart.png", "image/png", png, null);

        HttpResponse<String> current = api.get("/releases/" + id, editor);
        String noAlt = release("Report with attachments", "Appeals", "\"heroImage\": {\"fileName\": \"chart.png\", \"alt\": \"\"}");
        assertEquals(Set.of("heroImage.alt"), fields(api.put("/releases/" + id, editor, noAlt, etag(current))));
        String pdfHero = release("Report with attachments", "Appeals", "\"heroImage\": {\"fileName\": \"inspection-report.pdf\", \"alt\": \"x\"}");
        assertEquals(Set.of("heroImage.fileName"), fields(api.put("/releases/" + id, editor, pdfHero, etag(current))));
        String withHero = release("Report with attachments", "Appeals",
                "\"heroImage\": {\"fileName\": \"chart.png\", \"alt\": \"Chart: forces with a cyber crime unit\"}");
        HttpResponse<String> edited = api.put("/releases/" + id, editor, withHero, etag(current));
        assertEquals(200, edited.statusCode(), edited.body());

        HttpResponse<String> published = api.post("/releases/" + id + "/publish", publisher, null, Map.of("If-Match", etag(edited)));
        assertEquals(200, published.statusCode(), published.body());
        HttpResponse<String> page = awaitPage(json(published).path("url").asText(), "inspection-report.pdf");
        assertTrue(page.body().contains("(PDF, " + pdf.length + " bytes)"), page.body());
        assertTrue(page.body().contains("<img src=\"/downloads/" + id + "/chart.png\" alt=\"Chart: forces with a cyber crime unit\">"));
        HttpResponse<String> download = Http.get(runtime.siteUrl().resolve("/downloads/" + id + "/inspection-report.pdf"));
        assertEquals(200, download.statusCode());
        assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(new String(pdf), download.body());
    }

    /** The site bucket's keys that belong to a release (its page and its downloads). */
    private static Set<String> siteKeysOf(String id, String slug) {
        Set<String> keys = new HashSet<>();
        runtime.clients().s3().listObjectsV2Paginator(l -> l.bucket(runtime.resources().siteBucket())).contents()
                .forEach(o -> {
                    if (o.key().startsWith("downloads/" + id + "/") || o.key().contains("/" + slug + "/")) {
                        keys.add(o.key());
                    }
                });
        return keys;
    }

    @Test
    void anAttachmentCanBeRemovedAndAWithdrawalLeavesOnlyTheNotice() {
        String id = json(api.post("/releases", editor, release("Two files attached", "Appeals", null)))
                .path("id").asText();
        upload(id, "old-map.pdf", "application/pdf", "%PDF-1.4 old".getBytes(StandardCharsets.US_ASCII), "Old map");
        upload(id, "new-map.pdf", "application/pdf", "%PDF-1.4 new".getBytes(StandardCharsets.US_ASCII), "New map");
        HttpResponse<String> draft = api.get("/releases/" + id, editor);
        String oldId = null;
        for (JsonNode a : json(draft).path("attachments")) {
            if (a.path("fileName").asText().equals("old-map.pdf")) {
                oldId = a.path("id").asText();
            }
        }
        HttpResponse<String> published = api.post("/releases/" + id + "/publish", publisher, null,
                Map.of("If-Match", etag(draft)));
        assertEquals(200, published.statusCode(), published.body());
        String url = json(published).path("url").asText();
        String slug = json(published).path("slug").asText();
        awaitPage(url, "old-map.pdf");
        URI oldFile = runtime.siteUrl().resolve("/downloads/" + id + "/old-map.pdf");
        assertEquals(200, Http.get(oldFile).statusCode());

        String remove = "/releases/" + id + "/attachments/" + oldId;
        assertEquals(403, api.send("DELETE", remove, editor, "{\"changeNote\": \"x\", \"changeType\": \"minor\"}",
                Map.of("If-Match", etag(published))).statusCode(), "a published release is the publisher's");
        assertEquals(Set.of("changeNote", "changeType"), fields(api.send("DELETE", remove, publisher, null,
                Map.of("If-Match", etag(published)))));
        assertEquals(404, api.send("DELETE", "/releases/" + id + "/attachments/no-such-file", publisher,
                "{\"changeNote\": \"x\", \"changeType\": \"minor\"}", Map.of("If-Match", etag(published)))
                .statusCode());
        HttpResponse<String> removed = api.send("DELETE", remove, publisher,
                "{\"changeNote\": \"The old map was wrong.\", \"changeType\": \"minor\"}",
                Map.of("If-Match", etag(published)));
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(1, json(removed).path("attachments").size());

        HttpResponse<String> page = awaitPage(url, "The old map was wrong.");
        assertFalse(page.body().contains("old-map.pdf"), "the page no longer links it");
        assertEquals(404, Eventually.await(Duration.ofSeconds(10), () -> Http.get(oldFile).statusCode(), s -> s == 404),
                "the file is gone from the site");
        assertEquals(Set.of("downloads/" + id + "/new-map.pdf", "news/" + url.replaceAll(".*/news/", "") + "index.html",
                "news/" + url.replaceAll(".*/news/", "") + "ninjs.json"), siteKeysOf(id, slug));

        HttpResponse<String> withdrawn = api.post("/releases/" + id + "/withdraw", publisher,
                "{\"reason\": \"Issued in error.\"}", Map.of("If-Match", etag(removed)));
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        awaitPage(url, "Issued in error.");
        Set<String> left = Eventually.await(Duration.ofSeconds(10), () -> siteKeysOf(id, slug), k -> k.size() == 2);
        assertEquals(Set.of("news/" + url.replaceAll(".*/news/", "") + "index.html",
                "news/" + url.replaceAll(".*/news/", "") + "ninjs.json"), left,
                "nothing of the release but its notice, and its ninjs cancelled");
        String ninjs = Eventually.await(Duration.ofSeconds(10), () -> Http.get(URI.create(url + "ninjs.json")).body(),
                b -> b.contains("\"canceled\""));
        assertFalse(ninjs.contains("Body of"), ninjs);
    }

    private static void upload(String id, String fileName, String type, byte[] content, String description) {
        String body = "{\"fileName\": \"" + fileName + "\", \"contentType\": \"" + type + "\", \"size\": " + content.length
                + (description == null ? "" : ", \"description\": \"" + description + "\"") + "}";
        HttpResponse<String> declared = api.post("/releases/" + id + "/attachments", editor, body);
        assertEquals(201, declared.statusCode(), declared.body());
        JsonNode upload = json(declared).path("upload");
        assertEquals("PUT", upload.path("method").asText());
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                .header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertEquals(200, put.statusCode(), put.body());
    }

    private static Set<String> fields(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        Set<String> fields = new HashSet<>();
        json(response).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

}
