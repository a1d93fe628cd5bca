package newsroom.store;

import static newsroom.store.Items.s;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Moves the records a stack from before the records table kept in the table (a release's version
 * copies, access record, advance-copy grants and deliveries; the digest runs) to the records
 * table, where they are read now. Run by the full rebuild, which an upgrade asks for anyway; a
 * second run finds nothing. Each item is added to the records table only if it is not there (one
 * written there since the upgrade is newer and stays), then removed from the table. The site's
 * old {@code SITE#} items are left: the rebuild writes the site's index anew.
 */
public final class DynamoDbRecordsMove {
    /** A release's records (a webhook endpoint's deliveries, also DELIVERY#, stay), and the digest runs. */
    private static final String FILTER = "(begins_with(#pk, :release) AND (begins_with(#sk, :version)"
            + " OR begins_with(#sk, :access) OR begins_with(#sk, :opened) OR begins_with(#sk, :granted)"
            + " OR begins_with(#sk, :revoked) OR begins_with(#sk, :delivery))) OR #pk = :digests";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String recordsTable;

    public DynamoDbRecordsMove(DynamoDbClient dynamo, String table, String recordsTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.recordsTable = recordsTable;
    }

    /** The records moved; 0 at once when the records are kept in the table itself. */
    public int run() {
        if (table.equals(recordsTable)) {
            return 0;
        }
        ScanRequest scan = ScanRequest.builder().tableName(table).consistentRead(true)
                .filterExpression(FILTER)
                .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                .expressionAttributeValues(Map.of(":release", s("RELEASE#"), ":version", s("VERSION#"),
                        ":access", s("ACCESS#"), ":opened", s("OPENED#"), ":granted", s("GRANTED#"), ":revoked", s("REVOKED#"),
                        ":delivery", s("DELIVERY#"), ":digests", s("DIGEST#RUN")))
                .build();
        int moved = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(scan).items()) {
            try {
                dynamo.putItem(p -> p.tableName(recordsTable).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Table.PK)));
            } catch (ConditionalCheckFailedException e) {
                // written in the records table since the upgrade: that one is newer
            }
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of(Table.PK, item.get(Table.PK),
                    Table.SK, item.get(Table.SK))));
            moved++;
        }
        return moved;
    }
}
