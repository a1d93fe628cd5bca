package newsroom.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import newsroom.domain.ReleaseDraft;
import org.junit.jupiter.api.Test;

/** Reading request bodies: each way a body can be wrong has its own problem. Pure. */
class RequestBodiesTest {

    private static APIGatewayV2HTTPEvent event(String contentType, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(contentType == null ? Map.of() : Map.of("content-type", contentType))
                .withBody(body).withIsBase64Encoded(base64).build();
    }

    private static Problem problemFor(APIGatewayV2HTTPEvent event) {
        return assertThrows(ApiException.class, () -> RequestBodies.read(event, ReleaseDraft.class)).problem();
    }

    @Test
    void readsJsonWithCharsetParameter() {
        ReleaseDraft draft = RequestBodies.read(event("application/json; charset=utf-8", "{\"title\":\"T\"}", false),
                ReleaseDraft.class);
        assertEquals("T", draft.title());
    }

    @Test
    void readsBase64Bodies() {
        String encoded = Base64.getEncoder().encodeToString("{\"title\":\"Café\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("Café", RequestBodies.read(event("application/json", encoded, true), ReleaseDraft.class).title());
    }

    @Test
    void eachMistakeHasItsProblem() {
        assertEquals(415, problemFor(event(null, "{}", false)).status());
        assertEquals("/problems/malformed-json", problemFor(event("application/json", "", false)).type());
        assertEquals("/problems/malformed-json", problemFor(event("application/json", "[1, 2]", false)).type());
        assertEquals("/problems/malformed-json", problemFor(event("application/json", "{} trailing", false)).type());
        assertEquals("/problems/malformed-json", problemFor(event("application/json", "%%%", true)).type());
        Problem unknown = problemFor(event("application/json", "{\"contact\":{\"fax\":\"1\"}}", false));
        assertEquals("/problems/unknown-field", unknown.type());
        assertEquals("contact.fax", unknown.errors().get(0).field());
        Problem wrongType = problemFor(event("application/json", "{\"tags\":[[1]]}", false));
        assertEquals("tags[0]", wrongType.errors().get(0).field());
    }

    @Test
    void oversizedBodiesAreRefusedBeforeParsing() {
        // Not JSON at all: a parser would say "malformed"; the size check answers first.
        String big = "x".repeat(RequestBodies.MAX_BYTES + 1);
        assertEquals(413, problemFor(event("application/json", big, false)).status());
        String bigBase64 = "A".repeat(RequestBodies.MAX_BYTES * 2);
        assertEquals(413, problemFor(event("application/json", bigBase64, true)).status());
    }

    @Test
    void nothingIsGuessedAt() {
        assertEquals("/problems/malformed-json", problemFor(event("application/json", "null", false)).type());
        Problem number = problemFor(event("application/json", "{\"title\": 123}", false));
        assertEquals("/problems/invalid-field", number.type());
        assertEquals("title", number.errors().get(0).field());
        assertEquals("/problems/invalid-field",
                problemFor(event("application/json", "{\"title\": false}", false)).type());
        assertEquals("/problems/invalid-field",
                problemFor(event("application/json", "{\"publish\": \"true\"}", false)).type());
        Problem twice = problemFor(event("application/json", "{\"publish\": true, \"publish\": false}", false));
        assertEquals("/problems/duplicate-field", twice.type());
        assertEquals("publish", twice.errors().get(0).field());
    }

    @Test
    void textThatCannotBeStoredOrPublishedIsRefusedWhereItStands() {
        for (String bad : new String[] {"\\ud800", "\\udc00x", "bell\\u0007", "\\uffff", "nul\\u0000"}) {
            Problem problem = problemFor(event("application/json",
                    "{\"contact\": {\"name\": \"" + bad + "\"}}", false));
            assertEquals("/problems/invalid-field", problem.type(), bad);
            assertEquals("contact.name", problem.errors().get(0).field(), bad);
        }
        ReleaseDraft fine = RequestBodies.read(event("application/json",
                "{\"title\": \"Tab\\tand\\nlines \\ud83d\\ude93\"}", false), ReleaseDraft.class);
        assertEquals("Tab\tand\nlines \ud83d\ude93", fine.title());
        byte[] latin1 = "{\"title\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("/problems/malformed-json", problemFor(event("application/json",
                Base64.getEncoder().encodeToString(latin1), true)).type());
    }
}
