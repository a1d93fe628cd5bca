package newsroom.store;

import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import newsroom.service.port.IdempotencyRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency keys as items (PK IDEMPOTENCY#key) that DynamoDB's TTL removes after a day. TTL
 * deletion is lazy, so an expired item is also treated as absent here.
 */
public final class DynamoDbIdempotencyRepository implements IdempotencyRepository {
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final String REQUEST_HASH = "requestHash";
    private static final String COMPLETE = "complete";
    private static final String STATUS = "responseStatus";
    private static final String HEADERS = "responseHeaders";
    private static final String BODY = "responseBody";
    private static final String LEASE_UNTIL = "leaseUntil";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdempotencyRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(Table.PK, s("IDEMPOTENCY#" + key), Table.SK, s("IDEMPOTENCY"));
    }

    @Override
    public Optional<Record> claim(String key, String requestHash, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put(Table.ENTITY, s("IdempotencyKey"));
        item.put(REQUEST_HASH, s(requestHash));
        item.put(COMPLETE, AttributeValue.fromBool(false));
        item.put(Table.EXPIRES_AT, Items.n(now.plus(RETENTION).getEpochSecond()));
        item.put(LEASE_UNTIL, Items.n(now.plus(IN_PROGRESS_LEASE).getEpochSecond()));
        try {
            // Free, expired, or claimed by a request that died before it finished (its lease is over).
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #expires < :now"
                            + " OR (#complete = :false AND #lease < :now)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#expires", Table.EXPIRES_AT,
                            "#complete", COMPLETE, "#lease", LEASE_UNTIL))
                    .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond()),
                            ":false", AttributeValue.fromBool(false))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = dynamo.getItem(g -> g.tableName(table).key(key(key))
                    .consistentRead(true)).item();
            if (existing == null || existing.isEmpty()) {
                // Released between our write and our read: try once more.
                return claim(key, requestHash, now);
            }
            Map<String, String> headers = new HashMap<>();
            AttributeValue h = existing.get(HEADERS);
            if (h != null && h.hasM()) {
                h.m().forEach((name, value) -> headers.put(name, value.s()));
            }
            return Optional.of(new Record(Items.string(existing, REQUEST_HASH), Items.bool(existing, COMPLETE),
                    (int) Items.number(existing, STATUS), headers, Items.string(existing, BODY)));
        }
    }

    @Override
    public void complete(String key, int status, Map<String, String> headers, String body, Instant now) {
        Map<String, AttributeValue> headerMap = new HashMap<>();
        headers.forEach((name, value) -> headerMap.put(name, s(value)));
        dynamo.updateItem(u -> u.tableName(table).key(key(key))
                .updateExpression("SET #complete = :true, #status = :status, #headers = :headers, #body = :body")
                .expressionAttributeNames(Map.of("#complete", COMPLETE, "#status", STATUS, "#headers", HEADERS,
                        "#body", BODY))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true),
                        ":status", Items.n(status), ":headers", AttributeValue.fromM(headerMap),
                        ":body", s(body == null ? "" : body))));
    }

    @Override
    public void release(String key) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(key)));
    }
}
