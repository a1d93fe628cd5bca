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
