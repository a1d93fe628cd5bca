package newsroom.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import newsroom.service.port.Cdn;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The CDN as the site functions see it: the changed paths go onto the invalidation queue, and the
 * CDN invalidator (its own small function, the only one with a CloudFront client) tells
 * CloudFront. Publishing never waits on, or is throttled by, CloudFront, and the site functions
 * carry neither its SDK model nor its permission.
 */
public final class SqsInvalidationQueue implements Cdn {
    /** Well under SQS's 256 KiB message limit, whatever the paths. */
    static final int MAX_MESSAGE_BYTES = 200 * 1024;
    /** As many paths as one CloudFront invalidation may carry stays far below this. */
    static final int MAX_PATHS_PER_MESSAGE = 1000;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsInvalidationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void invalidate(List<String> paths, String reference) {
        for (String path : paths) {
            Cdn.checkExact(path);
        }
        List<List<String>> parts = parts(paths);
        for (int i = 0; i < parts.size(); i++) {
            String partReference = parts.size() == 1 ? reference : reference + "-" + (i + 1);
            String body = InvalidationMessage.write(new InvalidationMessage(partReference, parts.get(i)));
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
        }
    }

    /** The paths in messages that each fit SQS's limit. */
    static List<List<String>> parts(List<String> paths) {
        List<List<String>> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int bytes = 0;
        for (String path : paths) {
            int size = path.getBytes(StandardCharsets.UTF_8).length + 4;
            if (!current.isEmpty() && (current.size() == MAX_PATHS_PER_MESSAGE || bytes + size > MAX_MESSAGE_BYTES)) {
                parts.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(path);
            bytes += size;
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }
}
