package newsroom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import newsroom.aws.InvalidationMessage;
import newsroom.aws.SqsWebhookQueue;
import org.junit.jupiter.api.Test;

/** The queue messages read without the object mapping refuse what {@link Json#read} refuses. */
class LightJsonTest {
    @Test
    void messagesGoRoundAndReadAsTheMapperReadsThem() {
        InvalidationMessage message = new InvalidationMessage("rebuild-1", List.of("/news/", "/feeds/news.atom"));
        String written = InvalidationMessage.write(message);
        assertEquals(message, InvalidationMessage.read(written));
        assertEquals(message, Json.read(written, InvalidationMessage.class), "the mapper reads what is written");
        assertEquals(Json.read("{\"paths\":null}", InvalidationMessage.class), InvalidationMessage.read("{\"paths\":null}"));
        assertEquals(new SqsWebhookQueue.Job("e1", "d1"), SqsWebhookQueue.read("{\"deliveryId\":\"d1\",\"endpointId\":\"e1\"}"));
        assertEquals(new SqsWebhookQueue.Job(null, "d1"), SqsWebhookQueue.read("{\"deliveryId\":\"d1\"}"));
        assertNull(SqsWebhookQueue.read("null"), "a JSON null, which the caller refuses");
        assertNull(InvalidationMessage.read(" null "));
    }

    @Test
    void anythingElseIsRefusedAsTheMapperRefusesIt() {
        List<String> bodies = List.of("", "42", "[]", "\"text\"", "{", "{\"endpointId\":\"e\"", "{\"endpointId\":1}",
                "{\"endpointId\":true}", "{\"endpointId\":[\"e\"]}", "{\"endpointId\":{}}", "{\"other\":\"x\"}",
                "{\"endpointId\":\"a\",\"endpointId\":\"b\"}", "{\"endpointId\":\"e\"} {}", "{\"endpointId\":\"e\"}x",
                "{\"endpointId\":\"\\ud800\"}", "{\"endpointId\":\"a\\u0000b\"}", "nul");
        for (String body : bodies) {
            assertThrows(IllegalArgumentException.class, () -> Json.read(body, SqsWebhookQueue.Job.class),
                    "the mapper refuses " + body);
            assertThrows(IllegalArgumentException.class, () -> SqsWebhookQueue.read(body), body);
        }
        for (String body : List.of("{\"paths\":[1]}", "{\"paths\":[\"/a\",null]}", "{\"paths\":\"/a\"}",
                "{\"paths\":[[\"/a\"]]}", "{\"reference\":[\"r\"]}")) {
            assertThrows(IllegalArgumentException.class, () -> InvalidationMessage.read(body), body);
        }
    }

    /** Plain data is the mapper's text: signed links and SES's per-recipient values. */
    @org.junit.jupiter.api.Test
    void plainDataIsWhatTheMapperWrites() {
        java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("p", "unsubscribe");
        payload.put("c", "id-\"quoted\" é 🚓 </script>");
        payload.put("t", java.util.List.of("Appeals", "Road safety"));
        payload.put("n", null);
        payload.put("b", true);
        payload.put("x", 1_900_000_000L);
        payload.put("i", 7);
        payload.put("m", java.util.Map.of("k", "v"));
        org.junit.jupiter.api.Assertions.assertEquals(newsroom.json.Json.write(payload), LightJson.plain(payload));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LightJson.plain(java.util.Map.of("at", java.time.Instant.EPOCH)), "not plain: the mapper's job");
    }

    /** The search files' plain data reads back as the mapper reads it into Object, and nothing else does. */
    @Test
    void plainDataReadsAsTheMapperReadsItAndRefusesTheRest() {
        for (String json : List.of("{\"version\":3,\"docs\":12,\"words\":{\"appeal\":\"a1b2\"},\"years\":[2024,2026],"
                        + "\"big\":12345678901,\"f\":1.5,\"t\":true,\"n\":null,\"s\":\"é ☃ 😀\"}",
                "[\"AB\",\"\",\"c\"]", "{\"appeal\":[3,\"0f1e2d\"]}", "[]", "{}", "\"text\"", "7")) {
            assertEquals(Json.read(json, Object.class),
                    LightJson.readPlain(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "x"), json);
        }
        for (String json : List.of("", "{", "[1,", "{\"a\":1,\"a\":2}", "[] []", "{} x", "nul", "{\"a\"}")) {
            assertThrows(IllegalArgumentException.class,
                    () -> LightJson.readPlain(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "x"), json);
        }
    }
}
