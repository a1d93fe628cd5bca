package newsroom.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import newsroom.config.AwsSettings;
import newsroom.service.KeyRing;
import newsroom.service.port.SigningKeys;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The link-signing keys from a Secrets Manager secret, read on first use (not at start-up: most
 * requests sign nothing) and again every few minutes, so a rotation reaches every running instance
 * without a deployment. A link signed with a key this instance has not seen yet makes it look again
 * at once, but not more than twice a minute: a stream of forged key ids cannot turn into a stream
 * of Secrets Manager calls.
 */
public final class SecretsManagerSigningKeys implements SigningKeys {
    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration UNKNOWN_KEY_RECHECK = Duration.ofSeconds(30);

    private final Supplier<SecretsManagerClient> clientFactory;
    private final String secretId;
    private final Clock clock;
    private SecretsManagerClient client;
    private KeyRing ring;
    private Instant readAt = Instant.MIN;

    public SecretsManagerSigningKeys(SecretsManagerClient client, String secretId, Clock clock) {
        this(() -> client, secretId, clock);
    }

    private SecretsManagerSigningKeys(Supplier<SecretsManagerClient> clientFactory, String secretId, Clock clock) {
        this.clientFactory = clientFactory;
        this.secretId = secretId;
        this.clock = clock;
    }

    /** The client is built on first use too: a function that never signs a link never pays for it. */
    public static SigningKeys lazy(AwsSettings aws, String secretId, Clock clock) {
        return new SecretsManagerSigningKeys(() -> AwsClients.build(SecretsManagerClient.builder(), aws), secretId,
                clock);
    }

    @Override
    public synchronized KeyRing ring() {
        if (ring == null || olderThan(REFRESH)) {
            read();
        }
        return ring;
    }

    @Override
    public synchronized Optional<KeyRing.Key> find(String id) {
        Optional<KeyRing.Key> key = ring().find(id);
        if (key.isEmpty() && olderThan(UNKNOWN_KEY_RECHECK)) {
            read();
            key = ring.find(id);
        }
        return key;
    }

    private boolean olderThan(Duration age) {
        return readAt.plus(age).isBefore(clock.instant());
    }

    private void read() {
        if (client == null) {
            client = clientFactory.get();
        }
        ring = KeyRing.parse(client.getSecretValue(r -> r.secretId(secretId)).secretString());
        readAt = clock.instant();
    }
}
