package newsroom.store;

import static newsroom.store.Items.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.service.port.SearchDocs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** SITE#SEARCH / DOC#id (number, shards) and SITE#SEARCH / COUNTER: the site's own partition. */
public final class DynamoDbSearchDocs implements SearchDocs {
    static final String PK = "SITE#SEARCH";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSearchDocs(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String sk) {
        return Map.of(Table.PK, s(PK), Table.SK, s(sk));
    }

    @Override
    public Optional<Doc> find(String releaseId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key("DOC#" + releaseId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Doc(releaseId, (int) Items.number(item, "number"), Items.strings(item, "terms")));
    }

    /** One BatchGetItem a hundred releases: a round of a burst covers hundreds. */
    @Override
    public Map<String, Doc> findAll(java.util.Collection<String> releaseIds) {
        List<Map<String, AttributeValue>> keys = releaseIds.stream().distinct().map(id -> key("DOC#" + id)).toList();
        Map<String, Doc> found = new HashMap<>();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, keys)) {
            String id = item.get(Table.SK).s().substring("DOC#".length());
            found.put(id, new Doc(id, (int) Items.number(item, "number"), Items.strings(item, "terms")));
        }
        return found;
    }

    @Override
    public int next() {
        return next(1);
    }

    /** One atomic ADD takes the whole block: its last number comes back. */
    @Override
    public int next(int count) {
        Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table).key(key("COUNTER"))
                .updateExpression("ADD n :count")
                .expressionAttributeValues(Map.of(":count", Items.n(count)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Integer.parseInt(after.get("n").n()) - count + 1;
    }

    @Override
    public void save(Doc doc) {
        dynamo.putItem(p -> p.tableName(table).item(item(doc)));
    }

    /** 25 a BatchWriteItem: the index's record of each release is a plain put, as {@link #save} makes it. */
    @Override
    public void saveAll(List<Doc> docs) {
        if (docs.size() == 1) {
            save(docs.get(0));
            return;
        }
        Items.batchPut(dynamo, table, docs.stream().map(DynamoDbSearchDocs::item).toList());
    }

    private static Map<String, AttributeValue> item(Doc doc) {
        Map<String, AttributeValue> item = new HashMap<>(key("DOC#" + doc.releaseId()));
        item.put(Table.ENTITY, s("SearchDoc"));
        item.put("number", Items.n(doc.number()));
        item.put("terms", Items.list(doc.terms()));
        return item;
    }

    @Override
    public Map<String, Integer> numbers() {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :doc)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK, "#n", "number"))
                .expressionAttributeValues(Map.of(":pk", s(PK), ":doc", s("DOC#")))
                .projectionExpression("#sk, #n").build();
        Map<String, Integer> numbers = new HashMap<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            numbers.put(item.get(Table.SK).s().substring("DOC#".length()), (int) Items.number(item, "number"));
        }
        return numbers;
    }

    @Override
    public void clear() {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :doc)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(PK), ":doc", s("DOC#")))
                .projectionExpression("#pk, #sk").build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of(Table.PK, item.get(Table.PK), Table.SK,
                    item.get(Table.SK))));
        }
    }
}
