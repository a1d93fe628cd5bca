package newsroom.local;

import java.util.List;
import java.util.Map;
import newsroom.store.Table;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, in the emulator, the resources template.yaml creates in AWS: the table (same keys,
 * indexes and stream), the site bucket, the mail queue with its dead-letter queue, and the SES
 * sender identity. Safe to run again.
 */
public final class LocalResources {
    public static final String TABLE = "newsroom";
    public static final String SITE_BUCKET = "newsroom-site";
    public static final String UPLOAD_BUCKET = "newsroom-uploads";
    public static final String MAIL_QUEUE = "newsroom-mail";
    public static final String MAIL_DLQ = "newsroom-mail-dlq";
    public static final String MAIL_FROM = "newsroom@press.example.gov.uk";
    /** As in template.yaml: a job that fails this often goes to the dead-letter queue. */
    public static final int MAX_RECEIVES = 5;

    /** What was created, with the identifiers AWS assigned. */
    public record Provisioned(String tableName, String streamArn, String siteBucket, String uploadBucket,
                              String mailQueueUrl, String mailDlqUrl, String mailFrom, String distributionId) {
    }

    private LocalResources() {
    }

    public static Provisioned provision(LocalClients clients) {
        createTable(clients);
        String streamArn = clients.dynamo().describeTable(d -> d.tableName(TABLE)).table().latestStreamArn();
        for (String bucket : List.of(SITE_BUCKET, UPLOAD_BUCKET)) {
            if (clients.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                clients.s3().createBucket(b -> b.bucket(bucket));
            }
        }
        String dlqUrl = clients.sqs().createQueue(q -> q.queueName(MAIL_DLQ)).queueUrl();
        String dlqArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = clients.sqs().createQueue(q -> q.queueName(MAIL_QUEUE).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "10", // AWS: 180 (six times the sender timeout); short here, so retries show quickly
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}"))).queueUrl();
        boolean identityExists = clients.ses().listEmailIdentities(l -> l.pageSize(1000)).emailIdentities().stream()
                .anyMatch(i -> i.identityName().equals(MAIL_FROM));
        if (!identityExists) {
            clients.ses().createEmailIdentity(i -> i.emailIdentity(MAIL_FROM));
        }
        return new Provisioned(TABLE, streamArn, SITE_BUCKET, UPLOAD_BUCKET, queueUrl, dlqUrl, MAIL_FROM,
                distribution(clients));
    }

    /** A CloudFront distribution in front of the site bucket, so that invalidations can be seen. */
    private static String distribution(LocalClients clients) {
        var existing = clients.cloudFront().listDistributions(l -> { }).distributionList();
        if (existing.hasItems() && !existing.items().isEmpty()) {
            return existing.items().get(0).id();
        }
        return clients.cloudFront().createDistribution(d -> d.distributionConfig(c -> c
                .callerReference("newsroom-local")
                .comment("Newsroom public site (local)")
                .enabled(true)
                .defaultRootObject("news/index.html")
                .origins(o -> o.quantity(1).items(Origin.builder().id("site-bucket")
                        .domainName(SITE_BUCKET + ".s3.amazonaws.com")
                        .s3OriginConfig(s -> s.originAccessIdentity("")).build()))
                .defaultCacheBehavior(b -> b.targetOriginId("site-bucket")
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution().id();
    }

    private static void createTable(LocalClients clients) {
        List<String> keys = List.of(Table.PK, Table.SK, Table.GSI1PK, Table.GSI1SK, Table.GSI2PK, Table.GSI2SK,
                Table.GSI3PK, Table.GSI3SK, Table.GSI4PK, Table.GSI4SK);
        try {
            clients.dynamo().createTable(t -> t.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(keys.stream().map(k -> AttributeDefinition.builder()
                            .attributeName(k).attributeType(ScalarAttributeType.S).build()).toList())
                    .keySchema(key(Table.PK, KeyType.HASH), key(Table.SK, KeyType.RANGE))
                    .globalSecondaryIndexes(
                            index(Table.GSI1, Table.GSI1PK, Table.GSI1SK),
                            index(Table.GSI2, Table.GSI2PK, Table.GSI2SK),
                            index(Table.GSI3, Table.GSI3PK, Table.GSI3SK),
                            index(Table.GSI4, Table.GSI4PK, Table.GSI4SK))
                    .streamSpecification(StreamSpecification.builder()
                            .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
        } catch (ResourceInUseException exists) {
            return;
        }
        clients.dynamo().waiter().waitUntilTableExists(w -> w.tableName(TABLE));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(pk, KeyType.HASH), key(sk, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
