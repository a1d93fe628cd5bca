package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input through the local HTTP API: each mistake gets its status and a problem+json body
 * naming what is wrong, and nothing is stored.
 * Needs: the AWS emulator (started by the harness).
 */
class ApiErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRuntime runtime;
    private static URI releases;
    private static String publisher;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
        releases = runtime.apiUrl().resolve("/releases");
        publisher = runtime.tokens().issue("officer@example.gov.uk", List.of("newsroom/publisher"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void malformedJsonIsA400Problem() throws IOException {
        HttpResponse<String> response = Http.postJson(releases, publisher, "{\"title\": \"unterminated");
        JsonNode problem = problem(response, 400);
        assertEquals("/problems/malformed-json", problem.path("type").asText());
        assertTrue(problem.path("detail").asText().contains("not valid JSON"));
        assertNothingStored();
    }

    @Test
    void missingTitleIsA400ProblemNamingTheField() throws IOException {
        String body = EndToEndIT.fixture().replaceFirst("\"title\": \"[^\"]*\",", "");
        JsonNode problem = problem(Http.postJson(releases, publisher, body), 400);
        assertEquals("/problems/validation", problem.path("type").asText());
        assertEquals("title", problem.path("errors").get(0).path("field").asText());
        assertEquals("is required", problem.path("errors").get(0).path("message").asText());
        assertNothingStored();
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() throws IOException {
        String body = "{\"title\": \"" + "x".repeat(201) + "\", \"body\": \"\", \"category\": \"Gardening\","
                + " \"contact\": {\"name\": \"Press\", \"email\": \"not-an-address\"}, \"embargoUntil\": \"tomorrow\"}";
        JsonNode problem = problem(Http.postJson(releases, publisher, body), 400);
        List<String> fields = JSON.convertValue(problem.path("errors").findValues("field"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertEquals(List.of("title", "body", "category", "contact.email", "embargoUntil"), fields);
        assertNothingStored();
    }

    @Test
    void unknownFieldsAreRefusedNotDropped() throws IOException {
        String body = EndToEndIT.fixture().replace("\"publish\": true", "\"publish\": true, \"priority\": \"high\"");
        JsonNode problem = problem(Http.postJson(releases, publisher, body), 400);
        assertEquals("/problems/unknown-field", problem.path("type").asText());
        assertEquals("priority", problem.path("errors").get(0).path("field").asText());
        assertNothingStored();
    }

    @Test
    void wrongTypeNamesTheField() throws IOException {
        String body = EndToEndIT.fixture().replace("\"publish\": true", "\"publish\": true, \"tags\": \"one\"")
                .replaceFirst("\"tags\": \\[[^\\]]*\\],", "");
        JsonNode problem = problem(Http.postJson(releases, publisher, body), 400);
        assertEquals("/problems/invalid-field", problem.path("type").asText());
        assertEquals("tags", problem.path("errors").get(0).path("field").asText());
    }

    @Test
    void nonJsonBodyIs415() throws IOException {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(releases)
                .header("Authorization", "Bearer " + publisher)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("title=hello")));
        assertEquals("/problems/unsupported-media-type", problem(response, 415).path("type").asText());
        assertNothingStored();
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsing() throws IOException {
        String huge = "{\"title\": \"" + "x".repeat(300 * 1024) + "\"}";
        assertEquals("/problems/payload-too-large", problem(Http.postJson(releases, publisher, huge), 413)
                .path("type").asText());
        assertNothingStored();
    }

    @Test
    void noTokenIs401() throws IOException {
        HttpResponse<String> response = Http.postJson(releases, null, EndToEndIT.fixture());
        assertEquals(401, response.statusCode());
        assertNothingStored();
    }

    @Test
    void forgedExpiredOrWrongAudienceTokensAre401() throws IOException {
        String expired = runtime.tokens().issue("officer", List.of("newsroom/publisher"),
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), LocalTokens.AUDIENCE);
        String otherAudience = runtime.tokens().issue("officer", List.of("newsroom/publisher"),
                Instant.now(), Duration.ofHours(1), "some-other-api");
        String tampered = publisher.substring(0, publisher.length() - 4) + "AAAA";
        for (String token : List.of(expired, otherAudience, tampered, "not-a-jwt")) {
            assertEquals(401, Http.postJson(releases, token, EndToEndIT.fixture()).statusCode(), token);
        }
        assertNothingStored();
    }

    @Test
    void wrongScopeIs403() throws IOException {
        String contactsOnly = runtime.tokens().issue("admin", List.of("newsroom/contacts"));
        JsonNode problem = problem(Http.postJson(releases, contactsOnly, EndToEndIT.fixture()), 403);
        assertEquals("/problems/insufficient-scope", problem.path("type").asText());

        String editorOnly = runtime.tokens().issue("editor", List.of("newsroom/editor"));
        JsonNode publishProblem = problem(Http.postJson(releases, editorOnly, EndToEndIT.fixture()), 403);
        assertTrue(publishProblem.path("detail").asText().contains("newsroom/publisher"),
                "an editor may draft but not publish");

        String publisherOnly = runtime.tokens().issue("officer", List.of("newsroom/publisher"));
        problem(Http.postJson(runtime.apiUrl().resolve("/contacts"), publisherOnly,
                "{\"email\":\"a@b.example\",\"name\":\"A\",\"topics\":[\"*\"]}"), 403);
        assertNothingStored();
    }

    @Test
    void unknownReleaseIs404Problem() {
        HttpResponse<String> response = Http.get(runtime.apiUrl().resolve("/releases/no-such-id"), publisher);
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void duplicateContactEmailIs409WhateverTheCase() throws IOException {
        String admin = runtime.tokens().issue("admin", List.of("newsroom/contacts"));
        URI contacts = runtime.apiUrl().resolve("/contacts");
        assertEquals(201, Http.postJson(contacts, admin,
                "{\"email\":\"Desk@Paper.example\",\"name\":\"Desk\",\"topics\":[\"*\"]}").statusCode());
        JsonNode problem = problem(Http.postJson(contacts, admin,
                "{\"email\":\"desk@paper.EXAMPLE\",\"name\":\"Desk again\",\"topics\":[\"Appeals\"]}"), 409);
        assertEquals("/problems/email-taken", problem.path("type").asText());
        assertEquals("email", problem.path("errors").get(0).path("field").asText());
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(status, body.path("status").asInt());
        assertFalse(body.path("title").asText().isEmpty());
        assertFalse(response.body().contains("Exception"), "no stack trace or exception name reaches the caller");
        return body;
    }

    /** No release and no slug claim was written by any rejected request. */
    private static void assertNothingStored() {
        var items = runtime.clients().dynamo().scan(s -> s.tableName(runtime.resources().tableName())).items();
        assertTrue(items.stream().noneMatch(i -> i.get("PK").s().startsWith("RELEASE#")
                || i.get("PK").s().startsWith("SLUG#")), "nothing stored: " + items);
    }
}
