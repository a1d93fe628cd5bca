package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import newsroom.aws.AwsClients;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.json.Json;
import newsroom.local.emulator.Emulator;
import newsroom.local.support.SharedEmulator;
import newsroom.mailsender.MailSenderConfig;
import newsroom.mailsender.MailSenderHandler;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import newsroom.store.DynamoDbReleaseRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import newsroom.local.emulator.SentEmail;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * A mail sender's batch goes together: one release to 25 journalists reads, claims and records
 * in a handful of table requests (not five an email), and every promise of the one-at-a-time path
 * still holds in a batch: each journalist gets one email, a redelivered batch sends nothing twice,
 * a job twice in one batch sends once, an unsubscribed contact is recorded suppressed, a job
 * claimed by a sender still in flight stays in doubt, and an unreadable message fails alone.
 * Needs: the AWS emulator (started by the harness).
 */
class MailBatchIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final AtomicInteger TABLE_REQUESTS = new AtomicInteger();
    private static final AtomicInteger SES_REQUESTS = new AtomicInteger();
    /** What SES does with the next bulk sends: fails them this way, one each, before they reach it. */
    private static final java.util.Deque<RuntimeException> BULK_FAULTS = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static Emulator emulator;
    private static LocalClients clients;
    private static TemplateStack.Deployed stack;
    private static DynamoDbClient metered;
    private static SesV2Client ses;

    @BeforeAll
    static void deploy() {
        emulator = SharedEmulator.fresh();
        clients = LocalClients.forEndpoint(emulator.endpoint());
        stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                TABLE_REQUESTS.incrementAndGet();
            }
        };
        metered = AwsClients.build(DynamoDbClient.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)), clients.settings());
        ExecutionInterceptor sesFaults = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                SES_REQUESTS.incrementAndGet();
                if (context.request() instanceof SendBulkEmailRequest) {
                    RuntimeException fault = BULK_FAULTS.poll();
                    if (fault != null) {
                        throw fault;
                    }
                }
            }
        };
        ses = AwsClients.build(SesV2Client.builder().overrideConfiguration(o -> o
                .retryStrategy(DefaultRetryStrategy.doNotRetry()).addExecutionInterceptor(sesFaults)), clients.settings());
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("SESv2").build();
    }

    @AfterAll
    static void close() {
        ses.close();
        metered.close();
        clients.close();
    }

    private static MailSenderHandler sender() {
        return new MailSenderHandler(new MailSenderConfig(clients.settings(), stack.tableName(), stack.mailQueueUrl(),
                stack.mailFrom(), null, "https://news.example", "https://api.example", "Newsroom", ZONE,
                stack.tokenSigningSecret(), 500, 1, Duration.ofMinutes(10)), metered, ses, Clock.systemUTC());
    }

    private static Release publishedRelease(String title) {
        return publishedRelease(title, "The body.");
    }

    private static Release publishedRelease(String title, String body) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Release release = new Release(id, "batch-" + id, title, "A summary.", body, "Appeals", List.of(),
                new ContactBlock("Press office", "0800 000 0000", "press@example.org"), null, List.of(),
                ReleaseStatus.PUBLISHED, "test", now, now, now, null, List.of(), null, 1);
        new DynamoDbReleaseRepository(clients.dynamo(), stack.tableName(), ZONE).create(release);
        return release;
    }

    private static MediaContact contact(String email, ContactStatus status) {
        return contact(email, "Reader " + email.substring(0, email.indexOf('@')), status);
    }

    private static MediaContact contact(String email, String name, ContactStatus status) {
        Instant now = Instant.now();
        MediaContact contact = new MediaContact(UUID.randomUUID().toString(), email, name, "Paper", null,
                Set.of("*"), false, status, "test", now, now);
        new DynamoDbContactRepository(clients.dynamo(), stack.tableName()).create(contact);
        return contact;
    }

    /** {@code count} active readers, addressed {@code prefix0@paper.example} and on. */
    private static List<MediaContact> readers(String prefix, int count) {
        List<MediaContact> readers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readers.add(contact(prefix + i + "@paper.example", ContactStatus.ACTIVE));
        }
        return readers;
    }

    /** One queue message per reader: the release's public copy to them. */
    private static List<SQSEvent.SQSMessage> publishedJobs(Release release, List<MediaContact> readers) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (MediaContact reader : readers) {
            messages.add(message(Json.write(new MailJob(release.id(), reader.id(), DeliveryKind.PUBLISHED))));
        }
        return messages;
    }

    private static SQSEvent.SQSMessage message(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn("arn:aws:sqs:eu-west-2:000000000000:newsroom-MailQueue");
        return message;
    }

    private static SQSEvent event(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static Map<String, Long> sentTo(String subject) {
        return emulator.sentEmails().stream().filter(e -> e.subject().equals(subject))
                .flatMap(e -> e.to().stream()).collect(Collectors.groupingBy(a -> a, Collectors.counting()));
    }

    @Test
    void aBatchOfTwentyFiveIsReadClaimedAndRecordedTogetherAndEachJournalistGetsOneEmail() {
        Release release = publishedRelease("Batch appeal for witnesses");
        List<MediaContact> readers = readers("batch", 25);
        List<SQSEvent.SQSMessage> messages = publishedJobs(release, readers);
        MailSenderHandler sender = sender();

        TABLE_REQUESTS.set(0);
        SES_REQUESTS.set(0);
        SQSBatchResponse response = sender.handleRequest(event(messages), null);
        int requests = TABLE_REQUESTS.get();
        assertEquals(1, SES_REQUESTS.get(), "one bulk send for the 25 emails");

        assertTrue(response.getBatchItemFailures().isEmpty(), "every job of the batch went");
        Map<String, Long> sent = sentTo("Batch appeal for witnesses");
        assertEquals(25, sent.size(), "each of the 25 journalists was emailed");
        assertTrue(sent.values().stream().allMatch(n -> n == 1), "and each once: " + sent);
        // The release, the contacts, the earlier deliveries, the claims, the release again, the
        // records: six requests for 25 emails, where one at a time made five an email (125).
        assertEquals(6, requests, "table requests for a batch of 25");
        // Each email is that journalist's own: a link that unsubscribes them alone.
        var tokens = new newsroom.service.SignedTokens(new newsroom.aws.SecretsManagerSigningKeys(clients.secrets(),
                stack.tokenSigningSecret(), Clock.systemUTC()), Clock.systemUTC());
        for (MediaContact reader : readers) {
            SentEmail email = emulator.sentEmails().stream().filter(e -> e.subject().equals("Batch appeal for witnesses")
                    && e.to().contains(reader.email())).findFirst().orElseThrow();
            assertTrue(!email.text().contains("{{") && !email.html().contains("{{"), "no value left unfilled");
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("/unsubscribe\\?token=([A-Za-z0-9._-]+)")
                    .matcher(email.text());
            assertTrue(link.find(), email.text());
            assertEquals(java.util.Optional.of(reader.id()), tokens.verifyUnsubscribe(link.group(1)),
                    "the unsubscribe link is theirs");
        }
        var deliveries = new DynamoDbDeliveryRepository(clients.dynamo(), stack.tableName());
        for (MediaContact reader : readers) {
            assertEquals(DeliveryStatus.SENT, deliveries.statusOf(
                    new MailJob(release.id(), reader.id(), DeliveryKind.PUBLISHED)).orElseThrow());
        }

        // Lambda gives the same batch again (a sender timed out after finishing): nothing goes twice.
        TABLE_REQUESTS.set(0);
        assertTrue(sender().handleRequest(event(messages), null).getBatchItemFailures().isEmpty(),
                "a redelivery is not a failure");
        assertEquals(25, sentTo("Batch appeal for witnesses").values().stream().mapToLong(Long::longValue).sum(),
                "a redelivered batch sends nothing again");
        assertTrue(TABLE_REQUESTS.get() <= 6, "a redelivered batch is answered in a few requests too: "
                + TABLE_REQUESTS.get());
    }

    @Test
    void aMixedBatchKeepsEveryRuleOfTheOneAtATimePath() {
        Release release = publishedRelease("Mixed batch road closure");
        MediaContact ann = contact("ann@mixed.example", ContactStatus.ACTIVE);
        MediaContact bob = contact("bob@mixed.example", ContactStatus.ACTIVE);
        MediaContact gone = contact("gone@mixed.example", ContactStatus.UNSUBSCRIBED);
        MediaContact busy = contact("busy@mixed.example", ContactStatus.ACTIVE);
        // Another sender claimed busy's email a moment ago and has not reported back.
        var deliveries = new DynamoDbDeliveryRepository(clients.dynamo(), stack.tableName());
        MailJob busyJob = new MailJob(release.id(), busy.id(), DeliveryKind.PUBLISHED);
        deliveries.claim(busyJob, busy.email(), Instant.now(), Duration.ofMinutes(10));

        String annJob = Json.write(new MailJob(release.id(), ann.id(), DeliveryKind.PUBLISHED));
        SQSEvent.SQSMessage unreadable = message("{\"releaseId\": 12, ");
        SQSEvent.SQSMessage busyMessage = message(Json.write(busyJob));
        List<SQSEvent.SQSMessage> messages = List.of(
                message(annJob),
                message(annJob), // the same job twice in one batch (SQS delivers at least once)
                message(Json.write(new MailJob(release.id(), bob.id(), DeliveryKind.PUBLISHED))),
                message(Json.write(new MailJob(release.id(), gone.id(), DeliveryKind.PUBLISHED))),
                message(Json.write(new MailJob(release.id(), "no-such-contact", DeliveryKind.PUBLISHED))),
                message(Json.write(new MailJob(release.id(), bob.id(), DeliveryKind.UPDATED))),
                busyMessage,
                unreadable);

        SQSBatchResponse response = sender().handleRequest(event(messages), null);

        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        assertEquals(Set.of(unreadable.getMessageId(), busyMessage.getMessageId()), failed,
                "only the unreadable job and the one in doubt come back");
        assertEquals(Map.of("ann@mixed.example", 1L, "bob@mixed.example", 1L), sentTo("Mixed batch road closure"),
                "ann once despite her job twice; bob once; no update for an email he had not had before the batch");
        assertEquals(DeliveryStatus.SUPPRESSED, deliveries.statusOf(
                new MailJob(release.id(), gone.id(), DeliveryKind.PUBLISHED)).orElseThrow());
        assertEquals(DeliveryStatus.SENDING, deliveries.statusOf(busyJob).orElseThrow(),
                "the claim in flight is left to its sender (or SES's Send event)");
        assertTrue(emulator.sentEmails().stream().noneMatch(e -> e.to().contains("busy@mixed.example")));
    }

    @Test
    void twoSendersGivenTheSameBatchAtOnceSendEachEmailOnce() throws Exception {
        Release release = publishedRelease("Racing batches appeal");
        List<SQSEvent.SQSMessage> messages = publishedJobs(release, readers("race", 20));
        List<SQSEvent.SQSMessage> reversed = new ArrayList<>(messages);
        java.util.Collections.reverse(reversed);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> sender().handleRequest(event(messages), null));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> sender().handleRequest(event(reversed), null));
        first.get();
        second.get();

        Map<String, Long> sent = sentTo("Racing batches appeal");
        assertEquals(20, sent.size(), "every journalist was emailed");
        assertTrue(sent.values().stream().allMatch(n -> n == 1), "and none twice: " + sent);
    }

    @Test
    void aReleaseWithTemplateBracesOrAReaderWithAnApostropheIsSentOneByOneAndExactly() {
        Release braces = publishedRelease("Braces in the text", "Quote {{name}} and {{{html}}} as typed.");
        MediaContact ann = contact("braces-ann@paper.example", ContactStatus.ACTIVE);
        MediaContact obrien = contact("obrien@paper.example", "Siobhán O'Brien", ContactStatus.ACTIVE);
        Release plain = publishedRelease("Plain text, odd name");
        SES_REQUESTS.set(0);
        SQSBatchResponse response = sender().handleRequest(event(List.of(
                message(Json.write(new MailJob(braces.id(), ann.id(), DeliveryKind.PUBLISHED))),
                message(Json.write(new MailJob(braces.id(), obrien.id(), DeliveryKind.PUBLISHED))),
                message(Json.write(new MailJob(plain.id(), obrien.id(), DeliveryKind.PUBLISHED))))), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(3, SES_REQUESTS.get(), "each alone");
        SentEmail toAnn = emulator.sentEmails().stream().filter(e -> e.subject().equals("Braces in the text")
                && e.to().contains(ann.email())).findFirst().orElseThrow();
        assertTrue(toAnn.text().contains("Quote {{name}} and {{{html}}} as typed."), "the text as written: " + toAnn.text());
        assertEquals(Map.of("obrien@paper.example", 1L), sentTo("Plain text, odd name"));
        assertEquals(Map.of("braces-ann@paper.example", 1L, "obrien@paper.example", 1L), sentTo("Braces in the text"));
    }

    @Test
    void aThrottledBulkSendIsTriedAgainAndARefusedOneIsRetriedByTheQueue() {
        Release release = publishedRelease("Throttled bulk appeal");
        List<SQSEvent.SQSMessage> messages = publishedJobs(release, readers("throttled", 5));
        // SES throttles the bulk send twice (it took none of it), then takes it.
        BULK_FAULTS.add(TooManyRequestsException.builder().statusCode(429).awsErrorDetails(details("TooManyRequestsException")).build());
        BULK_FAULTS.add(TooManyRequestsException.builder().statusCode(429).awsErrorDetails(details("TooManyRequestsException")).build());
        assertTrue(sender().handleRequest(event(messages), null).getBatchItemFailures().isEmpty());
        assertEquals(5, sentTo("Throttled bulk appeal").size());

        Release refused = publishedRelease("Refused bulk appeal");
        List<SQSEvent.SQSMessage> second = publishedJobs(refused, readers("refused", 5));
        // SES refuses the whole send (a definite "not sent"): every job comes back, and the retry sends them.
        BULK_FAULTS.add(MessageRejectedException.builder().statusCode(400).awsErrorDetails(details("MessageRejected")).build());
        assertEquals(5, sender().handleRequest(event(second), null).getBatchItemFailures().size());
        assertTrue(sentTo("Refused bulk appeal").isEmpty());
        assertTrue(sender().handleRequest(event(second), null).getBatchItemFailures().isEmpty(), "the retry sends");
        Map<String, Long> sent = sentTo("Refused bulk appeal");
        assertEquals(5, sent.size());
        assertTrue(sent.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void aBulkSendWhoseFateIsUnknownStaysInDoubtAndIsNeverSentAgainBeforeItIsSettled() {
        Release release = publishedRelease("Bulk in doubt appeal");
        List<MediaContact> readers = readers("doubt", 3);
        List<SQSEvent.SQSMessage> messages = publishedJobs(release, readers);
        // A 5xx: SES may or may not have taken it.
        BULK_FAULTS.add(SesV2Exception.builder().statusCode(503).awsErrorDetails(details("ServiceUnavailable")).build());
        assertEquals(3, sender().handleRequest(event(messages), null).getBatchItemFailures().size());
        assertEquals(3, sender().handleRequest(event(messages), null).getBatchItemFailures().size(),
                "redelivered before its lease ends: still in doubt, not sent");
        assertTrue(sentTo("Bulk in doubt appeal").isEmpty());
        var deliveries = new DynamoDbDeliveryRepository(clients.dynamo(), stack.tableName());
        for (MediaContact reader : readers) {
            assertEquals(DeliveryStatus.SENDING, deliveries.statusOf(
                    new MailJob(release.id(), reader.id(), DeliveryKind.PUBLISHED)).orElseThrow());
        }
    }

    @Test
    void aMessageCarriesTenJobsAndFailsOnlyForTheOnesNotDone() {
        Release release = publishedRelease("Ten to a message appeal");
        List<MailJob> jobs = readers("packed", 23).stream()
                .map(reader -> new MailJob(release.id(), reader.id(), DeliveryKind.PUBLISHED)).toList();
        // Another sender holds one of them, in flight.
        var deliveries = new DynamoDbDeliveryRepository(clients.dynamo(), stack.tableName());
        deliveries.claim(jobs.get(4), "packed4@paper.example", Instant.now(), Duration.ofMinutes(10));
        newsroom.service.port.MailQueue queue = new newsroom.aws.SqsMailQueue(clients.sqs(), stack.mailQueueUrl());
        queue.enqueue(jobs);
        List<SQSEvent.SQSMessage> received = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && received.size() < 3; attempt++) {
            clients.sqs().receiveMessage(r -> r.queueUrl(stack.mailQueueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().forEach(m -> {
                        clients.sqs().deleteMessage(d -> d.queueUrl(stack.mailQueueUrl()).receiptHandle(m.receiptHandle()));
                        received.add(message(m.body()));
                    });
        }
        assertEquals(List.of(10, 10, 3), received.stream().map(m -> newsroom.aws.SqsMailQueue.jobsIn(m.getBody()).size())
                .sorted(java.util.Comparator.reverseOrder()).toList(), "23 jobs in three messages");

        SQSBatchResponse response = sender().handleRequest(event(received), null);

        SQSEvent.SQSMessage carrier = received.stream().filter(m -> m.getBody().contains(jobs.get(4).contactId()))
                .findFirst().orElseThrow();
        assertEquals(List.of(carrier.getMessageId()), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList(),
                "only the message with the job in doubt comes back");
        assertEquals(22, sentTo("Ten to a message appeal").size(), "every job but the one in doubt went");
        assertTrue(sender().handleRequest(event(List.of(carrier)), null).getBatchItemFailures().size() == 1,
                "back again before it can settle: still held");
        Map<String, Long> sent = sentTo("Ten to a message appeal");
        assertEquals(22, sent.size());
        assertTrue(sent.values().stream().allMatch(n -> n == 1), "the others in its message were not sent again");
    }

    @Test
    void aMessageThatIsNotAJobNorAListOfJobsFailsAlone() {
        Release release = publishedRelease("Hostile message appeal");
        MediaContact reader = contact("hostile-reader@paper.example", ContactStatus.ACTIVE);
        List<SQSEvent.SQSMessage> bad = List.of(message("null"), message("[null]"), message("[{\"releaseId\": 1}"),
                message("42"), message(""));
        SQSEvent.SQSMessage good = message("[" + Json.write(new MailJob(release.id(), reader.id(), DeliveryKind.PUBLISHED)) + "]");
        List<SQSEvent.SQSMessage> all = new ArrayList<>(bad);
        all.add(good);
        Set<String> failed = sender().handleRequest(event(all), null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        assertEquals(bad.stream().map(SQSEvent.SQSMessage::getMessageId).collect(Collectors.toSet()), failed);
        assertEquals(Map.of("hostile-reader@paper.example", 1L), sentTo("Hostile message appeal"));

        // Jobs that read as jobs but lack their kind, release or contact, or carry a 3 KB id, beside
        // good ones in one batch: the good ones still go, in bulk, and none of the others is sent.
        Release second = publishedRelease("Hostile jobs appeal");
        List<MediaContact> readers = readers("hostile-jobs", 3);
        List<SQSEvent.SQSMessage> mixed = new ArrayList<>(publishedJobs(second, readers));
        SQSEvent.SQSMessage noKind = message("{\"releaseId\": \"" + second.id() + "\", \"contactId\": \""
                + readers.get(0).id() + "\"}");
        SQSEvent.SQSMessage noContact = message("{\"releaseId\": \"" + second.id() + "\", \"kind\": \"PUBLISHED\"}");
        SQSEvent.SQSMessage hugeId = message(Json.write(new MailJob(second.id(), "c".repeat(3000), DeliveryKind.PUBLISHED)));
        mixed.addAll(List.of(noKind, noContact, hugeId));
        Set<String> mixedFailed = sender().handleRequest(event(mixed), null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        assertTrue(mixedFailed.contains(noKind.getMessageId()), "a job without its kind fails");
        assertEquals(Map.of("hostile-jobs0@paper.example", 1L, "hostile-jobs1@paper.example", 1L,
                "hostile-jobs2@paper.example", 1L), sentTo("Hostile jobs appeal"), "the good jobs went, once each");
    }
}
