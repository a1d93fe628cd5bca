package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.api.ReleasesApiConfig;
import newsroom.api.ReleasesApiHandler;
import newsroom.aws.AwsClients;
import newsroom.aws.SecretsManagerSigningKeys;
import newsroom.domain.Categories;
import newsroom.feedback.SesFeedbackHandler;
import newsroom.local.emulator.Emulator;
import newsroom.local.support.SharedEmulator;
import newsroom.mailsender.MailSenderConfig;
import newsroom.mailsender.MailSenderHandler;
import newsroom.notifier.MediaNotifierConfig;
import newsroom.notifier.MediaNotifierHandler;
import newsroom.rebuilder.SiteRebuilderConfig;
import newsroom.rebuilder.SiteRebuilderHandler;
import newsroom.sitepublisher.SitePublisherConfig;
import newsroom.sitepublisher.SearchIndexHandler;
import newsroom.sitepublisher.SharedPagesHandler;
import newsroom.sitepublisher.SitePublisherHandler;
import newsroom.sweeper.EmbargoSweeperConfig;
import newsroom.sweeper.EmbargoSweeperHandler;
import newsroom.webhooks.WebhookSenderConfig;
import newsroom.webhooks.WebhookSenderHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SnapStart priming (the CRaC beforeCheckpoint hooks): each function's hook makes the calls its
 * first request would make, through its own clients, and every one of them succeeds; and since a
 * snapshot is taken on every deploy, priming must change nothing: no item, no object, no queued
 * job, no email. Needs: the AWS emulator (started by the harness).
 */
class SnapStartPrimingIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Categories CATEGORIES = LocalRuntime.Options.defaults().categories();
    private static Emulator emulator;
    private static LocalClients clients;
    private static TemplateStack.Deployed resources;

    /** Every call answered by AWS, as "Service.Operation", with the status when it was an error. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ExecutionInterceptor recorder = new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                    + context.httpResponse().map(r -> Integer.toString(r.statusCode())).orElse("no answer"));
        }
    };
    private DynamoDbClient dynamo;
    private S3Client s3;
    private SqsClient sqs;
    private SesV2Client ses;

    @BeforeAll
    static void provision() {
        emulator = SharedEmulator.fresh();
        clients = LocalClients.forEndpoint(emulator.endpoint());
        resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @BeforeEach
    void recordingClients() {
        dynamo = AwsClients.build(DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)), clients.settings());
        s3 = AwsClients.build(S3Client.builder().forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)), clients.settings());
        sqs = AwsClients.build(SqsClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)), clients.settings());
        ses = AwsClients.build(SesV2Client.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)), clients.settings());
    }

    @Test
    void theApiPrimesWithReadOnlyRequests() {
        var handler = new ReleasesApiHandler(ReleasesApiHandler.wire(new ReleasesApiConfig(clients.settings(),
                resources.tableName(), resources.uploadBucket(), "https://news.example", "Newsroom", CATEGORIES, ZONE,
                false, "https://api.example", resources.tokenSigningSecret(), resources.mailFrom(), null), dynamo,
                ReleasesApiHandler.presigner(clients.settings()), email -> "not-sent",
                new SecretsManagerSigningKeys(clients.secrets(), resources.tokenSigningSecret(), Clock.systemUTC()),
                Clock.systemUTC()));
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.GetItem", "DynamoDb.Query"));
    }

    @Test
    void theSitePublisherPrimesWithoutWritingAPage() {
        var handler = new SitePublisherHandler(new SitePublisherConfig(clients.settings(), resources.tableName(),
                resources.siteBucket(), resources.uploadBucket(), null, "https://news.example", "Newsroom", ZONE),
                dynamo, s3, null, Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.GetItem", "S3.HeadObject 404"));
    }

    @Test
    void theSharedPagesRendererPrimesWithoutWritingAPage() {
        var handler = new SharedPagesHandler(new SitePublisherConfig(clients.settings(), resources.tableName(),
                resources.siteBucket(), resources.uploadBucket(), null, "https://news.example", "Newsroom", ZONE),
                dynamo, s3, null, Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.GetItem", "S3.HeadObject 404",
                "DynamoDb.Query", "DynamoDb.Query"));
    }

    @Test
    void theSearchIndexWriterPrimesWithoutWritingAFile() {
        var handler = new SearchIndexHandler(new SitePublisherConfig(clients.settings(), resources.tableName(),
                resources.siteBucket(), resources.uploadBucket(), null, "https://news.example", "Newsroom", ZONE),
                dynamo, s3, null, Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.Query", "S3.GetObject 404"));
    }

    @Test
    void theSiteRebuilderPrimesWithoutWritingAPage() {
        var handler = new SiteRebuilderHandler(new SiteRebuilderConfig(clients.settings(), resources.tableName(),
                resources.siteBucket(), resources.uploadBucket(), null, "https://news.example", "Newsroom", CATEGORIES,
                ZONE), dynamo, s3, null, Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.GetItem", "S3.HeadObject 404"));
    }

    @Test
    void theMediaNotifierPrimesWithoutQueueingAJob() {
        var handler = new MediaNotifierHandler(new MediaNotifierConfig(clients.settings(), resources.tableName(),
                resources.mailQueueUrl()), dynamo, sqs);
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.Query"));
    }

    @Test
    void theMailSenderPrimesWithoutSendingOrClaiming() {
        var handler = new MailSenderHandler(new MailSenderConfig(clients.settings(), resources.tableName(), resources.mailQueueUrl(),
                resources.mailFrom(), null, "https://news.example", "https://api.example", "Newsroom", ZONE, resources.tokenSigningSecret(),
                50, 1, Duration.ofMinutes(10)), dynamo, ses, Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem",
                "DynamoDb.BatchGetItem"));
    }

    @Test
    void theSweeperPrimesWithoutPublishing() {
        var handler = new EmbargoSweeperHandler(new EmbargoSweeperConfig(clients.settings(), resources.tableName(),
                CATEGORIES, ZONE), dynamo, Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.Query"));
    }

    @Test
    void sesFeedbackPrimesWithoutChangingAContact() {
        var handler = new SesFeedbackHandler(dynamo, resources.tableName(), Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem"));
    }

    @Test
    void theWebhookSenderPrimesWithoutClaimingOrPosting() {
        List<String> posted = new CopyOnWriteArrayList<>();
        var handler = new WebhookSenderHandler(new WebhookSenderConfig(clients.settings(), resources.tableName(),
                "https://sqs.invalid/never-used", List.of(), null, null, false), dynamo, sqs, null,
                (uri, headers, body) -> {
                    posted.add(uri.toString());
                    throw new java.io.IOException("priming must not post");
                }, Clock.systemUTC());
        assertPrimesWithoutChanges(handler::prime, List.of("DynamoDb.GetItem", "DynamoDb.GetItem"));
        assertEquals(List.of(), posted, "priming posts nothing");
    }

    /** The hook itself runs the priming, and a failure inside it is swallowed rather than failing the snapshot. */
    @Test
    void theCheckpointHookPrimesAndNeverThrows() {
        var handler = new SesFeedbackHandler(dynamo, resources.tableName(), Clock.systemUTC());
        handler.beforeCheckpoint(null);
        assertEquals(List.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem"), calls);

        var broken = new SesFeedbackHandler(dynamo, "no-such-table", Clock.systemUTC());
        broken.beforeCheckpoint(null); // the read fails; the hook logs it and returns
        assertEquals(List.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.GetItem 400"), calls);
    }

    private void assertPrimesWithoutChanges(Runnable prime, List<String> expectedCalls) {
        World before = World.now();
        prime.run();
        assertEquals(expectedCalls, calls, "priming makes the first request's calls, all reads, all answered");
        assertTrue(calls.stream().map(c -> c.substring(c.indexOf('.') + 1))
                .allMatch(op -> op.startsWith("Get") || op.startsWith("BatchGet") || op.startsWith("Query")
                        || op.startsWith("Head")), calls::toString);
        assertEquals(before, World.now(), "priming changed nothing");
    }

    /** Everything a function could change: the table, the site bucket, the mail queue and the sent emails. */
    private record World(List<Map<String, String>> items, List<String> siteObjects, String queuedJobs, int emails) {
        static World now() {
            List<Map<String, String>> items = clients.dynamo().scanPaginator(s -> s.tableName(resources.tableName()))
                    .items().stream().map(item -> {
                        Map<String, String> flat = new TreeMap<>();
                        item.forEach((k, v) -> flat.put(k, v.toString()));
                        return flat;
                    }).sorted(Comparator.comparing(Map::toString)).toList();
            List<String> objects = clients.s3().listObjectsV2(l -> l.bucket(resources.siteBucket())).contents().stream()
                    .map(o -> o.key() + "@" + o.eTag()).sorted().toList();
            String queued = clients.sqs().getQueueAttributes(a -> a.queueUrl(resources.mailQueueUrl())
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return new World(items, objects, queued, emulator.sentEmails().size());
        }
    }

    @Test
    void theWorldSnapshotNoticesAWrite() {
        // Guards the guard: a write between two snapshots must show.
        World before = World.now();
        clients.s3().putObject(p -> p.bucket(resources.siteBucket()).key("priming-test.txt"),
                RequestBody.fromString("x"));
        assertFalse(before.equals(World.now()));
        clients.s3().deleteObject(d -> d.bucket(resources.siteBucket()).key("priming-test.txt"));
    }
}
