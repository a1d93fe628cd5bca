package newsroom.store;

import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.service.port.AccessLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Entries and openings under their release (PK RELEASE#id, SK ACCESS#time#unique and
 * OPENED#time#unique), each written once with a new key and a condition that it is new, so none
 * is ever overwritten; DynamoDB's TTL deletes them after the retention period.
 */
public final class DynamoDbAccessLog implements AccessLog {
    static final String ENTITY = "AdvanceCopyOpened";
    private static final String PREFIX = "OPENED#";
    private static final String REVOKED = "REVOKED#";
    private static final String ACCESS = "ACCESS#";
    private static final String ALL = "*";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbAccessLog(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void opened(String releaseId, String contactId, Instant at, String userAgent, String what) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(ReleaseMapper.pk(releaseId)));
        item.put(Table.SK, s(PREFIX + Table.time(at) + "#" + UUID.randomUUID()));
        item.put(Table.ENTITY, s(ENTITY));
        item.put("contactId", s(contactId));
        item.put("at", s(Table.time(at)));
        item.put("userAgent", s(userAgent == null ? "" : userAgent));
        item.put("what", s(what == null ? ADVANCE_COPY : what));
        item.put(Table.EXPIRES_AT, Items.n(at.plus(retention).getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", Table.PK)));
    }

    @Override
    public void record(String releaseId, Entry entry) {
        Map<String, AttributeValue> item = item(releaseId, entry, UUID.randomUUID().toString());
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", Table.PK)));
    }

    /**
     * Entries made together go in one transaction, each still only added, never over another; a
     * number after the time keeps their order when they share the instant.
     */
    @Override
    public void recordAll(String releaseId, List<Entry> entries) {
        if (entries.size() <= 1) {
            entries.forEach(entry -> record(releaseId, entry));
            return;
        }
        dynamo.transactWriteItems(t -> t.transactItems(puts(releaseId, entries)));
    }

    /** Whether this log is kept in that table (so its entries can join a write of the table's). */
    boolean keptIn(String table) {
        return this.table.equals(table);
    }

    /** {@link #recordAll}'s writes, for a transaction of the caller's. */
    List<TransactWriteItem> puts(String releaseId, List<Entry> entries) {
        String batch = UUID.randomUUID().toString();
        List<TransactWriteItem> puts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, AttributeValue> item = item(releaseId, entries.get(i), i + "-" + batch);
            puts.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK))).build());
        }
        return puts;
    }

    private Map<String, AttributeValue> item(String releaseId, Entry entry, String unique) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(ReleaseMapper.pk(releaseId)));
        item.put(Table.SK, s(ACCESS + Table.time(entry.at()) + "#" + unique));
        item.put(Table.ENTITY, s("PressOfficeAccess"));
        item.put("at", s(Table.time(entry.at())));
        item.put("who", s(entry.who() == null ? "" : entry.who()));
        item.put("action", s(entry.action()));
        item.put("detail", s(entry.detail() == null ? "" : entry.detail()));
        item.put(Table.EXPIRES_AT, Items.n(entry.at().plus(retention).getEpochSecond()));
        return item;
    }

    @Override
    public List<Entry> entries(String releaseId) {
        List<Entry> entries = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(under(releaseId, ACCESS)).items()) {
            entries.add(new Entry(Table.parseTime(item.get("at").s()), item.get("who").s(), item.get("action").s(),
                    item.get("detail").s()));
        }
        return entries;
    }

    /** The release's items of one kind, read consistently: a record made a moment ago is there. */
    private QueryRequest under(String releaseId, String prefix) {
        return QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(ReleaseMapper.pk(releaseId)), ":prefix", s(prefix)))
                .consistentRead(true).build();
    }

    @Override
    public void revoke(String releaseId, String contactId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(ReleaseMapper.pk(releaseId)));
        item.put(Table.SK, s(REVOKED + (contactId == null ? ALL : contactId)));
        item.put(Table.ENTITY, s("AdvanceCopyRevoked"));
        item.put("at", s(Table.time(at)));
        item.put(Table.EXPIRES_AT, Items.n(at.plus(retention).getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    private static final String GRANTED = "GRANTED#";

    @Override
    public void grant(String releaseId, String contactId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(ReleaseMapper.pk(releaseId)));
        item.put(Table.SK, s(GRANTED + contactId));
        item.put(Table.ENTITY, s("AdvanceCopyGranted"));
        item.put("at", s(Table.time(at)));
        item.put(Table.EXPIRES_AT, Items.n(at.plus(retention).getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public boolean granted(String releaseId, String contactId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(Table.PK, s(ReleaseMapper.pk(releaseId)), Table.SK, s(GRANTED + contactId)))).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public boolean revoked(String releaseId, String contactId) {
        // One read of the release's few revocations: a copy withdrawn a moment ago is gone.
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(under(releaseId, REVOKED)).items()) {
            String who = item.get(Table.SK).s().substring(REVOKED.length());
            if (who.equals(ALL) || who.equals(contactId)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Opening> openings(String releaseId, int limit) {
        List<Opening> openings = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(under(releaseId, PREFIX)).items()) {
            openings.add(new Opening(item.get("contactId").s(), Table.parseTime(item.get("at").s()),
                    item.get("userAgent").s(), Items.string(item, "what")));
            if (openings.size() >= limit) {
                break;
            }
        }
        return openings;
    }
}
