package newsroom.config;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;

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

    /** Just the two sources Lambda uses, not the SDK's whole default chain (profiles, SSO, instance metadata). */
    static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
    }
}
