package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import newsroom.domain.ContactStatus;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.feedback.SesFeedbackHandler;
import newsroom.json.Json;
import newsroom.local.support.RequestLog;
import newsroom.local.support.SharedEmulator;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SES's events reach ses-feedback a queue batch at a time. A batch of Send events for emails their
 * senders already recorded costs one read and no write; only a send nobody recorded (its sender
 * died) is written. Bounces, complaints and the batch's bad messages are each handled alone.
 * Needs: the AWS emulator (started by the harness).
 */
class SesEventsIT {
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final RequestLog REQUESTS = new RequestLog();
    private static LocalClients clients;
    private static TemplateStack.Deployed stack;
    private static DynamoDbDeliveryRepository deliveries;
    private static SesFeedbackHandler feedback;

    @BeforeAll
    static void deploy() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
        deliveries = new DynamoDbDeliveryRepository(clients.dynamo(), stack.tableName());
        feedback = new SesFeedbackHandler(REQUESTS.dynamo(clients), stack.tableName(), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @BeforeEach
    void forget() {
        REQUESTS.clear();
    }

    @Test
    void aHundredSendEventsTheirSendersRecordedCostOneReadAndNoWrite() {
        String release = UUID.randomUUID().toString();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            MailJob job = new MailJob(release, "contact-" + i, DeliveryKind.PUBLISHED);
            deliveries.claim(job, "reader" + i + "@paper.example", NOW, LEASE);
            deliveries.recordSent(job, "ses-" + i, NOW);
            events.add(send(release, "contact-" + i, "PUBLISHED", "ses-" + i));
        }

        assertEquals(List.of(), failed(feedback.handleRequest(LocalSesEvents.queueBatch(events), null)));

        assertEquals(List.of("BatchGetItem"), REQUESTS.requests(), "one read for the batch, and nothing to write");
        List<Delivery> all = deliveries.page(release, 100, null).items();
        assertEquals(100, all.size());
        all.forEach(d -> {
            assertEquals(DeliveryStatus.SENT, d.status());
            assertEquals(List.of("ses-" + d.contactId().substring("contact-".length())), d.messageIds());
        });
    }

    /**
     * One batch as a queue may hand it over: sends nobody recorded (their sender died after SES took
     * them), sends already recorded, the same event twice, a send that is not ours, one in an SNS
     * envelope (a subscription without raw delivery), a bounce, and bodies that are no SES event.
     * Only the bad bodies fail, each alone; everything else is settled, once.
     */
    @Test
    void aMixedBatchSettlesWhatIsOursAndFailsOnlyTheBodiesThatAreNoEvent() {
        String release = UUID.randomUUID().toString();
        MailJob diedAfterSend = new MailJob(release, "died", DeliveryKind.PUBLISHED);
        MailJob recorded = new MailJob(release, "recorded", DeliveryKind.PUBLISHED);
        MailJob update = new MailJob(release, "died", DeliveryKind.UPDATED, 2);
        deliveries.claim(diedAfterSend, "died@paper.example", NOW, LEASE);
        deliveries.claim(recorded, "recorded@paper.example", NOW, LEASE);
        deliveries.recordSent(recorded, "ses-recorded", NOW);
        deliveries.claim(update, "died@paper.example", NOW, LEASE);
        var contacts = new DynamoDbContactRepository(clients.dynamo(), stack.tableName());
        String bouncerEmail = "bounce-" + UUID.randomUUID() + "@paper.example";
        MediaContact bouncer = new MediaContact(UUID.randomUUID().toString(), bouncerEmail, "Reporter", "Paper", null,
                Set.of("Crime"), false, ContactStatus.ACTIVE, "test", NOW, NOW);
        contacts.create(bouncer);

        String died = send(release, "died", "PUBLISHED", "ses-died");
        List<String> events = List.of(
                died,
                send(release, "recorded", "PUBLISHED", "ses-recorded"),
                "null",
                died,
                "42",
                Json.write(Map.of("Type", "Notification", "Message", send(release, "died", "UPDATED-2", "ses-update"))),
                "",
                send("no-such-release", "someone", "PUBLISHED", "ses-stranger"),
                send("r".repeat(3000), "someone", "PUBLISHED", "ses-huge"),
                "{\"eventType\": \"Send\", \"mail\": {\"tags\": [1, 2]}}",
                "{\"eventType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Permanent\", \"bouncedRecipients\": "
                        + "[{\"emailAddress\": \"" + bouncerEmail.toUpperCase() + "\"}]}, \"mail\": {}}",
                "{\"eventType\": \"Send\", \"mail\": ");

        SQSBatchResponse response = feedback.handleRequest(LocalSesEvents.queueBatch(events), null);

        assertEquals(List.of("2", "4", "6", "11"), failed(response),
                "only the bodies that are no JSON object fail (null, a number, empty, truncated)");
        assertEquals(DeliveryStatus.SENT, deliveries.statusOf(diedAfterSend).orElseThrow());
        assertEquals(DeliveryStatus.SENT, deliveries.statusOf(update).orElseThrow());
        List<Delivery> all = deliveries.page(release, 10, null).items();
        assertEquals(Map.of("PUBLISHED#died", List.of("ses-died"), "PUBLISHED#recorded", List.of("ses-recorded"),
                        "UPDATED-2#died", List.of("ses-update")),
                Map.of(all.get(0).kind() + "#" + all.get(0).contactId(), all.get(0).messageIds(),
                        all.get(1).kind() + "#" + all.get(1).contactId(), all.get(1).messageIds(),
                        all.get(2).kind() + "#" + all.get(2).contactId(), all.get(2).messageIds()));
        assertEquals(ContactStatus.BOUNCED, contacts.find(bouncer.id()).orElseThrow().status());
        assertEquals(1, REQUESTS.requests().stream().filter("BatchGetItem"::equals).count(), REQUESTS.requests()::toString);
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private static String send(String release, String contact, String kind, String messageId) {
        return Json.write(Map.of("eventType", "Send", "mail", Map.of("messageId", messageId,
                "timestamp", NOW.toString(), "destination", List.of(contact + "@paper.example"),
                "tags", Map.of("release", List.of(release), "contact", List.of(contact), "kind", List.of(kind))),
                "send", Map.of()));
    }
}
