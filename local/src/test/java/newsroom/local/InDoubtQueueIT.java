package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.aws.SecretsManagerSigningKeys;
import newsroom.config.EnvVars;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.json.Json;
import newsroom.local.emulator.Emulator;
import newsroom.local.support.SharedEmulator;
import newsroom.mailsender.MailSenderConfig;
import newsroom.mailsender.MailSenderHandler;
import newsroom.render.Email;
import newsroom.service.port.Mailer;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbReleaseRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A send whose fate is unknown (SES took the email, the answer never came) stays on the mail
 * queue, held back until its claim can be settled, instead of being received again every
 * visibility timeout until it lands in the dead-letter queue unsent. Here the queue's visibility is
 * one second and it allows five receives, while the claim's lease is twenty: without the holding
 * back, the job would be in the dead-letter queue within seconds. Needs: the AWS emulator.
 */
class InDoubtQueueIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static Emulator emulator;
    private static LocalClients clients;
    private static TemplateStack.Deployed stack;

    @BeforeAll
    static void provision() {
        emulator = SharedEmulator.fresh();
        clients = LocalClients.forEndpoint(emulator.endpoint());
        Map<String, String> parameters = TemplateStack.localParameters();
        parameters.put("MailQueueVisibilityTimeout", "1");
        stack = TemplateStack.deploy(clients, parameters);
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void aSendInDoubtIsHeldBackUntilItsLeaseNotDeadLettered() throws Exception {
        Instant now = Instant.now();
        Instant at = now.minusSeconds(60);
        new DynamoDbReleaseRepository(clients.dynamo(), stack.tableName(), ZONE).create(new Release("doubt-1",
                "appeal-in-doubt", "Appeal in doubt", "Summary", "Body.", "Appeals", List.of(),
                new ContactBlock("Press office", "0800", null), null, List.of(), ReleaseStatus.PUBLISHED, "author",
                at, at, at, null, List.of(), null, 2));
        MediaContact desk = new MediaContact("desk-1", "desk@paper.example", "Desk", "Paper", null, Set.of("*"),
                false, ContactStatus.ACTIVE, "test", now, now);
        new DynamoDbContactRepository(clients.dynamo(), stack.tableName()).create(desk);

        // SES takes every email, but the sender never hears back.
        AtomicInteger accepted = new AtomicInteger();
        Mailer timesOut = (Email email) -> {
            accepted.incrementAndGet();
            throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("Read timed out"));
        };
        Map<String, String> env = new HashMap<>(TemplateStack.environment(clients, stack, "MailSenderFunction"));
        env.put(EnvVars.AWS_REGION, LocalClients.REGION.id());
        env.put(EnvVars.AWS_ENDPOINT_URL, emulator.endpoint().toString());
        MailSenderConfig config = MailSenderConfig.from(EnvVars.from(env)).withSendingLease(Duration.ofSeconds(20))
                .withAws(clients.settings());
        var handler = new MailSenderHandler(config, clients.dynamo(), timesOut,
                new SecretsManagerSigningKeys(clients.secrets(), stack.tokenSigningSecret(), Clock.systemUTC()),
                Clock.systemUTC());
        String queueArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(stack.mailQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        QueuePoller poller = new QueuePoller(clients.sqs(), stack.mailQueueUrl(), queueArn,
                LocalClients.REGION.id(), handler);
        Thread thread = new Thread(poller, "in-doubt-poller");
        thread.setDaemon(true);
        thread.start();
        try {
            clients.sqs().sendMessage(s -> s.queueUrl(stack.mailQueueUrl())
                    .messageBody(Json.write(new MailJob("doubt-1", "desk-1", DeliveryKind.PUBLISHED))));
            // Long enough for five receives at a one-second visibility, short of the lease.
            Thread.sleep(12_000);
        } finally {
            poller.stop();
            thread.join(5_000);
        }

        assertEquals(1, accepted.get(), "one attempt: the job waits for its claim to settle");
        Map<QueueAttributeName, String> dlq = clients.sqs().getQueueAttributes(a -> a.queueUrl(stack.mailDlqUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertEquals("0", dlq.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "nothing dead-lettered");
        Map<QueueAttributeName, String> queue = clients.sqs().getQueueAttributes(a -> a.queueUrl(stack.mailQueueUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertTrue(Integer.parseInt(queue.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) >= 1,
                "the job is still on the queue, held back: " + queue);
    }
}
