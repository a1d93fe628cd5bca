package newsroom.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Small readers and writers for attribute values, so mappers read as field lists. */
final class Items {
    private Items() {
    }

    /** A short, growing pause before asking DynamoDB again for what it left unprocessed. */
    static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1000L, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }

    /** DynamoDB's limit of keys in one BatchGetItem. */
    static final int BATCH_GET = 100;

    /**
     * The items found for the keys (any order; a key with no item is left out), read strongly
     * consistent, 100 keys a request.
     */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table,
                                                      List<Map<String, AttributeValue>> keys) {
        return batchGet(dynamo, table, keys, Map.of());
    }

    /** Only these attributes of each item (placeholder → name; all of them when empty). */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table,
                                                      List<Map<String, AttributeValue>> keys,
                                                      Map<String, String> attributes) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            KeysAndAttributes.Builder batch = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET))).consistentRead(true);
            if (!attributes.isEmpty()) {
                batch.projectionExpression(String.join(", ", new java.util.TreeSet<>(attributes.keySet())))
                        .expressionAttributeNames(attributes);
            }
            Map<String, KeysAndAttributes> request = Map.of(table, batch.build());
            // BatchGetItem may answer part of a batch (size or throughput): ask again for the rest.
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backOff(attempt);
                }
                Map<String, KeysAndAttributes> asked = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(asked));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** DynamoDB's limit of requests in one BatchWriteItem. */
    static final int BATCH_WRITE = 25;

    /**
     * Puts the items (no two with the same key), unconditionally, 25 a request; what DynamoDB
     * leaves unprocessed (size or throughput) is asked again.
     */
    static void batchPut(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH_WRITE) {
            List<WriteRequest> puts = items.subList(from, Math.min(items.size(), from + BATCH_WRITE)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            Map<String, List<WriteRequest>> request = Map.of(table, puts);
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backOff(attempt);
                }
                Map<String, List<WriteRequest>> asked = request;
                var response = dynamo.batchWriteItem(b -> b.requestItems(asked));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /**
     * Whether a refused transaction's item {@code index} was refused for its condition (not for a
     * conflict, nor with no reasons given).
     */
    static boolean failedCondition(TransactionCanceledException refused, int index) {
        return refused.hasCancellationReasons() && refused.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(refused.cancellationReasons().get(index).code());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return List.of();
        }
        if (value.hasL()) {
            return value.l().stream().map(AttributeValue::s).toList();
        }
        return value.hasSs() ? value.ss() : List.of();
    }

    static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }
}
