package newsroom.aws;

import java.util.ArrayList;
import newsroom.service.AtOnce;
import java.util.List;
import newsroom.domain.MailJob;
import newsroom.json.Json;
import newsroom.service.port.MailQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The mail queue in SQS, ten jobs a request and several requests at once (a release to 10,000
 * contacts is 1,000 requests, which one after another would hold the senders back); any entry
 * SQS refuses fails the whole call so it is retried.
 */
public final class SqsMailQueue implements MailQueue {
    private static final int BATCH = 10;
    /** Requests in flight at once; the pool's threads are daemons, shared by every queue in the process. */
    private static final int AT_ONCE = 8;
    private static final java.util.concurrent.ExecutorService POOL = AtOnce.pool("mail-queue", AT_ONCE);

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
        List<List<MailJob>> batches = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += BATCH) {
            batches.add(jobs.subList(from, Math.min(jobs.size(), from + BATCH)));
        }
        AtOnce.each(POOL, batches, this::send);
    }

    private void send(List<MailJob> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
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
