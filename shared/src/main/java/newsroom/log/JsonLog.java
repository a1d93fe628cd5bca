package newsroom.log;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.json.Json;
import newsroom.json.LightJson;

/**
 * One JSON object a line on standard output, which Lambda's JSON log format keeps as-is.
 * Fields name the release and request so that one release's story can be found in the logs.
 */
public final class JsonLog {
    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog of(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private void write(String level, String message, Throwable error, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", error.getMessage());
        }
        // With jackson-core alone: a function's first log line does not start Jackson's object
        // mapping (LightJson). Values it cannot write plainly go through the mapper, as before.
        System.out.println(LightJson.object(json -> {
            for (Map.Entry<String, Object> field : line.entrySet()) {
                value(json, field.getKey(), field.getValue());
            }
        }));
    }

    /** One field, left out when null, as the mapper leaves out nulls. */
    private static void value(JsonGenerator json, String name, Object value) throws IOException {
        if (value == null) {
            return;
        }
        json.writeFieldName(name);
        write(json, value);
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof CharSequence text) {
            json.writeString(text.toString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Enum<?> constant) {
            json.writeString(constant.name());
        } else if (value instanceof Instant instant) {
            json.writeString(instant.toString());
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item);
            }
            json.writeEndArray();
        } else {
            Json.mapper().writeValue(json, value);
        }
    }
}
