package newsroom.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.Lazy;

/**
 * Where and as whom the SDK clients talk to AWS. In Lambda the credentials come from the
 * function's environment: access-key variables normally, but the container credentials endpoint
 * when SnapStart is on (a snapshot must not hold keys, so Lambda does not set them). Locally they
 * are the emulator's fixed test keys.
 */
public record AwsSettings(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {

    public static AwsSettings from(EnvVars env) {
        return new AwsSettings(
                Region.of(env.orDefault(EnvVars.AWS_REGION, "eu-west-2")),
                env.optional(EnvVars.AWS_ENDPOINT_URL).map(URI::create),
                lambdaCredentials());
    }

    /**
     * Just the two sources Lambda uses, not the SDK's whole default chain (profiles, SSO, instance
     * metadata). The container provider is built the first time the keys are not in the
     * environment: building it cost every cold start about 23 ms of CPU (benchmark 5's profile),
     * and without SnapStart it is never asked.
     */
    static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                new OnFirstUse(() -> ContainerCredentialsProvider.builder().build()));
    }

    /** A credentials provider built when it is first asked, then kept (the SDK's own {@link Lazy}). */
    static final class OnFirstUse implements AwsCredentialsProvider {
        private final Lazy<AwsCredentialsProvider> provider;

        OnFirstUse(Supplier<AwsCredentialsProvider> build) {
            this.provider = new Lazy<>(build);
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return provider.getValue().resolveCredentials();
        }
    }
}
