package newsroom.store;

import static newsroom.store.Items.s;
import static newsroom.store.Items.string;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import newsroom.domain.Page;
import newsroom.service.port.DeliveryRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Deliveries live under their release (PK RELEASE#id, SK DELIVERY#kind#contactId). */
public final class DynamoDbDeliveryRepository implements DeliveryRepository {
    static final String ENTITY = "Delivery";
    static final String RELEASE_ID = "releaseId";
    static final String CONTACT_ID = "contactId";
    static final String KIND = "kind";
    static final String EMAIL = "email";
    static final String STATUS = "status";
    static final String MESSAGE_ID = "messageId";
    static final String MESSAGE_IDS = "messageIds";
    static final String REASON = "reason";
    static final String UPDATED_AT = "updatedAt";

    /** How long a delivery record is kept unless the deployment says otherwise: two years. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(730);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbDeliveryRepository(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DEFAULT_RETENTION);
    }

    /** Records are deleted by DynamoDB's TTL {@code retention} after they were made. */
    public DynamoDbDeliveryRepository(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    private static Map<String, AttributeValue> key(MailJob job) {
        return deliveryKey(job.releaseId(), job.deliveryKind(), job.contactId());
    }

    private static Map<String, AttributeValue> deliveryKey(String releaseId, String deliveryKind, String contactId) {
        return Map.of(
                Table.PK, s(ReleaseMapper.pk(releaseId)),
                Table.SK, s("DELIVERY#" + deliveryKind + "#" + contactId));
    }

    private Map<String, AttributeValue> item(MailJob job, String email, DeliveryStatus status, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(job));
        item.put(Table.ENTITY, s(ENTITY));
        item.put(RELEASE_ID, s(job.releaseId()));
        item.put(CONTACT_ID, s(job.contactId()));
        item.put(KIND, s(job.deliveryKind()));
        item.put(EMAIL, s(email));
        item.put(STATUS, s(status.name()));
        item.put(UPDATED_AT, s(Table.time(now)));
        // The retention policy: DynamoDB's TTL deletes the record this long after it was made.
        item.put(Table.EXPIRES_AT, Items.n(now.plus(retention).getEpochSecond()));
        return item;
    }

    /** DynamoDB's limit of actions in one TransactWriteItems. */
    private static final int TRANSACTION = 100;

    @Override
    public Claim claim(MailJob job, String email, Instant now, Duration lease) {
        try {
            dynamo.putItem(claimPut(job, email, now, lease).toPutItemRequest());
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            return taken(job, null);
        }
    }

    /**
     * A mail batch's claims in one transaction. A transaction is all or nothing, so when some jobs
     * were taken already (a redelivered batch), their answers come from the items the refusal
     * carries and the rest are claimed again together; each round settles at least one job, so it
     * ends. A refusal for any other reason (another writer on the same item) falls back to one
     * claim at a time, which answers every job exactly as {@link #claim} does.
     */
    @Override
    public Map<MailJob, Claim> claimAll(Map<MailJob, String> emails, Instant now, Duration lease) {
        Map<MailJob, Claim> claims = new java.util.LinkedHashMap<>();
        List<MailJob> jobs = new ArrayList<>(emails.keySet());
        for (int from = 0; from < jobs.size(); from += TRANSACTION) {
            List<MailJob> left = jobs.subList(from, Math.min(jobs.size(), from + TRANSACTION));
            while (!left.isEmpty()) {
                if (left.size() == 1) {
                    MailJob job = left.get(0);
                    claims.put(job, claim(job, emails.get(job), now, lease));
                    break;
                }
                List<TransactWriteItem> puts = left.stream().map(job -> TransactWriteItem.builder()
                        .put(claimPut(job, emails.get(job), now, lease).toPut()).build()).toList();
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(puts));
                    left.forEach(job -> claims.put(job, Claim.CLAIMED));
                    break;
                } catch (TransactionCanceledException refused) {
                    List<CancellationReason> reasons = refused.hasCancellationReasons()
                            ? refused.cancellationReasons() : List.of();
                    List<MailJob> again = new ArrayList<>();
                    for (int i = 0; i < left.size(); i++) {
                        CancellationReason reason = i < reasons.size() ? reasons.get(i) : null;
                        if (reason != null && "ConditionalCheckFailed".equals(reason.code())) {
                            claims.put(left.get(i), taken(left.get(i), reason.hasItem() ? reason.item() : null));
                        } else {
                            again.add(left.get(i));
                        }
                    }
                    if (again.size() == left.size()) {
                        again.forEach(job -> claims.put(job, claim(job, emails.get(job), now, lease)));
                        break;
                    }
                    left = again;
                }
            }
        }
        return claims;
    }

    /**
     * The claim: only when never tried, refused by SES, or an earlier claim's lease ran out
     * without SES reporting a send.
     */
    private PutLike claimPut(MailJob job, String email, Instant now, Duration lease) {
        return new PutLike(table, item(job, email, DeliveryStatus.SENDING, now),
                "attribute_not_exists(#pk) OR #status = :failed OR (#status = :sending AND #updatedAt < :leaseEnded)",
                Map.of("#pk", Table.PK, "#status", STATUS, "#updatedAt", UPDATED_AT),
                Map.of(":failed", s(DeliveryStatus.FAILED.name()),
                        ":sending", s(DeliveryStatus.SENDING.name()),
                        ":leaseEnded", s(Table.time(now.minus(lease)))));
    }

    /** One conditional put, for PutItem alone or inside a transaction. */
    private record PutLike(String table, Map<String, AttributeValue> item, String condition,
                           Map<String, String> names, Map<String, AttributeValue> values) {
        PutItemRequest toPutItemRequest() {
            return PutItemRequest.builder().tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values).build();
        }

        /** In a transaction, a refusal carries the item that stood in the way. */
        Put toPut() {
            return Put.builder().tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        }
    }

    /** A claim refused: in doubt while its sender's lease runs, otherwise done (sent or suppressed). */
    private Claim taken(MailJob job, Map<String, AttributeValue> old) {
        Optional<DeliveryStatus> status = old == null || old.isEmpty() ? statusOf(job)
                : Optional.of(DeliveryStatus.valueOf(string(old, STATUS)));
        return status.filter(st -> st == DeliveryStatus.SENDING).isPresent() ? Claim.IN_DOUBT : Claim.DONE;
    }

    @Override
    public void confirmSent(String releaseId, String deliveryKind, String contactId, String messageId, Instant now) {
        Map<String, AttributeValue> key = deliveryKey(releaseId, deliveryKind, contactId);
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression("SET #status = :sent, #messageId = :messageId, #updatedAt = :now"
                            + " ADD #messageIds :messageIds")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#status", STATUS, "#messageId", MESSAGE_ID,
                            "#updatedAt", UPDATED_AT, "#messageIds", MESSAGE_IDS))
                    .expressionAttributeValues(Map.of(":sent", s(DeliveryStatus.SENT.name()),
                            ":messageId", s(messageId), ":messageIds", AttributeValue.fromSs(List.of(messageId)),
                            ":now", s(Table.time(now)))));
        } catch (ConditionalCheckFailedException unknown) {
            // Not one of ours (or its release was deleted): nothing to record.
        }
    }

    /**
     * One read for the batch (BatchGetItem, dedup'd keys), then a write only for what is not yet
     * recorded: normally the sender recorded its send long before SES's event arrives, so a batch of
     * a hundred Send events costs one request instead of a hundred.
     */
    @Override
    public void confirmAllSent(List<Accepted> sends, Instant now) {
        Map<List<String>, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        for (Accepted send : sends) {
            Map<String, AttributeValue> key = deliveryKey(send.releaseId(), send.deliveryKind(), send.contactId());
            keys.putIfAbsent(List.of(key.get(Table.PK).s(), key.get(Table.SK).s()), key);
        }
        Map<List<String>, Map<String, AttributeValue>> found = new HashMap<>();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, new ArrayList<>(keys.values()))) {
            found.put(List.of(string(item, Table.PK), string(item, Table.SK)), item);
        }
        for (Accepted send : sends) {
            Map<String, AttributeValue> key = deliveryKey(send.releaseId(), send.deliveryKind(), send.contactId());
            Map<String, AttributeValue> item = found.get(List.of(key.get(Table.PK).s(), key.get(Table.SK).s()));
            if (item == null) {
                continue; // not one of ours (or its release was deleted): nothing to record
            }
            boolean recorded = DeliveryStatus.SENT.name().equals(string(item, STATUS))
                    && Items.strings(item, MESSAGE_IDS).contains(send.messageId());
            if (!recorded) {
                confirmSent(send.releaseId(), send.deliveryKind(), send.contactId(), send.messageId(), now);
            }
        }
    }

    @Override
    public void recordSent(MailJob job, String messageId, Instant now) {
        dynamo.updateItem(sentUpdate(job, messageId, now).toUpdateItemRequest());
    }

    /** A batch's sends in one transaction (100 at most each); if that fails, one at a time. */
    @Override
    public void recordAllSent(Map<MailJob, String> messageIds, Instant now) {
        List<Map.Entry<MailJob, String>> sends = new ArrayList<>(messageIds.entrySet());
        for (int from = 0; from < sends.size(); from += TRANSACTION) {
            List<Map.Entry<MailJob, String>> chunk = sends.subList(from, Math.min(sends.size(), from + TRANSACTION));
            if (chunk.size() > 1) {
                List<TransactWriteItem> updates = chunk.stream().map(e -> TransactWriteItem.builder()
                        .update(sentUpdate(e.getKey(), e.getValue(), now).toUpdate()).build()).toList();
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(updates));
                    continue;
                } catch (TransactionCanceledException conflict) {
                    // Another writer (SES's Send event) on one of them: record each alone.
                }
            }
            chunk.forEach(e -> recordSent(e.getKey(), e.getValue(), now));
        }
    }

    /** Every id is kept: a second email to the same journalist shows as a second id. */
    private UpdateLike sentUpdate(MailJob job, String messageId, Instant now) {
        return new UpdateLike(table, key(job),
                "SET #status = :sent, #messageId = :messageId, #updatedAt = :now ADD #messageIds :messageIds",
                Map.of("#status", STATUS, "#messageId", MESSAGE_ID, "#updatedAt", UPDATED_AT,
                        "#messageIds", MESSAGE_IDS),
                Map.of(":sent", s(DeliveryStatus.SENT.name()), ":messageId", s(messageId),
                        ":messageIds", AttributeValue.fromSs(List.of(messageId)), ":now", s(Table.time(now))));
    }

    /** One update, for UpdateItem alone or inside a transaction. */
    private record UpdateLike(String table, Map<String, AttributeValue> key, String expression,
                              Map<String, String> names, Map<String, AttributeValue> values) {
        UpdateItemRequest toUpdateItemRequest() {
            return UpdateItemRequest.builder().tableName(table).key(key).updateExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(values).build();
        }

        Update toUpdate() {
            return Update.builder().tableName(table).key(key).updateExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(values).build();
        }
    }

    @Override
    public void recordFailed(MailJob job, String reason, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(job))
                    .updateExpression("SET #status = :failed, #reason = :reason, #updatedAt = :now")
                    .conditionExpression("#status = :sending")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#reason", REASON, "#updatedAt", UPDATED_AT))
                    .expressionAttributeValues(Map.of(":failed", s(DeliveryStatus.FAILED.name()),
                            ":sending", s(DeliveryStatus.SENDING.name()),
                            ":reason", s(reason == null ? "" : reason), ":now", s(Table.time(now)))));
        } catch (ConditionalCheckFailedException settled) {
            // SES's Send event (or another sender) settled it first: that record stands.
        }
    }

    @Override
    public void abandon(MailJob job) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key(job))
                    .conditionExpression("#status = :sending")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":sending", s(DeliveryStatus.SENDING.name()))));
        } catch (ConditionalCheckFailedException settled) {
            // No longer a claim: whatever happened is recorded.
        }
    }

    @Override
    public void recordSuppressed(MailJob job, String email, String reason, Instant now) {
        Map<String, AttributeValue> item = item(job, email, DeliveryStatus.SUPPRESSED, now);
        item.put(REASON, s(reason));
        try {
            // Never over a sent or in-flight email: the record of what happened stays true.
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #status = :failed OR #status = :suppressed")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#status", STATUS))
                    .expressionAttributeValues(Map.of(":failed", s(DeliveryStatus.FAILED.name()),
                            ":suppressed", s(DeliveryStatus.SUPPRESSED.name()))));
        } catch (ConditionalCheckFailedException alreadyHandled) {
            // Sent (or being sent) before the contact was suppressed: nothing to record.
        }
    }

    @Override
    public Page<Delivery> page(String releaseId, int limit, String cursor) {
        String queryName = "deliveries#" + releaseId;
        Map<String, AttributeValue> startKey = Cursors.decode(queryName, cursor, Map.of(Table.PK, ReleaseMapper.pk(releaseId)));
        QueryRequest.Builder query = ofRelease(releaseId).toBuilder().limit(limit + 1);
        if (startKey != null) {
            query.exclusiveStartKey(startKey);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> lastKey;
        do {
            QueryResponse response = Cursors.query(dynamo, query.build());
            items.addAll(response.items());
            lastKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            query.exclusiveStartKey(lastKey).limit(limit + 1 - items.size());
        } while (lastKey != null && items.size() <= limit);
        // One more than asked for tells whether another page follows, without an empty last page.
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            Map<String, AttributeValue> last = items.get(limit - 1);
            next = Cursors.encode(queryName, Map.of(Table.PK, last.get(Table.PK), Table.SK, last.get(Table.SK)));
        }
        return new Page<>(items.stream().map(DynamoDbDeliveryRepository::fromItem).toList(), next);
    }

    @Override
    public Map<DeliveryStatus, Long> countByStatus(String releaseId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        QueryRequest statusesOnly = ofRelease(releaseId).toBuilder()
                .projectionExpression("#status")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK, "#status", STATUS))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(statusesOnly).items()) {
            counts.merge(DeliveryStatus.valueOf(string(item, STATUS)), 1L, Long::sum);
        }
        return counts;
    }

    private List<Delivery> forRelease(String releaseId) {
        List<Delivery> deliveries = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(ofRelease(releaseId)).items()) {
            deliveries.add(fromItem(item));
        }
        return deliveries;
    }

    private QueryRequest ofRelease(String releaseId) {
        return QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(ReleaseMapper.pk(releaseId)), ":prefix", s("DELIVERY#")))
                .build();
    }

    private static Delivery fromItem(Map<String, AttributeValue> item) {
        return new Delivery(
                string(item, RELEASE_ID),
                string(item, CONTACT_ID),
                string(item, KIND),
                string(item, EMAIL),
                DeliveryStatus.valueOf(string(item, STATUS)),
                string(item, MESSAGE_ID),
                item.containsKey(MESSAGE_IDS) ? item.get(MESSAGE_IDS).ss().stream().sorted().toList() : List.of(),
                string(item, REASON),
                Table.parseTime(string(item, UPDATED_AT)));
    }

    @Override
    public Map<MailJob, DeliveryStatus> statusesOf(java.util.Collection<MailJob> jobs) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<List<String>, MailJob> byKey = new HashMap<>();
        for (MailJob job : new LinkedHashSet<>(jobs)) {
            Map<String, AttributeValue> key = key(job);
            if (byKey.putIfAbsent(List.of(key.get(Table.PK).s(), key.get(Table.SK).s()), job) == null) {
                keys.add(key);
            }
        }
        Map<MailJob, DeliveryStatus> statuses = new HashMap<>();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, keys)) {
            MailJob job = byKey.get(List.of(string(item, Table.PK), string(item, Table.SK)));
            if (job != null) {
                statuses.put(job, DeliveryStatus.valueOf(string(item, STATUS)));
            }
        }
        return statuses;
    }

    @Override
    public Optional<DeliveryStatus> statusOf(MailJob job) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(job)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(DeliveryStatus.valueOf(string(item, STATUS)));
    }

    @Override
    public Set<String> recipients(String releaseId) {
        Set<String> contacts = new LinkedHashSet<>();
        for (Delivery delivery : forRelease(releaseId)) {
            if (delivery.deliveredTheRelease()) {
                contacts.add(delivery.contactId());
            }
        }
        return contacts;
    }
}
