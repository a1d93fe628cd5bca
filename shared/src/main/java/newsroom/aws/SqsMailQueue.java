package newsroom.aws;

import java.util.ArrayList;
import java.util.List;
import newsroom.domain.MailJob;
import newsroom.json.Json;
import newsroom.service.port.MailQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The mail queue in SQS, ten jobs a request; any entry SQS refuses fails the whole call so it is retried. */
public final class SqsMailQueue implements MailQueue {
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMailQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * A queue whose SQS client is built on first use: a function that rarely queues mail (the API,
     * for a journalist added to an embargoed release) does not pay for the client at start-up.
     */
    public static MailQueue lazy(newsroom.config.AwsSettings aws, String queueUrl) {
        return new MailQueue() {
            private SqsMailQueue queue;

            @Override
            public synchronized void enqueue(List<MailJob> jobs) {
                if (queueUrl == null) {
                    throw new IllegalStateException("MAIL_QUEUE_URL is not set");
                }
                if (queue == null) {
                    queue = new SqsMailQueue(AwsClients.build(SqsClient.builder(), aws), queueUrl);
                }
                queue.enqueue(jobs);
            }
        };
    }

    @Override
    public void enqueue(List<MailJob> jobs) {
        for (int from = 0; from < jobs.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<MailJob> batch = jobs.subList(from, Math.min(jobs.size(), from + BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(Json.write(batch.get(i)))
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " mail jobs: "
                        + response.failed().get(0).message());
            }
        }
    }
}
