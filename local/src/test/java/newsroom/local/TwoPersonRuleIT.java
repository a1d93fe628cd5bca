package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import newsroom.local.support.Api;
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
}
