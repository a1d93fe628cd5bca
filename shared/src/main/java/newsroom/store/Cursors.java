package newsroom.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.domain.InvalidCursorException;
import newsroom.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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

    /** Far above any cursor handed out; a longer one is refused before it is decoded. */
    static final int MAX_LENGTH = 4096;

    /**
     * The start key in a cursor, which must be a key of the partition the query reads: {@code
     * partition} names the partition key attribute and its value (a cursor made by hand for
     * another partition is refused here, whatever the backend would make of it).
     */
    static Map<String, AttributeValue> decode(String query, String cursor, Map<String, String> partition) {
        Map<String, AttributeValue> key = decode(query, cursor);
        if (key != null) {
            partition.forEach((name, value) -> {
                AttributeValue actual = key.get(name);
                if (actual == null || !value.equals(actual.s())) {
                    throw new InvalidCursorException();
                }
            });
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue> decode(String query, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException();
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<String, Object> plain = Json.read(json, Map.class);
            if (plain == null || !query.equals(plain.get("q"))) {
                throw new InvalidCursorException();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((k, v) -> {
                if (k.startsWith("k.")) {
                    if (!(v instanceof String s) || s.length() > 1024) {
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

    /**
     * Runs one page of a query that may start from a caller's cursor. A cursor can be well formed
     * and still not be a key of this query (made by hand); DynamoDB refuses such a start key, and
     * that refusal is the caller's mistake, not ours.
     */
    static QueryResponse query(DynamoDbClient dynamo, QueryRequest request) {
        try {
            return dynamo.query(request);
        } catch (DynamoDbException e) {
            if (request.hasExclusiveStartKey() && e.statusCode() == 400) {
                throw new InvalidCursorException();
            }
            throw e;
        }
    }
}
