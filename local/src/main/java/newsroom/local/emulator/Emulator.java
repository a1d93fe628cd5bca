package newsroom.local.emulator;

import java.net.URI;
import java.util.List;

/** A running AWS emulator (or AWS itself) that the SDK clients talk to. */
public interface Emulator extends AutoCloseable {

    /** The endpoint every SDK client is pointed at. */
    URI endpoint();

    /** A short name for logs: "MiniStack 1.5.33 on port 45123". */
    String description();

    /** Wipes all state, so that a test class starts from nothing. */
    void reset();

    /** The emails SES has accepted, oldest first, as the emulator lists them. */
    List<SentEmail> sentEmails();

    @Override
    void close();
}
