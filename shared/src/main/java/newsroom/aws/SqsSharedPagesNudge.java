package newsroom.aws;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import newsroom.service.port.SharedPagesNudge;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A nudge is a message on each renderer's queue (the lists' and the search index's); what it
 * asks is in the render queues' marks.
 */
public final class SqsSharedPagesNudge implements SharedPagesNudge {
    private final SqsClient sqs;
    private final List<String> queueUrls;

    /** The queues to nudge; a null one (not configured) is left out. */
    public SqsSharedPagesNudge(SqsClient sqs, String... queueUrls) {
        this.sqs = sqs;
        this.queueUrls = Arrays.stream(queueUrls).filter(Objects::nonNull).toList();
    }

    @Override
    public void nudge() {
        for (String queueUrl : queueUrls) {
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody("{\"render\": \"marked\"}"));
        }
    }
}
