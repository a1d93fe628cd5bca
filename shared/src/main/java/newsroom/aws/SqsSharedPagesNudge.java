package newsroom.aws;

import newsroom.service.port.SharedPagesNudge;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A nudge is a message on the shared pages' queue; what it asks is in the render queue's marks. */
public final class SqsSharedPagesNudge implements SharedPagesNudge {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSharedPagesNudge(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void nudge() {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody("{\"render\": \"marked\"}"));
    }
}
