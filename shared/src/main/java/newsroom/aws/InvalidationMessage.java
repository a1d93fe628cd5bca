package newsroom.aws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.json.LightJson;

/**
 * One message on the invalidation queue: the paths a change wrote, and that change's reference.
 * Its own class, free of any SDK type, so the CDN invalidator reads it without the SQS client.
 */
public record InvalidationMessage(String reference, List<String> paths) {
    public InvalidationMessage {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    public static String write(InvalidationMessage message) {
        return LightJson.object(json -> {
            if (message.reference() != null) {
                json.writeStringField("reference", message.reference());
            }
            json.writeArrayFieldStart("paths");
            for (String path : message.paths()) {
                json.writeString(path);
            }
            json.writeEndArray();
        });
    }

    /** The message in this body; null for a JSON null (the caller refuses it). */
    @SuppressWarnings("unchecked")
    public static InvalidationMessage read(String body) {
        Map<String, Object> message = LightJson.read(body, "InvalidationMessage", Set.of("reference"),
                Set.of("paths"));
        return message == null ? null
                : new InvalidationMessage((String) message.get("reference"), (List<String>) message.get("paths"));
    }
}
