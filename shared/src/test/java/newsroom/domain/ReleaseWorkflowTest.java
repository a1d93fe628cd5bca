package newsroom.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The workflow's steps and refusals. Pure. */
class ReleaseWorkflowTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final ContactBlock CONTACT = new ContactBlock("Press office", "0800", null);
    private final ReleaseWorkflow workflow = new ReleaseWorkflow(new ReleaseRules(Categories.parse("Appeals")), false);
    private final ReleaseWorkflow twoPerson = new ReleaseWorkflow(new ReleaseRules(Categories.parse("Appeals")), true);

    private static Release draft(Instant embargo) {
        return new Release("r1", "slug", "Title", null, "Body", "Appeals", List.of(), CONTACT, null, List.of(),
                ReleaseStatus.DRAFT, "author", NOW, NOW, null, embargo, List.of(), null, 1);
    }

    private static ReleaseEdit edit(String body, String note, String type) {
        return new ReleaseEdit("Title", null, body, "Appeals", List.of(), CONTACT, null, null, note, type);
    }

    @Test
    void publishingADraftMakesItPublicNowAndCountsAVersion() {
        Release published = workflow.publish(draft(null), "publisher", NOW);
        assertEquals(ReleaseStatus.PUBLISHED, published.status());
        assertEquals(NOW, published.publishedAt());
        assertEquals(2, published.version());
        assertTrue(published.isPublicAt(NOW));
    }

    @Test
    void aFutureEmbargoSchedulesInsteadAndFixesThePublicationTime() {
        Instant embargo = NOW.plus(Duration.ofHours(3));
        Release scheduled = workflow.publish(draft(embargo), "publisher", NOW);
        assertEquals(ReleaseStatus.SCHEDULED, scheduled.status());
        assertEquals(embargo, scheduled.publishedAt());
        assertFalse(scheduled.isPublicAt(NOW));
        assertThrows(WorkflowException.class, () -> workflow.publishDue(scheduled, embargo.minusMillis(1)));
        Release due = workflow.publishDue(scheduled, embargo);
        assertEquals(ReleaseStatus.PUBLISHED, due.status());
        assertEquals(embargo, due.publishedAt(), "the URL fixed at scheduling stays");
    }

    @Test
    void neverPublicBeforeItsEmbargoWhateverTheTimes() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            Instant embargo = NOW.plusSeconds(random.nextInt(86_400) - 3_600);
            Release release = workflow.publish(draft(embargo), "publisher", NOW);
            Instant probe = NOW.plusSeconds(random.nextInt(90_000));
            if (release.isDueAt(probe)) {
                release = workflow.publishDue(release, probe);
            }
            assertEquals(!probe.isBefore(embargo), release.isPublicAt(probe),
                    "embargo " + embargo + ", probe " + probe);
        }
    }

    @Test
    void onlyADraftCanBePublished() {
        Release published = workflow.publish(draft(null), "publisher", NOW);
        assertThrows(WorkflowException.class, () -> workflow.publish(published, "publisher", NOW));
    }

    @Test
    void theTwoPersonRuleStopsAuthorsPublishingTheirOwnWork() {
        assertThrows(TwoPersonRuleException.class, () -> twoPerson.publish(draft(null), "author", NOW));
        assertEquals(ReleaseStatus.PUBLISHED, twoPerson.publish(draft(null), "someone else", NOW).status());
        assertEquals(ReleaseStatus.PUBLISHED, workflow.publish(draft(null), "author", NOW).status(), "off by default");
    }

    @Test
    void changingAPublishedReleaseNeedsANoteAndATypeAndKeepsHistory() {
        Release published = workflow.publish(draft(null), "publisher", NOW);
        InvalidRequestException missing = assertThrows(InvalidRequestException.class,
                () -> workflow.edit(published, edit("New body", null, null), NOW));
        assertEquals(List.of("changeNote", "changeType"), missing.errors().stream().map(FieldError::field).toList());
        Release updated = workflow.edit(published, edit("New body", "Fixed a name", "major"), NOW.plusSeconds(60));
        assertEquals("New body", updated.body());
        assertEquals(List.of(new ReleaseChange(NOW.plusSeconds(60), "Fixed a name", ReleaseChange.ChangeType.MAJOR)),
                updated.changes());
        assertEquals(published.slug(), updated.slug());
        assertEquals(published.publishedAt(), updated.publishedAt());
    }

    @Test
    void aDraftTakesNoChangeNote() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> workflow.edit(draft(null), edit("Body", "note", "minor"), NOW));
        assertEquals(List.of("changeNote", "changeType"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void withdrawalNeedsAReasonAndAPublishedOrScheduledRelease() {
        Release published = workflow.publish(draft(null), "publisher", NOW);
        assertThrows(InvalidRequestException.class, () -> workflow.withdraw(published, " ", NOW));
        Release withdrawn = workflow.withdraw(published, "Court order", NOW);
        assertEquals(ReleaseStatus.WITHDRAWN, withdrawn.status());
        assertEquals("Court order", withdrawn.withdrawal().reason());
        assertThrows(WorkflowException.class, () -> workflow.withdraw(draft(null), "reason", NOW));
        assertThrows(WorkflowException.class, () -> workflow.withdraw(withdrawn, "again", NOW));
        assertThrows(WorkflowException.class, () -> workflow.edit(withdrawn, edit("b", "n", "minor"), NOW));
    }

    @Test
    void attachmentsAreLimitedByTypeAndSize() {
        Attachment pdf = new Attachment("a1", "report.pdf", "application/pdf", 1000, null);
        Release withPdf = workflow.addAttachment(draft(null), pdf, NOW);
        assertEquals(List.of(pdf), withPdf.attachments());
        assertThrows(InvalidRequestException.class, () -> workflow.addAttachment(draft(null),
                new Attachment("a2", "script.js", "text/javascript", 10, null), NOW));
        assertThrows(InvalidRequestException.class, () -> workflow.addAttachment(draft(null),
                new Attachment("a3", "big.pdf", "application/pdf", Attachment.MAX_SIZE + 1, null), NOW));
        assertEquals("PDF, 1.2 MB", new Attachment("a", "r.pdf", "application/pdf", 1_258_291, null).describeFile());
    }

    @Test
    void aFilesNameMustSayWhatItIsAndDocumentsDownloadUnderTheirOwnName() {
        var e = assertThrows(InvalidRequestException.class, () -> workflow.addAttachment(draft(null),
                new Attachment("a1", "x.html", "application/pdf", 10, null), NOW));
        assertEquals("fileName", e.errors().get(0).field());
        assertEquals("must end in .pdf for application/pdf", e.errors().get(0).message());
        assertThrows(InvalidRequestException.class, () -> workflow.addAttachment(draft(null),
                new Attachment("a2", "photo.png", "image/jpeg", 10, null), NOW));
        workflow.addAttachment(draft(null), new Attachment("a3", "Photo.JPG", "image/jpeg", 10, null), NOW);
        assertEquals("attachment; filename=\"Collision map.pdf\"",
                new Attachment("a", "Collision map.pdf", "application/pdf", 10, null).contentDisposition());
        assertEquals("inline; filename=\"chart.png\"",
                new Attachment("a", "chart.png", "image/png", 10, null).contentDisposition());
    }
}
