package newsroom.store;

import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import newsroom.service.port.ConfirmationCooldown;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Cooldowns as items (PK CONFIRMATION#address) written on a condition; DynamoDB's TTL removes them. */
public final class DynamoDbConfirmationCooldown implements ConfirmationCooldown {
    private static final String SENT_AT = "sentAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbConfirmationCooldown(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean tryStart(String email, Instant now, Duration window) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s("CONFIRMATION#" + email));
        item.put(Table.SK, s("CONFIRMATION"));
        item.put(Table.ENTITY, s("ConfirmationCooldown"));
        item.put(SENT_AT, s(Table.time(now)));
        item.put(Table.EXPIRES_AT, Items.n(now.plus(window).getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #sentAt < :cutoff")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#sentAt", SENT_AT))
                    .expressionAttributeValues(Map.of(":cutoff", s(Table.time(now.minus(window))))));
            return true;
        } catch (ConditionalCheckFailedException cooling) {
            return false;
        }
    }
}
