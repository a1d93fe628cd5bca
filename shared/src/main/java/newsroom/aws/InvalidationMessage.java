package newsroom.aws;

import java.util.List;
import newsroom.json.Json;

/**
 * One message on the invalidation queue: the paths a change wrote, and that change's reference.
 * Its own class, free of any SDK type, so the CDN invalidator reads it without the SQS client.
 */
public record InvalidationMessage(String reference, List<String> paths) {
    public InvalidationMessage {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    public static String write(InvalidationMessage message) {
        return Json.write(message);
    }

    /** The message in this body; null for a JSON null (the caller refuses it). */
    public static InvalidationMessage read(String body) {
        return Json.read(body, InvalidationMessage.class);
    }
}
