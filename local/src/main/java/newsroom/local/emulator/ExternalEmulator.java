package newsroom.local.emulator;

import java.net.URI;
import java.util.List;

/**
 * An endpoint someone else runs, named by {@code AWS_ENDPOINT_URL}. This harness neither starts
 * nor stops it; reset and the mail list work when it is MiniStack (or speaks its admin API).
 */
public final class ExternalEmulator implements Emulator {
    private final URI endpoint;
    private final MiniStackAdmin admin;

    public ExternalEmulator(URI endpoint) {
        this.endpoint = endpoint;
        this.admin = new MiniStackAdmin(endpoint);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "the endpoint in AWS_ENDPOINT_URL, " + endpoint;
    }

    @Override
    public void reset() {
        admin.reset();
    }

    @Override
    public List<SentEmail> sentEmails() {
        return admin.sentEmails();
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
