package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the two-person rule switched on (TWO_PERSON_RULE), the author cannot publish their own
 * release; a second publisher can. Needs: the AWS emulator (started by the harness).
 */
class TwoPersonRuleIT {
    private static LocalRuntime runtime;
    private static Api api;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh(), LocalRuntime.Options.defaults().withTwoPersonRule(true));
        api = new Api(runtime.apiUrl());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theAuthorMayNotPublishTheirOwnRelease() {
        String alice = runtime.tokens().issue("alice@example.gov.uk", List.of("newsroom/editor", "newsroom/publisher"));
        String bob = runtime.tokens().issue("bob@example.gov.uk", List.of("newsroom/publisher"));

        HttpResponse<String> atOnce = api.post("/releases", alice, release("Own release", "Appeals", "\"publish\": true"));
        assertEquals(403, atOnce.statusCode());
        assertEquals("/problems/two-person-rule", json(atOnce).path("type").asText());

        HttpResponse<String> draft = api.post("/releases", alice, release("Own release", "Appeals", null));
        String id = json(draft).path("id").asText();
        HttpResponse<String> own = api.post("/releases/" + id + "/publish", alice, null, Map.of("If-Match", etag(draft)));
        assertEquals(403, own.statusCode());
        assertEquals("/problems/two-person-rule", json(own).path("type").asText());
        assertEquals("DRAFT", json(api.get("/releases/" + id, alice)).path("status").asText());

        HttpResponse<String> second = api.post("/releases/" + id + "/publish", bob, null, Map.of("If-Match", etag(draft)));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("PUBLISHED", json(second).path("status").asText());
    }

    @Test
    void whoChangedADraftLastMayNotPublishItEither() {
        String alice = runtime.tokens().issue("alice@example.gov.uk", List.of("newsroom/editor"));
        String bob = runtime.tokens().issue("bob@example.gov.uk", List.of("newsroom/editor", "newsroom/publisher"));
        String carol = runtime.tokens().issue("carol@example.gov.uk", List.of("newsroom/publisher"));
        HttpResponse<String> draft = api.post("/releases", alice, release("Written by Alice", "Appeals", null));
        String id = json(draft).path("id").asText();
        HttpResponse<String> edited = api.put("/releases/" + id, bob, release("Rewritten by Bob", "Appeals", null),
                etag(draft));
        assertEquals(200, edited.statusCode(), edited.body());
        assertEquals("bob@example.gov.uk", json(edited).path("editedBy").asText());
        HttpResponse<String> own = api.post("/releases/" + id + "/publish", bob, null, Map.of("If-Match", etag(edited)));
        assertEquals(403, own.statusCode(), own.body());
        assertEquals("/problems/two-person-rule", json(own).path("type").asText());
        assertEquals(200, api.post("/releases/" + id + "/publish", carol, null,
                Map.of("If-Match", etag(edited))).statusCode());
    }

    /**
     * A change to a published release waits for a second person: the API answers 202 with the
     * change to review, the public page stays as approved, and only someone else publishing that
     * very change (named by its id) makes it.
     */
    @Test
    void aChangeToAPublishedReleaseWaitsForASecondPerson() {
        String alice = runtime.tokens().issue("alice@example.gov.uk", List.of("newsroom/editor", "newsroom/publisher"));
        String bob = runtime.tokens().issue("bob@example.gov.uk", List.of("newsroom/publisher"));
        HttpResponse<String> draft = api.post("/releases", alice, release("Bridge closed", "Road Safety", null));
        String id = json(draft).path("id").asText();
        HttpResponse<String> published = api.post("/releases/" + id + "/publish", bob, null,
                Map.of("If-Match", etag(draft)));
        assertEquals(200, published.statusCode(), published.body());
        URI page = runtime.siteUrl().resolve(URI.create(json(published).path("url").asText()).getPath());
        Eventually.await(Duration.ofSeconds(20), () -> Http.get(page), r -> r.statusCode() == 200);

        HttpResponse<String> proposed = api.put("/releases/" + id, alice, release("Bridge closed until Friday",
                "Road Safety", "\"changeNote\": \"Gave the reopening day.\", \"changeType\": \"minor\""),
                etag(published));
        assertEquals(202, proposed.statusCode(), proposed.body());
        JsonNode view = json(proposed);
        assertEquals("Bridge closed", view.path("title").asText(), "the release as it stands, unchanged");
        assertEquals(etag(published), etag(proposed), "its version too");
        JsonNode waiting = view.path("pendingChange");
        assertEquals("EDIT", waiting.path("kind").asText());
        assertEquals("alice@example.gov.uk", waiting.path("proposedBy").asText());
        assertEquals("Bridge closed until Friday", waiting.path("edit").path("title").asText());
        assertEquals("Gave the reopening day.", waiting.path("changeNote").asText());
        String changeId = waiting.path("id").asText();
        JsonNode queue = json(api.get("/releases?pendingChange=true", bob));
        assertEquals(id, queue.path("items").get(0).path("id").asText(), "in the approval queue: " + queue);
        assertEquals("alice@example.gov.uk", queue.path("items").get(0).path("pendingChange").path("proposedBy").asText());
        assertEquals(400, api.get("/releases?pendingChange=false", bob).statusCode());
        assertEquals(changeId, json(api.get("/releases/" + id, bob)).path("pendingChange").path("id").asText());
        assertEquals(2, json(api.get("/releases/" + id + "/versions", bob)).path("items").size(),
                "no version was saved for the proposal");

        HttpResponse<String> own = api.post("/releases/" + id + "/publish", alice,
                "{\"pendingChange\": \"" + changeId + "\"}", Map.of("If-Match", etag(published)));
        assertEquals(403, own.statusCode(), own.body());
        assertEquals("/problems/two-person-rule", json(own).path("type").asText());
        HttpResponse<String> unseen = api.post("/releases/" + id + "/publish", bob,
                "{\"pendingChange\": \"not-the-one\"}", Map.of("If-Match", etag(published)));
        assertEquals(409, unseen.statusCode(), unseen.body());
        assertEquals("/problems/no-pending-change", json(unseen).path("type").asText());
        assertTrue(Http.get(page).body().contains("Bridge closed") && !Http.get(page).body().contains("until Friday"),
                "the public page is as approved");

        HttpResponse<String> approved = api.post("/releases/" + id + "/publish", bob,
                "{\"pendingChange\": \"" + changeId + "\"}", Map.of("If-Match", etag(published)));
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("Bridge closed until Friday", json(approved).path("title").asText());
        assertTrue(json(approved).path("pendingChange").isMissingNode(), approved.body());
        assertEquals("alice@example.gov.uk", json(approved).path("editedBy").asText());
        assertEquals(0, json(api.get("/releases?pendingChange=true", bob)).path("items").size(), "out of the queue");
        HttpResponse<String> live = Eventually.await(Duration.ofSeconds(20), () -> Http.get(page),
                r -> r.body().contains("Bridge closed until Friday"));
        assertTrue(live.body().contains("Gave the reopening day."), "the page shows the change note");
    }
}
