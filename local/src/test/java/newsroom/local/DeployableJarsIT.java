package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.ProjectHome;
import newsroom.local.support.SharedEmulator;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbReleaseRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is deployed is each function's target/NAME-lambda.jar, shrunk by ProGuard (functions/shrink.pro):
 * classes and methods nothing calls are gone from it. A class that code finds only by name at run
 * time, if the rules missed it, would fail only there. So every sample event in events/ goes
 * through each deployable jar here, in a fresh JVM as the Lambda Java runtime runs it (the class
 * template.yaml names as the handler, its no-argument constructor, the runtime's event reading for a
 * typed handler, the environment template.yaml gives the
 * function), against the emulator, and must be answered as the same event is in-process
 * ({@link SampleEventsIT}): the API's statuses, a page rendered, an email sent, an unreadable job
 * failed. No class may be missing on the way.
 * Needs: the AWS emulator (started by the harness) and the packaged jars (`mvn verify` builds them first).
 */
class DeployableJarsIT {
    private static final String RELEASE_ID = "2f1c6b0e-5d4a-4c1e-9a57-3d2b8f0e6a01";
    private static final String CONTACT_ID = "7d9e2c41-1b3f-4e8a-a0c2-5f6b7c8d9e01";
    private static final String DUE_RELEASE_ID = "9c8b7a6d-0000-4000-8000-0000000000ab";
    private static final String RELEASE_PAGE =
            "news/2019/10/inspection-finds-a-good-response-to-cyber-dependent-crime-across-law-enforcement/index.html";
    /** The contact the SES samples name, and the API's contact sample creates. */
    private static final String CRIME_DESK = "crime.desk@daily.example";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** What a shrinker that dropped too much leaves behind: a class, method or field not there. */
    private static final Pattern MISSING = Pattern.compile("NoClassDefFoundError|ClassNotFoundException"
            + "|NoSuchMethod|NoSuchField|AbstractMethodError|IncompatibleClassChangeError|ServiceConfigurationError"
            + "|LinkageError|ExceptionInInitializerError");
    private static Emulator emulator;
    private static LocalClients clients;
    private static TemplateStack.Deployed resources;
    private static Path home;

    @TempDir
    Path work;

    @BeforeAll
    static void provision() throws IOException {
        home = ProjectHome.find();
        emulator = SharedEmulator.fresh();
        clients = LocalClients.forEndpoint(emulator.endpoint());
        resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
        DynamodbEvent published;
        try (InputStream in = Files.newInputStream(home.resolve("events/site-publisher/release-published.json"))) {
            published = LambdaEventSerializers.serializerFor(DynamodbEvent.class, DeployableJarsIT.class.getClassLoader())
                    .fromJson(in);
        }
        SampleEventsIT.putReleaseFrom(published, clients, resources);
        var releases = new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), ZONE);
        releases.recordMonth(YearMonth.of(2019, 10));
        SampleEventsIT.seedWorkflowRelease(clients, resources);
        Instant embargo = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        releases.create(new Release(DUE_RELEASE_ID, "due-release-for-the-jar", "Due release", null, "Text", "Appeals",
                List.of(), new ContactBlock("Press office", "0800", null), null, List.of(), ReleaseStatus.SCHEDULED,
                "author", embargo.minusSeconds(600), embargo.minusSeconds(600), embargo, embargo, List.of(), null, 2));
        var contacts = new DynamoDbContactRepository(clients.dynamo(), resources.tableName());
        Instant now = Instant.now();
        contacts.create(new MediaContact(CONTACT_ID, "desk@daily.example", "Desk", "Daily", null, Set.of("*"), false,
                ContactStatus.ACTIVE, "test", now, now));
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void theApiJarAnswersEverySampleWithItsStatus() throws Exception {
        // The contact sample creates the SES samples' contact; the mail test may have made it first.
        var contacts = new DynamoDbContactRepository(clients.dynamo(), resources.tableName());
        contacts.findByEmail(CRIME_DESK).ifPresent(contacts::delete);
        List<String> events = SampleEventsIT.API_STATUSES.stream().map(e -> "releases-api/" + e.getKey()).toList();
        List<String> responses = run("releases-api", "ReleasesApiFunction", events);
        for (int i = 0; i < events.size(); i++) {
            assertTrue(responses.get(i).contains("\"statusCode\":" + SampleEventsIT.API_STATUSES.get(i).getValue()),
                    events.get(i) + ": " + responses.get(i));
        }
    }

    /**
     * What a hostile client sends reaches the deployed jar through its own event reading: each is a
     * 4xx problem naming no exception, as in-process (HostileInputIT).
     */
    @Test
    void hostileRequestsThroughTheApiJarAreProblemsNeverFailures() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode create = (ObjectNode) json.readTree(home.resolve("events/releases-api/create-release.json").toFile());
        ObjectNode get = (ObjectNode) json.readTree(home.resolve("events/releases-api/get-release.json").toFile());
        String longId = "a".repeat(3000);
        List<ObjectNode> hostile = List.of(
                create.deepCopy().put("body", "null"),
                create.deepCopy().put("body", "{"),
                create.deepCopy().putNull("body"),
                create.deepCopy().put("body", "{\"title\": 7, \"body\": \"x\", \"category\": \"Appeals\"}"),
                create.deepCopy().put("body", "{\"title\": \"a\", \"title\": \"b\", \"body\": \"x\"}"),
                create.deepCopy().put("body", "{\"title\": \"\\ud800 lone\", \"body\": \"x\", \"category\": \"Appeals\"}"),
                get.deepCopy().put("rawPath", "/releases/" + longId).set("pathParameters",
                        json.createObjectNode().put("id", longId)));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            Path file = work.resolve("hostile-" + i + ".json");
            json.writeValue(file.toFile(), hostile.get(i));
            files.add(file.toString());
        }
        List<String> responses = run("releases-api", "ReleasesApiFunction", files);
        for (int i = 0; i < responses.size(); i++) {
            JsonNode response = json.readTree(responses.get(i));
            int status = response.get("statusCode").asInt();
            assertTrue(status >= 400 && status < 500, hostile.get(i).get("body") + " → " + responses.get(i));
            assertEquals("application/problem+json", response.get("headers").get("Content-Type").asText());
            String body = response.get("body").asText();
            assertEquals(status, json.readTree(body).get("status").asInt(), body);
            assertFalse(body.contains("Exception") || body.contains("newsroom."), body);
        }
    }

    @Test
    void theSiteJarsRenderThePageAndTheLists() throws Exception {
        List<String> published = run("site-publisher", "SitePublisherFunction", List.of("site-publisher/not-a-release.json",
                        "site-publisher/release-published.json"));
        published.forEach(r -> assertTrue(r.contains("\"batchItemFailures\":[]"), r));
        assertTrue(siteObject(RELEASE_PAGE).contains("Inspection finds a good response to cyber-dependent crime"));

        List<String> shared = run("site-publisher", "SharedPagesFunction",
                List.of("site-publisher/shared-pages-nudge.json"));
        assertTrue(shared.get(0).contains("\"batchItemFailures\":[]"), shared.get(0));
        assertTrue(siteObject("news/index.html").contains("Inspection finds a good response to cyber-dependent crime"));
        // The search index is its own function's (the same jar, another handler): nudged by the publish too.
        List<String> indexed = run("site-publisher", "SearchIndexFunction",
                List.of("site-publisher/shared-pages-nudge.json"));
        assertTrue(indexed.get(0).contains("\"batchItemFailures\":[]"), indexed.get(0));
        assertTrue(siteObject("search/manifest.json").contains("\"docs\":1"), siteObject("search/manifest.json"));

        // The rebuild asked for by hand writes the release pages and leaves the lists to their one
        // writer: marked, with a nudge on its queue; the shared pages' jar then renders them.
        String sitemap = "sitemaps/2019-10.xml";
        clients.s3().deleteObject(d -> d.bucket(resources.siteBucket()).key(sitemap));
        clients.s3().deleteObject(d -> d.bucket(resources.siteBucket()).key(RELEASE_PAGE));
        String queue = resources.sharedPagesQueueUrl();
        drain(queue);
        drain(resources.searchIndexQueueUrl());
        List<String> rebuilt = run("site-rebuilder", "SiteRebuilderFunction",
                List.of("site-rebuilder/rebuild.json"));
        assertTrue(Pattern.compile("\"releases\":[1-9]").matcher(rebuilt.get(0)).find(), rebuilt.get(0));
        assertTrue(rebuilt.get(0).contains("marked for the shared pages' function"), rebuilt.get(0));
        assertTrue(siteObject(RELEASE_PAGE).contains("Inspection finds a good response to cyber-dependent crime"));
        assertFalse(siteHas(sitemap), "the month's sitemap is the shared pages' function's to write");
        assertEquals(1, drain(queue), "one nudge for the whole rebuild");
        assertEquals(1, drain(resources.searchIndexQueueUrl()), "and one to the search index's writer");

        shared = run("site-publisher", "SharedPagesFunction", List.of("site-publisher/shared-pages-nudge.json"));
        assertTrue(shared.get(0).contains("\"batchItemFailures\":[]"), shared.get(0));
        assertTrue(siteObject(sitemap).contains("inspection-finds-a-good-response"), "rendered from the rebuild's marks");
    }

    @Test
    void theMailJarsQueueAndSendOneEmailAndFailAnUnreadableJob() throws Exception {
        List<String> notified = run("media-notifier", "MediaNotifierFunction",
                List.of("media-notifier/release-published.json"));
        assertTrue(notified.get(0).contains("\"batchItemFailures\":[]"), notified.get(0));

        List<String> sent = run("mail-sender", "MailSenderFunction",
                List.of("mail-sender/mail-jobs.json", "mail-sender/digest-job.json", "mail-sender/unreadable-job.json"));
        assertTrue(sent.get(0).contains("\"batchItemFailures\":[]"), sent.get(0));
        assertTrue(sent.get(1).contains("\"batchItemFailures\":[]"), sent.get(1));
        assertTrue(sent.get(2).contains("1b5a0c3e-0000-4000-8000-00000000bad1"), "fails the unreadable job: " + sent.get(2));
        assertEquals(1, emulator.sentEmails().stream().filter(e -> e.to().contains("desk@daily.example")).count());

        var contacts = new DynamoDbContactRepository(clients.dynamo(), resources.tableName());
        if (contacts.findByEmail(CRIME_DESK).isEmpty()) {
            Instant now = Instant.now();
            contacts.create(new MediaContact("c0ffee00-0000-4000-8000-0000000000f1", CRIME_DESK, "Crime desk", "Daily",
                    null, Set.of("Crime Operations"), false, ContactStatus.ACTIVE, "test", now, now));
        }
        List<String> feedback = run("ses-feedback", "SesFeedbackFunction",
                List.of("ses-feedback/send.json", "ses-feedback/bounce.json", "ses-feedback/complaint.json"));
        feedback.forEach(r -> assertTrue(r.contains("\"batchItemFailures\":[]"), r));
        assertEquals(ContactStatus.COMPLAINED, contacts.findByEmail(CRIME_DESK).orElseThrow().status());
    }

    @Test
    void theSweeperInvalidatorAndWebhookJarsDoTheirOneThing() throws Exception {
        List<String> swept = run("embargo-sweeper", "EmbargoSweeperFunction",
                List.of("embargo-sweeper/every-minute.json"));
        assertTrue(swept.get(0).contains("\"published\":1"), swept.get(0));
        assertEquals(ReleaseStatus.PUBLISHED, new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), ZONE)
                .find(DUE_RELEASE_ID).orElseThrow().status());

        String distribution = resources.distributionId();
        int before = clients.cloudFront().listInvalidations(l -> l.distributionId(distribution)).invalidationList()
                .quantity();
        List<String> invalidated = run("cdn-invalidator", "CdnInvalidatorFunction", List.of("cdn-invalidator/changed-paths.json"));
        assertTrue(invalidated.get(0).contains("\"batchItemFailures\":[]"), invalidated.get(0));
        assertEquals(before + 1, clients.cloudFront().listInvalidations(l -> l.distributionId(distribution))
                .invalidationList().quantity());

        List<String> hooks = run("webhook-sender", "WebhookSenderFunction",
                List.of("webhook-sender/attempt.json", "webhook-sender/unreadable-attempt.json"));
        assertTrue(hooks.get(0).contains("\"batchItemFailures\":[]"), "an endpoint since deleted: " + hooks.get(0));
        assertTrue(hooks.get(1).contains("5d0a7e21-0000-4000-8000-00000000bad2"), hooks.get(1));
    }

    /**
     * The events, in order, through one fresh JVM on the function's deployable jar: each one's
     * response. Fails if any invocation threw, or anything was missing from the jar.
     */
    private List<String> run(String function, String logicalId, List<String> events)
            throws IOException, InterruptedException, URISyntaxException {
        Path jar = home.resolve("functions").resolve(function).resolve("target").resolve(function + "-lambda.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: `mvn verify` packages it before the ITs");
        Path serialization = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path probe = JarProbe.install(work.resolve("probe"));
        // The class template.yaml names: what Lambda would load.
        String handler = TemplateStack.handlerClass(clients, resources, logicalId);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                String.join(File.pathSeparator, jar.toString(), probe.toString(), serialization.toString()),
                JarProbe.class.getName(), handler));
        events.forEach(e -> command.add(home.resolve("events").resolve(e).toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = new HashMap<>(TemplateStack.environment(clients, resources, logicalId));
        env.put("AWS_REGION", LocalClients.REGION.id());
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().clear();
        builder.environment().putAll(env);
        Path err = work.resolve(function + "-" + logicalId + ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), function + " did not finish");
        String errors = Files.readString(err);
        assertFalse(MISSING.matcher(errors + out).find(), function + "'s jar is missing something:\n" + errors);
        List<String> responses = new ArrayList<>();
        for (String line : out.split("\n")) {
            assertFalse(line.startsWith("ERROR "), function + " threw: " + line + "\n" + errors);
            if (line.startsWith("RESPONSE ")) {
                responses.add(line.substring("RESPONSE ".length()));
            }
        }
        assertEquals(events.size(), responses.size(), function + " answered " + responses.size() + " of "
                + events.size() + " events:\n" + out + "\n" + errors);
        return responses;
    }

    private static boolean siteHas(String key) {
        try {
            clients.s3().headObject(h -> h.bucket(resources.siteBucket()).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException missing) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Takes every message off the queue; returns how many there were. */
    private static int drain(String queueUrl) {
        int count = 0;
        while (true) {
            var messages = clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return count;
            }
            for (var message : messages) {
                clients.sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                count++;
            }
        }
    }

    private static String siteObject(String key) {
        return clients.s3().getObjectAsBytes(g -> g.bucket(resources.siteBucket()).key(key)).asUtf8String();
    }
}
