package newsroom.aws;

import java.time.Duration;
import newsroom.config.AwsSettings;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds SDK clients the one way this project wants them: the URL-connection HTTP client (small and
 * quick to start, and shared), explicit region and credentials, and the emulator's endpoint when
 * one is set. Each function builds its clients once, in its constructor.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsSettings settings) {
        builder.httpClient(httpClient())
                .region(settings.region())
                .credentialsProvider(settings.credentials());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * One HTTP client for every SDK client in the process: each new one would set up its own TLS
     * context (the trust store read and parsed again), which was a tenth of a function's cold start.
     * The URL-connection client keeps no per-service state, and the SDK never closes a client it
     * was given, so sharing it is safe.
     */
    private static SdkHttpClient httpClient() {
        return SharedHttpClient.INSTANCE;
    }

    /** Built on first use, not when this class loads. */
    private static final class SharedHttpClient {
        static final SdkHttpClient INSTANCE = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
    }
}
