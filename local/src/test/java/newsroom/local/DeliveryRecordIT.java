package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.local.support.SharedEmulator;
import newsroom.service.port.DeliveryRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The delivery record never hides a duplicate: every SES message id of a delivery is kept, so an
 * email sent twice (a send in doubt whose Send event came late) shows as two.
 * Needs: the AWS emulator (started by the harness).
 */
class DeliveryRecordIT {
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static LocalClients clients;
    private static DeliveryRepository deliveries;

    @BeforeAll
    static void deploy() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        TemplateStack.Deployed stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
        deliveries = new DynamoDbDeliveryRepository(clients.dynamo(), stack.tableName());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void anEmailSentTwiceShowsAsTwoMessageIds() {
        Instant now = Instant.parse("2026-11-30T09:00:00Z");
        MailJob job = new MailJob("release-1", "contact-1", DeliveryKind.PUBLISHED);
        // A sender claims and sends (SES says "ses-a") but dies before recording it, and SES's Send
        // event is late: once the lease is over, another sender sends again.
        assertEquals(DeliveryRepository.Claim.CLAIMED, deliveries.claim(job, "ann@paper.example", now, LEASE));
        Instant later = now.plus(LEASE).plusSeconds(1);
        assertEquals(DeliveryRepository.Claim.CLAIMED, deliveries.claim(job, "ann@paper.example", later, LEASE));
        deliveries.recordSent(job, "ses-b", later);
        deliveries.confirmSent("release-1", "PUBLISHED", "contact-1", "ses-a", later.plusSeconds(5));
        deliveries.confirmSent("release-1", "PUBLISHED", "contact-1", "ses-b", later.plusSeconds(6));

        Delivery delivery = deliveries.page("release-1", 10, null).items().get(0);
        assertEquals(List.of("ses-a", "ses-b"), delivery.messageIds(), "two emails, two ids, each once");
    }

    /**
     * A batch's claims answer each job as a claim of its own would: taken ones by the record that
     * stands in the way (sent or suppressed: done; a claim whose lease runs: in doubt), the rest
     * claimed, including those SES refused and those whose sender's lease ran out.
     */
    @Test
    void aBatchOfClaimsAnswersEachJobAsAClaimOfItsOwnWould() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        MailJob sent = new MailJob("release-4", "sent", DeliveryKind.PUBLISHED);
        MailJob inFlight = new MailJob("release-4", "in-flight", DeliveryKind.PUBLISHED);
        MailJob leaseOver = new MailJob("release-4", "lease-over", DeliveryKind.PUBLISHED);
        MailJob refused = new MailJob("release-4", "refused", DeliveryKind.PUBLISHED);
        MailJob suppressed = new MailJob("release-4", "suppressed", DeliveryKind.PUBLISHED);
        deliveries.claim(sent, "a@paper.example", now, LEASE);
        deliveries.recordSent(sent, "ses-sent", now);
        deliveries.claim(inFlight, "b@paper.example", now.minusSeconds(60), LEASE);
        deliveries.claim(leaseOver, "c@paper.example", now.minus(LEASE).minusSeconds(1), LEASE);
        deliveries.claim(refused, "d@paper.example", now, LEASE);
        deliveries.recordFailed(refused, "MessageRejected", now);
        deliveries.recordSuppressed(suppressed, "e@paper.example", "UNSUBSCRIBED", now);
        Map<MailJob, String> batch = new java.util.LinkedHashMap<>();
        for (MailJob job : List.of(sent, inFlight, leaseOver, refused, suppressed)) {
            batch.put(job, job.contactId() + "@paper.example");
        }
        for (int i = 0; i < 5; i++) {
            batch.put(new MailJob("release-4", "new-" + i, DeliveryKind.PUBLISHED), "new" + i + "@paper.example");
        }

        Map<MailJob, DeliveryRepository.Claim> claims = deliveries.claimAll(batch, now, LEASE);

        assertEquals(DeliveryRepository.Claim.DONE, claims.get(sent));
        assertEquals(DeliveryRepository.Claim.IN_DOUBT, claims.get(inFlight));
        assertEquals(DeliveryRepository.Claim.CLAIMED, claims.get(leaseOver));
        assertEquals(DeliveryRepository.Claim.CLAIMED, claims.get(refused));
        assertEquals(DeliveryRepository.Claim.DONE, claims.get(suppressed));
        for (int i = 0; i < 5; i++) {
            assertEquals(DeliveryRepository.Claim.CLAIMED, claims.get(new MailJob("release-4", "new-" + i, DeliveryKind.PUBLISHED)));
        }
        assertEquals(10, claims.size(), "every job has its answer");
        // What the claims wrote: each claimed job is SENDING, the others as they were.
        Map<MailJob, newsroom.domain.DeliveryStatus> statuses = deliveries.statusesOf(batch.keySet());
        assertEquals(newsroom.domain.DeliveryStatus.SENT, statuses.get(sent));
        assertEquals(newsroom.domain.DeliveryStatus.SUPPRESSED, statuses.get(suppressed));
        assertEquals(newsroom.domain.DeliveryStatus.SENDING, statuses.get(refused));
        assertEquals(newsroom.domain.DeliveryStatus.SENDING, statuses.get(new MailJob("release-4", "new-0", DeliveryKind.PUBLISHED)));
        assertEquals(java.util.Optional.empty(), deliveries.statusOf(new MailJob("release-4", "never", DeliveryKind.PUBLISHED)));

        // The second claim of the same batch finds every one taken.
        Map<MailJob, DeliveryRepository.Claim> again = deliveries.claimAll(batch, now.plusSeconds(1), LEASE);
        assertEquals(List.of(), again.entrySet().stream()
                .filter(e -> e.getValue() == DeliveryRepository.Claim.CLAIMED).toList(), "nothing claimed twice");

        // The sends, recorded together, each with its own message id.
        Map<MailJob, String> ids = new java.util.LinkedHashMap<>();
        claims.forEach((job, claim) -> {
            if (claim == DeliveryRepository.Claim.CLAIMED) {
                ids.put(job, "ses-" + job.contactId());
            }
        });
        deliveries.recordAllSent(ids, now.plusSeconds(2));
        Map<String, Delivery> recorded = new java.util.HashMap<>();
        deliveries.page("release-4", 50, null).items().forEach(d -> recorded.put(d.contactId(), d));
        ids.forEach((job, id) -> {
            assertEquals(newsroom.domain.DeliveryStatus.SENT, recorded.get(job.contactId()).status());
            assertEquals(List.of(id), recorded.get(job.contactId()).messageIds());
        });
    }

    /** The retention policy: each record carries the time DynamoDB's TTL deletes it. */
    @Test
    void aDeliveryRecordIsDeletedByTtlAfterTheRetentionPeriod() {
        TemplateStack.Deployed stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
        DeliveryRepository shortLived = new DynamoDbDeliveryRepository(clients.dynamo(), stack.tableName(),
                Duration.ofDays(30));
        Instant now = Instant.parse("2026-11-30T09:00:00Z");
        MailJob job = new MailJob("release-3", "contact-1", DeliveryKind.PUBLISHED);
        shortLived.claim(job, "ann@paper.example", now, LEASE);
        var item = clients.dynamo().getItem(g -> g.tableName(stack.tableName()).key(Map.of(
                "PK", AttributeValue.fromS("RELEASE#release-3"), "SK", AttributeValue.fromS("DELIVERY#PUBLISHED#contact-1"))))
                .item();
        // The table's TTL on this attribute is template.yaml's (TemplateTest); MiniStack does not report it.
        assertEquals(Long.toString(now.plus(Duration.ofDays(30)).getEpochSecond()), item.get("expiresAt").n());
    }

    @Test
    void anEmailSentOnceShowsOneMessageIdHoweverOftenItIsConfirmed() {
        Instant now = Instant.parse("2026-11-30T09:00:00Z");
        MailJob job = new MailJob("release-2", "contact-1", DeliveryKind.PUBLISHED);
        deliveries.claim(job, "ann@paper.example", now, LEASE);
        deliveries.recordSent(job, "ses-1", now);
        deliveries.confirmSent("release-2", "PUBLISHED", "contact-1", "ses-1", now.plusSeconds(2));
        assertEquals(List.of("ses-1"), deliveries.page("release-2", 10, null).items().get(0).messageIds());
    }
}
