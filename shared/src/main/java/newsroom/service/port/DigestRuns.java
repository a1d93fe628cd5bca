package newsroom.service.port;

import java.time.Duration;
import java.time.Instant;

/** Which digest periods have had their jobs queued: one run plans a period, once. */
public interface DigestRuns {

    /**
     * Takes the planning of a period: true for the one run that may plan it now. A run that
     * took it and did not finish within {@code lease} (it died) is taken over.
     */
    boolean claim(String periodKey, Instant now, Duration lease);

    /** Records a period as planned: every subscriber's job is on the queue. */
    void planned(String periodKey, int jobs, Instant now);
}
