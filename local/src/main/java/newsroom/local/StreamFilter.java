package newsroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What Lambda does with an event source mapping's {@code FilterCriteria} before it batches: a
 * stream record goes to the function only if it matches one of the patterns. A pattern is JSON
 * in the event's shape ({"dynamodb": {"NewImage": {"entity": {"S": ["Release"]}}}}): objects
 * nest, a list holds the values allowed there (or {"exists"}, {"prefix"}, {"anything-but"}).
 * Without this the local site publisher's batches were mostly other records (deliveries, claims,
 * versions), where Lambda's hold only releases.
 */
final class StreamFilter implements Predicate<Record> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<JsonNode> patterns;

    private StreamFilter(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** Every record passes when there are no patterns, as in Lambda. */
    static StreamFilter of(List<String> patterns) {
        List<JsonNode> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                compiled.add(JSON.readTree(pattern));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("not a filter pattern: " + pattern, e);
            }
        }
        return new StreamFilter(List.copyOf(compiled));
    }

    @Override
    public boolean test(Record record) {
        if (patterns.isEmpty()) {
            return true;
        }
        JsonNode event = event(record);
        return patterns.stream().anyMatch(pattern -> matches(pattern, event));
    }

    /** The record as Lambda matches it: its event's JSON. */
    static JsonNode event(Record record) {
        ObjectNode event = NODES.objectNode();
        event.put("eventName", record.eventNameAsString());
        ObjectNode dynamodb = event.putObject("dynamodb");
        if (record.dynamodb().hasKeys()) {
            dynamodb.set("Keys", image(record.dynamodb().keys()));
        }
        if (record.dynamodb().hasNewImage()) {
            dynamodb.set("NewImage", image(record.dynamodb().newImage()));
        }
        if (record.dynamodb().hasOldImage()) {
            dynamodb.set("OldImage", image(record.dynamodb().oldImage()));
        }
        return event;
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode image = NODES.objectNode();
        item.forEach((name, value) -> image.set(name, attribute(value)));
        return image;
    }

    private static JsonNode attribute(AttributeValue value) {
        ObjectNode typed = NODES.objectNode();
        if (value.s() != null) {
            typed.put("S", value.s());
        } else if (value.n() != null) {
            typed.put("N", value.n());
        } else if (value.bool() != null) {
            typed.put("BOOL", value.bool());
        } else if (Boolean.TRUE.equals(value.nul())) {
            typed.put("NULL", true);
        } else if (value.hasM()) {
            typed.set("M", image(value.m()));
        } else if (value.hasL()) {
            ArrayNode list = typed.putArray("L");
            value.l().forEach(v -> list.add(attribute(v)));
        } else if (value.hasSs()) {
            ArrayNode set = typed.putArray("SS");
            value.ss().forEach(set::add);
        }
        return typed;
    }

    static boolean matches(JsonNode pattern, JsonNode event) {
        if (!pattern.isObject()) {
            return false;
        }
        var fields = pattern.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode allowed = field.getValue();
            JsonNode value = event == null ? null : event.get(field.getKey());
            if (allowed.isObject()) {
                if (value == null || !value.isObject() || !matches(allowed, value)) {
                    return false;
                }
            } else if (allowed.isArray()) {
                boolean any = false;
                for (JsonNode option : allowed) {
                    if (allows(option, value)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            } else if (value == null || !allowed.equals(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allows(JsonNode option, JsonNode value) {
        if (!option.isObject()) {
            return value != null && value.isValueNode() && option.asText().equals(value.asText())
                    && option.isNumber() == value.isNumber();
        }
        if (option.has("exists")) {
            return option.get("exists").asBoolean() == (value != null);
        }
        if (option.has("prefix")) {
            return value != null && value.isTextual() && value.asText().startsWith(option.get("prefix").asText());
        }
        if (option.has("anything-but")) {
            JsonNode banned = option.get("anything-but");
            if (value == null) {
                return false;
            }
            if (banned.isArray()) {
                for (JsonNode b : banned) {
                    if (b.asText().equals(value.asText())) {
                        return false;
                    }
                }
                return true;
            }
            return !banned.asText().equals(value.asText());
        }
        return false; // an operator this runtime does not know: nothing matches, so it shows
    }
}
