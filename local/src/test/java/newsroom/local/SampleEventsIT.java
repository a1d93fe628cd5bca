package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import newsroom.api.ReleasesApiConfig;
import newsroom.api.ReleasesApiHandler;
import newsroom.aws.SecretsManagerSigningKeys;
import newsroom.aws.StreamImages;
import newsroom.domain.Categories;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.feedback.SesFeedbackHandler;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.ProjectHome;
import newsroom.local.emulator.SentEmail;
import newsroom.local.support.Eventually;
import newsroom.local.support.SharedEmulator;
import newsroom.mailsender.MailSenderConfig;
import newsroom.mailsender.MailSenderHandler;
import newsroom.notifier.MediaNotifierConfig;
import newsroom.notifier.MediaNotifierHandler;
import newsroom.rebuilder.SiteRebuilderConfig;
import newsroom.rebuilder.SiteRebuilderHandler;
import newsroom.sitepublisher.SitePublisherConfig;
import newsroom.sitepublisher.SitePublisherHandler;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.sweeper.EmbargoSweeperConfig;
import newsroom.sweeper.EmbargoSweeperHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample events in events/ (the ones `sam local invoke` takes), read the way the Lambda Java
 * runtime reads them and given to each function wired to the emulator: good and bad requests get
 * their status, a stream record renders its page, a queue message sends its one email.
 * Needs: the AWS emulator (started by the harness).
 */
class SampleEventsIT {
    private static final String RELEASE_ID = "2f1c6b0e-5d4a-4c1e-9a57-3d2b8f0e6a01";
    private static final String CONTACT_ID = "7d9e2c41-1b3f-4e8a-a0c2-5f6b7c8d9e01";
    static final String WORKFLOW_RELEASE_ID = "5b1d7e2a-8c3f-4d6e-9f10-2a3b4c5d6e02";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Categories CATEGORIES = LocalRuntime.Options.defaults().categories();
    private static Emulator emulator;
    private static LocalClients clients;
    private static TemplateStack.Deployed resources;

    /** Every API sample, in the order a press office would send them, with the status each must get. */
    static final List<Map.Entry<String, Integer>> API_STATUSES = List.of(
            Map.entry("create-release.json", 201),
            Map.entry("create-draft.json", 201),
            Map.entry("create-release-missing-title.json", 400),
            Map.entry("create-release-malformed-json.json", 400),
            Map.entry("create-release-unknown-field.json", 400),
            Map.entry("create-release-not-json.json", 415),
            Map.entry("create-release-wrong-scope.json", 403),
            Map.entry("create-release-editor-publishing.json", 403),
            Map.entry("get-release-unknown.json", 404),
            Map.entry("list-releases.json", 200),
            Map.entry("list-releases-bad-limit.json", 400),
            Map.entry("get-release.json", 200),
            Map.entry("update-release-no-if-match.json", 428),
            Map.entry("update-release.json", 200),
            Map.entry("update-release-stale-etag.json", 412),
            Map.entry("preview-release.json", 200),
            Map.entry("add-attachment.json", 201),
            Map.entry("add-attachment-bad-type.json", 400),
            Map.entry("list-versions.json", 200),
            Map.entry("publish-release-wrong-scope.json", 403),
            Map.entry("publish-release.json", 200),
            Map.entry("publish-release-again.json", 409),
            Map.entry("withdraw-release-no-reason.json", 400),
            Map.entry("withdraw-release.json", 200),
            Map.entry("delete-release-not-draft.json", 409),
            Map.entry("create-contact.json", 201),
            Map.entry("create-contact-invalid.json", 400));

    /** The draft the workflow samples (update, publish, withdraw, ...) act on. */
    static void seedWorkflowRelease(LocalClients clients, TemplateStack.Deployed resources) {
        Instant now = Instant.now();
        new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), ZONE).create(new Release(
                WORKFLOW_RELEASE_ID, "a38-collision-appeal", "Appeal after collision", null, "Draft text", "Road Safety",
                List.of(), new ContactBlock("Press office", "0800 000 0000", null), null, List.of(),
                ReleaseStatus.DRAFT, "press.officer@example.police.uk", now, now, null, null, List.of(), null, 1));
    }

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

    private static <T> T event(String path, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(ProjectHome.find().resolve("events").resolve(path))) {
            return LambdaEventSerializers.serializerFor(type, SampleEventsIT.class.getClassLoader()).fromJson(in);
        }
    }

    /** Every API sample, in order; the workflow ones act on one release, seeded as a draft. */
    @Test
    void apiRequestsGetTheirStatus() throws IOException {
        var handler = new ReleasesApiHandler(ReleasesApiHandler.wire(new ReleasesApiConfig(clients.settings(),
                resources.tableName(), resources.uploadBucket(), "https://news.example", "Newsroom", CATEGORIES, ZONE,
                false, "https://api.example", resources.tokenSigningSecret(), resources.mailFrom(), null), clients.dynamo(),
                ReleasesApiHandler.presigner(clients.settings()), email -> "not-sent",
                new SecretsManagerSigningKeys(clients.secrets(), resources.tokenSigningSecret(), Clock.systemUTC()),
                Clock.systemUTC()));
        seedWorkflowRelease(clients, resources);
        try (var files = Files.list(ProjectHome.find().resolve("events/releases-api"))) {
            assertEquals(Set.copyOf(API_STATUSES.stream().map(Map.Entry::getKey).toList()),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()),
                    "every API sample has an expected status here");
        }
        for (var entry : API_STATUSES) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    event("releases-api/" + entry.getKey(), APIGatewayV2HTTPEvent.class), null);
            assertEquals(entry.getValue(), response.getStatusCode(), entry.getKey() + ": " + response.getBody());
        }
    }

    @Test
    void aStreamRecordRendersItsPageAndOtherItemsAreIgnored() throws IOException {
        DynamodbEvent published = event("site-publisher/release-published.json", DynamodbEvent.class);
        putReleaseFrom(published);
        var handler = new SitePublisherHandler(new SitePublisherConfig(clients.settings(), resources.tableName(),
                resources.siteBucket(), resources.uploadBucket(), null, "https://news.example", "Newsroom", ZONE),
                clients.dynamo(), clients.s3(), null,
                Clock.systemUTC());

        List<String> keysBefore = siteKeys();
        StreamsEventResponse ignored = handler.handleRequest(event("site-publisher/not-a-release.json", DynamodbEvent.class), null);
        assertTrue(ignored.getBatchItemFailures().isEmpty());
        assertEquals(keysBefore, siteKeys(), "a slug claim renders nothing");

        StreamsEventResponse response = handler.handleRequest(published, null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        String key = "news/2019/10/inspection-finds-a-good-response-to-cyber-dependent-crime-across-law-enforcement/index.html";
        assertTrue(siteKeys().contains(key), siteKeys().toString());
        assertTrue(siteKeys().contains("news/index.html"));
        String page = clients.s3().getObjectAsBytes(g -> g.bucket(resources.siteBucket()).key(key)).asUtf8String();
        assertTrue(page.contains("Inspection finds a good response to cyber-dependent crime across law enforcement"));
    }

    @Test
    void aPublishedRecordQueuesAJobPerSubscriber() throws IOException {
        var contacts = new DynamoDbContactRepository(clients.dynamo(), resources.tableName());
        contacts.create(contact("notifier-a@paper.example", "Crime Operations"));
        contacts.create(contact("notifier-b@paper.example", "Appeals"));
        var handler = new MediaNotifierHandler(new MediaNotifierConfig(clients.settings(), resources.tableName(),
                resources.mailQueueUrl()), clients.dynamo(), clients.sqs());
        StreamsEventResponse response = handler.handleRequest(
                event("media-notifier/release-published.json", DynamodbEvent.class), null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        var messages = clients.sqs().receiveMessage(r -> r.queueUrl(resources.mailQueueUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertEquals(1, messages.size(), "only the Crime Operations subscriber gets a job");
        assertTrue(messages.get(0).body().contains(RELEASE_ID));
        messages.forEach(m -> clients.sqs().deleteMessage(d -> d.queueUrl(resources.mailQueueUrl())
                .receiptHandle(m.receiptHandle())));
    }

    @Test
    void aQueueMessageSendsOneEmailEvenWhenRedelivered() throws IOException {
        putReleaseFrom(event("site-publisher/release-published.json", DynamodbEvent.class));
        MediaContact desk = new MediaContact(CONTACT_ID, "desk@daily.example", "Desk", "Daily", null, Set.of("*"), false,
                ContactStatus.ACTIVE, "test", Instant.now(), Instant.now());
        new DynamoDbContactRepository(clients.dynamo(), resources.tableName()).create(desk);
        var handler = new MailSenderHandler(new MailSenderConfig(clients.settings(), resources.tableName(), resources.mailQueueUrl(),
                resources.mailFrom(), null, "https://news.example", "https://api.example", "Newsroom", ZONE, resources.tokenSigningSecret(),
                50, 1, Duration.ofMinutes(10)), clients.dynamo(), clients.ses(), Clock.systemUTC());

        SQSEvent jobs = event("mail-sender/mail-jobs.json", SQSEvent.class);
        assertTrue(handler.handleRequest(jobs, null).getBatchItemFailures().isEmpty());
        assertTrue(handler.handleRequest(jobs, null).getBatchItemFailures().isEmpty(), "a redelivery is not a failure");
        List<SentEmail> toDesk = Eventually.await(Duration.ofSeconds(2),
                () -> emulator.sentEmails().stream().filter(e -> e.to().contains("desk@daily.example")).toList(),
                l -> l.size() > 1);
        assertEquals(1, toDesk.size(), "exactly one email despite the redelivery");

        // Two senders given the same job at the same moment (a redelivery racing the first delivery).
        String secondId = "3a4b5c6d-0000-4000-8000-0000000000cc";
        MediaContact second = new MediaContact(secondId, "second@daily.example", "Second", "Daily", null, Set.of("*"),
                false, ContactStatus.ACTIVE, "test", Instant.now(), Instant.now());
        new DynamoDbContactRepository(clients.dynamo(), resources.tableName()).create(second);
        SQSEvent race = event("mail-sender/mail-jobs.json", SQSEvent.class);
        race.getRecords().get(0).setBody(race.getRecords().get(0).getBody().replace(CONTACT_ID, secondId));
        var other = new MailSenderHandler(new MailSenderConfig(clients.settings(), resources.tableName(), resources.mailQueueUrl(),
                resources.mailFrom(), null, "https://news.example", "https://api.example", "Newsroom", ZONE, resources.tokenSigningSecret(),
                50, 1, Duration.ofMinutes(10)), clients.dynamo(), clients.ses(), Clock.systemUTC());
        var racers = List.of(handler, other).stream().map(h -> CompletableFuture.runAsync(
                () -> h.handleRequest(race, null))).toList();
        racers.forEach(CompletableFuture::join);
        assertEquals(1, Eventually.await(Duration.ofSeconds(2), () -> emulator.sentEmails().stream()
                .filter(e -> e.to().contains("second@daily.example")).count(), n -> n > 1), "two senders, one email");

        SQSBatchResponse unreadable = handler.handleRequest(event("mail-sender/unreadable-job.json", SQSEvent.class), null);
        assertEquals("1b5a0c3e-0000-4000-8000-00000000bad1", unreadable.getBatchItemFailures().get(0).getItemIdentifier(),
                "an unreadable job fails (towards the dead-letter queue) instead of vanishing");
    }

    @Test
    void aDigestJobForAPeriodWithNothingNewSendsNothingAndAWebhookAttemptForNoEndpointIsNoFailure() throws IOException {
        var handler = new MailSenderHandler(new MailSenderConfig(clients.settings(), resources.tableName(), resources.mailQueueUrl(),
                resources.mailFrom(), null, "https://news.example", "https://api.example", "Newsroom", ZONE, resources.tokenSigningSecret(),
                50, 1, Duration.ofMinutes(10)), clients.dynamo(), clients.ses(), Clock.systemUTC());
        int before = emulator.sentEmails().size();
        assertTrue(handler.handleRequest(event("mail-sender/digest-job.json", SQSEvent.class), null)
                .getBatchItemFailures().isEmpty());
        assertEquals(before, emulator.sentEmails().size(), "no digest for a contact who does not get one");

        var webhooks = new newsroom.webhooks.WebhookSenderHandler(new newsroom.webhooks.WebhookSenderConfig(
                clients.settings(), resources.tableName(), "http://localhost/queue/none", List.of(), null, null, false),
                clients.dynamo(), clients.sqs(), null, (url, headers, body) -> {
                    throw new AssertionError("nothing to send to");
                }, Clock.systemUTC());
        assertTrue(webhooks.handleRequest(event("webhook-sender/attempt.json", SQSEvent.class), null)
                .getBatchItemFailures().isEmpty(), "an endpoint since deleted: nothing to do, no failure");
        SQSBatchResponse unreadable = webhooks.handleRequest(event("webhook-sender/unreadable-attempt.json",
                SQSEvent.class), null);
        assertEquals("5d0a7e21-0000-4000-8000-00000000bad2", unreadable.getBatchItemFailures().get(0).getItemIdentifier());
    }

    @Test
    void aNudgeRendersTheListsAPublishLeftMarked() throws IOException {
        DynamodbEvent published = event("site-publisher/release-published.json", DynamodbEvent.class);
        putReleaseFrom(published);
        var config = new SitePublisherConfig(clients.settings(), resources.tableName(), resources.siteBucket(),
                resources.uploadBucket(), null, "https://news.example", "Newsroom", ZONE, resources.sharedPagesQueueUrl());
        var publisher = new SitePublisherHandler(config, clients.dynamo(), clients.s3(), clients.sqs(), Clock.systemUTC());
        assertTrue(publisher.handleRequest(published, null).getBatchItemFailures().isEmpty());
        var queued = clients.sqs().receiveMessage(r -> r.queueUrl(resources.sharedPagesQueueUrl()).waitTimeSeconds(1))
                .messages();
        assertEquals(1, queued.size(), "the publish nudged the renderer once");
        clients.sqs().deleteMessage(d -> d.queueUrl(resources.sharedPagesQueueUrl()).receiptHandle(queued.get(0).receiptHandle()));

        var renderer = new newsroom.sitepublisher.SharedPagesHandler(config, clients.dynamo(), clients.s3(), null,
                Clock.systemUTC());
        assertTrue(renderer.handleRequest(event("site-publisher/shared-pages-nudge.json", SQSEvent.class), null)
                .getBatchItemFailures().isEmpty());
        String latest = new String(clients.s3().getObjectAsBytes(g -> g.bucket(resources.siteBucket())
                .key("news/index.html")).asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(latest.contains("Inspection finds a good response to cyber-dependent crime"), "listed by the renderer");
    }

    @Test
    void theChangedPathsSampleIsOneInvalidationOfTheDistribution() throws IOException {
        var cloudFront = clients.cloudFront();
        String distribution = resources.distributionId();
        int before = cloudFront.listInvalidations(l -> l.distributionId(distribution)).invalidationList().quantity();
        var handler = new newsroom.invalidator.CdnInvalidatorHandler(
                new newsroom.aws.CloudFrontCdn(cloudFront, distribution));
        SQSBatchResponse response = handler.handleRequest(event("cdn-invalidator/changed-paths.json", SQSEvent.class), null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        var invalidations = cloudFront.listInvalidations(l -> l.distributionId(distribution)).invalidationList();
        assertEquals(before + 1, invalidations.quantity(), "the two messages' paths in one request");
        Set<String> paths = Set.copyOf(invalidations.items().stream().flatMap(i -> cloudFront.getInvalidation(g -> g
                .distributionId(distribution).id(i.id())).invalidation().invalidationBatch().paths().items().stream()).toList());
        assertTrue(paths.containsAll(Set.of("/news/index.html", "/feeds/news.atom", "/sitemaps/2019-10.xml",
                "/news/2019/10/inspection-finds-a-good-response-to-cyber-dependent-crime-across-law-enforcement/index.html")),
                paths.toString());
    }

    @Test
    void theScheduledEventPublishesWhatIsDue() throws IOException {
        Instant embargo = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        var repository = new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), ZONE);
        repository.create(new Release("9c8b7a6d-0000-4000-8000-0000000000aa", "due-release", "Due release", null,
                "Text", "Appeals", List.of(), new ContactBlock("Press office", "0800", null), null, List.of(),
                ReleaseStatus.SCHEDULED, "author", embargo.minusSeconds(600), embargo.minusSeconds(600), embargo,
                embargo, List.of(), null, 2));
        var sweeper = new EmbargoSweeperHandler(new EmbargoSweeperConfig(clients.settings(), resources.tableName(),
                CATEGORIES, ZONE), clients.dynamo(), Clock.systemUTC());
        Map<String, Integer> result = sweeper.handleRequest(
                event("embargo-sweeper/every-minute.json", ScheduledEvent.class), null);
        assertEquals(1, result.get("published"));
        assertEquals(ReleaseStatus.PUBLISHED,
                repository.find("9c8b7a6d-0000-4000-8000-0000000000aa").orElseThrow().status());
    }

    @Test
    void theRebuildEventRebuildsTheSite() throws IOException {
        putReleaseFrom(event("site-publisher/release-published.json", DynamodbEvent.class));
        new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), ZONE)
                .recordMonth(YearMonth.of(2019, 10));
        var rebuilder = new SiteRebuilderHandler(new SiteRebuilderConfig(clients.settings(), resources.tableName(),
                resources.siteBucket(), resources.uploadBucket(), null, "https://news.example", "Newsroom", CATEGORIES,
                ZONE), clients.dynamo(), clients.s3(), null, Clock.systemUTC());
        @SuppressWarnings("unchecked")
        Map<String, Object> input = LambdaEventSerializers.serializerFor(Map.class, getClass().getClassLoader())
                .fromJson(Files.newInputStream(ProjectHome.find().resolve("events/site-rebuilder/rebuild.json")));
        Map<String, Object> result = rebuilder.handleRequest(input, null);
        assertTrue((Integer) result.get("releases") >= 1, result.toString());
        assertTrue(siteKeys().contains(
                "news/2019/10/inspection-finds-a-good-response-to-cyber-dependent-crime-across-law-enforcement/index.html"));
    }

    @Test
    void sesFeedbackSamplesSuppressTheContactAndSettleTheDelivery() throws IOException {
        var contacts = new DynamoDbContactRepository(clients.dynamo(), resources.tableName());
        MediaContact desk = contacts.findByEmail("crime.desk@daily.example").orElseGet(() -> {
            MediaContact created = contact("crime.desk@daily.example", "Crime Operations");
            contacts.create(created);
            return created;
        });
        var handler = new SesFeedbackHandler(clients.dynamo(), resources.tableName(), Clock.systemUTC());
        assertEquals(List.of(), handler.handleRequest(event("ses-feedback/send.json", SQSEvent.class), null)
                .getBatchItemFailures());
        assertEquals(List.of(), handler.handleRequest(event("ses-feedback/bounce.json", SQSEvent.class), null)
                .getBatchItemFailures());
        assertEquals(ContactStatus.BOUNCED, contacts.find(desk.id()).orElseThrow().status());
        contacts.setStatus(desk.id(), ContactStatus.ACTIVE);
        assertEquals(List.of(), handler.handleRequest(event("ses-feedback/complaint.json", SQSEvent.class), null)
                .getBatchItemFailures());
        assertEquals(ContactStatus.COMPLAINED, contacts.find(desk.id()).orElseThrow().status());
        contacts.delete(contacts.find(desk.id()).orElseThrow());
    }

    private static MediaContact contact(String email, String topic) {
        return new MediaContact(UUID.randomUUID().toString(), email, "Reporter", "Paper", null,
                Set.of(topic), false, ContactStatus.ACTIVE, "test", Instant.now(), Instant.now());
    }

    private static void putReleaseFrom(DynamodbEvent event) {
        putReleaseFrom(event, clients, resources);
    }

    /** The release a stream sample carries, stored as the API would have stored it. */
    static void putReleaseFrom(DynamodbEvent event, LocalClients clients, TemplateStack.Deployed resources) {
        var image = StreamImages.toSdk(event.getRecords().get(0).getDynamodb().getNewImage());
        clients.dynamo().putItem(p -> p.tableName(resources.tableName()).item(image));
    }

    private static List<String> siteKeys() {
        return clients.s3().listObjectsV2(l -> l.bucket(resources.siteBucket())).contents().stream()
                .map(o -> o.key()).filter(k -> k.endsWith(".html")).toList();
    }

}
