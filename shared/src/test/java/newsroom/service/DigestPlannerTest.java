package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.domain.ContactStatus;
import newsroom.domain.DigestFrequency;
import newsroom.domain.DigestSchedule;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.TestClock;
import newsroom.service.port.DigestRuns;
import newsroom.service.port.MailQueue;
import org.junit.jupiter.api.Test;

class DigestPlannerTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Tuesday 1 December 2026, 08:40 (GMT). */
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:40:00Z"));
    private final InMemoryContactRepository contacts = new InMemoryContactRepository();
    private final List<MailJob> queued = new ArrayList<>();
    private int failAfter = Integer.MAX_VALUE;

    /** Runs as the table keeps them: a claim, taken over after its lease, and the planned mark. */
    private final DigestRuns runs = new DigestRuns() {
        private final Map<String, Instant> claimed = new HashMap<>();
        private final Map<String, Boolean> planned = new HashMap<>();

        @Override
        public synchronized boolean claim(String periodKey, Instant now, Duration lease) {
            if (planned.getOrDefault(periodKey, false)) {
                return false;
            }
            Instant at = claimed.get(periodKey);
            if (at != null && at.plus(lease).isAfter(now)) {
                return false;
            }
            claimed.put(periodKey, now);
            return true;
        }

        @Override
        public synchronized void planned(String periodKey, int jobs, Instant now) {
            planned.put(periodKey, true);
        }
    };

    private final MailQueue queue = jobs -> {
        if (queued.size() + jobs.size() > failAfter) {
            throw new IllegalStateException("the run died");
        }
        queued.addAll(jobs);
    };

    private final DigestPlanner planner = new DigestPlanner(DigestSchedule.defaults(LONDON), contacts, runs, queue,
            clock);

    private void subscriber(String id, DigestFrequency frequency) {
        Instant joined = Instant.parse("2026-11-20T10:00:00Z");
        contacts.create(new MediaContact(id, id + "@paper.example", id, null, null, Set.of("*"), false,
                ContactStatus.ACTIVE, "test", joined, joined, 1, frequency));
    }

    @Test
    void eachPeriodIsPlannedOnceAndARunThatDiedIsTakenOverAfterItsLease() {
        for (int i = 0; i < 250; i++) {
            subscriber(String.format("daily-%03d", i), DigestFrequency.DAILY);
        }
        subscriber("weekly-1", DigestFrequency.WEEKLY);
        subscriber("now-1", DigestFrequency.IMMEDIATE);
        failAfter = 150; // the first run dies halfway through a period
        assertThrows(IllegalStateException.class, planner::run);
        failAfter = Integer.MAX_VALUE;
        List<String> died = queued.stream().map(MailJob::releaseId).distinct().toList();
        String halfway = died.get(died.size() - 1);
        planner.run();
        long afterSecondRun = queued.stream().filter(j -> j.releaseId().equals(halfway)).count();
        assertTrue(afterSecondRun < 250, "within its lease the half-planned period is left alone");
        clock.advance(Duration.ofMinutes(6));
        planner.run();
        assertEquals(250, queued.stream().filter(j -> j.releaseId().equals(halfway)).map(MailJob::contactId)
                .distinct().count(), "taken over after the lease, and planned in full");
        assertEquals(0, planner.run(), "each period planned once");
        // Every daily subscriber has a job for today's period (some twice: the sender's claim sends one).
        long today = queued.stream().filter(j -> j.releaseId().equals("digest-daily-2026-12-01")).map(MailJob::contactId)
                .distinct().count();
        assertEquals(250, today);
        assertTrue(queued.stream().noneMatch(j -> j.contactId().equals("now-1")), "immediate subscribers get none");
        assertTrue(queued.stream().filter(j -> j.contactId().equals("weekly-1")).allMatch(j -> j.releaseId()
                .startsWith("digest-weekly-")), "weekly subscribers only weekly ones");
    }
}
