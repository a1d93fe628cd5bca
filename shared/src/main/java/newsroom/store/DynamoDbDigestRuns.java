package newsroom.store;

import static newsroom.store.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import newsroom.service.port.DigestRuns;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** One item per digest period (PK DIGEST#RUN, SK the period), kept a year. */
public final class DynamoDbDigestRuns implements DigestRuns {
    private static final String PK = "DIGEST#RUN";
    private static final Duration KEPT = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDigestRuns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean claim(String periodKey, Instant now, Duration lease) {
        try {
            dynamo.updateItem(u -> u.tableName(table)
                    .key(Map.of(Table.PK, s(PK), Table.SK, s(periodKey)))
                    .updateExpression("SET #status = :planning, claimedAt = :now, #entity = :entity, #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#pk) OR (#status = :planning AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#status", "status", "#entity", Table.ENTITY,
                            "#ttl", Table.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":planning", s("PLANNING"), ":now", s(Table.time(now)),
                            ":stale", s(Table.time(now.minus(lease))), ":entity", s("DigestRun"),
                            ":ttl", Items.n(now.plus(KEPT).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void planned(String periodKey, int jobs, Instant now) {
        dynamo.updateItem(u -> u.tableName(table)
                .key(Map.of(Table.PK, s(PK), Table.SK, s(periodKey)))
                .updateExpression("SET #status = :planned, jobs = :jobs, plannedAt = :now")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":planned", s("PLANNED"), ":jobs", Items.n(jobs),
                        ":now", s(Table.time(now)))));
    }
}
