package newsroom.store;

import static newsroom.store.Items.s;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import newsroom.domain.SiteSettings;
import newsroom.domain.VersionConflictException;
import newsroom.json.Json;
import newsroom.service.port.SettingsRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The settings as one item (PK SETTINGS, SK SITE, entity SiteSettings: its change on the table's
 * stream starts the rebuild), and the rebuild's progress beside it (SK REBUILD).
 */
public final class DynamoDbSettingsRepository implements SettingsRepository {
    public static final String ENTITY = "SiteSettings";
    private static final String PK = "SETTINGS";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSettingsRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String sk) {
        return Map.of(Table.PK, s(PK), Table.SK, s(sk));
    }

    @Override
    public Optional<SiteSettings> find() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key("SITE")).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.read(item.get("settings").s(), SiteSettings.class));
    }

    @Override
    public void save(SiteSettings settings, long expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>(key("SITE"));
        item.put(Table.ENTITY, s(ENTITY));
        item.put("version", Items.n(settings.version()));
        item.put("settings", s(Json.write(settings)));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(#pk)" : "#v = :v")
                    .expressionAttributeNames(expectedVersion == 0 ? Map.of("#pk", Table.PK) : Map.of("#v", "version"))
                    .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":v", Items.n(expectedVersion))));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException("settings");
        }
    }

    @Override
    public Optional<RebuildStatus> rebuildStatus() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key("REBUILD"))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.read(item.get("status").s(), RebuildStatus.class));
    }

    @Override
    public void recordRebuild(RebuildStatus status) {
        Map<String, AttributeValue> item = new HashMap<>(key("REBUILD"));
        item.put(Table.ENTITY, s("SiteRebuild"));
        item.put("status", s(Json.write(status)));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }
}
