package newsroom.local.emulator;

import java.net.URI;
import java.util.Map;

/**
 * Picks the AWS endpoint, in this order: {@code AWS_ENDPOINT_URL} if set; a LocalStack container
 * when Docker runs; otherwise MiniStack, installed and started by the project itself.
 */
public final class Emulators {
    private Emulators() {
    }

    public static Emulator start() {
        return start(System.getenv());
    }

    static Emulator start(Map<String, String> env) {
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            return new ExternalEmulator(URI.create(endpoint));
        }
        if (!"false".equalsIgnoreCase(env.get("NEWSROOM_USE_DOCKER")) && LocalStackEmulator.dockerAvailable()) {
            return LocalStackEmulator.start(env.getOrDefault(LocalStackEmulator.IMAGE_VARIABLE,
                    LocalStackEmulator.DEFAULT_IMAGE));
        }
        return MiniStack.start();
    }
}
