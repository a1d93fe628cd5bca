package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import newsroom.aws.AwsClients;
import newsroom.local.emulator.Emulator;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack is template.yaml itself: deployed into the emulator's CloudFormation from a
 * clean emulator, every resource type it declares is created; the emulator switch leaves the
 * event sources to the local runtime; a changed parameter reaches the functions' configuration.
 * Needs: the AWS emulator (started by the harness).
 */
class TemplateStackIT {
    /** What the SAM transform turns each serverless type into. */
    private static final Map<String, String> SERVERLESS = Map.of(
            "AWS::Serverless::Function", "AWS::Lambda::Function",
            "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api");
    private static final List<String> FUNCTIONS = List.of("ReleasesApiFunction", "SitePublisherFunction",
            "SiteRebuilderFunction", "MediaNotifierFunction", "EmbargoSweeperFunction", "MailSenderFunction",
            "SesFeedbackFunction");

    private static Emulator emulator;
    private static LocalClients clients;
    private static TemplateStack.Deployed stack;

    @BeforeAll
    static void deployFromAClean() {
        emulator = SharedEmulator.fresh();
        clients = LocalClients.forEndpoint(emulator.endpoint());
        stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    private static Set<String> declaredTypes() throws IOException {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(TemplateStack.template()).path("Resources");
        Set<String> types = new TreeSet<>();
        resources.forEach(r -> {
            // The local stack has its own sign-in page: the user pool exists only without a JwtIssuer.
            if (!r.path("Condition").asText().equals("CreatesUserPool")) {
                types.add(SERVERLESS.getOrDefault(r.path("Type").asText(), r.path("Type").asText()));
            }
        });
        return types;
    }

    @Test
    void everyResourceTypeTheTemplateDeclaresIsCreated() throws IOException {
        Set<String> created = new HashSet<>();
        for (StackResourceSummary resource : stack.resources()) {
            assertTrue(resource.resourceStatusAsString().endsWith("_COMPLETE")
                    && !resource.resourceStatusAsString().contains("ROLLBACK"),
                    resource.logicalResourceId() + " is " + resource.resourceStatusAsString());
            created.add(resource.resourceType());
        }
        Set<String> missing = new TreeSet<>(declaredTypes());
        missing.removeAll(created);
        assertEquals(Set.of(), missing, "declared in template.yaml but not created");
        assertTrue(stack.resources().size() >= 70, "the whole stack: " + stack.resources().size());
    }

    @Test
    void theOutputsNameRealResources() {
        assertEquals("ACTIVE", clients.dynamo().describeTable(d -> d.tableName(stack.tableName())).table()
                .tableStatusAsString());
        clients.s3().headBucket(h -> h.bucket(stack.siteBucket()));
        clients.s3().headBucket(h -> h.bucket(stack.uploadBucket()));
        Map<QueueAttributeName, String> queue = clients.sqs().getQueueAttributes(a -> a.queueUrl(stack.mailQueueUrl())
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("10", queue.get(QueueAttributeName.VISIBILITY_TIMEOUT), "the emulator's short visibility");
        assertTrue(queue.get(QueueAttributeName.REDRIVE_POLICY).contains("\"maxReceiveCount\":5"));
        clients.cloudFront().getDistribution(g -> g.id(stack.distributionId()));
        assertTrue(clients.ses().listEmailIdentities(l -> l.pageSize(100)).emailIdentities().stream()
                .anyMatch(i -> i.identityName().equals(TemplateStack.MAIL_FROM)), "CreateSenderIdentity made the sender");
    }

    @Test
    void everyFunctionsEnvironmentComesFromTheStack() {
        for (String function : FUNCTIONS) {
            Map<String, String> env = TemplateStack.environment(clients, stack, function);
            assertEquals(stack.tableName(), env.get("TABLE_NAME"), function);
            assertEquals(stack.siteBucket(), env.get("SITE_BUCKET"), function);
            assertEquals(stack.mailQueueUrl(), env.get("MAIL_QUEUE_URL"), function);
            assertEquals("http://localhost:8080", env.get("SITE_BASE_URL"), function);
        }
    }

    @Test
    void onTheEmulatorTheEventSourcesAreLeftToTheLocalRuntime() throws InterruptedException {
        // A record both stream consumers' filters let through (no local runtime runs in this test).
        clients.dynamo().putItem(p -> p.tableName(stack.tableName()).item(Map.of(
                "PK", AttributeValue.fromS("RELEASE#probe"), "SK", AttributeValue.fromS("RELEASE"),
                "entity", AttributeValue.fromS("Release"), "status", AttributeValue.fromS("PUBLISHED"))));
        clients.sqs().sendMessage(s -> s.queueUrl(stack.mailQueueUrl()).messageBody("{\"probe\":true}"));
        Thread.sleep(3_000); // longer than the emulator's event source pollers wait between polls
        // An enabled mapping would have read the stream record ("OK - 1 records") and tried the function.
        var mappings = clients.lambda().listEventSourceMappings().eventSourceMappings();
        assertEquals(10, mappings.size(), "three stream consumers (the rebuilder for settings), the mail sender's two"
                + " queues, the webhook sender, the CDN invalidator, the shared pages' renderer, the search index's"
                + " writer and SES's events");
        mappings.forEach(m -> assertEquals("No records processed", m.lastProcessingResult(), m.eventSourceArn()));
        List<Message> received = clients.sqs().receiveMessage(r -> r.queueUrl(stack.mailQueueUrl())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .waitTimeSeconds(1)).messages();
        assertEquals(1, received.size());
        assertEquals("1", received.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
                "nothing but this test received the message");
        clients.sqs().deleteMessage(d -> d.queueUrl(stack.mailQueueUrl()).receiptHandle(received.get(0).receiptHandle()));
        try (EventBridgeClient events = AwsClients.build(EventBridgeClient.builder(), clients.settings())) {
            String rule = stack.physicalId("EmbargoSweeperFunctionEveryMinute");
            assertEquals("DISABLED", events.describeRule(d -> d.name(rule)).stateAsString(),
                    "the local runtime ticks the sweeper itself");
        }
    }

    @Test
    void aChangedParameterReachesTheFunctionsAndAnUnchangedDeployChangesNothing() {
        Map<String, String> parameters = TemplateStack.localParameters();
        parameters.put("MaxSendRate", "42");
        TemplateStack.Deployed updated = TemplateStack.deploy(clients, parameters);
        assertEquals("42", TemplateStack.environment(clients, updated, "MailSenderFunction").get("MAX_SEND_RATE"));
        assertEquals(stack.tableName(), updated.tableName(), "an update keeps the table and its data");

        var before = clients.cloudFormation().describeStacks(d -> d.stackName(TemplateStack.NAME)).stacks().get(0);
        TemplateStack.deploy(clients, parameters);
        var after = clients.cloudFormation().describeStacks(d -> d.stackName(TemplateStack.NAME)).stacks().get(0);
        assertEquals(before.lastUpdatedTime(), after.lastUpdatedTime(), "nothing changed, nothing deployed");
        assertFalse(after.stackStatusAsString().contains("ROLLBACK"));

        TemplateStack.deploy(clients, TemplateStack.localParameters());
        assertEquals("14", TemplateStack.environment(clients, stack, "MailSenderFunction").get("MAX_SEND_RATE"));
    }
}
