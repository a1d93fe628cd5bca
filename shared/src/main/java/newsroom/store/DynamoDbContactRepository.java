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
import newsroom.domain.ContactChangedException;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactStatus;
import newsroom.domain.DigestFrequency;
import newsroom.domain.EmailTakenException;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;
import newsroom.service.port.ContactRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Media contacts in the single table. Besides the contact item and its email claim, each topic the
 * contact follows has a membership item (PK TOPIC#category) carrying a copy of the contact, so that
 * finding who gets a release is one query per topic with no further reads. Every change rewrites
 * the copies in the same transaction.
 */
public final class DynamoDbContactRepository implements ContactRepository {
    static final String ENTITY = "MediaContact";
    static final String MEMBERSHIP_ENTITY = "TopicMembership";
    private static final String CONTACT_SK = "CONTACT";
    private static final String EMAIL_SK = "EMAIL";
    private static final String ALL_CONTACTS = "CONTACTS";
    private static final String NOT_EXISTS = "attribute_not_exists(" + Table.PK + ")";
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    static final String ID = "id";
    static final String EMAIL = "email";
    static final String NAME = "name";
    static final String OUTLET = "outlet";
    static final String ROLE = "role";
    static final String TOPICS = "topics";
    static final String EMBARGO_ACCESS = "embargoAccess";
    static final String STATUS = "status";
    static final String CONSENT_SOURCE = "consentSource";
    static final String CONSENT_AT = "consentAt";
    static final String VERSION = "version";
    static final String CREATED_AT = "createdAt";
    static final String FREQUENCY = "frequency";
    private static final String DIGEST = "DIGEST#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbContactRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> contactKey(String id) {
        return Map.of(Table.PK, s("CONTACT#" + id), Table.SK, s(CONTACT_SK));
    }

    private static Map<String, AttributeValue> emailKey(String email) {
        return Map.of(Table.PK, s("EMAIL#" + email), Table.SK, s(EMAIL_SK));
    }

    private static Map<String, AttributeValue> membershipKey(String topic, String id) {
        return Map.of(Table.PK, s("TOPIC#" + topic), Table.SK, s("CONTACT#" + id));
    }

    @Override
    public void create(MediaContact contact) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(emailClaim(contact)));
        writes.add(putNew(contactItem(contact)));
        for (String topic : contact.topics()) {
            writes.add(put(membership(contact, topic)));
        }
        write(writes, contact.email());
    }

    @Override
    public void update(MediaContact previous, MediaContact updated) {
        List<TransactWriteItem> writes = new ArrayList<>();
        // Only over the version read: an unsubscribe, a bounce or another edit in between is never undone.
        String unchanged = previous.version() == 1 ? "(attribute_not_exists(#v) OR #v = :v)" : "#v = :v";
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(contactItem(updated))
                .conditionExpression("attribute_exists(" + Table.PK + ") AND " + unchanged)
                .expressionAttributeNames(Map.of("#v", VERSION))
                .expressionAttributeValues(Map.of(":v", Items.n(previous.version()))).build()).build());
        if (!previous.email().equals(updated.email())) {
            writes.add(putNew(emailClaim(updated)));
            writes.add(delete(emailKey(previous.email())));
        }
        for (String topic : previous.topics()) {
            if (!updated.topics().contains(topic)) {
                writes.add(delete(membershipKey(topic, previous.id())));
            }
        }
        for (String topic : updated.topics()) {
            writes.add(put(membership(updated, topic)));
        }
        write(writes, updated.email());
    }

    @Override
    public void delete(MediaContact contact) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(delete(contactKey(contact.id())));
        writes.add(delete(emailKey(contact.email())));
        for (String topic : contact.topics()) {
            writes.add(delete(membershipKey(topic, contact.id())));
        }
        dynamo.transactWriteItems(t -> t.transactItems(writes));
    }

    @Override
    public void setStatus(String id, ContactStatus status) {
        // Conditional on the version read; an edit racing an unsubscribe makes it read again.
        for (int attempt = 1; ; attempt++) {
            MediaContact contact = find(id).orElseThrow(() -> new ContactNotFoundException(id));
            if (contact.status() == status) {
                return;
            }
            try {
                update(contact, contact.withStatus(status));
                return;
            } catch (ContactChangedException changed) {
                if (attempt >= 5) {
                    throw changed;
                }
            }
        }
    }

    private void write(List<TransactWriteItem> writes, String email) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size(); i++) {
                if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(i).code())) {
                    boolean claim = writes.get(i).put() != null
                            && EMAIL_SK.equals(writes.get(i).put().item().get(Table.SK).s());
                    if (claim) {
                        throw new EmailTakenException(email);
                    }
                    if (i == 0 && writes.get(0).put() != null
                            && writes.get(0).put().conditionExpression().contains("#v")) {
                        throw new ContactChangedException(email);
                    }
                    throw new ContactNotFoundException(email);
                }
            }
            throw e;
        }
    }

    @Override
    public Optional<MediaContact> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(contactKey(id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Map<String, MediaContact> findAll(java.util.Collection<String> ids) {
        List<Map<String, AttributeValue>> keys = new java.util.LinkedHashSet<>(ids).stream()
                .map(DynamoDbContactRepository::contactKey).toList();
        Map<String, MediaContact> found = new HashMap<>();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, keys)) {
            MediaContact contact = fromItem(item);
            found.put(contact.id(), contact);
        }
        return found;
    }

    @Override
    public Optional<MediaContact> findByEmail(String email) {
        Map<String, AttributeValue> claim = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(emailKey(email))).item();
        return claim == null || claim.isEmpty() ? Optional.empty() : find(string(claim, "contactId"));
    }

    @Override
    public Page<MediaContact> list(int limit, String cursor) {
        Map<String, AttributeValue> startKey = Cursors.decode(ALL_CONTACTS, cursor, Map.of(Table.GSI1PK, ALL_CONTACTS));
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(ALL_CONTACTS)))
                .limit(limit);
        if (startKey != null) {
            query.exclusiveStartKey(startKey);
        }
        QueryResponse page = Cursors.query(dynamo, query.build());
        Map<String, AttributeValue> last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey() : null;
        return new Page<>(page.items().stream().map(DynamoDbContactRepository::fromItem).toList(),
                Cursors.encode(ALL_CONTACTS, last));
    }

    @Override
    public Page<MediaContact> digestSubscribers(DigestFrequency frequency, int limit, String cursor) {
        String queryName = "digest#" + frequency.name();
        Map<String, AttributeValue> startKey = Cursors.decode(queryName, cursor,
                Map.of(Table.GSI2PK, DIGEST + frequency.name()));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(Table.GSI2)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.GSI2PK))
                .expressionAttributeValues(Map.of(":pk", s(DIGEST + frequency.name())))
                .limit(limit);
        if (startKey != null) {
            query.exclusiveStartKey(startKey);
        }
        QueryResponse response = Cursors.query(dynamo, query.build());
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Cursors.encode(queryName, response.lastEvaluatedKey()) : null;
        return new Page<>(response.items().stream().map(DynamoDbContactRepository::fromItem).toList(), next);
    }

    @Override
    public List<MediaContact> activeSubscribers(String category) {
        return subscribers(category, true);
    }

    @Override
    public List<MediaContact> subscribers(String category) {
        return subscribers(category, false);
    }

    private List<MediaContact> subscribers(String category, boolean activeOnly) {
        Map<String, MediaContact> byId = new LinkedHashMap<>();
        for (String topic : List.of(category, MediaContact.ALL_TOPICS)) {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk");
            if (activeOnly) {
                query.filterExpression("#status = :active")
                        .expressionAttributeNames(Map.of("#pk", Table.PK, "#status", STATUS))
                        .expressionAttributeValues(Map.of(
                                ":pk", s("TOPIC#" + topic), ":active", s(ContactStatus.ACTIVE.name())));
            } else {
                query.expressionAttributeNames(Map.of("#pk", Table.PK))
                        .expressionAttributeValues(Map.of(":pk", s("TOPIC#" + topic)));
            }
            dynamo.queryPaginator(query.build()).items()
                    .forEach(item -> byId.putIfAbsent(string(item, ID), fromItem(item)));
        }
        return List.copyOf(byId.values());
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(NOT_EXISTS).build())
                .build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).build()).build();
    }

    private static Map<String, AttributeValue> emailClaim(MediaContact contact) {
        Map<String, AttributeValue> claim = new HashMap<>(emailKey(contact.email()));
        claim.put(Table.ENTITY, s("EmailClaim"));
        claim.put("contactId", s(contact.id()));
        return claim;
    }

    private static Map<String, AttributeValue> contactItem(MediaContact contact) {
        Map<String, AttributeValue> item = attributes(contact);
        item.putAll(contactKey(contact.id()));
        item.put(Table.ENTITY, s(ENTITY));
        item.put(Table.GSI1PK, s(ALL_CONTACTS));
        item.put(Table.GSI1SK, s(contact.email()));
        if (!contact.wantsEachRelease()) {
            // Those who get a digest, by frequency: the digest run reads them from here.
            item.put(Table.GSI2PK, s(DIGEST + contact.frequency().name()));
            item.put(Table.GSI2SK, s(contact.id()));
        }
        return item;
    }

    private static Map<String, AttributeValue> membership(MediaContact contact, String topic) {
        Map<String, AttributeValue> item = attributes(contact);
        item.putAll(membershipKey(topic, contact.id()));
        item.put(Table.ENTITY, s(MEMBERSHIP_ENTITY));
        return item;
    }

    private static Map<String, AttributeValue> attributes(MediaContact c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(c.id()));
        item.put(EMAIL, s(c.email()));
        item.put(NAME, s(c.name()));
        Items.putIfPresent(item, OUTLET, c.outlet());
        Items.putIfPresent(item, ROLE, c.role());
        item.put(TOPICS, Items.list(c.topics().stream().sorted().toList()));
        item.put(EMBARGO_ACCESS, AttributeValue.fromBool(c.embargoAccess()));
        item.put(STATUS, s(c.status().name()));
        Items.putIfPresent(item, CONSENT_SOURCE, c.consentSource());
        if (c.consentAt() != null) {
            item.put(CONSENT_AT, s(Table.time(c.consentAt())));
        }
        if (c.createdAt() != null) {
            item.put(CREATED_AT, s(Table.time(c.createdAt())));
        }
        item.put(VERSION, Items.n(c.version()));
        item.put(FREQUENCY, s(c.frequency().name()));
        return item;
    }

    private static MediaContact fromItem(Map<String, AttributeValue> item) {
        return new MediaContact(
                string(item, ID),
                string(item, EMAIL),
                string(item, NAME),
                string(item, OUTLET),
                string(item, ROLE),
                Set.copyOf(Items.strings(item, TOPICS)),
                Items.bool(item, EMBARGO_ACCESS),
                ContactStatus.valueOf(string(item, STATUS)),
                string(item, CONSENT_SOURCE),
                Table.parseTime(string(item, CONSENT_AT)),
                Table.parseTime(string(item, CREATED_AT)),
                Items.number(item, VERSION),
                DigestFrequency.parse(string(item, FREQUENCY)).orElse(DigestFrequency.IMMEDIATE));
    }
}
