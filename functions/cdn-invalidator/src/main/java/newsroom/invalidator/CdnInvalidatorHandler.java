package newsroom.invalidator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import newsroom.aws.AwsClients;
import newsroom.aws.CloudFrontCdn;
import newsroom.aws.InvalidationMessage;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.service.InvalidationBatches;
import newsroom.service.port.Cdn;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * Invalidation queue → CloudFront. The paths of a whole batch of messages go out in as few
 * requests as CloudFront allows; a request that fails fails the messages it carried, and SQS
 * hands them over again (after repeated failures, to the dead-letter queue and its alarm).
 */
public final class CdnInvalidatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.of(CdnInvalidatorHandler.class);

    private final Cdn cdn;

    public CdnInvalidatorHandler() {
        this(CdnInvalidatorConfig.from(EnvVars.fromSystem()));
    }

    private CdnInvalidatorHandler(CdnInvalidatorConfig config) {
        this(new CloudFrontCdn(AwsClients.build(CloudFrontClient.builder(), config.aws()), config.distributionId()));
    }

    public CdnInvalidatorHandler(Cdn cdn) {
        this.cdn = cdn;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Set<String> failed = new LinkedHashSet<>();
        List<InvalidationBatches.Queued> queued = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                InvalidationMessage invalidation = InvalidationMessage.read(message.getBody());
                for (String path : invalidation.paths()) {
                    Cdn.checkExact(path);
                }
                queued.add(new InvalidationBatches.Queued(message.getMessageId(), invalidation.paths()));
            } catch (RuntimeException e) {
                // Not one of ours: it can never succeed, so it goes the way of repeated failures.
                LOG.error("not an invalidation", e, "messageId", message.getMessageId());
                failed.add(message.getMessageId());
            }
        }
        for (InvalidationBatches.Request request : InvalidationBatches.plan(queued)) {
            try {
                cdn.invalidate(request.paths(), request.reference());
                LOG.info("invalidated", "paths", request.paths().size(), "messages", request.messageIds().size(),
                        "reference", request.reference());
            } catch (RuntimeException e) {
                LOG.error("could not invalidate; the messages stay on the queue", e,
                        "paths", request.paths().size(), "reference", request.reference());
                failed.addAll(request.messageIds());
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : failed) {
            failures.add(new SQSBatchResponse.BatchItemFailure(id));
        }
        return new SQSBatchResponse(failures);
    }
}
