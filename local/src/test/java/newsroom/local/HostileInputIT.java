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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import newsroom.api.ApiRoutes;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a hostile client sends, route by route, through the local HTTP API: every mistake is a
 * specific problem+json 4xx, never a 500, and nothing is stored.
 * Needs: the AWS emulator (started by the harness).
 */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every route that reads a JSON body, with a text field it knows. */
    private static final Map<String, String> JSON_ROUTES = Map.of(
            ApiRoutes.CREATE_RELEASE, "title",
            ApiRoutes.UPDATE_RELEASE, "title",
            ApiRoutes.WITHDRAW_RELEASE, "reason",
            ApiRoutes.ADD_ATTACHMENT, "fileName",
            ApiRoutes.REMOVE_ATTACHMENT, "changeNote",
            ApiRoutes.CREATE_CONTACT, "email",
            ApiRoutes.UPDATE_CONTACT, "email",
            ApiRoutes.SUBSCRIBE, "email",
            ApiRoutes.REVOKE_ADVANCE_COPIES, "contactId");
    private static LocalRuntime runtime;
    private static String everyone;
    private static String releaseId;
    private static String contactId;

    @BeforeAll
    static void start() throws IOException {
        runtime = LocalStack.start(SharedEmulator.fresh());
        everyone = runtime.tokens().issue("officer@example.gov.uk",
                List.of("newsroom/editor", "newsroom/publisher", "newsroom/contacts"));
        releaseId = JSON.readTree(Http.postJson(runtime.apiUrl().resolve("/releases"), everyone,
                EndToEndIT.fixture().replace("\"publish\": true", "\"publish\": false")).body()).path("id").asText();
        contactId = JSON.readTree(Http.postJson(runtime.apiUrl().resolve("/contacts"), everyone,
                "{\"email\":\"desk@paper.example\",\"name\":\"Desk\",\"topics\":[\"*\"]}").body()).path("id").asText();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> send(String routeKey, String id, String contentType, byte[] body) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String path = routeKey.substring(routeKey.indexOf(' ') + 1).replace("{id}", id).replace("{attachmentId}", id)
                .replace("{deliveryId}", id);
        HttpRequest.Builder request = HttpRequest.newBuilder(runtime.apiUrl().resolve(path))
                .header("Authorization", "Bearer " + everyone)
                .header("If-Match", "\"1\"")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Http.send(request);
    }

    private static String idFor(String routeKey) {
        return routeKey.contains("/contacts/") ? contactId : releaseId;
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String routeKey) throws IOException {
        assertEquals(status, response.statusCode(), routeKey + ": " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), routeKey);
        assertFalse(response.body().contains("Exception"), routeKey + " names no Java exception");
        return JSON.readTree(response.body());
    }

    @Test
    void aNullBodyIsMalformedOnEveryRouteThatReadsJson() throws IOException {
        for (String route : JSON_ROUTES.keySet()) {
            JsonNode problem = problem(send(route, idFor(route), "application/json",
                    "null".getBytes(StandardCharsets.UTF_8)), 400, route);
            assertEquals("/problems/malformed-json", problem.path("type").asText(), route);
        }
    }

    @Test
    void aNumberOrABooleanWhereTextBelongsIsAnInvalidField() throws IOException {
        for (Map.Entry<String, String> route : JSON_ROUTES.entrySet()) {
            for (String wrong : List.of("123", "true")) {
                JsonNode problem = problem(send(route.getKey(), idFor(route.getKey()), "application/json",
                        ("{\"" + route.getValue() + "\": " + wrong + "}").getBytes(StandardCharsets.UTF_8)),
                        400, route.getKey());
                assertEquals("/problems/invalid-field", problem.path("type").asText(), route.getKey());
                assertEquals(route.getValue(), problem.path("errors").get(0).path("field").asText());
            }
        }
    }

    @Test
    void aLoneSurrogateOrAControlCharacterIsAnInvalidField() throws IOException {
        for (Map.Entry<String, String> route : JSON_ROUTES.entrySet()) {
            for (String bad : List.of("\\ud800", "a\\u0007b", "\\uffff")) {
                JsonNode problem = problem(send(route.getKey(), idFor(route.getKey()), "application/json",
                        ("{\"" + route.getValue() + "\": \"" + bad + "\"}").getBytes(StandardCharsets.UTF_8)),
                        400, route.getKey() + " " + bad);
                assertEquals("/problems/invalid-field", problem.path("type").asText());
                assertEquals(route.getValue(), problem.path("errors").get(0).path("field").asText());
                assertTrue(problem.path("errors").get(0).path("message").asText().contains("control characters"));
            }
        }
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotLastOneWins() throws IOException {
        String body = EndToEndIT.fixture().replace("\"publish\": true", "\"publish\": true, \"publish\": false");
        JsonNode problem = problem(send(ApiRoutes.CREATE_RELEASE, "", "application/json",
                body.getBytes(StandardCharsets.UTF_8)), 400, "duplicate");
        assertEquals("/problems/duplicate-field", problem.path("type").asText());
        assertEquals("publish", problem.path("errors").get(0).path("field").asText());
        assertEquals(1, JSON.readTree(Http.get(runtime.apiUrl().resolve("/releases"), everyone).body())
                .path("items").size(), "nothing more was created");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNeverRepaired() throws IOException {
        byte[] json = "{\"title\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode problem = problem(send(ApiRoutes.CREATE_RELEASE, "", "application/json", json), 400, "latin-1 json");
        assertEquals("/problems/malformed-json", problem.path("type").asText());

        byte[] csv = "email,name,topics\n\u00e9@x.example,Bad,*\n".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode csvProblem = problem(send(ApiRoutes.IMPORT_CONTACTS, "", "text/csv", csv), 400, "latin-1 csv");
        assertEquals("file", csvProblem.path("errors").get(0).path("field").asText());
        assertEquals(1, JSON.readTree(Http.get(runtime.apiUrl().resolve("/contacts"), everyone).body())
                .path("items").size(), "no contact was made of the bad bytes");
    }

    @Test
    void anIdThatCouldNeverExistIsNotFoundOnEveryIdRoute() throws IOException {
        for (String route : ApiRoutes.ALL) {
            if (!route.contains("{id}")) {
                continue;
            }
            for (String id : List.of("x".repeat(3000), "%F0%9F%92%A9", "..%2F..")) {
                HttpResponse<String> response = send(route, id, "application/json",
                        route.startsWith("GET") || route.startsWith("DELETE") ? null
                                : "{}".getBytes(StandardCharsets.UTF_8));
                assertTrue(response.statusCode() == 404 || response.statusCode() == 400,
                        route + " " + id.length() + ": " + response.statusCode() + " " + response.body());
                problem(response, response.statusCode(), route);
            }
        }
    }

    @Test
    void aCursorNoListHandedOutIsAValidationProblem() throws IOException {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"q\":\"RELEASES|\",\"k.PK\":\"OTHER\",\"k.SK\":\"X\",\"k.GSI4PK\":\"NOPE\",\"k.GSI4SK\":\"Z\"}"
                        .getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("not-a-cursor!", "bnVsbA", forged, "A".repeat(5000))) {
            URI uri = URI.create(runtime.apiUrl() + "/releases?cursor=" + cursor);
            JsonNode problem = problem(Http.get(uri, everyone), 400, "cursor " + cursor.substring(0, 4));
            assertEquals("cursor", problem.path("errors").get(0).path("field").asText());
        }
    }

    /**
     * Requests no HTTP client library would send (java.net.URI refuses them), written on a socket:
     * a malformed percent-escape in the query or the path, an escape that is not UTF-8, a header
     * line with no colon. Each is a problem+json 400, never the server's own HTML page or a Java
     * exception's name.
     */
    @Test
    void malformedEscapesAndHeadersAreProblemsNotTheServersOwnPage() throws IOException {
        String token = everyone;
        for (String target : List.of("/releases?cursor=%zz", "/releases?cursor=%", "/releases?cursor=%E9",
                "/releases/%zz", "/releases/%", "/releases/%E9%")) {
            RawResponse response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost:" + runtime.apiUrl().getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
            // A cursor is a validation problem; an id that cannot be one names no release.
            int expected = target.contains("cursor") ? 400 : 404;
            assertEquals(expected, response.status(), target + ": " + response.raw());
            assertEquals("application/problem+json", response.header("content-type"), target + ": " + response.raw());
            assertFalse(response.body().contains("Exception"), target + " names no Java exception");
            assertEquals(expected, JSON.readTree(response.body()).path("status").asInt(), target);
        }
        RawResponse tooLong = raw("GET /releases?cursor=" + "A".repeat(20_000) + " HTTP/1.1\r\nHost: localhost:"
                + runtime.apiUrl().getPort() + "\r\nConnection: close\r\n\r\n");
        assertEquals(414, tooLong.status(), tooLong.raw());
        assertEquals("application/problem+json", tooLong.header("content-type"), tooLong.raw());
        // A link from an email is for a person: the page that says so, not JSON.
        RawResponse link = raw("GET /subscriptions/confirm?token=%G1 HTTP/1.1\r\nHost: localhost:"
                + runtime.apiUrl().getPort() + "\r\nConnection: close\r\n\r\n");
        assertEquals(400, link.status(), link.raw());
        assertTrue(link.body().contains("This link does not work"), link.raw());
        RawResponse badHeader = raw("GET /releases HTTP/1.1\r\nHost: localhost:" + runtime.apiUrl().getPort()
                + "\r\nno colon here\r\nConnection: close\r\n\r\n");
        assertEquals(400, badHeader.status(), badHeader.raw());
        assertEquals("application/problem+json", badHeader.header("content-type"), badHeader.raw());
        assertFalse(badHeader.raw().contains("Exception"), badHeader.raw());
    }

    record RawResponse(int status, java.util.Map<String, String> headers, String body, String raw) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    private static RawResponse raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", runtime.apiUrl().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, Math.max(0, end)).split("\r\n");
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            int status = lines.length > 0 && lines[0].length() >= 12 ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
            return new RawResponse(status, headers, end < 0 ? "" : raw.substring(end + 4), raw);
        }
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405WithAllow() throws IOException {
        HttpResponse<String> unknown = Http.get(runtime.apiUrl().resolve("/nothing/here"));
        assertEquals("/problems/not-found", problem(unknown, 404, "unknown").path("type").asText());

        HttpResponse<String> wrongMethod = send("PATCH /releases/{id}", releaseId, null, null);
        assertEquals("/problems/method-not-allowed", problem(wrongMethod, 405, "PATCH").path("type").asText());
        assertEquals("GET, PUT, DELETE", wrongMethod.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aFileWhoseNameDoesNotMatchItsTypeIsRefused() throws IOException {
        JsonNode problem = problem(send(ApiRoutes.ADD_ATTACHMENT, releaseId, "application/json",
                "{\"fileName\": \"x.html\", \"contentType\": \"application/pdf\", \"size\": 10}"
                        .getBytes(StandardCharsets.UTF_8)), 400, "x.html as pdf");
        assertEquals("fileName", problem.path("errors").get(0).path("field").asText());
    }
}
