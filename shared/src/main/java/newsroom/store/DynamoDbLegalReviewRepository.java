package newsroom.store;

import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsroom.domain.ReleaseFlag;
import newsroom.service.port.LegalReviewRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Flags under their release (PK RELEASE#id, SK FLAG#key), each also in the reviews-due index
 * (GSI1PK REVIEWS#DUE, GSI1SK reviewOn#releaseId#flag) so the day's due reviews are one query.
 * Reminders one per recipient and day (PK REMINDER#address, SK the day), listing the reviews they
 * covered: that list is what makes a review's reminder go out once.
 */
public final class DynamoDbLegalReviewRepository implements LegalReviewRepository {
    static final String DUE = "REVIEWS#DUE";
    private static final String FLAG = "FLAG#";
    private static final String REMINDER = "REMINDER#";
    private static final String CLAIMED = "CLAIMED";
    private static final String SENT = "SENT";
    /** Reminders are kept a year: long enough that no review is reminded of twice. */
    private static final Duration REMINDER_KEPT = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLegalReviewRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<ReleaseFlag> flags(String releaseId) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :flag)")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(ReleaseMapper.pk(releaseId)), ":flag", s(FLAG)))
                .consistentRead(true).build();
        List<ReleaseFlag> flags = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(item -> flags.add(flag(item)));
        return flags;
    }

    private static ReleaseFlag flag(Map<String, AttributeValue> item) {
        return new ReleaseFlag(item.get(Table.PK).s().substring("RELEASE#".length()), item.get("flag").s(),
                item.get("label").s(), LocalDate.parse(item.get("reviewOn").s()), Items.string(item, "setBy"),
                Table.parseTime(Items.string(item, "setAt")));
    }

    private Map<String, AttributeValue> key(String releaseId, String flag) {
        return Map.of(Table.PK, s(ReleaseMapper.pk(releaseId)), Table.SK, s(FLAG + flag));
    }

    @Override
    public void replaceFlags(String releaseId, List<ReleaseFlag> previous, List<ReleaseFlag> next) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (ReleaseFlag flag : next) {
            kept.add(flag.flag());
            Map<String, AttributeValue> item = new HashMap<>(key(releaseId, flag.flag()));
            item.put(Table.ENTITY, s("ReleaseFlag"));
            item.put("flag", s(flag.flag()));
            item.put("label", s(flag.label()));
            item.put("reviewOn", s(flag.reviewOn().toString()));
            Items.putIfPresent(item, "setBy", flag.setBy());
            Items.putIfPresent(item, "setAt", flag.setAt() == null ? null : Table.time(flag.setAt()));
            item.put(Table.GSI1PK, s(DUE));
            item.put(Table.GSI1SK, s(flag.reviewOn() + "#" + releaseId + "#" + flag.flag()));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
        }
        for (ReleaseFlag flag : previous) {
            if (!kept.contains(flag.flag())) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(key(releaseId, flag.flag()))).build());
            }
        }
        if (!writes.isEmpty()) {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        }
    }

    @Override
    public List<ReleaseFlag> due(LocalDate today, int limit) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk AND #sk <= :until")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK, "#sk", Table.GSI1SK))
                .expressionAttributeValues(Map.of(":pk", s(DUE), ":until", s(today + "#\uffff")))
                .limit(Math.min(limit, 100)).build();
        List<ReleaseFlag> due = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            due.add(flag(item));
            if (due.size() >= limit) {
                break;
            }
        }
        return due;
    }

    private static String recipientKey(String recipient) {
        return REMINDER + recipient.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public Set<String> remindedReviews(String recipient, LocalDate since) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND #sk >= :since")
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":pk", s(recipientKey(recipient)), ":since", s(since.toString())))
                .consistentRead(true).build();
        Set<String> reviews = new HashSet<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            // Only a reminder known to be sent: one claimed and never sent is sent again later.
            if (SENT.equals(Items.string(item, "status"))) {
                reviews.addAll(Items.strings(item, "reviews"));
            }
        }
        return reviews;
    }

    @Override
    public List<String> claimReminder(String recipient, LocalDate day, List<String> reviewKeys, Instant now,
                                      Duration lease) {
        Map<String, AttributeValue> key = Map.of(Table.PK, s(recipientKey(recipient)), Table.SK, s(day.toString()));
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(Table.ENTITY, s("ReviewReminder"));
        item.put("status", s(CLAIMED));
        item.put("claimedAt", s(Table.time(now)));
        item.put("reviews", Items.list(reviewKeys));
        item.put(Table.EXPIRES_AT, Items.n(now.plus(REMINDER_KEPT).getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK)));
            return reviewKeys;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = dynamo.getItem(g -> g.tableName(table).key(key)
                    .consistentRead(true)).item();
            if (existing == null || !CLAIMED.equals(Items.string(existing, "status"))) {
                return List.of();
            }
            String claimedAt = existing.get("claimedAt").s();
            if (Table.parseTime(claimedAt).plus(lease).isAfter(now)) {
                return List.of(); // another run is sending it now
            }
            try {
                dynamo.updateItem(u -> u.tableName(table).key(key)
                        .updateExpression("SET claimedAt = :now")
                        .conditionExpression("#status = :claimed AND claimedAt = :was")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":now", s(Table.time(now)), ":claimed", s(CLAIMED),
                                ":was", s(claimedAt))));
                return Items.strings(existing, "reviews");
            } catch (ConditionalCheckFailedException lost) {
                return List.of();
            }
        }
    }

    @Override
    public void reminderSent(String recipient, LocalDate day, String messageId, Instant now) {
        dynamo.updateItem(u -> u.tableName(table)
                .key(Map.of(Table.PK, s(recipientKey(recipient)), Table.SK, s(day.toString())))
                .updateExpression("SET #status = :sent, messageId = :id, sentAt = :now")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":sent", s(SENT), ":id", s(messageId == null ? "" : messageId),
                        ":now", s(Table.time(now)))));
    }
}
