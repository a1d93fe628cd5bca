package newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.log.JsonLog;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does: receives batches, hands them to the handler as an
 * {@link SQSEvent}, deletes the messages that succeeded and leaves reported failures for the queue
 * to redeliver after their visibility timeout.
 *
 * <p>A mapping with a batch size above SQS's 10 a receive gathers several receives into one
 * batch, within its batching window, as Lambda does; unlike Lambda it stops early when a receive
 * comes back short (the queue has no more), so a lone message is not held for the window.
 */
final class QueuePoller implements Runnable {
    private static final JsonLog LOG = JsonLog.of(QueuePoller.class);
    static final int BATCH_SIZE = 10;
    /** SQS's most messages a receive, and a delete batch. */
    private static final int RECEIVE_MAX = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final long windowNanos;
    private volatile boolean running = true;

    QueuePoller(SqsClient sqs, String queueUrl, String queueArn, String region,
                RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this(sqs, queueUrl, queueArn, region, handler, BATCH_SIZE, java.time.Duration.ZERO);
    }

    /** With the mapping's BatchSize and MaximumBatchingWindowInSeconds. */
    QueuePoller(SqsClient sqs, String queueUrl, String queueArn, String region,
                RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize, java.time.Duration window) {
        this.batchSize = Math.max(1, batchSize);
        this.windowNanos = window.toNanos();
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.handler = handler;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                List<Message> messages = receive();
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("queue poll failed", e, "queueUrl", queueUrl);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private List<Message> receive() {
        List<Message> batch = new java.util.ArrayList<>(receive(1));
        long until = System.nanoTime() + windowNanos;
        while (batch.size() < batchSize && batch.size() % RECEIVE_MAX == 0 && !batch.isEmpty()
                && System.nanoTime() < until) {
            List<Message> more = receive(0);
            batch.addAll(more);
            if (more.isEmpty()) {
                break;
            }
        }
        return batch;
    }

    private List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(RECEIVE_MAX, batchSize)).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private void deliver(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::toRecord).toList());
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = handler.handleRequest(event, null);
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException | Error e) {
            // A handler that throws (or whose runtime dies) fails the whole batch, as in Lambda:
            // every message returns to the queue after its visibility timeout.
            LOG.error("mail batch failed", e);
            return;
        }
        // As Lambda does: the messages that went well are deleted in batches.
        List<Message> done = messages.stream().filter(m -> !failed.contains(m.messageId())).toList();
        for (int from = 0; from < done.size(); from += RECEIVE_MAX) {
            List<DeleteMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
            for (int i = from; i < Math.min(done.size(), from + RECEIVE_MAX); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(done.get(i).receiptHandle()).build());
            }
            var response = sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                // Not deleted: the queue delivers them again, and the handler finds them done.
                LOG.warn("could not delete some handled messages", "queueUrl", queueUrl,
                        "failed", response.failed().size());
            }
        }
    }

    private SQSEvent.SQSMessage toRecord(Message m) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        record.setMd5OfBody(m.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        m.attributesAsStrings().forEach(attributes::put);
        record.setAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }
}
