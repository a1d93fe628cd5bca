package newsroom.store;

import static newsroom.store.Items.s;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import newsroom.service.AtOnce;
import newsroom.service.port.SearchCopies;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code SITE#SEARCH#COPY#<name> / COPY}: hash and bytes of one file of the search index. Each
 * name is its own partition key, so a change's hundred copies spread over the table's partitions
 * rather than all writing to one. A file too large for an item (a dictionary of a very common
 * prefix in a huge archive) keeps no copy: it is read from the bucket, as any stale copy is.
 */
public final class DynamoDbSearchCopies implements SearchCopies {
    static final String PK = "SITE#SEARCH#COPY#";
    private static final String SK = "COPY";
    /** Under DynamoDB's 400 KB an item, with room for its key and hash. */
    static final int LARGEST = 350_000;
    /** A change's copies are a few requests (100 keys or 25 items each), made at once. Daemon threads. */
    private static final ExecutorService REQUESTS = AtOnce.pool("search-copies", 8);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSearchCopies(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String name) {
        return Map.of(Table.PK, s(PK + name), Table.SK, s(SK));
    }

    @Override
    public Map<String, Copy> readAll(Collection<String> names) {
        List<Map<String, AttributeValue>> keys = names.stream().distinct().map(DynamoDbSearchCopies::key).toList();
        List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += Items.BATCH_GET) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + Items.BATCH_GET)));
        }
        Map<String, Copy> found = new ConcurrentHashMap<>();
        AtOnce.each(REQUESTS, chunks, chunk -> {
            for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, chunk)) {
                AttributeValue json = item.get("json");
                if (json != null && json.b() != null) {
                    found.put(item.get(Table.PK).s().substring(PK.length()),
                            new Copy(Items.string(item, "hash"), json.b().asByteArray()));
                }
            }
        });
        return new HashMap<>(found);
    }

    @Override
    public void writeAll(Map<String, Copy> copies) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        copies.forEach((name, copy) -> {
            if (copy.json().length <= LARGEST) {
                Map<String, AttributeValue> item = new HashMap<>(key(name));
                item.put(Table.ENTITY, s("SearchCopy"));
                item.put("hash", s(copy.hash()));
                item.put("json", AttributeValue.fromB(SdkBytes.fromByteArray(copy.json())));
                items.add(item);
            }
        });
        List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += Items.BATCH_WRITE) {
            chunks.add(items.subList(from, Math.min(items.size(), from + Items.BATCH_WRITE)));
        }
        AtOnce.each(REQUESTS, chunks, chunk -> Items.batchPut(dynamo, table, chunk));
    }
}
