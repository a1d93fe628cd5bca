package newsroom.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in a container, through Testcontainers, when a Docker engine is running. Images after
 * 4.14.0 need {@code LOCALSTACK_AUTH_TOKEN}, which is passed through when set.
 */
public final class LocalStackEmulator implements Emulator {
    public static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    public static final String IMAGE_VARIABLE = "NEWSROOM_LOCALSTACK_IMAGE";

    private final LocalStackContainer container;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    /** Whether a Docker engine answers; false (quickly and quietly) when there is only a client or none. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static LocalStackEmulator start(String image) {
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack");
        LocalStackContainer container = new LocalStackContainer(name)
                .withServices("dynamodb", "dynamodbstreams", "s3", "sqs", "ses", "cloudfront", "sns");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        return new LocalStackEmulator(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public String description() {
        return "LocalStack (" + container.getDockerImageName() + ") at " + endpoint();
    }

    @Override
    public void reset() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint().resolve("/_localstack/state/reset"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset LocalStack", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public List<SentEmail> sentEmails() {
        return SesMessages.fetch(endpoint().resolve("/_aws/ses"));
    }

    @Override
    public void close() {
        container.stop();
    }
}
