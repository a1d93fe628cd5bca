package newsroom.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;

/** Invalidation requests: exact paths only, and retried while CloudFront is busy. Unit (a stand-in client). */
class CloudFrontCdnTest {

    /** A CloudFront client that refuses the first {@code busy} requests, and records what it was asked. */
    private static CloudFrontClient client(int busy, List<CreateInvalidationRequest> seen) {
        int[] calls = {0};
        return (CloudFrontClient) Proxy.newProxyInstance(CloudFrontClient.class.getClassLoader(),
                new Class<?>[] {CloudFrontClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("createInvalidation")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    Consumer<CreateInvalidationRequest.Builder> consumer = (Consumer<CreateInvalidationRequest.Builder>) args[0];
                    CreateInvalidationRequest.Builder builder = CreateInvalidationRequest.builder();
                    consumer.accept(builder);
                    seen.add(builder.build());
                    if (calls[0]++ < busy) {
                        throw TooManyInvalidationsInProgressException.builder().statusCode(400).message("busy").build();
                    }
                    return CreateInvalidationResponse.builder().build();
                });
    }

    @Test
    void retriesWhileThrottledThenSendsOneBatch() {
        List<CreateInvalidationRequest> seen = new ArrayList<>();
        new CloudFrontCdn(client(2, seen), "DIST", Duration.ofMillis(1)).invalidate(List.of("/a/index.html", "/b.xml"), "r1");
        assertEquals(3, seen.size());
        assertEquals(List.of("/a/index.html", "/b.xml"), seen.get(2).invalidationBatch().paths().items());
        assertEquals("DIST", seen.get(2).distributionId());
    }

    @Test
    void givesUpAfterItsAttempts() {
        List<CreateInvalidationRequest> seen = new ArrayList<>();
        CloudFrontCdn cdn = new CloudFrontCdn(client(100, seen), "DIST", Duration.ofMillis(1));
        assertThrows(TooManyInvalidationsInProgressException.class, () -> cdn.invalidate(List.of("/x"), "r2"));
        assertEquals(CloudFrontCdn.MAX_ATTEMPTS, seen.size());
    }

    @Test
    void neverAWildcard() {
        CloudFrontCdn cdn = new CloudFrontCdn(client(0, new ArrayList<>()), "DIST", Duration.ofMillis(1));
        assertThrows(IllegalArgumentException.class, () -> cdn.invalidate(List.of("/*"), "r3"));
    }
}
