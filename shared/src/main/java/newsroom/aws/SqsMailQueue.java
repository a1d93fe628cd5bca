package newsroom.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.domain.SafeText;
import newsroom.json.Json;
import newsroom.json.LightJson;
import newsroom.service.AtOnce;
import newsroom.service.port.MailQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The mail queue in SQS. A message carries up to ten jobs (a JSON array; a lone job is a JSON
 * object, as before), ten messages go in a request, and several requests at once: a release to
 * 10,000 contacts is 100 requests and 1,000 messages. Each job is still claimed on its own by the
 * sender, so a message that comes back for one job finds the others done. A confirmation carries
 * its composed email and goes alone. Any entry SQS refuses fails the whole call so it is retried.
 */
public final class SqsMailQueue implements MailQueue {
    /** Messages a request (SQS's limit). */
    private static final int BATCH = 10;
    /** Jobs a message: the mail sender's batch size times this is the most jobs one sender takes at once. */
    public static final int JOBS_PER_MESSAGE = 10;
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
        List<String> bodies = new ArrayList<>();
        List<MailJob> packed = new ArrayList<>();
        for (MailJob job : jobs) {
            if (job.email() != null) {
                bodies.add(Json.write(job));
                continue;
            }
            packed.add(job);
            if (packed.size() == JOBS_PER_MESSAGE) {
                bodies.add(body(packed));
                packed.clear();
            }
        }
        if (!packed.isEmpty()) {
            bodies.add(body(packed));
        }
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += BATCH) {
            batches.add(bodies.subList(from, Math.min(bodies.size(), from + BATCH)));
        }
        AtOnce.each(POOL, batches, this::send);
    }

    /**
     * A message of jobs without an email: what the media notifier queues, written with jackson-core
     * alone (LightJson), the same text as the mapper writes (SqsMailQueueTest).
     */
    static String body(List<MailJob> jobs) {
        return LightJson.value(json -> {
            if (jobs.size() == 1) {
                job(json, jobs.get(0));
                return;
            }
            json.writeStartArray();
            for (MailJob job : jobs) {
                job(json, job);
            }
            json.writeEndArray();
        });
    }

    private static void job(JsonGenerator json, MailJob job) throws IOException {
        if (job.email() != null) {
            throw new IllegalArgumentException("a job with an email goes in a message of its own");
        }
        json.writeStartObject();
        if (job.releaseId() != null) {
            json.writeStringField("releaseId", job.releaseId());
        }
        if (job.contactId() != null) {
            json.writeStringField("contactId", job.contactId());
        }
        if (job.kind() != null) {
            json.writeStringField("kind", job.kind().name());
        }
        json.writeNumberField("sequence", job.sequence());
        json.writeEndObject();
    }

    /**
     * The jobs a message carries: one job (a JSON object) or several (an array).
     *
     * @throws IllegalArgumentException when it is neither (the message then fails towards the DLQ)
     */
    public static List<MailJob> jobsIn(String body) {
        String trimmed = body == null ? "" : body.strip();
        List<MailJob> plain = plainJobs(trimmed);
        if (plain != null) {
            return plain;
        }
        List<MailJob> jobs = trimmed.startsWith("[")
                ? java.util.Arrays.asList(Json.read(trimmed, MailJob[].class))
                : java.util.Collections.singletonList(Json.read(trimmed, MailJob.class));
        if (jobs.contains(null)) {
            throw new IllegalArgumentException("a mail message with an empty job");
        }
        return List.copyOf(jobs);
    }

    /**
     * The jobs the media notifier and the digests queue (no email: {@link #body}), read with
     * jackson-core alone: the mail sender's first request then does not start the object mapping
     * (about 100 ms of a cold start). Null for anything else, a confirmation's email or a body
     * that may be malformed, which the mapper then reads, or refuses, as it always has.
     */
    static List<MailJob> plainJobs(String body) {
        // Strict: a field twice throws, and the mapper then judges the body.
        try (JsonParser parser = LightJson.parser(body)) {
            JsonToken first = parser.nextToken();
            List<MailJob> jobs = new ArrayList<>();
            if (first == JsonToken.START_OBJECT) {
                MailJob job = plainJob(parser);
                if (job == null) {
                    return null;
                }
                jobs.add(job);
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    MailJob job = plainJob(parser);
                    if (job == null) {
                        return null;
                    }
                    jobs.add(job);
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    return null;
                }
            } else {
                return null;
            }
            return parser.nextToken() == null ? List.copyOf(jobs) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One job's fields, the parser on its START_OBJECT; null at anything the mapper should judge. */
    private static MailJob plainJob(JsonParser parser) throws IOException {
        String releaseId = null;
        String contactId = null;
        DeliveryKind kind = null;
        int sequence = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("sequence")) {
                if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                    return null;
                }
                sequence = parser.getIntValue();
                continue;
            }
            String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (text == null || !SafeText.isSafe(text)) {
                return null;
            }
            switch (name) {
                case "releaseId" -> releaseId = text;
                case "contactId" -> contactId = text;
                case "kind" -> {
                    kind = kindNamed(text);
                    if (kind == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return parser.currentToken() == JsonToken.END_OBJECT ? new MailJob(releaseId, contactId, kind, sequence) : null;
    }

    private static DeliveryKind kindNamed(String name) {
        try {
            return DeliveryKind.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private void send(List<String> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(batch.get(i))
                    .build());
        }
        SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException("SQS refused " + response.failed().size() + " mail messages: "
                    + response.failed().get(0).message());
        }
    }
}
