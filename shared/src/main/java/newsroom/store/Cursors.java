package newsroom.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.domain.InvalidCursorException;
import newsroom.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque paging cursors: DynamoDB's last evaluated key (all string attributes in this table),
 * tagged with the query it belongs to, as base64url JSON. A cursor from another query, or a
 * hand-made one, is refused.
 */
final class Cursors {
    private Cursors() {
    }

    static String encode(String query, Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("q", query);
        lastKey.forEach((k, v) -> plain.put("k." + k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, AttributeValue> decode(String query, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<String, Object> plain = Json.read(json, Map.class);
            if (!query.equals(plain.get("q"))) {
                throw new InvalidCursorException();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((k, v) -> {
                if (k.startsWith("k.")) {
                    if (!(v instanceof String s)) {
                        throw new InvalidCursorException();
                    }
                    key.put(k.substring(2), AttributeValue.fromS(s));
                }
            });
            if (!key.containsKey(Table.PK) || !key.containsKey(Table.SK)) {
                throw new InvalidCursorException();
            }
            return key;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InvalidCursorException();
        }
    }
}
