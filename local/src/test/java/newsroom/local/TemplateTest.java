package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.api.ApiRoutes;
import newsroom.config.EnvVars;
import newsroom.domain.Scope;
import newsroom.local.emulator.ProjectHome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml agrees with the code: the routes the API serves, the handlers that exist, the
 * environment the functions read, the table the local runtime builds, and the batch-failure and
 * least-privilege rules. (cfn-lint and sam validate check the template's own validity in .ci/run.)
 * Needs: nothing but the files.
 */
class TemplateTest {
    private static JsonNode template;
    private static JsonNode resources;
    private static JsonNode globals;

    @BeforeAll
    static void read() throws IOException {
        template = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(ProjectHome.find().resolve("template.yaml")));
        resources = template.path("Resources");
        globals = template.path("Globals");
    }

    private static List<Map.Entry<String, JsonNode>> functions() {
        List<Map.Entry<String, JsonNode>> functions = new ArrayList<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.add(r);
            }
        });
        return functions;
    }

    @Test
    void apiRoutesAreExactlyTheOnesTheFunctionServes() {
        Set<String> routes = new HashSet<>();
        for (var function : functions()) {
            function.getValue().path("Properties").path("Events").fields().forEachRemaining(e -> {
                if (e.getValue().path("Type").asText().equals("HttpApi")) {
                    JsonNode p = e.getValue().path("Properties");
                    routes.add(p.path("Method").asText() + " " + p.path("Path").asText());
                }
            });
        }
        Set<String> expected = new HashSet<>(ApiRoutes.ALL);
        expected.add("ANY " + ApiRoutes.DEFAULT);
        assertEquals(expected, routes);
    }

    @Test
    void everyHandlerExistsAndEveryJarIsAModuleOutput() throws ClassNotFoundException {
        assertFalse(functions().isEmpty());
        for (var function : functions()) {
            JsonNode p = function.getValue().path("Properties");
            String handler = p.path("Handler").asText();
            Class.forName(handler.substring(0, handler.indexOf("::")));
            String codeUri = p.path("CodeUri").asText();
            assertTrue(codeUri.matches("functions/([a-z-]+)/target/\\1-lambda\\.jar"), codeUri);
            assertTrue(Files.isDirectory(ProjectHome.find().resolve(codeUri.substring(0, codeUri.indexOf("/target")))));
        }
    }

    @Test
    void streamAndQueueEventsReportBatchItemFailures() {
        int checked = 0;
        for (var function : functions()) {
            var events = function.getValue().path("Properties").path("Events").fields();
            while (events.hasNext()) {
                JsonNode event = events.next().getValue();
                String type = event.path("Type").asText();
                if (type.equals("DynamoDB") || type.equals("SQS")) {
                    assertEquals("ReportBatchItemFailures",
                            event.path("Properties").path("FunctionResponseTypes").path(0).asText(),
                            function.getKey() + " must report batch item failures, or Lambda ignores them");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 3);
    }

    @Test
    void noWildcardActionsInAnyPolicy() {
        List<String> actions = new ArrayList<>();
        collectActions(resources, actions);
        assertFalse(actions.isEmpty());
        for (String action : actions) {
            assertFalse(action.contains("*"), "wildcard action " + action);
        }
    }

    private static void collectActions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("Action")) {
                    if (f.getValue().isArray()) {
                        f.getValue().forEach(a -> into.add(a.asText()));
                    } else {
                        into.add(f.getValue().asText());
                    }
                } else {
                    collectActions(f.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectActions(n, into));
        }
    }

    @Test
    void globalsSetEveryVariableTheFunctionsRead() throws IllegalAccessException {
        JsonNode variables = globals.path("Function").path("Environment").path("Variables");
        for (Field field : EnvVars.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && !field.getName().startsWith("DEFAULT_")) {
                String name = (String) field.get(null);
                if (name.startsWith("AWS_")) {
                    continue; // Lambda sets AWS_REGION; AWS_ENDPOINT_URL is for local use only.
                }
                if (name.equals(EnvVars.TOKEN_SIGNING_SECRET)) {
                    continue; // only the functions that use it have it (below)
                }
                if (name.equals(EnvVars.WEBHOOKS_ALLOW_LOOPBACK)) {
                    // The local runtime's alone: a deployed stack never lets a webhook reach loopback.
                    assertTrue(!template.toString().contains(name), name + " must not be in template.yaml");
                    continue;
                }
                if (name.equals(EnvVars.WEBHOOK_ALERT_TO)) {
                    assertNotNull(resources.path("WebhookSenderFunction").path("Properties").path("Environment")
                            .path("Variables").get(name), "the webhook sender must have " + name);
                    continue;
                }
                if (name.startsWith("REVIEW_REMINDER_")) {
                    // Only the sweeper sends review reminders.
                    assertNotNull(resources.path("EmbargoSweeperFunction").path("Properties").path("Environment")
                            .path("Variables").get(name), "the embargo sweeper must have " + name);
                    continue;
                }
                if (name.startsWith("DESK_")) {
                    // Only the site rebuilder writes the desk's config.
                    assertNotNull(resources.path("SiteRebuilderFunction").path("Properties").path("Environment")
                            .path("Variables").get(name), "the site rebuilder must have " + name);
                    continue;
                }
                assertNotNull(variables.get(name), "Globals must set " + name);
            }
        }
    }

    /**
     * Without an external issuer the stack makes its own sign-in: a user pool (invited people only,
     * TOTP always), the API's three scopes, a browser client (code flow, no secret), and one group
     * per scope, named as the API maps groups to scopes.
     */
    @Test
    void theDeskSignsInThroughTheStacksOwnUserPoolUnlessGivenAnIssuer() {
        JsonNode pool = resources.path("UserPool");
        assertEquals("CreatesUserPool", pool.path("Condition").asText());
        assertEquals("ON", pool.path("Properties").path("MfaConfiguration").asText());
        assertEquals("[\"SOFTWARE_TOKEN_MFA\"]", pool.path("Properties").path("EnabledMfas").toString());
        assertTrue(pool.path("Properties").path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean());
        JsonNode scopes = resources.path("UserPoolScopes").path("Properties");
        Set<String> declared = new HashSet<>();
        scopes.path("Scopes").forEach(sc -> declared.add(scopes.path("Identifier").asText() + "/" + sc.path("ScopeName").asText()));
        Set<String> expected = new HashSet<>();
        for (Scope scope : Scope.values()) {
            expected.add(scope.value());
        }
        assertEquals(expected, declared);
        JsonNode client = resources.path("DeskClient").path("Properties");
        assertFalse(client.path("GenerateSecret").asBoolean(true), "a browser app keeps no secret");
        assertEquals("[\"code\"]", client.path("AllowedOAuthFlows").toString());
        Set<String> asked = new HashSet<>();
        client.path("AllowedOAuthScopes").forEach(sc -> asked.add(sc.asText()));
        assertTrue(asked.containsAll(expected), "the desk asks for every scope; groups decide: " + asked);
        Set<String> groups = new HashSet<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::Cognito::UserPoolGroup")) {
                groups.add(r.getValue().path("Properties").path("GroupName").asText());
            }
        });
        Set<String> expectedGroups = new HashSet<>();
        for (Scope scope : Scope.values()) {
            expectedGroups.add(scope.group());
        }
        assertEquals(expectedGroups, groups);
        assertEquals("CreatesUserPool", resources.path("SignInDomain").path("Condition").asText());
    }

    /** The browser may call the API from the desk's origin only, as the local API server allows it. */
    @Test
    void theApiAllowsTheDeskAsTheLocalServerDoes() {
        JsonNode cors = resources.path("HttpApi").path("Properties").path("CorsConfiguration");
        assertEquals(1, cors.path("AllowOrigins").size(), "one origin: the site's");
        assertEquals(ApiServer.CORS_ALLOW_HEADERS, strings(cors.path("AllowHeaders")));
        assertEquals(ApiServer.CORS_ALLOW_METHODS, strings(cors.path("AllowMethods")));
        assertEquals(ApiServer.CORS_EXPOSE_HEADERS, strings(cors.path("ExposeHeaders")));
        assertEquals(ApiServer.CORS_MAX_AGE, cors.path("MaxAge").asInt());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The desk: its own behaviour, nothing cached anywhere, never indexed, and a CSP with no inline code. */
    @Test
    void theDeskIsNeverCachedNorIndexed() {
        JsonNode behaviour = null;
        for (JsonNode b : resources.path("SiteDistribution").path("Properties").path("DistributionConfig")
                .path("CacheBehaviors")) {
            if (b.path("PathPattern").asText().equals("desk/*")) {
                behaviour = b;
            }
        }
        assertNotNull(behaviour, "a desk/* behaviour");
        assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", behaviour.path("CachePolicyId").asText(), "CachingDisabled");
        JsonNode policy = resources.path("DeskHeadersPolicy").path("Properties").path("ResponseHeadersPolicyConfig");
        Map<String, String> custom = new HashMap<>();
        policy.path("CustomHeadersConfig").path("Items").forEach(i -> custom.put(i.path("Header").asText(), i.path("Value").asText()));
        assertEquals("no-store", custom.get("Cache-Control"));
        assertTrue(custom.get("X-Robots-Tag").contains("noindex"));
        String csp = policy.path("SecurityHeadersConfig").path("ContentSecurityPolicy").path("ContentSecurityPolicy").toString();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), csp);
    }

    /** The retention policy: records that carry expiresAt are deleted by DynamoDB's TTL, after the parameter's days. */
    @Test
    void recordsAreDeletedAfterTheRetentionPeriod() {
        JsonNode ttl = resources.path("NewsroomTable").path("Properties").path("TimeToLiveSpecification");
        assertEquals("expiresAt", ttl.path("AttributeName").asText());
        assertTrue(ttl.path("Enabled").asBoolean());
        assertEquals(730, template.path("Parameters").path("RecordRetentionDays").path("Default").asInt());
    }

    @Test
    void tableMatchesWhatTheLocalRuntimeCreates() {
        JsonNode table = resources.path("NewsroomTable").path("Properties");
        assertEquals("NEW_AND_OLD_IMAGES", table.path("StreamSpecification").path("StreamViewType").asText());
        assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText());
        assertTrue(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertEquals("expiresAt", table.path("TimeToLiveSpecification").path("AttributeName").asText());
        Set<String> indexes = new HashSet<>();
        table.path("GlobalSecondaryIndexes").forEach(i -> indexes.add(i.path("IndexName").asText()
                + ":" + i.path("KeySchema").path(0).path("AttributeName").asText()
                + ":" + i.path("KeySchema").path(1).path("AttributeName").asText()));
        assertEquals(Set.of("GSI1:GSI1PK:GSI1SK", "GSI2:GSI2PK:GSI2SK", "GSI3:GSI3PK:GSI3SK", "GSI4:GSI4PK:GSI4SK"),
                indexes);
    }

    /**
     * What no stream consumer reads is kept in a table without a stream (every consumer reads the
     * whole stream, whatever its filter keeps): the site's index and queues, partitions SITE#, which
     * only the site functions may touch.
     */
    @Test
    void theSitesBookkeepingIsInATableWithoutAStream() {
        JsonNode records = resources.path("NewsroomRecordsTable").path("Properties");
        assertEquals("AWS::DynamoDB::Table", resources.path("NewsroomRecordsTable").path("Type").asText());
        assertTrue(records.path("StreamSpecification").isMissingNode(), "the records table has no stream");
        assertEquals("expiresAt", records.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(records.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertEquals("NewsroomRecordsTable", globals.path("Function").path("Environment").path("Variables")
                .path(EnvVars.RECORDS_TABLE_NAME).asText());
        for (var each : functions()) {
            for (JsonNode statement : each.getValue().path("Properties").path("Policies").findValues("Statement")) {
                for (JsonNode st : statement) {
                    if (st.path("Condition").toString().contains("SITE#")) {
                        assertEquals("NewsroomRecordsTable.Arn", st.path("Resource").asText(),
                                each.getKey() + ": the SITE# partitions are in the records table: " + st);
                    }
                }
            }
        }
    }

    @Test
    void mailQueueHasADeadLetterQueueWithAnAlarm() {
        assertEquals(5,
                resources.path("MailQueue").path("Properties").path("RedrivePolicy").path("maxReceiveCount").asInt());
        assertEquals("AWS::CloudWatch::Alarm", resources.path("MailDeadLetterAlarm").path("Type").asText());
    }

    @Test
    void siteBucketIsPrivateBehindCloudFront() {
        JsonNode block = resources.path("SiteBucket").path("Properties").path("PublicAccessBlockConfiguration");
        block.fields().forEachRemaining(f -> assertTrue(f.getValue().asBoolean(), f.getKey()));
        assertEquals(4, block.size());
        assertEquals("AWS::CloudFront::OriginAccessControl", resources.path("SiteOriginAccessControl").path("Type").asText());
    }


    @Test
    void theSiteIsAHardenedOriginThatForgetsOldVersions() {
        JsonNode rules = resources.path("SiteBucket").path("Properties").path("LifecycleConfiguration").path("Rules");
        assertEquals(30, rules.path(0).path("NoncurrentVersionExpiration").path("NoncurrentDays").asInt());
        JsonNode behavior = resources.path("SiteDistribution").path("Properties").path("DistributionConfig")
                .path("DefaultCacheBehavior");
        assertTrue(behavior.has("ResponseHeadersPolicyId"), "the distribution adds the security headers");
        JsonNode security = resources.path("SiteHeadersPolicy").path("Properties").path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig");
        assertTrue(security.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt() >= 31536000);
        assertTrue(security.path("ContentSecurityPolicy").path("ContentSecurityPolicy").asText()
                .contains("frame-ancestors 'none'"));
    }

    @Test
    void thePublicRoutesAreThrottledAndTheApiCannotTakeEveryInstance() {
        JsonNode routeSettings = resources.path("HttpApi").path("Properties").path("RouteSettings");
        for (String route : ApiRoutes.PUBLIC) {
            assertTrue(routeSettings.has(route), route + " has its own throttle");
        }
        assertTrue(routeSettings.path(ApiRoutes.SUBSCRIBE).path("ThrottlingRateLimit").asInt() <= 5,
                "subscribing sends email: a human pace");
        assertTrue(resources.path("ReleasesApiFunction").path("Properties").has("ReservedConcurrentExecutions"));
    }

    @Test
    void onlyTheFunctionsThatSignOrCheckLinksCanReadTheGeneratedSigningKeys() {
        JsonNode secret = resources.path("TokenSigningSecret");
        assertEquals("AWS::SecretsManager::Secret", secret.path("Type").asText());
        JsonNode generated = secret.path("Properties").path("GenerateSecretString");
        assertEquals("k1", generated.path("GenerateStringKey").asText(), "the first key's id");
        assertTrue(generated.path("SecretStringTemplate").asText().contains("\"current\""));
        assertTrue(generated.path("PasswordLength").asInt() >= 32);
        assertFalse(secret.path("Properties").has("SecretString"), "never a secret in the template");
        template.path("Parameters").fieldNames().forEachRemaining(name ->
                assertFalse(name.toLowerCase(java.util.Locale.ROOT).contains("key")
                        && template.path("Parameters").path(name).path("NoEcho").asBoolean(),
                        name + ": a secret passed as a parameter"));
        assertTrue(globals.path("Function").path("Environment").path("Variables").path(EnvVars.TOKEN_SIGNING_SECRET)
                .isMissingNode(), "not every function's secret");
        resources.fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                JsonNode properties = resource.getValue().path("Properties");
                boolean named = properties.path("Environment").path("Variables")
                        .path(EnvVars.TOKEN_SIGNING_SECRET).asText().equals("TokenSigningSecret"); // !Ref, tag dropped
                List<String> actions = new ArrayList<>();
                collectActions(properties.path("Policies"), actions);
                boolean reads = actions.contains("secretsmanager:GetSecretValue");
                boolean needs = List.of("ReleasesApiFunction", "MailSenderFunction").contains(resource.getKey());
                assertEquals(needs, named, resource.getKey() + " is told the secret");
                assertEquals(needs, reads, resource.getKey() + " may read the secret");
                if (reads) {
                    properties.path("Policies").findValues("Statement").forEach(statements -> statements.forEach(st -> {
                        if (st.path("Action").toString().contains("secretsmanager")) {
                            assertEquals("TokenSigningSecret", st.path("Resource").asText(),
                                    "only that one secret");
                        }
                    }));
                }
            }
        });
    }

    @Test
    void onlyTheCdnInvalidatorTalksToCloudFrontAndTheSiteFunctionsQueueTheirPaths() {
        for (var function : functions()) {
            List<String> actions = new ArrayList<>();
            collectActions(function.getValue().path("Properties").path("Policies"), actions);
            assertEquals(function.getKey().equals("CdnInvalidatorFunction"), actions.contains("cloudfront:CreateInvalidation"),
                    function.getKey());
        }
        for (String site : List.of("SitePublisherFunction", "SiteRebuilderFunction")) {
            boolean queues = resources.path(site).path("Properties").path("Policies").findValues("Statement").stream()
                    .flatMap(statements -> java.util.stream.StreamSupport.stream(statements.spliterator(), false))
                    .anyMatch(st -> st.path("Action").toString().contains("sqs:SendMessage")
                            && st.path("Resource").toString().contains("InvalidationQueue"));
            assertTrue(queues, site + " may put paths on the invalidation queue");
        }
        JsonNode events = resources.path("CdnInvalidatorFunction").path("Properties").path("Events").path("ChangedPaths");
        assertEquals("SQS", events.path("Type").asText());
        assertTrue(events.path("Properties").path("ScalingConfig").path("MaximumConcurrency").asInt() <= 5,
                "a few at once: CloudFront limits the paths in progress");
        assertEquals("InvalidationDeadLetterQueue.Arn", resources.path("InvalidationQueue").path("Properties")
                .path("RedrivePolicy").path("deadLetterTargetArn").asText(), "repeated failures rest in a DLQ");
    }

    /**
     * The search index is written by a function of its own, from its own queue, and only it (and the
     * rebuilder, whose rebuild for new settings builds the index again) may remove a result file.
     * Publishes and rebuilds nudge it; it writes nothing outside search/.
     */
    @Test
    void theSearchIndexHasAWriterOfItsOwn() {
        JsonNode function = resources.path("SearchIndexFunction").path("Properties");
        assertEquals("newsroom.sitepublisher.SearchIndexEntry::handleRequest", function.path("Handler").asText());
        JsonNode nudges = function.path("Events").path("Nudges");
        assertEquals("SQS", nudges.path("Type").asText());
        assertEquals("SearchIndexQueue.Arn", nudges.path("Properties").path("Queue").asText());
        assertEquals("SearchIndexDeadLetterQueue.Arn", resources.path("SearchIndexQueue").path("Properties")
                .path("RedrivePolicy").path("deadLetterTargetArn").asText(), "repeated failures rest in a DLQ");
        assertEquals("AWS::CloudWatch::Alarm", resources.path("SearchIndexDeadLetterAlarm").path("Type").asText());
        for (var each : functions()) {
            String statements = each.getValue().path("Properties").path("Policies").toString();
            assertEquals(List.of("SearchIndexFunction", "SiteRebuilderFunction").contains(each.getKey()),
                    statements.contains("/search/d/*"), each.getKey() + " may remove search results");
            boolean nudgesIt = statements.contains("SearchIndexQueue.Arn");
            assertEquals(List.of("SitePublisherFunction", "SiteRebuilderFunction").contains(each.getKey()), nudgesIt,
                    each.getKey() + " nudges the search index's writer");
        }
        JsonNode writes = function.path("Policies").findValues("Statement").get(0);
        java.util.stream.StreamSupport.stream(writes.spliterator(), false)
                .filter(st -> st.path("Action").toString().contains("s3:PutObject"))
                .forEach(st -> assertTrue(st.path("Resource").toString().contains("${SiteBucket.Arn}/search/*"),
                        "writes only under search/: " + st));
        assertTrue(globals.path("Function").path("Environment").path("Variables").has(EnvVars.SEARCH_INDEX_QUEUE_URL));
    }

    @Test
    void onlyTheMailSenderSendsInBulk() {
        for (var function : functions()) {
            List<String> actions = new ArrayList<>();
            collectActions(function.getValue().path("Properties").path("Policies"), actions);
            assertEquals(function.getKey().equals("MailSenderFunction"), actions.contains("ses:SendBulkEmail"),
                    function.getKey());
        }
        JsonNode mailJobs = resources.path("MailSenderFunction").path("Properties").path("Events").path("MailJobs")
                .path("Properties");
        int most = mailJobs.path("BatchSize").asInt() * newsroom.aws.SqsMailQueue.JOBS_PER_MESSAGE;
        assertTrue(most > 10 && most <= newsroom.service.port.Mailer.BULK_MAX,
                "a sender takes more than one request's worth of jobs, and no more than one bulk send: " + most);
    }

    /**
     * SES's events reach ses-feedback through a queue subscribed to the topic, raw (the body is SES's
     * event), a batch at a time, with a dead-letter queue and its alarm; the local runtime hands them
     * over in the same batches.
     */
    @Test
    void sesEventsReachFeedbackThroughAQueueInBatches() {
        JsonNode subscription = resources.path("SesEventsSubscription").path("Properties");
        assertEquals("SesEventsTopic", subscription.path("TopicArn").asText());
        assertEquals("sqs", subscription.path("Protocol").asText());
        assertEquals("SesEventsQueue.Arn", subscription.path("Endpoint").asText());
        assertTrue(subscription.path("RawMessageDelivery").asBoolean());
        JsonNode allowed = resources.path("SesEventsQueuePolicy").path("Properties").path("PolicyDocument")
                .path("Statement").path(0);
        assertEquals("sns.amazonaws.com", allowed.path("Principal").path("Service").asText());
        assertEquals("SesEventsTopic", allowed.path("Condition").path("ArnEquals").path("aws:SourceArn").asText());

        var events = resources.path("SesFeedbackFunction").path("Properties").path("Events");
        assertEquals(1, events.size(), "only the queue invokes ses-feedback; the topic no longer does");
        JsonNode mapping = events.path("SesEvents").path("Properties");
        assertEquals("SQS", events.path("SesEvents").path("Type").asText());
        assertEquals("SesEventsQueue.Arn", mapping.path("Queue").asText());
        assertEquals(LocalSesEvents.BATCH, mapping.path("BatchSize").asInt());
        assertEquals(LocalSesEvents.WINDOW.toSeconds(), mapping.path("MaximumBatchingWindowInSeconds").asInt());
        assertEquals("SesEventsDeadLetterQueue.Arn", resources.path("SesEventsQueue").path("Properties")
                .path("RedrivePolicy").path("deadLetterTargetArn").asText());
        assertEquals("SesEventsDeadLetterQueue.QueueName", resources.path("SesEventsDeadLetterAlarm").path("Properties")
                .path("Dimensions").path(0).path("Value").asText());
    }
}
