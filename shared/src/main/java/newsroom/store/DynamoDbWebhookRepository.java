package newsroom.store;

import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.Page;
import newsroom.domain.VersionConflictException;
import newsroom.domain.WebhookDelivery;
import newsroom.domain.WebhookEndpoint;
import newsroom.domain.WebhookEvent;
import newsroom.service.port.WebhookRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Endpoints (PK WEBHOOK#id, SK ENDPOINT; listed by GSI1 WEBHOOKS) and their delivery log under
 * them (SK DELIVERY#messageId: ids sort by time, so the log reads newest first). A pending
 * delivery is also in GSI2 (WEBHOOK#RETRY, by its next attempt's time), where the minute sweep
 * finds the attempts that are due.
 */
public final class DynamoDbWebhookRepository implements WebhookRepository {
    private static final String ENDPOINT = "ENDPOINT";
    private static final String DELIVERY = "DELIVERY#";
    private static final String ALL = "WEBHOOKS";
    static final String RETRY = "WEBHOOK#RETRY";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbWebhookRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static String pk(String id) {
        return "WEBHOOK#" + id;
    }

    private static Map<String, AttributeValue> endpointKey(String id) {
        return Map.of(Table.PK, s(pk(id)), Table.SK, s(ENDPOINT));
    }

    private static Map<String, AttributeValue> deliveryKey(String endpointId, String deliveryId) {
        return Map.of(Table.PK, s(pk(endpointId)), Table.SK, s(DELIVERY + deliveryId));
    }

    private static Map<String, AttributeValue> toItem(WebhookEndpoint e) {
        Map<String, AttributeValue> item = new HashMap<>(endpointKey(e.id()));
        item.put(Table.ENTITY, s("WebhookEndpoint"));
        item.put("id", s(e.id()));
        item.put("url", s(e.url()));
        item.put("events", Items.list(e.events().stream().map(WebhookEvent::wireName).sorted().toList()));
        item.put("trusted", AttributeValue.fromBool(e.trusted()));
        Items.putIfPresent(item, "description", e.description());
        item.put("secret", s(e.secret()));
        Items.putIfPresent(item, "previousSecret", e.previousSecret());
        Items.putIfPresent(item, "previousSecretExpiresAt", time(e.previousSecretExpiresAt()));
        item.put("enabled", AttributeValue.fromBool(e.enabled()));
        Items.putIfPresent(item, "disabledReason", e.disabledReason());
        Items.putIfPresent(item, "failingSince", time(e.failingSince()));
        item.put("createdAt", s(Table.time(e.createdAt())));
        item.put("updatedAt", s(Table.time(e.updatedAt())));
        item.put("version", Items.n(e.version()));
        item.put(Table.GSI1PK, s(ALL));
        item.put(Table.GSI1SK, s(Table.time(e.createdAt()) + "#" + e.id()));
        return item;
    }

    private static String time(Instant at) {
        return at == null ? null : Table.time(at);
    }

    private static WebhookEndpoint endpoint(Map<String, AttributeValue> item) {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        Items.strings(item, "events").forEach(name -> WebhookEvent.fromWire(name).ifPresent(events::add));
        return new WebhookEndpoint(item.get("id").s(), item.get("url").s(), events, Items.bool(item, "trusted"),
                Items.string(item, "description"), item.get("secret").s(), Items.string(item, "previousSecret"),
                Table.parseTime(Items.string(item, "previousSecretExpiresAt")), Items.bool(item, "enabled"),
                Items.string(item, "disabledReason"), Table.parseTime(Items.string(item, "failingSince")),
                Table.parseTime(item.get("createdAt").s()), Table.parseTime(item.get("updatedAt").s()),
                Items.number(item, "version"));
    }

    @Override
    public void create(WebhookEndpoint endpoint) {
        dynamo.putItem(p -> p.tableName(table).item(toItem(endpoint)).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", Table.PK)));
    }

    @Override
    public Optional<WebhookEndpoint> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(endpointKey(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(endpoint(item));
    }

    @Override
    public List<WebhookEndpoint> all() {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(ALL))).build();
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(item -> endpoints.add(endpoint(item)));
        return endpoints;
    }

    @Override
    public void save(WebhookEndpoint changed, long expectedVersion) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(toItem(changed))
                    .conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":v", Items.n(expectedVersion))));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(changed.id());
        }
    }

    @Override
    public void delete(String id) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.PK))
                .expressionAttributeValues(Map.of(":pk", s(pk(id))))
                .projectionExpression("#pk, SK").build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of(Table.PK, item.get(Table.PK), Table.SK,
                    item.get(Table.SK))));
        }
    }

    @Override
    public boolean createDelivery(WebhookDelivery d, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(deliveryKey(d.endpointId(), d.id()));
        item.put(Table.ENTITY, s("WebhookDelivery"));
        item.put("endpointId", s(d.endpointId()));
        item.put("id", s(d.id()));
        item.put("type", s(d.type()));
        Items.putIfPresent(item, "releaseId", d.releaseId());
        item.put("payload", s(d.payload()));
        item.put("status", s(d.status().name()));
        item.put("attempts", Items.n(d.attempts()));
        item.put("nextAttemptAt", s(Table.time(d.nextAttemptAt())));
        item.put("createdAt", s(Table.time(d.createdAt())));
        item.put(Table.GSI2PK, s(RETRY));
        item.put(Table.GSI2SK, s(Table.time(d.nextAttemptAt()) + "#" + d.endpointId() + "#" + d.id()));
        item.put(Table.EXPIRES_AT, Items.n(expiresAt.getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK)));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    private static WebhookDelivery delivery(Map<String, AttributeValue> item) {
        return new WebhookDelivery(item.get("endpointId").s(), item.get("id").s(), item.get("type").s(),
                Items.string(item, "releaseId"), item.get("payload").s(),
                WebhookDelivery.Status.valueOf(item.get("status").s()), (int) Items.number(item, "attempts"),
                item.containsKey("lastStatusCode") ? (int) Items.number(item, "lastStatusCode") : null,
                item.containsKey("lastLatencyMillis") ? Items.number(item, "lastLatencyMillis") : null,
                Items.string(item, "lastError"), Table.parseTime(Items.string(item, "lastAttemptAt")),
                Table.parseTime(Items.string(item, "nextAttemptAt")), Table.parseTime(item.get("createdAt").s()));
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(String endpointId, String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(deliveryKey(endpointId, deliveryId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(delivery(item));
    }

    @Override
    public Optional<WebhookDelivery> claimAttempt(String endpointId, String deliveryId, Instant now, Duration lease) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table)
                    .key(deliveryKey(endpointId, deliveryId))
                    .updateExpression("SET attempts = attempts + :one, leaseUntil = :lease")
                    .conditionExpression("#status = :pending AND nextAttemptAt <= :now"
                            + " AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":one", Items.n(1), ":lease", s(Table.time(now.plus(lease))),
                            ":pending", s(WebhookDelivery.Status.PENDING.name()), ":now", s(Table.time(now))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(delivery(after));
        } catch (ConditionalCheckFailedException notNow) {
            return Optional.empty();
        }
    }

    @Override
    public void recordAttempt(WebhookDelivery d) {
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #status = :status, lastAttemptAt = :at");
        StringBuilder remove = new StringBuilder(" REMOVE leaseUntil");
        values.put(":status", s(d.status().name()));
        values.put(":at", s(Table.time(d.lastAttemptAt())));
        if (d.lastStatusCode() != null) {
            set.append(", lastStatusCode = :code");
            values.put(":code", Items.n(d.lastStatusCode()));
        } else {
            remove.append(", lastStatusCode");
        }
        if (d.lastLatencyMillis() != null) {
            set.append(", lastLatencyMillis = :latency");
            values.put(":latency", Items.n(d.lastLatencyMillis()));
        } else {
            remove.append(", lastLatencyMillis");
        }
        if (d.lastError() != null) {
            set.append(", lastError = :error");
            values.put(":error", s(d.lastError()));
        } else {
            remove.append(", lastError");
        }
        if (d.status() == WebhookDelivery.Status.PENDING && d.nextAttemptAt() != null) {
            set.append(", nextAttemptAt = :next, GSI2PK = :retry, GSI2SK = :due");
            values.put(":next", s(Table.time(d.nextAttemptAt())));
            values.put(":retry", s(RETRY));
            values.put(":due", s(Table.time(d.nextAttemptAt()) + "#" + d.endpointId() + "#" + d.id()));
        } else {
            remove.append(", GSI2PK, GSI2SK");
        }
        dynamo.updateItem(u -> u.tableName(table).key(deliveryKey(d.endpointId(), d.id()))
                .updateExpression(set.toString() + remove)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Override
    public void replay(String endpointId, String deliveryId, Instant now) {
        dynamo.updateItem(u -> u.tableName(table).key(deliveryKey(endpointId, deliveryId))
                .updateExpression("SET #status = :pending, attempts = :zero, nextAttemptAt = :now,"
                        + " GSI2PK = :retry, GSI2SK = :due REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":pending", s(WebhookDelivery.Status.PENDING.name()),
                        ":zero", Items.n(0), ":now", s(Table.time(now)), ":retry", s(RETRY),
                        ":due", s(Table.time(now) + "#" + endpointId + "#" + deliveryId))));
    }

    @Override
    public Page<WebhookDelivery> deliveries(String endpointId, int limit, String cursor) {
        String queryName = "webhook-deliveries#" + endpointId;
        Map<String, AttributeValue> startKey = Cursors.decode(queryName, cursor, Map.of(Table.PK, pk(endpointId)));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :delivery)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(pk(endpointId)), ":delivery", s(DELIVERY)))
                .scanIndexForward(false).consistentRead(true).limit(limit + 1);
        if (startKey != null) {
            query.exclusiveStartKey(startKey);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> lastKey;
        do {
            QueryResponse response = Cursors.query(dynamo, query.build());
            items.addAll(response.items());
            lastKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            query.exclusiveStartKey(lastKey).limit(limit + 1 - items.size());
        } while (lastKey != null && items.size() <= limit);
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            Map<String, AttributeValue> last = items.get(limit - 1);
            next = Cursors.encode(queryName, Map.of(Table.PK, last.get(Table.PK), Table.SK, last.get(Table.SK)));
        }
        return new Page<>(items.stream().map(DynamoDbWebhookRepository::delivery).toList(), next);
    }

    @Override
    public List<String[]> dueRetries(Instant now, int limit) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(Table.GSI2)
                .keyConditionExpression("#pk = :pk AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", Table.GSI2PK, "#sk", Table.GSI2SK))
                .expressionAttributeValues(Map.of(":pk", s(RETRY), ":now", s(Table.time(now) + "#\uffff")))
                .limit(Math.min(limit, 100)).build();
        List<String[]> due = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            due.add(new String[] {item.get("endpointId").s(), item.get("id").s()});
            if (due.size() >= limit) {
                break;
            }
        }
        return due;
    }
}
