package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import newsroom.domain.ConfirmationRequiredException;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.LegalFlags;
import newsroom.domain.Release;
import newsroom.domain.ReleaseFlag;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseWorkflow;
import newsroom.domain.Scope;
import newsroom.fakes.InMemoryAccessLog;
import newsroom.fakes.InMemoryLegalReviewRepository;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.RecordingMailer;
import newsroom.fakes.Samples;
import newsroom.fakes.TestClock;
import newsroom.render.Email;
import org.junit.jupiter.api.Test;

class LegalReviewsTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Monday 30 November 2026, 07:00 in London. */
    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T07:00:00Z"));
    private final InMemoryReleaseRepository releases = new InMemoryReleaseRepository(LONDON);
    private final InMemoryLegalReviewRepository reviews = new InMemoryLegalReviewRepository();
    private final InMemoryAccessLog accessLog = new InMemoryAccessLog();
    private final ReleaseService releaseService = new ReleaseService(releases,
            new ReleaseWorkflow(new ReleaseRules(Samples.CATEGORIES), false), clock, accessLog);
    private final LegalReviews legal = new LegalReviews(LegalFlags.defaults(), reviews, releases, releaseService,
            LONDON, clock);
    private final RecordingMailer mailer = new RecordingMailer();
    private final ReviewReminders reminders = new ReviewReminders(legal, reviews, mailer,
            List.of("duty.publisher@force.police.uk"), "https://news.example/desk/", "Example Police", LONDON,
            java.time.LocalTime.of(8, 0), Duration.ofMinutes(5), clock);
    private final Actor publisher = new Actor("pat@force.police.uk", Set.of(Scope.PUBLISHER));

    private Release published(String id, String author) {
        Release sample = Samples.published(id, "Missing: " + id, "Appeals", clock.instant().minusSeconds(3600));
        Release release = new Release(sample.id(), sample.slug(), sample.title(), sample.summary(), sample.body(),
                sample.category(), sample.tags(), sample.contact(), null, List.of(), ReleaseStatus.PUBLISHED, author,
                sample.createdAt(), sample.updatedAt(), sample.publishedAt(), null, List.of(), null, 1);
        releases.create(release);
        return release;
    }

    @Test
    void aFlagWithoutADateIsDueAfterItsConfiguredPeriodAndUnknownFlagsOrPastDatesAreRefused() {
        published("r1", "sam@force.police.uk");
        List<ReleaseFlag> set = legal.setFlags("r1", List.of(new LegalReviews.FlagRequest("missing-person", null)),
                "sam@force.police.uk");
        assertEquals(LocalDate.of(2026, 12, 7), set.get(0).reviewOn(), "missing person: 7 days");
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> legal.setFlags("r1",
                List.of(new LegalReviews.FlagRequest("names-a-cat", null),
                        new LegalReviews.FlagRequest("names-victim", LocalDate.of(2026, 11, 30)),
                        new LegalReviews.FlagRequest("missing-person", null),
                        new LegalReviews.FlagRequest("missing-person", null)), "sam"));
        assertEquals(List.of("flags[0].flag", "flags[1].reviewOn", "flags[3].flag"),
                refused.errors().stream().map(e -> e.field()).toList());
        assertEquals(1, legal.flagsOf("r1").size(), "nothing half-written");
    }

    @Test
    void publishingAFlagThatAsksForConfirmationNeedsItConfirmedAndTheConfirmationIsRecorded() {
        published("r1", "sam");
        legal.setFlags("r1", List.of(new LegalReviews.FlagRequest("court-case-active", null),
                new LegalReviews.FlagRequest("missing-person", null)), "sam");
        ConfirmationRequiredException asked = assertThrows(ConfirmationRequiredException.class,
                () -> legal.confirmPublishing("r1", List.of(), "pat"));
        assertEquals(List.of("court-case-active"), asked.flags());
        legal.confirmPublishing("r1", List.of("court-case-active"), "pat");
        assertTrue(accessLog.entries("r1").stream().anyMatch(e -> e.action().equals("confirmed flags before publishing")
                && e.who().equals("pat") && e.detail().equals("court-case-active")));
    }

    @Test
    void eachReviewIsRemindedOfOnceToEachPersonAtMostOneEmailADayAndAMissedDayIsCaughtUp() {
        published("r1", "sam@force.police.uk");
        published("r2", "jo"); // not an address: only the publishers are told
        legal.setFlags("r1", List.of(new LegalReviews.FlagRequest("missing-person", null)), "sam");
        legal.setFlags("r2", List.of(new LegalReviews.FlagRequest("names-suspect", LocalDate.of(2026, 12, 8))), "jo");

        clock.advance(Duration.ofDays(7)); // Monday 7 December, 07:00: before the reminder time
        assertEquals(0, reminders.run());
        clock.advance(Duration.ofMinutes(90));
        assertEquals(2, reminders.run(), "the author and the publisher");
        assertEquals(0, reminders.run(), "a second tick the same day sends nothing");
        assertEquals(1, mailer.sentTo("sam@force.police.uk").size());
        assertTrue(mailer.sentTo("sam@force.police.uk").get(0).text().contains("Missing: r1"));

        // No tick on Tuesday; Wednesday's catches r2 up, and says nothing more of r1.
        clock.advance(Duration.ofDays(2));
        assertEquals(1, reminders.run());
        List<Email> publisherMail = mailer.sentTo("duty.publisher@force.police.uk");
        assertEquals(2, publisherMail.size());
        assertTrue(publisherMail.get(1).text().contains("Missing: r2"));
        assertTrue(!publisherMail.get(1).text().contains("Missing: r1"), publisherMail.get(1).text());
        assertEquals(2, legal.due(10).size(), "both still due until decided");
    }

    @Test
    void runsAtOnceSendOneEmailAndARunThatDiedBeforeSendingIsSentAgainAfterItsLease() throws Exception {
        published("r1", "sam@force.police.uk");
        legal.setFlags("r1", List.of(new LegalReviews.FlagRequest("missing-person", null)), "sam");
        clock.advance(Duration.ofDays(7).plusHours(2));
        mailer.refuse(email -> true);
        assertEquals(0, reminders.run(), "claimed, then the send failed");
        mailer.refuse(email -> false);
        assertEquals(0, reminders.run(), "within the lease another run is taken to be sending");
        clock.advance(Duration.ofMinutes(6));
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> sent.addAndGet(reminders.run()));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(2, sent.get(), "one to the author, one to the publisher, whichever run sent them");
        assertEquals(1, mailer.sentTo("sam@force.police.uk").size());
    }

    @Test
    void aReviewEndsInKeepWithANewDateOrWithdrawAndEachDecisionIsInTheRecord() {
        Release release = published("r1", "sam");
        legal.setFlags("r1", List.of(new LegalReviews.FlagRequest("missing-person", null),
                new LegalReviews.FlagRequest("images-of-people", null)), "sam");
        clock.advance(Duration.ofDays(8));
        assertEquals(1, legal.due(10).size());
        assertThrows(InvalidRequestException.class, () -> legal.review("r1", new LegalReviews.ReviewRequest(
                "missing-person", LegalReviews.Decision.KEEP, null, null, null, null, null), publisher));
        legal.review("r1", new LegalReviews.ReviewRequest("missing-person", LegalReviews.Decision.KEEP,
                LocalDate.of(2026, 12, 15), "Still missing", null, null, null), publisher);
        assertEquals(0, legal.due(10).size());
        LegalReviews.Reviewed withdrawn = legal.review("r1", new LegalReviews.ReviewRequest("images-of-people",
                LegalReviews.Decision.WITHDRAW, null, null, "Found safe and well", null, release.version()), publisher);
        assertEquals(ReleaseStatus.WITHDRAWN, withdrawn.release().status());
        assertEquals(List.of(), legal.flagsOf("r1"));
        List<String> actions = accessLog.entries("r1").stream().map(e -> e.action() + ": " + e.detail()).toList();
        assertTrue(actions.contains("reviewed: missing-person (due 2026-12-07): keep, next review 2026-12-15 — Still missing"),
                actions.toString());
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("withdrew: Found safe")), actions.toString());
    }
}
