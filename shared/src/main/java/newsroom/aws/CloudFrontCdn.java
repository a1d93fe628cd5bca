package newsroom.aws;

import java.time.Duration;
import java.util.List;
import newsroom.log.JsonLog;
import newsroom.service.port.Cdn;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;

/**
 * CloudFront invalidations: exactly the changed paths (never "/*"), one request per change, retried
 * with growing pauses when CloudFront throttles or has too many invalidations in progress.
 */
public final class CloudFrontCdn implements Cdn {
    private static final JsonLog LOG = JsonLog.of(CloudFrontCdn.class);
    static final int MAX_ATTEMPTS = 6;

    private final CloudFrontClient cloudFront;
    private final String distributionId;
    private final Duration firstPause;

    public CloudFrontCdn(CloudFrontClient cloudFront, String distributionId) {
        this(cloudFront, distributionId, Duration.ofMillis(500));
    }

    CloudFrontCdn(CloudFrontClient cloudFront, String distributionId, Duration firstPause) {
        this.cloudFront = cloudFront;
        this.distributionId = distributionId;
        this.firstPause = firstPause;
    }

    @Override
    public void invalidate(List<String> paths, String reference) {
        if (paths.isEmpty()) {
            return;
        }
        for (String path : paths) {
            Cdn.checkExact(path);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                cloudFront.createInvalidation(r -> r.distributionId(distributionId).invalidationBatch(b -> b
                        .callerReference(reference)
                        .paths(p -> p.quantity(paths.size()).items(paths))));
                return;
            } catch (CloudFrontException e) {
                boolean retryable = e instanceof TooManyInvalidationsInProgressException
                        || e.statusCode() == 429 || e.statusCode() >= 500 || e.isThrottlingException();
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                long pause = firstPause.toMillis() << (attempt - 1);
                LOG.warn("CDN invalidation throttled; retrying", "attempt", attempt, "pauseMillis", pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
