package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsroom.api.ApiRoutes;
import newsroom.api.http.RouteTable;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import newsroom.service.SignedTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The running API and openapi.yaml agree: the same routes; and on a tour that reaches each route's
 * success and its common failures, every status the API answered is declared for its operation,
 * with the declared media type, and every JSON body validates against the declared schema.
 * Needs: the AWS emulator (started by the harness).
 */
class OpenApiContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode spec;
    private static LocalRuntime runtime;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/openapi.yaml")) {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        runtime = LocalStack.start(SharedEmulator.fresh());
        api = new Api(runtime.apiUrl());
        Api.forget();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theSpecDeclaresExactlyTheRoutesTheApiServes() {
        assertEquals("3.1.0", spec.path("openapi").asText());
        Set<String> declared = new HashSet<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getKey().equals("parameters")) {
                declared.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertEquals(Set.copyOf(ApiRoutes.ALL), declared);
    }

    @Test
    void everyResponseOnATourOfTheApiMatchesTheSpec() {
        tour();
        RouteTable routes = new RouteTable(ApiRoutes.ALL);
        List<String> problems = new ArrayList<>();
        Set<String> routesSeen = new HashSet<>();
        for (Api.Exchange exchange : Api.recorded()) {
            var match = routes.match(exchange.method(), exchange.path());
            if (match.isEmpty()) {
                continue;
            }
            String routeKey = match.get().routeKey();
            routesSeen.add(routeKey);
            String template = routeKey.substring(routeKey.indexOf(' ') + 1);
            JsonNode operation = spec.path("paths").path(template).path(exchange.method().toLowerCase(Locale.ROOT));
            JsonNode response = resolve(operation.path("responses").path(Integer.toString(exchange.status())));
            String where = routeKey + " → " + exchange.status();
            if (response.isMissingNode()) {
                problems.add(where + ": status not declared");
                continue;
            }
            JsonNode content = response.path("content");
            if (content.isMissingNode() || content.isEmpty()) {
                if (exchange.body() != null && !exchange.body().isEmpty()) {
                    problems.add(where + ": declared without a body, but has one");
                }
                continue;
            }
            String mediaType = exchange.contentType() == null ? "" : exchange.contentType().split(";")[0].trim();
            JsonNode media = content.path(mediaType);
            if (media.isMissingNode()) {
                problems.add(where + ": media type " + mediaType + " not declared (" + content.fieldNames().next() + ")");
                continue;
            }
            if (mediaType.endsWith("json")) {
                Set<ValidationMessage> errors = schema(media.path("schema")).validate(read(exchange.body()));
                if (!errors.isEmpty()) {
                    problems.add(where + ": " + errors + " in " + exchange.body());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.copyOf(ApiRoutes.ALL), routesSeen, "the tour reaches every route");
    }

    /** Each route's success, and the failures a client meets most. */
    private static void tour() {
        String editor = runtime.tokens().issue("editor", List.of("newsroom/editor"));
        String publisher = runtime.tokens().issue("publisher", List.of("newsroom/publisher"));
        String admin = runtime.tokens().issue("admin", List.of("newsroom/contacts"));

        HttpResponse<String> draft = api.post("/releases", editor, release("Tour release", "Appeals", null),
                Map.of("Idempotency-Key", "tour-1"));
        api.post("/releases", editor, release("Another body", "Appeals", null), Map.of("Idempotency-Key", "tour-1"));
        api.post("/releases", editor, "{not json");
        api.post("/releases", editor, release("Tour", "Appeals", "\"colour\": \"red\""));
        api.post("/releases", editor, release("x".repeat(300 * 1024), "Appeals", null));
        api.post("/releases", null, release("No token", "Appeals", null));
        api.post("/releases", admin, release("Wrong scope", "Appeals", null));
        api.send("POST", "/releases", editor, null, Map.of());
        String id = json(draft).path("id").asText();
        String path = "/releases/" + id;

        api.get("/releases?limit=1", editor);
        api.get("/releases?status=NOPE", editor);
        api.get(path, editor);
        api.get("/releases/unknown-id", editor);
        api.get(path + "/preview", editor);

        HttpResponse<String> declared = api.post(path + "/attachments", editor,
                "{\"fileName\": \"report.pdf\", \"contentType\": \"application/pdf\", \"size\": 100}");
        api.post(path + "/attachments", editor, "{\"fileName\": \"x.exe\", \"contentType\": \"application/x\", \"size\": 1}");
        HttpResponse<String> spare = api.post(path + "/attachments", editor,
                "{\"fileName\": \"spare.pdf\", \"contentType\": \"application/pdf\", \"size\": 100}");
        String spareId = json(spare).path("attachment").path("id").asText();
        api.send("DELETE", path + "/attachments/" + spareId, editor, null, Map.of());
        api.send("DELETE", path + "/attachments/" + spareId, editor, "{\"changeNote\": \"n\"}", Map.of("If-Match", etag(spare)));
        api.send("DELETE", path + "/attachments/" + spareId, editor, null, Map.of("If-Match", etag(spare)));
        api.send("DELETE", path + "/attachments/" + spareId, editor, null, Map.of("If-Match", etag(spare)));
        HttpResponse<String> current = api.get(path, editor);
        api.put(path, editor, release("Tour release, edited", "Appeals", null), null);
        HttpResponse<String> edited = api.put(path, editor, release("Tour release, edited", "Appeals", null), etag(current));
        api.put(path, editor, release("Stale", "Appeals", null), etag(current));
        api.put(path, editor, "{\"title\": \"\"}", etag(edited));
        api.get(path + "/versions", editor);

        HttpResponse<String> published = api.post(path + "/publish", publisher, null, Map.of("If-Match", etag(edited)));
        api.post(path + "/publish", publisher, "{}", Map.of("If-Match", etag(published)));
        api.post(path + "/withdraw", publisher, "{}", Map.of("If-Match", etag(published)));
        HttpResponse<String> withdrawn = api.post(path + "/withdraw", publisher, "{\"reason\": \"Tour over\"}",
                Map.of("If-Match", etag(published)));
        api.put(path, publisher, release("After withdrawal", "Appeals", "\"changeNote\": \"n\", \"changeType\": \"minor\""),
                etag(withdrawn));
        api.send("DELETE", path, publisher, null, Map.of("If-Match", etag(withdrawn)));

        HttpResponse<String> other = api.post("/releases", editor, release("To delete", "Appeals", null));
        api.send("DELETE", "/releases/" + json(other).path("id").asText(), editor, null, Map.of());
        api.send("DELETE", "/releases/" + json(other).path("id").asText(), editor, null, Map.of("If-Match", etag(other)));

        HttpResponse<String> contact = api.post("/contacts", admin,
                "{\"email\": \"tour@paper.example\", \"name\": \"Tour\", \"topics\": [\"*\"]}");
        api.post("/contacts", admin, "{\"email\": \"TOUR@paper.example\", \"name\": \"Tour\", \"topics\": [\"*\"]}");
        api.post("/contacts", admin, "{\"email\": \"nope\", \"topics\": []}");
        String contactId = json(contact).path("id").asText();
        api.get("/contacts?limit=1", admin);
        api.get("/contacts?limit=0", admin);
        api.get("/contacts/" + contactId, admin);
        api.get("/contacts/unknown", admin);
        String tourDesk = "{\"email\": \"tour@paper.example\", \"name\": \"Tour desk\", \"role\": \"Crime\", "
                + "\"topics\": [\"Appeals\"]}";
        api.send("PUT", "/contacts/" + contactId, admin, tourDesk, Map.of());
        api.send("PUT", "/contacts/" + contactId, admin, tourDesk, Map.of("If-Match", etag(contact)));
        api.send("PUT", "/contacts/" + contactId, admin, tourDesk, Map.of("If-Match", etag(contact)));
        api.send("PUT", "/contacts/" + contactId, admin, "{\"email\": \"bad\"}", Map.of("If-Match", "\"2\""));
        api.send("POST", "/contacts/import", admin, "email,name,topics\nimport@paper.example,Imported,Appeals\nbad,,\n",
                Map.of("Content-Type", "text/csv"));
        api.send("POST", "/contacts/import", admin, "{}", Map.of());
        api.get(path + "/deliveries", editor);
        api.get(path + "/deliveries?limit=500", editor);
        api.get(path + "/deliveries/export", editor);

        String token = new SignedTokens(runtime.signingKeys(),
                Clock.systemUTC()).unsubscribe(contactId);
        api.get("/unsubscribe?token=" + token, null);
        api.get("/unsubscribe?token=forged", null);
        api.get("/advance/forged.link.x", null);
        api.post(path + "/advance-copies/revoke", publisher, "{}");
        api.post(path + "/advance-copies/revoke", publisher, "{\"contactId\": \"3f0a2b9c-0000-4000-8000-000000000000\"}");
        api.get("/advance/forged.link.x/attachments/3f0a2b9c-0000-4000-8000-000000000000", null);
        api.get("/advance/forged.link.x/ninjs", null);

        // Legal care: flags, the reviews due, a review's decision, confirmation, the access record.
        HttpResponse<String> flaggedRelease = api.post("/releases", editor, release("Flagged tour", "Appeals", null));
        String flaggedPath = "/releases/" + json(flaggedRelease).path("id").asText();
        api.send("PUT", flaggedPath + "/flags", editor, "{\"flags\": [{\"flag\": \"court-case-active\"}]}", Map.of());
        api.send("PUT", flaggedPath + "/flags", editor, "{\"flags\": [{\"flag\": \"no-such-flag\"}]}", Map.of());
        api.get(flaggedPath + "/flags", editor);
        api.get("/reviews", editor);
        api.post(flaggedPath + "/reviews", publisher, "{\"flag\": \"court-case-active\", \"decision\": \"keep\","
                + " \"reviewOn\": \"2099-01-01\"}");
        api.post(flaggedPath + "/reviews", publisher, "{\"flag\": \"court-case-active\", \"decision\": \"maybe\"}");
        HttpResponse<String> flaggedNow = api.get(flaggedPath, publisher);
        api.post(flaggedPath + "/publish", publisher, "{}", Map.of("If-Match", etag(flaggedNow)));
        api.post(flaggedPath + "/advance-copies", publisher, "{\"contactId\": \"" + contactId + "\"}");
        api.get(flaggedPath + "/access-record", publisher);
        api.get(flaggedPath + "/access-record/export", publisher);
        api.get(flaggedPath + "/access-record", editor);
        // Settings: read, a mistake, a stale change, a change, the rebuild's state.
        HttpResponse<String> settings = api.get("/settings", publisher);
        api.send("PUT", "/settings", publisher, "{\"siteName\": \"\"}", Map.of("If-Match", etag(settings)));
        api.send("PUT", "/settings", publisher, settings.body(), Map.of());
        api.send("PUT", "/settings", publisher, settings.body(), Map.of("If-Match", etag(settings)));
        api.send("PUT", "/settings", publisher, settings.body(), Map.of("If-Match", etag(settings)));
        api.get("/settings/rebuild", publisher);
        // Webhooks: register, read, change, rotate, the log, a test event, a replay, remove.
        String hook = "{\"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"release.published\"]}";
        HttpResponse<String> webhook = api.post("/webhooks", publisher, hook);
        api.post("/webhooks", publisher, "{\"url\": \"https://10.0.0.1/hook\", \"events\": [\"release.published\"]}");
        String webhookPath = "/webhooks/" + json(webhook).path("id").asText();
        api.get("/webhooks", publisher);
        api.get(webhookPath, publisher);
        api.get("/webhooks/3f0a2b9c-0000-4000-8000-000000000000", publisher);
        api.send("PUT", webhookPath, publisher, hook, Map.of());
        HttpResponse<String> changedHook = api.send("PUT", webhookPath, publisher, hook, Map.of("If-Match", etag(webhook)));
        api.post(webhookPath + "/rotate-secret", publisher, null);
        HttpResponse<String> testEvent = api.post(webhookPath + "/test", publisher, null);
        api.get(webhookPath + "/deliveries", publisher);
        api.post(webhookPath + "/deliveries/" + json(testEvent).path("id").asText() + "/replay", publisher, null);
        api.post(webhookPath + "/deliveries/msg_nope/replay", publisher, null);
        api.send("DELETE", webhookPath, publisher, null, Map.of());
        assertTrue(changedHook.statusCode() == 200, changedHook.body());
        api.send("POST", "/unsubscribe?token=" + token, null, "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        api.post("/subscriptions", null, "{\"email\": \"reader@paper.example\", \"name\": \"Reader\", \"topics\": [\"Appeals\"]}");
        api.post("/subscriptions", null, "{\"email\": \"reader\"}");
        String confirm = Eventually.await(Duration.ofSeconds(5),
                () -> runtime.clients() == null ? null : SharedEmulator.get().sentEmails().stream()
                        .filter(e -> e.to().contains("reader@paper.example")).map(e -> e.text()).findFirst().orElse(null),
                text -> text != null);
        String confirmToken = confirm.replaceAll("(?s).*confirm\\?token=(\\S+).*", "$1");
        api.get("/subscriptions/confirm?token=" + confirmToken, null);
        api.send("POST", "/subscriptions/confirm?token=" + confirmToken, null, "", Map.of("Content-Type",
                "application/x-www-form-urlencoded"));
        api.get("/subscriptions/confirm?token=forged", null);
        api.send("DELETE", "/contacts/" + contactId, admin, null, Map.of());
        assertTrue(declared.statusCode() == 201, declared.body());
    }

    private static JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            String[] parts = node.path("$ref").asText().substring(2).split("/");
            JsonNode target = spec;
            for (String part : parts) {
                target = target.path(part);
            }
            return target;
        }
        return node;
    }

    /** An OpenAPI 3.1 schema is JSON Schema 2020-12; its refs point into components/schemas. */
    private static JsonSchema schema(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", spec.path("components").path("schemas"));
        root.setAll((ObjectNode) schema);
        String text = root.toString().replace("#/components/schemas/", "#/$defs/");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(read(text));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
