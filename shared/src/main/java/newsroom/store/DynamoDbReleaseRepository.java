package newsroom.store;

import static newsroom.store.Items.s;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Releases in the single table. */
public final class DynamoDbReleaseRepository implements ReleaseRepository {
    static final String SLUG_SK = "SLUG";
    private static final String NOT_EXISTS = "attribute_not_exists(" + Table.PK + ")";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ReleaseMapper mapper;

    public DynamoDbReleaseRepository(DynamoDbClient dynamo, String table, ZoneId zone) {
        this.dynamo = dynamo;
        this.table = table;
        this.mapper = new ReleaseMapper(zone);
    }

    @Override
    public void create(Release release) {
        Map<String, AttributeValue> slugClaim = Map.of(
                Table.PK, s("SLUG#" + release.slug()),
                Table.SK, s(SLUG_SK),
                Table.ENTITY, s("SlugClaim"),
                "releaseId", s(release.id()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    put(slugClaim),
                    put(mapper.toItem(release))));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new SlugTakenException(release.slug());
            }
            throw e;
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
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
    public List<Release> latestPublished(int limit) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(ReleaseMapper.statusKey(ReleaseStatus.PUBLISHED))))
                .scanIndexForward(false)
                .limit(limit)
                .build();
        return dynamo.query(query).items().stream().map(mapper::fromItem).toList();
    }
}
