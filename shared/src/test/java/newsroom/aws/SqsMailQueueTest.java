package newsroom.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.json.Json;
import org.junit.jupiter.api.Test;

class SqsMailQueueTest {
    /** The notifier's messages, written without the object mapping, are the mapper's text, and read back whole. */
    @Test
    void aMessageOfJobsIsWhatTheMapperWrites() {
        List<MailJob> jobs = new ArrayList<>();
        for (DeliveryKind kind : DeliveryKind.values()) {
            jobs.add(new MailJob("r-" + kind, "c-\"quoted\"", kind, kind.ordinal()));
        }
        jobs.add(new MailJob(null, "c1", DeliveryKind.PUBLISHED));
        jobs.add(new MailJob("r1", null, DeliveryKind.UPDATED, 7));
        assertEquals(Json.write(jobs), SqsMailQueue.body(jobs));
        assertEquals(Json.write(jobs.get(0)), SqsMailQueue.body(jobs.subList(0, 1)));
        assertEquals(jobs, SqsMailQueue.jobsIn(SqsMailQueue.body(jobs)));
        assertEquals(jobs.subList(2, 3), SqsMailQueue.jobsIn(SqsMailQueue.body(jobs.subList(2, 3))));
    }
}
