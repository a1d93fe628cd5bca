package newsroom.store;

import static newsroom.store.Items.n;
import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.service.AtOnce;
import newsroom.service.port.RenderQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A render queue in the table: {@code SITE#RENDER/DIRTY#<scope>} marks, each with a fresh token,
 * and {@code SITE#RENDER/LEASE}, the holder's id and when its lease ends. Reads are consistent.
 * The search index has a queue of its own, {@code SITE#RENDER#SEARCH}: its marks and its lease, so that
 * its writer and the lists' writer never wait for each other.
 */
public final class DynamoDbRenderQueue implements RenderQueue {
    /** The lists' queue (the shared pages). */
    public static final String LISTS = "SITE#RENDER";
    /** The search index's queue. */
    public static final String SEARCH = "SITE#RENDER#SEARCH";
    private static final String DIRTY = "DIRTY#";
    private static final String LEASE = "LEASE";
    private static final String TOKEN = "token";
    private static final String OWNER = "owner";
    private static final String UNTIL = "until";

    /**
     * A batch of a hundred releases marks a few hundred parts of the site, and its round clears
     * them: their requests (25 marks or 100 clears each) are made a few at once. Daemon threads.
     */
    private static final java.util.concurrent.ExecutorService WRITES = AtOnce.pool("render-queue-write", 8);

    /** DynamoDB's limit of items in one TransactWriteItems. */
    private static final int TRANSACTION = 100;
    /** Transactions tried for a chunk of clears before the rest go one at a time. */
    static final int CLEAR_TRIES = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String partition;

    /** The lists' queue. */
    public DynamoDbRenderQueue(DynamoDbClient dynamo, String table) {
        this(dynamo, table, LISTS);
    }

    /** The queue in this partition ({@link #LISTS} or {@link #SEARCH}). */
    public DynamoDbRenderQueue(DynamoDbClient dynamo, String table, String partition) {
        this.dynamo = dynamo;
        this.table = table;
        this.partition = partition;
    }

    /** The marks go 25 a request (BatchWriteItem): a batch of a hundred releases marks a few hundred parts. */
    @Override
    public Map<String, String> markDirty(Collection<String> scopes) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String scope : scopes) {
            tokens.put(scope, UUID.randomUUID().toString());
        }
        List<Map<String, AttributeValue>> marks = new ArrayList<>();
        tokens.forEach((scope, token) -> marks.add(Map.of(Table.PK, s(partition), Table.SK, s(DIRTY + scope),
                TOKEN, s(token), Table.ENTITY, s("SiteRenderMark"))));
        if (marks.size() == 1) {
            dynamo.putItem(p -> p.tableName(table).item(marks.get(0)));
        } else {
            // A few requests at once: the marks of one batch are independent of each other.
            List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
            for (int from = 0; from < marks.size(); from += Items.BATCH_WRITE) {
                chunks.add(marks.subList(from, Math.min(marks.size(), from + Items.BATCH_WRITE)));
            }
            AtOnce.each(WRITES, chunks, chunk -> Items.batchPut(dynamo, table, chunk));
        }
        return tokens;
    }

    /**
     * A round's marks are cleared a hundred a request, each only if it was not marked again since
     * it was read (its token). When any was, the request is refused whole, and the others are
     * cleared without it ({@link #clearTogether}), so that it stays for the next round.
     */
    @Override
    public void clearAll(Map<String, String> tokens) {
        List<Map.Entry<String, String>> all = new ArrayList<>(tokens.entrySet());
        List<List<Map.Entry<String, String>>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += TRANSACTION) {
            chunks.add(all.subList(from, Math.min(all.size(), from + TRANSACTION)));
        }
        AtOnce.each(WRITES, chunks, this::clearTogether);
    }

    /**
     * Clears a chunk of marks in one transaction. When it is refused, the refusal says which marks
     * were marked again (their condition failed): those stay, and the rest are cleared in one
     * transaction again. In a burst the lists' marks are marked again all the time, and clearing
     * the rest one at a time was a hundred requests a round. After {@link #CLEAR_TRIES} refusals
     * (marked again as fast as it clears) the rest are cleared one at a time.
     */
    private void clearTogether(List<Map.Entry<String, String>> chunk) {
        List<Map.Entry<String, String>> left = chunk;
        for (int attempt = 0; attempt < CLEAR_TRIES && left.size() > 1; attempt++) {
            List<Map.Entry<String, String>> these = left;
            try {
                dynamo.transactWriteItems(t -> t.transactItems(these.stream().map(e -> TransactWriteItem.builder()
                        .delete(d -> d.tableName(table).key(Map.of(Table.PK, s(partition), Table.SK, s(DIRTY + e.getKey())))
                                .conditionExpression("#t = :t")
                                .expressionAttributeNames(Map.of("#t", TOKEN))
                                .expressionAttributeValues(Map.of(":t", s(e.getValue()))))
                        .build()).toList()));
                return;
            } catch (TransactionCanceledException refused) {
                List<Map.Entry<String, String>> unchanged = new ArrayList<>();
                for (int i = 0; i < these.size(); i++) {
                    if (!Items.failedCondition(refused, i)) {
                        unchanged.add(these.get(i));
                    }
                }
                if (unchanged.size() == these.size()) {
                    break; // refused for another reason (a conflict, or none given): one at a time
                }
                left = unchanged;
            }
        }
        left.forEach(e -> clear(e.getKey(), e.getValue()));
    }

    @Override
    public Map<String, String> dirty() {
        Map<String, String> dirty = new LinkedHashMap<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :dirty)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(partition), ":dirty", s(DIRTY)))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            dirty.put(item.get(Table.SK).s().substring(DIRTY.length()), Items.string(item, TOKEN));
        }
        return dirty;
    }

    /** A point read for one mark, one BatchGetItem for a hundred: the waiting publisher's poll costs its own marks. */
    @Override
    public Map<String, String> tokensOf(Collection<String> scopes) {
        List<Map<String, AttributeValue>> keys = scopes.stream().distinct()
                .map(scope -> Map.of(Table.PK, s(partition), Table.SK, s(DIRTY + scope))).toList();
        List<Map<String, AttributeValue>> items;
        if (keys.size() == 1) {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(keys.get(0))
                    .consistentRead(true)).item();
            items = item == null || item.isEmpty() ? List.of() : List.of(item);
        } else {
            items = Items.batchGet(dynamo, table, keys);
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : items) {
            tokens.put(item.get(Table.SK).s().substring(DIRTY.length()), Items.string(item, TOKEN));
        }
        return tokens;
    }

    @Override
    public void clear(String scope, String token) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of(Table.PK, s(partition), Table.SK, s(DIRTY + scope)))
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
                    .item(Map.of(Table.PK, s(partition), Table.SK, s(LEASE), OWNER, s(owner),
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
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of(Table.PK, s(partition), Table.SK, s(LEASE)))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", OWNER))
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Expired and taken over: the new holder keeps it.
        }
    }
}
