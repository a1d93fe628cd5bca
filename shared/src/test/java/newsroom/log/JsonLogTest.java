package newsroom.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.json.Json;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    private enum Outcome { DELIVERED }

    private record Detail(String name, int count) {
    }

    /** The line is the object the mapper would write: nulls left out, a key given twice written once. */
    @Test
    void aLineIsTheObjectTheMapperWrites() throws Exception {
        Instant at = Instant.parse("2026-11-30T20:00:00.120Z");
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            JsonLog.of(JsonLogTest.class).error("sent \"it\" </script>\u2028", new IllegalStateException("boom"),
                    "count", 3, "big", 3_000_000_000L, "ratio", 0.25, "ok", true, "outcome", Outcome.DELIVERED,
                    "at", at, "none", null, "list", List.of("a", "b"), "nested", java.util.Arrays.asList(List.of(1, 2L), null, Outcome.DELIVERED), "detail", new Detail("x", 2), "count", 4);
        } finally {
            System.setOut(before);
        }
        JsonNode line = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("timestamp", line.path("timestamp").asText());
        expected.put("level", "ERROR");
        expected.put("logger", "JsonLogTest");
        expected.put("message", "sent \"it\" </script>\u2028");
        expected.put("count", 4);
        expected.put("big", 3_000_000_000L);
        expected.put("ratio", 0.25);
        expected.put("ok", true);
        expected.put("outcome", Outcome.DELIVERED);
        expected.put("at", at);
        expected.put("list", List.of("a", "b"));
        expected.put("nested", java.util.Arrays.asList(List.of(1, 2L), null, Outcome.DELIVERED));
        expected.put("detail", new Detail("x", 2));
        expected.put("errorType", IllegalStateException.class.getName());
        expected.put("errorMessage", "boom");
        assertEquals(Json.write(expected), out.toString(StandardCharsets.UTF_8).strip());
    }
}
