package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DigestSchedule;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;
import newsroom.log.JsonLog;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.DigestRuns;
import newsroom.service.port.MailQueue;

/**
 * The digest run, every minute from the sweeper: for each period whose time has come (and the
 * few before it, so a missed day is caught up), one run queues one digest job per subscriber of
 * that frequency, on the digest queue, which the mail senders serve only while no release email
 * waits. A run that dies halfway is taken over after its lease and queues every job again; the
 * sender's claim on (period, subscriber) makes each digest go once all the same.
 */
public final class DigestPlanner {
    private static final JsonLog LOG = JsonLog.of(DigestPlanner.class);
    static final int CATCH_UP_DAYS = 3;
    static final int CATCH_UP_WEEKS = 1;
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int PAGE = 100;

    private final DigestSchedule schedule;
    private final ContactRepository contacts;
    private final DigestRuns runs;
    private final MailQueue digestQueue;
    private final Clock clock;

    public DigestPlanner(DigestSchedule schedule, ContactRepository contacts, DigestRuns runs, MailQueue digestQueue,
                         Clock clock) {
        this.schedule = schedule;
        this.contacts = contacts;
        this.runs = runs;
        this.digestQueue = digestQueue;
        this.clock = clock;
    }

    /** Queues the digests of every period that may go now and was not yet planned; returns the jobs queued. */
    public int run() {
        Instant now = clock.instant();
        int queued = 0;
        for (DigestSchedule.Period period : schedule.sendable(now, CATCH_UP_DAYS, CATCH_UP_WEEKS)) {
            if (!runs.claim(period.key(), now, LEASE)) {
                continue;
            }
            int jobs = plan(period);
            runs.planned(period.key(), jobs, clock.instant());
            LOG.info("digest period planned", "period", period.key(), "jobs", jobs);
            queued += jobs;
        }
        return queued;
    }

    private int plan(DigestSchedule.Period period) {
        int jobs = 0;
        String cursor = null;
        do {
            Page<MediaContact> page = contacts.digestSubscribers(period.frequency(), PAGE, cursor);
            List<MailJob> batch = new ArrayList<>();
            for (MediaContact contact : page.items()) {
                // Only those who were subscribed by the end of the period; the sender checks the rest.
                Instant since = contact.consentAt() != null ? contact.consentAt() : contact.createdAt();
                if (since == null || since.isBefore(period.end())) {
                    batch.add(new MailJob(period.key(), contact.id(), DeliveryKind.DIGEST));
                }
            }
            digestQueue.enqueue(batch);
            jobs += batch.size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return jobs;
    }
}
