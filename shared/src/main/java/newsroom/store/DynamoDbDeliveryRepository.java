package newsroom.store;

import static newsroom.store.Items.s;
import static newsroom.store.Items.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Deliveries live under their release (PK RELEASE#id, SK DELIVERY#kind#contactId). */
public final class DynamoDbDeliveryRepository implements DeliveryRepository {
    static final String ENTITY = "Delivery";
    static final String RELEASE_ID = "releaseId";
    static final String CONTACT_ID = "contactId";
    static final String KIND = "kind";
    static final String EMAIL = "email";
    static final String STATUS = "status";
    static final String MESSAGE_ID = "messageId";
    static final String REASON = "reason";
    static final String UPDATED_AT = "updatedAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDeliveryRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(MailJob job) {
        return Map.of(
                Table.PK, s(ReleaseMapper.pk(job.releaseId())),
                Table.SK, s("DELIVERY#" + job.kind() + "#" + job.contactId()));
    }

    @Override
    public boolean claim(MailJob job, String email, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(job));
        item.put(Table.ENTITY, s(ENTITY));
        item.put(RELEASE_ID, s(job.releaseId()));
        item.put(CONTACT_ID, s(job.contactId()));
        item.put(KIND, s(job.kind().name()));
        item.put(EMAIL, s(email));
        item.put(STATUS, s(DeliveryStatus.SENDING.name()));
        item.put(UPDATED_AT, s(Table.time(now)));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #status = :failed")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#status", STATUS))
                    .expressionAttributeValues(Map.of(":failed", s(DeliveryStatus.FAILED.name()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyClaimed) {
            return false;
        }
    }

    @Override
    public void recordSent(MailJob job, String messageId, Instant now) {
        dynamo.updateItem(u -> u.tableName(table).key(key(job))
                .updateExpression("SET #status = :sent, #messageId = :messageId, #updatedAt = :now")
                .expressionAttributeNames(Map.of(
                        "#status", STATUS, "#messageId", MESSAGE_ID, "#updatedAt", UPDATED_AT))
                .expressionAttributeValues(Map.of(
                        ":sent", s(DeliveryStatus.SENT.name()),
                        ":messageId", s(messageId),
                        ":now", s(Table.time(now)))));
    }

    @Override
    public void recordFailed(MailJob job, String reason, Instant now) {
        dynamo.updateItem(u -> u.tableName(table).key(key(job))
                .updateExpression("SET #status = :failed, #reason = :reason, #updatedAt = :now")
                .expressionAttributeNames(Map.of("#status", STATUS, "#reason", REASON, "#updatedAt", UPDATED_AT))
                .expressionAttributeValues(Map.of(
                        ":failed", s(DeliveryStatus.FAILED.name()),
                        ":reason", s(reason),
                        ":now", s(Table.time(now)))));
    }

    @Override
    public List<Delivery> forRelease(String releaseId) {
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                    .expressionAttributeValues(Map.of(
                            ":pk", s(ReleaseMapper.pk(releaseId)), ":prefix", s("DELIVERY#")));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            var page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                deliveries.add(new Delivery(
                        string(item, RELEASE_ID),
                        string(item, CONTACT_ID),
                        DeliveryKind.valueOf(string(item, KIND)),
                        string(item, EMAIL),
                        DeliveryStatus.valueOf(string(item, STATUS)),
                        string(item, MESSAGE_ID),
                        Table.parseTime(string(item, UPDATED_AT))));
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return deliveries;
    }
}
