package newsroom.aws;

import java.time.Duration;
import java.util.Map;
import newsroom.config.AwsSettings;
import newsroom.json.LightJson;
import newsroom.service.port.WebhookQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The webhook queue in SQS: one message per attempt asked for, held back by SQS for a short retry. */
public final class SqsWebhookQueue implements WebhookQueue {
    private static final int MAX_DELAY_SECONDS = 900;

    /** What a message says: the attempt of which delivery. */
    public record Job(String endpointId, String deliveryId) {
    }

    private final java.util.function.Supplier<SqsClient> sqs;
    private final String queueUrl;
    private SqsClient client;

    public SqsWebhookQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    private SqsWebhookQueue(java.util.function.Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** A queue whose SQS client is built on first use (the API rarely queues an attempt). */
    public static SqsWebhookQueue lazy(AwsSettings aws, String queueUrl) {
        return new SqsWebhookQueue(() -> AwsClients.build(SqsClient.builder(), aws), queueUrl);
    }

    private synchronized SqsClient client() {
        if (client == null) {
            client = sqs.get();
        }
        return client;
    }

    @Override
    public void enqueue(String endpointId, String deliveryId, Duration delay) {
        if (queueUrl == null) {
            throw new IllegalStateException("WEBHOOK_QUEUE_URL is not set");
        }
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds()));
        String body = LightJson.object(json -> {
            json.writeStringField("endpointId", endpointId);
            json.writeStringField("deliveryId", deliveryId);
        });
        client().sendMessage(m -> m.queueUrl(queueUrl).messageBody(body).delaySeconds(seconds)
                .messageAttributes(Map.of()));
    }

    /** The job in this body; null for a JSON null (the caller refuses it). */
    public static Job read(String body) {
        Map<String, Object> job = LightJson.read(body, "Job", java.util.Set.of("endpointId", "deliveryId"),
                java.util.Set.of());
        return job == null ? null : new Job((String) job.get("endpointId"), (String) job.get("deliveryId"));
    }
}
