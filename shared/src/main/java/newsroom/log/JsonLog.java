package newsroom.log;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.json.Json;

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
        System.out.println(Json.write(line));
    }
}
