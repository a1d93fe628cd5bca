package newsroom.store;

import static newsroom.store.Items.s;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.json.Json;
import newsroom.domain.NoPendingChangeException;
import newsroom.domain.Page;
import newsroom.domain.PendingChange;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseVersion;
import newsroom.domain.SlugTakenException;
import newsroom.domain.VersionConflictException;
import newsroom.service.port.AccessLog;
import newsroom.service.port.ReleaseRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Releases in the table. Every write is conditional: a new release must not exist, a change must
 * find the version it was based on, so no update is ever lost to a concurrent one. Each change's
 * version copy goes to the records table (no stream: no stream consumer reads it) in the change's
 * own transaction.
 */
public final class DynamoDbReleaseRepository implements ReleaseRepository {
    static final String SLUG_SK = "SLUG";
    static final String VERSION_ENTITY = "ReleaseVersion";
    static final String SNAPSHOT = "release";
    static final String SAVED_AT = "savedAt";
    static final String ARCHIVE_PK = "ARCHIVE";
    static final String PENDING_SK = "PENDING";
    static final String PENDING_ENTITY = "PendingChange";
    static final String PENDING_CHANGE = "change";
    static final String PENDING_ID = "changeId";
    static final String PENDING_CHANGES = "PENDING#CHANGES";
    private static final String NOT_EXISTS = "attribute_not_exists(" + Table.PK + ")";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String recordsTable;
    private final ReleaseMapper mapper;

    /** With the version copies in the same table (tests of the repository alone). */
    public DynamoDbReleaseRepository(DynamoDbClient dynamo, String table, ZoneId zone) {
        this(dynamo, table, table, zone);
    }

    public DynamoDbReleaseRepository(DynamoDbClient dynamo, String table, String recordsTable, ZoneId zone) {
        this.dynamo = dynamo;
        this.table = table;
        this.recordsTable = recordsTable;
        this.mapper = new ReleaseMapper(zone);
    }

    private static Map<String, AttributeValue> slugKey(String slug) {
        return Map.of(Table.PK, s("SLUG#" + slug), Table.SK, s(SLUG_SK));
    }

    private static String versionSk(long version) {
        return String.format("VERSION#%010d", version);
    }

    @Override
    public void create(Release release) {
        create(release, List.of());
    }

    /** The log's entries join the create's transaction when the log is kept in the records table. */
    @Override
    public void create(Release release, AccessLog log, List<AccessLog.Entry> entries) {
        if (log instanceof DynamoDbAccessLog here && here.keptIn(recordsTable)) {
            create(release, here.puts(release.id(), entries));
        } else {
            ReleaseRepository.super.create(release, log, entries);
        }
    }

    private void create(Release release, List<TransactWriteItem> alsoWrite) {
        Map<String, AttributeValue> slugClaim = new HashMap<>(slugKey(release.slug()));
        slugClaim.put(Table.ENTITY, s("SlugClaim"));
        slugClaim.put("releaseId", s(release.id()));
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                putNew(slugClaim),
                putNew(mapper.toItem(release)),
                putNewRecord(versionItem(release))));
        writes.addAll(alsoWrite);
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (Items.failedCondition(e, 0)) {
                throw new SlugTakenException(release.slug());
            }
            throw e;
        }
    }

    /** The release written only over the version it was based on. */
    private Put versionedPut(Release changed, long expectedVersion) {
        return Put.builder().tableName(table).item(mapper.toItem(changed))
                .conditionExpression("attribute_exists(#pk) AND #version = :expected")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#version", ReleaseMapper.VERSION))
                .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)))
                .build();
    }

    @Override
    public void save(Release changed, long expectedVersion) {
        Put release = versionedPut(changed, expectedVersion);
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(release).build(),
                    putNewRecord(versionItem(changed))));
        } catch (TransactionCanceledException e) {
            if (Items.failedCondition(e, 0) || Items.failedCondition(e, 1)) {
                throw new VersionConflictException(changed.id());
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> pendingKey(String releaseId) {
        return Map.of(Table.PK, s(ReleaseMapper.pk(releaseId)), Table.SK, s(PENDING_SK));
    }

    @Override
    public List<String> withPendingChanges(int limit) {
        List<String> ids = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(PENDING_CHANGES)))
                .limit(Math.min(limit, 100)).build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            ids.add(item.get(Table.PK).s().substring("RELEASE#".length()));
            if (ids.size() >= limit) {
                break;
            }
        }
        return ids;
    }

    @Override
    public Optional<PendingChange> pendingChange(String releaseId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(pendingKey(releaseId))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey(PENDING_CHANGE)) {
            return Optional.empty();
        }
        return Optional.of(Json.read(item.get(PENDING_CHANGE).s(), PendingChange.class));
    }

    @Override
    public void propose(String releaseId, PendingChange change) {
        // Its own item, not an attribute of the release's: the stream's consumers (pages, email)
        // see nothing until the change is approved and saved as the release.
        Map<String, AttributeValue> item = new HashMap<>(pendingKey(releaseId));
        item.put(Table.ENTITY, s(PENDING_ENTITY));
        item.put(PENDING_ID, s(change.id()));
        // Listed, oldest first, in an index partition of their own: the approval queue.
        item.put(Table.GSI1PK, s(PENDING_CHANGES));
        item.put(Table.GSI1SK, s(Table.time(change.proposedAt()) + "#" + releaseId));
        item.put(PENDING_CHANGE, s(Json.write(change)));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .key(ReleaseMapper.key(releaseId))
                            .conditionExpression("#version = :basedOn AND #status = :published")
                            .expressionAttributeNames(Map.of("#version", ReleaseMapper.VERSION,
                                    "#status", ReleaseMapper.STATUS))
                            .expressionAttributeValues(Map.of(":basedOn", Items.n(change.basedOn()),
                                    ":published", s(ReleaseStatus.PUBLISHED.name())))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build()));
        } catch (TransactionCanceledException e) {
            if (Items.failedCondition(e, 0)) {
                throw new VersionConflictException(releaseId);
            }
            throw e;
        }
    }

    @Override
    public void saveApproved(Release changed, long expectedVersion, String changeId) {
        Put release = versionedPut(changed, expectedVersion);
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(release).build(),
                    putNewRecord(versionItem(changed)),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(pendingKey(changed.id()))
                            .conditionExpression("#changeId = :changeId")
                            .expressionAttributeNames(Map.of("#changeId", PENDING_ID))
                            .expressionAttributeValues(Map.of(":changeId", s(changeId)))).build()));
        } catch (TransactionCanceledException e) {
            if (Items.failedCondition(e, 0) || Items.failedCondition(e, 1)) {
                throw new VersionConflictException(changed.id());
            }
            if (Items.failedCondition(e, 2)) {
                throw new NoPendingChangeException("Another change awaits approval now: read the release again and"
                        + " review the change that waits.");
            }
            throw e;
        }
    }

    @Override
    public void saveWithSlug(Release changed, long expectedVersion, String previousSlug) {
        Put release = versionedPut(changed, expectedVersion);
        Map<String, AttributeValue> slugClaim = new HashMap<>(slugKey(changed.slug()));
        slugClaim.put(Table.ENTITY, s("SlugClaim"));
        slugClaim.put("releaseId", s(changed.id()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    putNew(slugClaim),
                    TransactWriteItem.builder().put(release).build(),
                    putNewRecord(versionItem(changed)),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(slugKey(previousSlug))).build()));
        } catch (TransactionCanceledException e) {
            if (Items.failedCondition(e, 0)) {
                throw new SlugTakenException(changed.slug());
            }
            if (Items.failedCondition(e, 1) || Items.failedCondition(e, 2)) {
                throw new VersionConflictException(changed.id());
            }
            throw e;
        }
    }

    @Override
    public void delete(Release release, long expectedVersion) {
        Delete item = Delete.builder().tableName(table).key(ReleaseMapper.key(release.id()))
                .conditionExpression("#version = :expected AND #status = :draft")
                .expressionAttributeNames(Map.of("#version", ReleaseMapper.VERSION, "#status", ReleaseMapper.STATUS))
                .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion),
                        ":draft", s(ReleaseStatus.DRAFT.name())))
                .build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().delete(item).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(slugKey(release.slug()))).build()));
        } catch (TransactionCanceledException e) {
            if (Items.failedCondition(e, 0)) {
                throw new VersionConflictException(release.id());
            }
            throw e;
        }
        // The versions of a deleted draft are unreachable; removing them is tidying, not correctness.
        for (ReleaseVersion version : versions(release.id())) {
            dynamo.deleteItem(d -> d.tableName(recordsTable).key(Map.of(
                    Table.PK, s(ReleaseMapper.pk(release.id())), Table.SK, s(versionSk(version.version())))));
        }
    }

    private Map<String, AttributeValue> versionItem(Release release) {
        Map<String, AttributeValue> snapshot = mapper.toItem(release);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(ReleaseMapper.pk(release.id())));
        item.put(Table.SK, s(versionSk(release.version())));
        item.put(Table.ENTITY, s(VERSION_ENTITY));
        item.put(ReleaseMapper.VERSION, Items.n(release.version()));
        item.put(SAVED_AT, s(Table.time(release.updatedAt())));
        item.put(SNAPSHOT, AttributeValue.fromM(snapshot));
        return item;
    }

    /** A version copy, in the records table: added, never over another. */
    private TransactWriteItem putNewRecord(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(recordsTable).item(item).conditionExpression(NOT_EXISTS).build())
                .build();
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(NOT_EXISTS).build())
                .build();
    }

    @Override
    public Optional<Release> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(ReleaseMapper.key(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(mapper.fromItem(item));
    }

    @Override
    public List<Release> findAll(List<String> ids) {
        Map<String, Release> found = new java.util.HashMap<>();
        List<Map<String, AttributeValue>> keys = ids.stream().distinct().map(ReleaseMapper::key).toList();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, keys)) {
            Release release = mapper.fromItem(item);
            found.put(release.id(), release);
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Only the two attributes: a release's answer is a few dozen bytes, not the whole release. */
    @Override
    public Map<String, Long> versionsOf(List<String> ids) {
        Map<String, Long> versions = new java.util.HashMap<>();
        List<Map<String, AttributeValue>> keys = ids.stream().distinct().map(ReleaseMapper::key).toList();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, keys,
                Map.of("#id", ReleaseMapper.ID, "#version", ReleaseMapper.VERSION))) {
            versions.put(Items.string(item, ReleaseMapper.ID), Items.number(item, ReleaseMapper.VERSION));
        }
        return versions;
    }

    @Override
    public List<Release> latestPublished(int limit) {
        return list(ReleaseStatus.PUBLISHED, null, limit, null).items();
    }

    @Override
    public Page<Release> list(ReleaseStatus status, String category, int limit, String cursor) {
        String index = status == null ? Table.GSI4 : Table.GSI1;
        String partition = status == null ? ReleaseMapper.ALL_RELEASES : ReleaseMapper.statusKey(status);
        String queryName = partition + "|" + (category == null ? "" : category);
        Map<String, AttributeValue> startKey = Cursors.decode(queryName, cursor,
                Map.of(status == null ? Table.GSI4PK : Table.GSI1PK, partition));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", status == null ? Table.GSI4PK : Table.GSI1PK);
        values.put(":pk", s(partition));
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(index)
                .keyConditionExpression("#pk = :pk")
                .scanIndexForward(false);
        if (category != null) {
            names.put("#category", ReleaseMapper.CATEGORY);
            values.put(":category", s(category));
            query.filterExpression("#category = :category");
        }
        query.expressionAttributeNames(names).expressionAttributeValues(values);
        // With a filter, one query page may hold fewer matches than asked for: keep reading until
        // the page is full or the index is exhausted, and hand out a cursor at the last match.
        List<Release> items = new ArrayList<>();
        Map<String, AttributeValue> lastKey = startKey;
        Map<String, AttributeValue> cursorKey = null;
        do {
            if (lastKey != null) {
                query.exclusiveStartKey(lastKey);
            }
            QueryResponse page = Cursors.query(dynamo, query.limit(limit - items.size()).build());
            for (Map<String, AttributeValue> item : page.items()) {
                items.add(mapper.fromItem(item));
            }
            lastKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            cursorKey = lastKey;
        } while (lastKey != null && items.size() < limit);
        return new Page<>(items, Cursors.encode(queryName, cursorKey));
    }

    @Override
    public List<Release> dueForPublication(Instant now, int limit) {
        // Sort keys are "time#id": everything up to "now#~" is due, whatever its id.
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk AND #sk <= :now")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK, "#sk", Table.GSI1SK))
                .expressionAttributeValues(Map.of(
                        ":pk", s(ReleaseMapper.statusKey(ReleaseStatus.SCHEDULED)),
                        ":now", s(Table.time(now) + "#~")))
                .limit(limit)
                .build();
        return dynamo.query(query).items().stream().map(mapper::fromItem).toList();
    }

    @Override
    public List<Release> publishedInMonth(YearMonth month) {
        return queryAll(Table.GSI2, Table.GSI2PK, ReleaseMapper.monthKey(month.toString()), Integer.MAX_VALUE);
    }

    @Override
    public List<Release> latestInCategory(String category, int limit) {
        return queryAll(Table.GSI3, Table.GSI3PK, ReleaseMapper.categoryKey(category), limit);
    }

    /** Newest first, up to {@code limit}, following pages. */
    private List<Release> queryAll(String index, String partitionKey, String partition, int limit) {
        List<Release> releases = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(index)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", partitionKey))
                    .expressionAttributeValues(Map.of(":pk", s(partition)))
                    .scanIndexForward(false)
                    .limit(Math.min(limit - releases.size(), 1000));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamo.query(query.build());
            page.items().forEach(item -> releases.add(mapper.fromItem(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && releases.size() < limit);
        return releases;
    }

    @Override
    public void recordMonth(YearMonth month) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                Table.PK, s(ARCHIVE_PK),
                Table.SK, s("MONTH#" + month),
                Table.ENTITY, s("ArchiveMonth"))));
    }

    @Override
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.PK))
                .expressionAttributeValues(Map.of(":pk", s(ARCHIVE_PK)))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            months.add(YearMonth.parse(item.get(Table.SK).s().substring("MONTH#".length())));
        }
        return months;
    }

    @Override
    public List<ReleaseVersion> versions(String id) {
        List<ReleaseVersion> versions = new ArrayList<>();
        QueryRequest query = QueryRequest.builder()
                .tableName(recordsTable)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(ReleaseMapper.pk(id)), ":prefix", s("VERSION#")))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            versions.add(new ReleaseVersion(Items.number(item, ReleaseMapper.VERSION),
                    Table.parseTime(Items.string(item, SAVED_AT)), mapper.fromItem(item.get(SNAPSHOT).m())));
        }
        return versions;
    }
}
