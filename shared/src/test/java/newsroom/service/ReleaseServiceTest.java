package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import newsroom.domain.AttachmentNotFoundException;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.NoPendingChangeException;
import newsroom.domain.PendingChange;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseEdit;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseWorkflow;
import newsroom.domain.Scope;
import newsroom.domain.ScopeRequiredException;
import newsroom.domain.TwoPersonRuleException;
import newsroom.domain.VersionConflictException;
import newsroom.domain.WorkflowException;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.Samples;
import org.junit.jupiter.api.Test;

/** The press office's work on releases, against the in-memory table. Pure. */
class ReleaseServiceTest {
    private static final Actor EDITOR = new Actor("editor", Set.of(Scope.EDITOR));
    private static final Actor PUBLISHER = new Actor("publisher", Set.of(Scope.PUBLISHER));
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00.123456Z");
    private final InMemoryReleaseRepository repository = new InMemoryReleaseRepository(ZoneId.of("Europe/London"));
    private final ReleaseService releases = service(false);

    private ReleaseService service(boolean twoPersonRule) {
        return new ReleaseService(repository, new ReleaseWorkflow(new ReleaseRules(Samples.CATEGORIES), twoPersonRule),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ReleaseDraft publishing(String title, String embargo) {
        ReleaseDraft d = Samples.draft(title, "Appeals");
        return new ReleaseDraft(d.title(), d.summary(), d.body(), d.category(), d.tags(), d.contact(), embargo, true);
    }

    @Test
    void aNewReleaseIsADraftStoredWithItsFirstVersionAndTimesToTheMillisecond() {
        Release draft = releases.create(Samples.draft("Appeal after collision", "Appeals"), "editor@police.example");
        assertEquals(ReleaseStatus.DRAFT, draft.status());
        assertEquals("draft--" + draft.id(), draft.slug(), "a draft's stand-in slug, nothing of its title");
        assertEquals("editor@police.example", draft.author());
        assertEquals(Instant.parse("2026-11-29T12:00:00.123Z"), draft.createdAt());
        assertNull(draft.publishedAt());
        assertEquals(draft, repository.find(draft.id()).orElseThrow());
        assertEquals(1, releases.versions(draft.id()).size());
    }

    @Test
    void aDraftThatBreaksTheRulesIsRefusedWithEveryFieldAndNothingIsStored() {
        var e = assertThrows(InvalidRequestException.class, () -> releases.create(
                new ReleaseDraft(null, null, "Body", "Gardening", null, null, null, null), "editor"));
        assertEquals(List.of("title", "category", "contact"), e.errors().stream().map(f -> f.field()).toList());
        assertTrue(repository.list(null, null, 10, null).items().isEmpty());
    }

    @Test
    void aSecondReleaseWithTheSameTitleGetsASlugOfItsOwn() {
        releases.create(publishing("Road closed", null), "publisher");
        Release second = releases.create(publishing("Road closed", null), "publisher");
        assertEquals("road-closed-" + second.id().replace("-", "").substring(0, 8), second.slug());
    }

    /**
     * An embargoed release never holds the plain slug of its title, so a release of the same title
     * published while it waits gets the plain one: no suffix tells the public the other exists.
     */
    @Test
    void anEmbargoedReleaseNeverPushesAPublicOneOntoASuffix() {
        Release embargoed = releases.create(publishing("Man charged after crash", "2026-12-01T00:01:00Z"), "publisher");
        assertEquals("man-charged-after-crash-" + embargoed.id().replace("-", "").substring(0, 8), embargoed.slug());
        Release now = releases.create(publishing("Man charged after crash", null), "publisher");
        assertEquals("man-charged-after-crash", now.slug());

        Release draft = releases.create(Samples.draft("Man charged after crash", "Appeals"), "editor");
        Release scheduled = releases.publish(draft.id(), draft.version(), "publisher");
        assertEquals(ReleaseStatus.PUBLISHED, scheduled.status());
        Release laterDraft = releases.create(new ReleaseDraft("Later appeal", null, "Body", "Appeals", null,
                Samples.PRESS_OFFICE, "2026-12-02T09:00:00Z", null), "editor");
        Release later = releases.publish(laterDraft.id(), laterDraft.version(), "publisher");
        assertEquals(ReleaseStatus.SCHEDULED, later.status());
        assertEquals("later-appeal-" + later.id().replace("-", "").substring(0, 8), later.slug(),
                "scheduled from a draft: suffixed too");
    }

    @Test
    void publishingOnCreationIsPublicAtOnceOrScheduledUntilItsEmbargo() {
        Release now = releases.create(publishing("Now", null), "publisher");
        assertEquals(ReleaseStatus.PUBLISHED, now.status());
        assertEquals(Instant.parse("2026-11-29T12:00:00.123Z"), now.publishedAt());
        assertEquals(1, now.version());

        Release later = releases.create(publishing("Later", "2026-12-01T00:01:00Z"), "publisher");
        assertEquals(ReleaseStatus.SCHEDULED, later.status());
        assertEquals(Instant.parse("2026-12-01T00:01:00Z"), later.publishedAt());
        assertFalse(later.isPublicAt(NOW));
    }

    @Test
    void aChangeBasedOnAnOldVersionIsRefusedAndChangesNothing() {
        Release draft = releases.create(Samples.draft("First title", "Appeals"), "editor");
        ReleaseEdit edit = new ReleaseEdit("Second title", null, "Body", "Appeals", null, Samples.PRESS_OFFICE,
                null, null, null, null);
        Release edited = releases.edit(draft.id(), draft.version(), edit, EDITOR);
        assertEquals(2, edited.version());
        assertThrows(VersionConflictException.class, () -> releases.edit(draft.id(), draft.version(), edit, EDITOR));
        assertThrows(VersionConflictException.class, () -> releases.publish(draft.id(), 1, "publisher"));
        assertEquals(edited, releases.get(draft.id()));
    }

    @Test
    void withTheTwoPersonRuleTheAuthorCannotPublishButAnotherPublisherCan() {
        ReleaseService strict = service(true);
        Release draft = strict.create(Samples.draft("Needs a second pair of eyes", "Appeals"), "jo");
        assertThrows(TwoPersonRuleException.class, () -> strict.publish(draft.id(), draft.version(), "jo"));
        assertEquals(ReleaseStatus.PUBLISHED, strict.publish(draft.id(), draft.version(), "sam").status());
    }

    @Test
    void onlyADraftCanBeDeleted() {
        Release published = releases.create(publishing("Out already", null), "publisher");
        assertThrows(WorkflowException.class, () -> releases.delete(published.id(), published.version()));
        Release draft = releases.create(Samples.draft("Not yet", "Appeals"), "editor");
        releases.delete(draft.id(), draft.version());
        assertThrows(ReleaseNotFoundException.class, () -> releases.get(draft.id()));
    }

    @Test
    void theSweepPublishesOnlyWhatIsDueAtItsEmbargoTime() {
        Release due = releases.create(publishing("Due", "2026-11-29T11:59:00Z"), "publisher");
        Release notYet = releases.create(publishing("Not yet", "2026-11-29T12:01:00Z"), "publisher");
        // Created "in the past": scheduled when the embargo was ahead.
        repository.save(due.toBuilder().status(ReleaseStatus.SCHEDULED).publishedAt(due.embargoUntil())
                .saved(NOW.minusSeconds(600)), due.version());

        assertEquals(1, releases.publishDue(10));
        Release published = releases.get(due.id());
        assertEquals(ReleaseStatus.PUBLISHED, published.status());
        assertEquals(Instant.parse("2026-11-29T11:59:00Z"), published.publishedAt());
        assertEquals(ReleaseStatus.SCHEDULED, releases.get(notYet.id()).status());
        assertEquals(0, releases.publishDue(10), "a repeated tick publishes nothing more");
    }

    @Test
    void aDeclaredAttachmentGetsItsOwnIdATidyTypeAndIsAddedToTheRelease() {
        Release draft = releases.create(Samples.draft("With a map", "Road Safety"), "editor");
        var declared = releases.declareAttachment(draft.id(), " map.pdf ", " Application/PDF ", 48_213L, "Map", EDITOR);
        assertEquals("map.pdf", declared.attachment().fileName());
        assertEquals("application/pdf", declared.attachment().contentType());
        assertEquals(List.of(declared.attachment()), releases.get(draft.id()).attachments());
        assertEquals(draft.version() + 1, declared.release().version());

        var missingSize = assertThrows(InvalidRequestException.class,
                () -> releases.declareAttachment(draft.id(), "x.pdf", "application/pdf", null, null, EDITOR));
        assertEquals("size", missingSize.errors().get(0).field());
        assertThrows(ReleaseNotFoundException.class,
                () -> releases.declareAttachment("no-such-release", "x.pdf", "application/pdf", 10L, null, EDITOR));
    }

    /**
     * The scope is checked against the release as read for the write itself: an editor whose
     * If-Match names the version that is now published cannot slip a change in.
     */
    @Test
    void anythingButADraftIsThePublishersToChangeJudgedOnTheVersionWritten() {
        Release draft = releases.create(Samples.draft("Draft for now", "Appeals"), "editor");
        Release published = releases.publish(draft.id(), draft.version(), "publisher");
        ReleaseEdit edit = new ReleaseEdit("Changed by an editor", null, "Body", "Appeals", null,
                Samples.PRESS_OFFICE, null, null, "A note.", "minor");
        assertThrows(ScopeRequiredException.class, () -> releases.edit(draft.id(), published.version(), edit, EDITOR));
        assertThrows(ScopeRequiredException.class, () -> releases.declareAttachment(draft.id(), "x.pdf",
                "application/pdf", 10L, null, EDITOR));
        assertEquals(published, releases.get(draft.id()), "nothing changed");
        assertEquals("Changed by an editor", releases.edit(draft.id(), published.version(), edit, PUBLISHER).title());
    }

    @Test
    void anAttachmentCanBeRemovedAndAPublishedReleaseRecordsWhy() {
        Release draft = releases.create(Samples.draft("With two files", "Road Safety"), "editor");
        var map = releases.declareAttachment(draft.id(), "map.pdf", "application/pdf", 10L, null, EDITOR);
        var plan = releases.declareAttachment(draft.id(), "plan.pdf", "application/pdf", 10L, null, EDITOR);
        Release withoutMap = releases.removeAttachment(draft.id(), plan.release().version(), map.attachment().id(),
                null, null, EDITOR);
        assertEquals(List.of(plan.attachment()), withoutMap.attachments());
        assertThrows(AttachmentNotFoundException.class, () -> releases.removeAttachment(draft.id(),
                withoutMap.version(), map.attachment().id(), null, null, EDITOR));

        Release published = releases.publish(draft.id(), withoutMap.version(), "publisher");
        assertThrows(ScopeRequiredException.class, () -> releases.removeAttachment(draft.id(), published.version(),
                plan.attachment().id(), "Wrong plan.", "minor", EDITOR));
        var noNote = assertThrows(InvalidRequestException.class, () -> releases.removeAttachment(draft.id(),
                published.version(), plan.attachment().id(), null, null, PUBLISHER));
        assertEquals("changeNote", noNote.errors().get(0).field());
        Release removed = releases.removeAttachment(draft.id(), published.version(), plan.attachment().id(),
                "The plan was out of date.", "minor", PUBLISHER);
        assertEquals(List.of(), removed.attachments());
        assertEquals("The plan was out of date.", removed.changes().get(removed.changes().size() - 1).note());
    }

    @Test
    void addingAFileToAPublishedReleaseTakesThePublisherAndAChangeNote() {
        Release draft = releases.create(Samples.draft("Out with a file to come", "Appeals"), "editor");
        Release published = releases.publish(draft.id(), draft.version(), "publisher");
        var noNote = assertThrows(InvalidRequestException.class, () -> releases.declareAttachment(draft.id(),
                "map.pdf", "application/pdf", 10L, null, null, null, PUBLISHER));
        assertEquals(List.of("changeNote", "changeType"), noNote.errors().stream().map(e -> e.field()).toList());
        var added = releases.declareAttachment(draft.id(), "map.pdf", "application/pdf", 10L, null,
                "Added the map of the closure.", "minor", PUBLISHER);
        assertEquals("Added the map of the closure.", added.release().changes().get(0).note());
        assertEquals(published.version() + 1, added.release().version());
    }

    /**
     * With the two-person rule, a scheduled release was approved as it stood: a change sends it
     * back to draft, the sweep does not publish it, and a second person must schedule it again.
     */
    @Test
    void withTheTwoPersonRuleAChangeAfterApprovalNeedsASecondPersonAgain() {
        ReleaseService strict = service(true);
        ReleaseDraft d = Samples.draft("Approved then changed", "Appeals");
        Release draft = strict.create(new ReleaseDraft(d.title(), d.summary(), d.body(), d.category(), d.tags(),
                d.contact(), "2026-11-29T12:30:00Z", null), "jo");
        Release scheduled = strict.publish(draft.id(), draft.version(), "sam");
        assertEquals(ReleaseStatus.SCHEDULED, scheduled.status(), "approved by a second person");

        ReleaseEdit change = new ReleaseEdit("Approved then changed by Jo", null, "Body", "Appeals", null,
                Samples.PRESS_OFFICE, null, "2026-11-29T12:30:00Z", null, null);
        Release changed = strict.edit(draft.id(), scheduled.version(), change, PUBLISHER);
        assertEquals(ReleaseStatus.DRAFT, changed.status(), "back for approval");
        assertEquals(scheduled.embargoUntil(), changed.embargoUntil(), "the embargo as set");

        repository.save(changed.toBuilder().saved(NOW), changed.version()); // time passes
        assertEquals(0, strict.publishDue(10), "the sweep never publishes text no second person approved");
        Release current = strict.get(draft.id());
        assertThrows(TwoPersonRuleException.class, () -> strict.publish(draft.id(), current.version(), "jo"));
        assertEquals(ReleaseStatus.SCHEDULED, strict.publish(draft.id(), current.version(), "sam").status());
    }

    /** Neither who wrote a draft nor who changed it last may approve it. */
    @Test
    void withTheTwoPersonRuleTheLastEditorCannotApproveEither() {
        ReleaseService strict = service(true);
        Release draft = strict.create(Samples.draft("Written by Jo", "Appeals"), "jo");
        ReleaseEdit edit = new ReleaseEdit("Rewritten by Sam", null, "Body", "Appeals", null, Samples.PRESS_OFFICE,
                null, null, null, null);
        Release edited = strict.edit(draft.id(), draft.version(), edit, new Actor("sam", Set.of(Scope.EDITOR)));
        assertEquals("sam", edited.editedBy());
        assertThrows(TwoPersonRuleException.class, () -> strict.publish(draft.id(), edited.version(), "sam"));
        assertThrows(TwoPersonRuleException.class, () -> strict.publish(draft.id(), edited.version(), "jo"));
        assertEquals(ReleaseStatus.PUBLISHED, strict.publish(draft.id(), edited.version(), "kim").status());
        assertEquals("sam", strict.get(draft.id()).editedBy(), "publishing changes no text");
    }

    /**
     * With the two-person rule, a change to a published release waits: the public release stays
     * as approved until someone other than the proposer publishes the very change they reviewed.
     */
    @Test
    void withTheTwoPersonRuleAChangeToAPublishedReleaseWaitsForASecondPerson() {
        ReleaseService strict = service(true);
        Release draft = strict.create(Samples.draft("Road closed", "Appeals"), "jo");
        Release published = strict.publish(draft.id(), draft.version(), "kim");
        Actor jo = new Actor("jo", Set.of(Scope.PUBLISHER));
        ReleaseEdit fix = new ReleaseEdit("Road closed until Friday", null, "Body", "Appeals", null,
                Samples.PRESS_OFFICE, null, null, "Gave the reopening day.", "minor");

        Release after = strict.edit(draft.id(), published.version(), fix, jo);
        assertEquals(published, after, "nothing public changed");
        assertEquals(published, strict.get(draft.id()));
        PendingChange waiting = strict.pendingChange(draft.id()).orElseThrow();
        assertEquals("jo", waiting.proposedBy());
        assertEquals(List.of(draft.id()), strict.withPendingChanges(10).stream().map(w -> w.release().id()).toList(),
                "in the approval queue");
        assertEquals("Road closed until Friday", waiting.edit().title());

        assertThrows(InvalidRequestException.class, () -> strict.edit(draft.id(), published.version(),
                new ReleaseEdit("No note", null, "Body", "Appeals", null, Samples.PRESS_OFFICE, null, null, null, null),
                jo), "a proposal is checked as the change itself would be");
        assertThrows(TwoPersonRuleException.class,
                () -> strict.approveChange(draft.id(), published.version(), waiting.id(), "jo"));
        assertThrows(NoPendingChangeException.class,
                () -> strict.approveChange(draft.id(), published.version(), "another-change", "kim"));

        // A second proposal replaces the first: approving what was reviewed before publishes nothing.
        ReleaseEdit better = new ReleaseEdit("Road closed until Saturday", null, "Body", "Appeals", null,
                Samples.PRESS_OFFICE, null, null, "Gave the reopening day.", "minor");
        strict.edit(draft.id(), published.version(), better, new Actor("sam", Set.of(Scope.PUBLISHER)));
        assertThrows(NoPendingChangeException.class,
                () -> strict.approveChange(draft.id(), published.version(), waiting.id(), "kim"));
        PendingChange replaced = strict.pendingChange(draft.id()).orElseThrow();
        assertEquals("sam", replaced.proposedBy());

        Release approved = strict.approveChange(draft.id(), published.version(), replaced.id(), "jo");
        assertEquals("Road closed until Saturday", approved.title());
        assertEquals(published.version() + 1, approved.version());
        assertEquals("Gave the reopening day.", approved.lastChange().orElseThrow().note());
        assertEquals("sam", approved.editedBy());
        assertEquals(approved, strict.get(draft.id()));
        assertTrue(strict.pendingChange(draft.id()).isEmpty(), "nothing waits any more");
        assertEquals(List.of(), strict.withPendingChanges(10), "out of the queue");

        // Attachments wait the same way.
        var declared = strict.declareAttachment(draft.id(), "map.pdf", "application/pdf", 10L, null,
                "Added the map.", "minor", jo);
        assertTrue(declared.release().attachments().isEmpty());
        PendingChange file = strict.pendingChange(draft.id()).orElseThrow();
        assertEquals(PendingChange.Kind.ADD_ATTACHMENT, file.kind());
        Release withMap = strict.approveChange(draft.id(), approved.version(), file.id(), "kim");
        assertEquals(List.of(declared.attachment()), withMap.attachments());
    }

    /**
     * The public slug is made when the release first goes out, from its title then: a name in a
     * draft's first title never reaches a URL, and a taken title gets a piece of the release's id.
     */
    @Test
    void thePublicSlugIsMadeAtFirstReleaseFromTheTitleThen() {
        Release draft = releases.create(Samples.draft("Arrest of John Smith", "Appeals"), "editor");
        assertTrue(draft.hasDraftSlug());
        assertFalse(draft.slug().contains("smith"), draft.slug());
        ReleaseEdit renamed = new ReleaseEdit("Arrest after burglary", null, "Body", "Appeals", null,
                Samples.PRESS_OFFICE, null, null, null, null);
        Release edited = releases.edit(draft.id(), draft.version(), renamed, EDITOR);
        Release published = releases.publish(draft.id(), edited.version(), "publisher");
        assertEquals("arrest-after-burglary", published.slug());
        assertFalse(releases.versions(draft.id()).stream().anyMatch(v -> v.release().status() != ReleaseStatus.DRAFT
                && v.release().slug().contains("smith")));

        Release same = releases.create(Samples.draft("Arrest after burglary", "Appeals"), "editor");
        Release second = releases.publish(same.id(), same.version(), "publisher");
        assertEquals("arrest-after-burglary-" + same.id().replace("-", "").substring(0, 8), second.slug(),
                "no counter that tells how many others share the title");
        assertEquals(published.slug(), releases.edit(draft.id(), published.version(), new ReleaseEdit(
                "Retitled once out", null, "Body", "Appeals", null, Samples.PRESS_OFFICE, null, null, "n", "minor"),
                PUBLISHER).slug(), "once public, the slug never changes");
    }
}
