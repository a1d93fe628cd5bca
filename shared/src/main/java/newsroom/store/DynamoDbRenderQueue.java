package newsroom.store;

import static newsroom.store.Items.n;
import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import newsroom.service.AtOnce;
import newsroom.service.port.RenderQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The render queue in the table: {@code SITE#RENDER/DIRTY#<scope>} marks, each with a fresh token,
 * and {@code SITE#RENDER/LEASE}, the holder's id and when its lease ends. Reads are consistent.
 */
public final class DynamoDbRenderQueue implements RenderQueue {
    static final String PK = "SITE#RENDER";
    private static final String DIRTY = "DIRTY#";
    private static final String LEASE = "LEASE";
    private static final String TOKEN = "token";
    private static final String OWNER = "owner";
    private static final String UNTIL = "until";

    /**
     * A batch of a hundred releases marks a few hundred parts of the site, and its round clears
     * them: one request each, made a few at once instead of one after another. Daemon threads.
     */
    private static final java.util.concurrent.ExecutorService WRITES = AtOnce.pool("render-queue-write", 8);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRenderQueue(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<String, String> markDirty(Collection<String> scopes) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String scope : scopes) {
            tokens.put(scope, UUID.randomUUID().toString());
        }
        together(tokens, (scope, token) -> dynamo.putItem(p -> p.tableName(table).item(Map.of(Table.PK, s(PK),
                Table.SK, s(DIRTY + scope), TOKEN, s(token), Table.ENTITY, s("SiteRenderMark")))));
        return tokens;
    }

    @Override
    public void clearAll(Map<String, String> tokens) {
        together(tokens, this::clear);
    }

    /** Runs the request for each entry, a few at once; the first failure is thrown once all are done. */
    private static void together(Map<String, String> entries, java.util.function.BiConsumer<String, String> request) {
        AtOnce.each(WRITES, entries.entrySet(), entry -> request.accept(entry.getKey(), entry.getValue()));
    }

    @Override
    public Map<String, String> dirty() {
        Map<String, String> dirty = new LinkedHashMap<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :dirty)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(PK), ":dirty", s(DIRTY)))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            dirty.put(item.get(Table.SK).s().substring(DIRTY.length()), Items.string(item, TOKEN));
        }
        return dirty;
    }

    @Override
    public void clear(String scope, String token) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of(Table.PK, s(PK), Table.SK, s(DIRTY + scope)))
                    .conditionExpression("#t = :t")
                    .expressionAttributeNames(Map.of("#t", TOKEN))
                    .expressionAttributeValues(Map.of(":t", s(token))));
        } catch (ConditionalCheckFailedException marked) {
            // Marked again since it was read: it stays for the next round.
        }
    }

    @Override
    public boolean tryLease(String owner, Instant now, Duration length) {
        try {
            dynamo.putItem(p -> p.tableName(table)
                    .item(Map.of(Table.PK, s(PK), Table.SK, s(LEASE), OWNER, s(owner),
                            UNTIL, n(now.plus(length).toEpochMilli()), Table.ENTITY, s("SiteRenderLease")))
                    .conditionExpression("attribute_not_exists(#pk) OR #until < :now OR #owner = :owner")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#until", UNTIL, "#owner", OWNER))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":owner", s(owner))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    @Override
    public void releaseLease(String owner) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of(Table.PK, s(PK), Table.SK, s(LEASE)))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", OWNER))
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Expired and taken over: the new holder keeps it.
        }
    }
}
