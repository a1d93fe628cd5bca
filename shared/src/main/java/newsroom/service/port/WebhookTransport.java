package newsroom.service.port;

import java.net.URI;
import java.util.Map;

/** POSTs a signed webhook to an endpoint: never following a redirect, never to a private address. */
public interface WebhookTransport {

    /** What the endpoint answered. */
    record Answer(int status, long latencyMillis) {
    }

    /**
     * @throws Refused when the endpoint's address is not one we may call (checked after resolving it)
     * @throws java.io.IOException when it cannot be reached or does not answer in time
     */
    Answer post(URI url, Map<String, String> headers, String body) throws java.io.IOException;

    /** The endpoint's address is private, loopback, link-local or otherwise not public. */
    final class Refused extends java.io.IOException {
        public Refused(String message) {
            super(message);
        }
    }
}
