package newsroom.store;

import static newsroom.store.Items.s;
import static newsroom.store.Items.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Media contacts in the single table. Besides the contact item, each topic the contact follows has
 * a membership item (PK TOPIC#category) carrying a copy of the contact, so that finding who gets a
 * release is one query per topic with no further reads.
 */
public final class DynamoDbContactRepository implements ContactRepository {
    static final String ENTITY = "MediaContact";
    static final String MEMBERSHIP_ENTITY = "TopicMembership";
    private static final String CONTACT_SK = "CONTACT";
    private static final String NOT_EXISTS = "attribute_not_exists(" + Table.PK + ")";

    static final String ID = "id";
    static final String EMAIL = "email";
    static final String NAME = "name";
    static final String OUTLET = "outlet";
    static final String TOPICS = "topics";
    static final String EMBARGO_ACCESS = "embargoAccess";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbContactRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(MediaContact contact) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(Map.of(
                Table.PK, s("EMAIL#" + contact.email()),
                Table.SK, s("EMAIL"),
                Table.ENTITY, s("EmailClaim"),
                "contactId", s(contact.id()))));
        Map<String, AttributeValue> item = attributes(contact);
        item.put(Table.PK, s("CONTACT#" + contact.id()));
        item.put(Table.SK, s(CONTACT_SK));
        item.put(Table.ENTITY, s(ENTITY));
        item.put(Table.GSI1PK, s("CONTACTS"));
        item.put(Table.GSI1SK, s(contact.email()));
        writes.add(put(item));
        for (String topic : contact.topics()) {
            Map<String, AttributeValue> membership = attributes(contact);
            membership.put(Table.PK, s(topicKey(topic)));
            membership.put(Table.SK, s("CONTACT#" + contact.id()));
            membership.put(Table.ENTITY, s(MEMBERSHIP_ENTITY));
            writes.add(put(membership));
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new EmailTakenException(contact.email());
            }
            throw e;
        }
    }

    @Override
    public Optional<MediaContact> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(Table.PK, s("CONTACT#" + id), Table.SK, s(CONTACT_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<MediaContact> activeSubscribers(String category) {
        Map<String, MediaContact> byId = new LinkedHashMap<>();
        for (String topic : List.of(category, MediaContact.ALL_TOPICS)) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .filterExpression("#status = :active")
                        .expressionAttributeNames(Map.of("#pk", Table.PK, "#status", STATUS))
                        .expressionAttributeValues(Map.of(
                                ":pk", s(topicKey(topic)), ":active", s(ContactStatus.ACTIVE.name())));
                if (startKey != null) {
                    query.exclusiveStartKey(startKey);
                }
                var page = dynamo.query(query.build());
                page.items().forEach(item -> byId.putIfAbsent(string(item, ID), fromItem(item)));
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        return List.copyOf(byId.values());
    }

    private static String topicKey(String topic) {
        return "TOPIC#" + topic;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(NOT_EXISTS).build())
                .build();
    }

    private static Map<String, AttributeValue> attributes(MediaContact c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(c.id()));
        item.put(EMAIL, s(c.email()));
        item.put(NAME, s(c.name()));
        Items.putIfPresent(item, OUTLET, c.outlet());
        item.put(TOPICS, Items.list(List.copyOf(c.topics())));
        item.put(EMBARGO_ACCESS, AttributeValue.fromBool(c.embargoAccess()));
        item.put(STATUS, s(c.status().name()));
        item.put(CREATED_AT, s(Table.time(c.createdAt())));
        return item;
    }

    private static MediaContact fromItem(Map<String, AttributeValue> item) {
        return new MediaContact(
                string(item, ID),
                string(item, EMAIL),
                string(item, NAME),
                string(item, OUTLET),
                Set.copyOf(Items.strings(item, TOPICS)),
                Items.bool(item, EMBARGO_ACCESS),
                ContactStatus.valueOf(string(item, STATUS)),
                Table.parseTime(string(item, CREATED_AT)));
    }
}
