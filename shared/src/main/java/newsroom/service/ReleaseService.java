package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import newsroom.domain.Attachment;
import newsroom.domain.Scope;
import newsroom.domain.ScopeRequiredException;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.NoPendingChangeException;
import newsroom.domain.Page;
import newsroom.domain.PendingChange;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseEdit;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseVersion;
import newsroom.domain.ReleaseWorkflow;
import newsroom.domain.SlugTakenException;
import newsroom.domain.Slugs;
import newsroom.domain.Timestamps;
import newsroom.domain.VersionConflictException;
import newsroom.log.JsonLog;
import newsroom.service.port.AccessLog;
import newsroom.service.port.ReleaseRepository;

/**
 * The press office's work on releases: each operation reads the release, applies one workflow
 * step, and saves it only if nobody changed it in between.
 */
public final class ReleaseService {
    private static final JsonLog LOG = JsonLog.of(ReleaseService.class);
    private static final int SLUG_ATTEMPTS = 20;
    private static final int ATTACHMENT_RETRIES = 5;

    private final ReleaseRepository releases;
    private final ReleaseWorkflow workflow;
    private final Clock clock;
    /** Where who did what to a release is recorded (null: not recorded, as in the embargo sweep). */
    private final AccessLog accessLog;

    public ReleaseService(ReleaseRepository releases, ReleaseWorkflow workflow, Clock clock) {
        this(releases, workflow, clock, null);
    }

    /** With the record of pre-release access: every action of the press office on a release is noted. */
    public ReleaseService(ReleaseRepository releases, ReleaseWorkflow workflow, Clock clock, AccessLog accessLog) {
        this.releases = releases;
        this.workflow = workflow;
        this.clock = clock;
        this.accessLog = accessLog;
    }

    /**
     * Notes in the release's access record that {@code who} did {@code action}. Written after the
     * change it records, so the record never shows a change that was refused.
     */
    public void note(String releaseId, String who, String action, String detail) {
        if (accessLog != null) {
            accessLog.record(releaseId, new AccessLog.Entry(clock.instant(), who, action, detail));
        }
    }

    /** "edit", "add attachment": what a change does, as the record says it. */
    private static String describe(PendingChange change) {
        return change.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String released(Release release) {
        return release.status() == ReleaseStatus.SCHEDULED ? "scheduled" : "published";
    }

    private Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    /**
     * Checks and stores a new release. With {@code publish} it is public at once, or scheduled
     * when its embargo lies in the future; otherwise it is a draft.
     *
     * @throws InvalidRequestException listing every field at fault; nothing stored
     * @throws newsroom.domain.TwoPersonRuleException when publishing one's own release is not allowed
     */
    public Release create(ReleaseDraft draft, String author) {
        ReleaseRules.Checked checked = workflow.rules().check(draft);
        Instant now = now();
        Instant embargo = Timestamps.truncate(checked.embargoUntil());
        String id = UUID.randomUUID().toString();
        boolean releasing = Boolean.TRUE.equals(draft.publish());
        Release asDraft = new Release(id, Slugs.forDraft(id), draft.title().strip(),
                draft.summary() == null ? null : draft.summary().strip(), draft.body(),
                checked.category(), draft.tags(), draft.contact(), null, List.of(), ReleaseStatus.DRAFT, author,
                now, now, null, embargo, List.of(), null, 1);
        // Created and published in one step: version 1 is already the published (or scheduled) release.
        Release made = releasing ? workflow.publish(asDraft, author, now) : asDraft;
        // A draft's slug says nothing of its title; the public one is made when it is released.
        String baseSlug = releasing ? Slugs.fromTitle(draft.title()) : Slugs.forDraft(id);
        for (int attempt = firstSlugAttempt(made.status()); attempt <= SLUG_ATTEMPTS + 1; attempt++) {
            String slug = Slugs.withSuffix(baseSlug, id, attempt);
            Release release = new Release(id, slug, asDraft.title(), asDraft.summary(), asDraft.body(),
                    asDraft.category(), asDraft.tags(), asDraft.contact(), null, List.of(), made.status(),
                    author, now, now, made.publishedAt(), embargo, List.of(), null, 1);
            try {
                if (accessLog == null) {
                    releases.create(release);
                } else {
                    // Created and released in one step: both entries, in this order, with the release.
                    List<AccessLog.Entry> entries = new java.util.ArrayList<>();
                    entries.add(new AccessLog.Entry(now, author, "created", null));
                    if (releasing) {
                        entries.add(new AccessLog.Entry(now, author, released(release),
                                release.status() == ReleaseStatus.SCHEDULED
                                        ? "embargoed until " + release.embargoUntil() : null));
                    }
                    releases.create(release, accessLog, entries);
                }
                LOG.info("release created", "releaseId", id, "status", release.status());
                return release;
            } catch (SlugTakenException taken) {
                // Another release has this slug: try the next suffix.
            }
        }
        throw new IllegalStateException("no free slug for " + baseSlug);
    }

    public Release get(String id) {
        return releases.find(id).orElseThrow(() -> new ReleaseNotFoundException(id));
    }

    /**
     * Edits the release. A release that is scheduled or published (in the very read the
     * conditional save is made against) takes the publisher scope. With the two-person rule, a
     * change to a published release is not made but proposed: it waits for someone else to
     * publish it, and the release returned is the one still public (its version unchanged).
     */
    public Release edit(String id, long expectedVersion, ReleaseEdit edit, Actor actor) {
        return changeOrPropose(id, expectedVersion, actor, PendingChange.edit(edit));
    }

    /** Removes an attachment; the same scope rule as an edit, and a change note once published. */
    public Release removeAttachment(String id, long expectedVersion, String attachmentId, String changeNote,
                                    String changeType, Actor actor) {
        return changeOrPropose(id, expectedVersion, actor,
                PendingChange.removeAttachment(attachmentId, changeNote, changeType));
    }

    private Release changeOrPropose(String id, long expectedVersion, Actor actor, PendingChange change) {
        Release current = get(id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id);
        }
        return changeOrPropose(current, actor, change);
    }

    /** The change made to {@code current} (read just now), or proposed when it needs a second person. */
    private Release changeOrPropose(Release current, Actor actor, PendingChange change) {
        String id = current.id();
        long expectedVersion = current.version();
        requirePublisherOnceOut(current, actor.scopes());
        // Checked now as if made now, so a proposal that could never be approved is refused at once.
        Release changed = change.applyTo(current, workflow, now()).withEditor(actor.name());
        if (workflow.changeNeedsApproval(current)) {
            PendingChange proposed = change.proposed(UUID.randomUUID().toString(), actor.name(), now(),
                    current.version());
            releases.propose(id, proposed);
            LOG.info("change proposed; it waits for a second person", "releaseId", id, "kind", change.kind());
            note(id, actor.name(), "proposed a change", describe(change) + " (change " + proposed.id() + ")");
            return current;
        }
        releases.save(changed, expectedVersion);
        LOG.info("release changed", "releaseId", id, "status", changed.status(), "version", changed.version());
        note(id, actor.name(), "edited", describe(change) + ", version " + changed.version());
        return changed;
    }

    /** The change that waits for a second person's approval, if the release is published and one does. */
    public Optional<PendingChange> pendingChange(String id) {
        return pendingChange(get(id));
    }

    /** A published release and the change to it that waits for approval. */
    public record Waiting(Release release, PendingChange change) {
    }

    /** Published releases whose change waits for approval, oldest proposal first: the approval queue. */
    public List<Waiting> withPendingChanges(int limit) {
        List<Waiting> queue = new java.util.ArrayList<>();
        for (Release release : releases.findAll(releases.withPendingChanges(limit))) {
            pendingChange(release).ifPresent(change -> queue.add(new Waiting(release, change)));
        }
        return queue;
    }

    /** The same, for a release just read; only a published release under the two-person rule can have one. */
    public Optional<PendingChange> pendingChange(Release current) {
        if (!workflow.changeNeedsApproval(current)) {
            return Optional.empty();
        }
        return releases.pendingChange(current.id()).filter(p -> p.basedOn() == current.version());
    }

    /**
     * Publishes the change that waits for approval: {@code changeId} names the one the approver
     * reviewed, so a change proposed meanwhile is never published unseen. Never by its proposer.
     */
    public Release approveChange(String id, long expectedVersion, String changeId, String approver) {
        Release current = get(id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id);
        }
        PendingChange waiting = pendingChange(current).orElseThrow(() ->
                new NoPendingChangeException("No change to this release awaits approval."));
        if (changeId == null || !changeId.equals(waiting.id())) {
            throw new NoPendingChangeException("The change awaiting approval is " + waiting.id()
                    + ", proposed by " + waiting.proposedBy() + ": review it and name it to publish it.");
        }
        Release changed = workflow.approve(current, waiting, approver, now());
        releases.saveApproved(changed, expectedVersion, waiting.id());
        LOG.info("change approved and published", "releaseId", id, "version", changed.version(),
                "proposedBy", waiting.proposedBy(), "approvedBy", approver);
        note(id, approver, "approved a change", "change " + waiting.id() + " proposed by " + waiting.proposedBy()
                + ", version " + changed.version());
        return changed;
    }

    /** Anything but a draft is the publisher's to change: text, attachments, embargo. */
    private static void requirePublisherOnceOut(Release current, Set<Scope> scopes) {
        if (current.status() != ReleaseStatus.DRAFT && !scopes.contains(Scope.PUBLISHER)) {
            throw new ScopeRequiredException(Scope.PUBLISHER, "This release is "
                    + current.status().name().toLowerCase(Locale.ROOT)
                    + ": changing it needs a token with scope " + Scope.PUBLISHER.value() + ".");
        }
    }

    /**
     * Publishes (or schedules) a draft. The first time, its public slug is made from its title as
     * it is now and claimed in the same transaction as the change.
     */
    public Release publish(String id, long expectedVersion, String publisher) {
        Release current = get(id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id);
        }
        Release released = workflow.publish(current, publisher, now());
        if (!current.hasDraftSlug()) {
            releases.save(released, expectedVersion);
            noteReleased(released, publisher);
            return released;
        }
        String base = Slugs.fromTitle(released.title());
        for (int attempt = firstSlugAttempt(released.status()); attempt <= SLUG_ATTEMPTS + 1; attempt++) {
            Release named = released.withSlug(Slugs.withSuffix(base, id, attempt));
            try {
                releases.saveWithSlug(named, expectedVersion, current.slug());
                LOG.info("release changed", "releaseId", id, "status", named.status(), "version", named.version());
                noteReleased(named, publisher);
                return named;
            } catch (SlugTakenException taken) {
                // Taken by another release: the next alternative.
            }
        }
        throw new IllegalStateException("no free slug for " + base);
    }

    /**
     * Where the search for a free slug starts. An embargoed release's slug always carries a piece
     * of its id: with the plain slug it would push a release of the same title published meanwhile
     * onto a suffixed one, telling the public that an embargoed release of that title exists. So a
     * plain slug is only ever taken by a release that is (or was) public, which tells nothing.
     */
    private static int firstSlugAttempt(ReleaseStatus status) {
        return status == ReleaseStatus.SCHEDULED ? 2 : 1;
    }

    private void noteReleased(Release release, String publisher) {
        note(release.id(), publisher, released(release), release.status() == ReleaseStatus.SCHEDULED
                ? "embargoed until " + release.embargoUntil() : null);
    }

    public Release withdraw(String id, long expectedVersion, String reason) {
        return withdraw(id, expectedVersion, reason, null);
    }

    /** Withdraws the release, noting who did. */
    public Release withdraw(String id, long expectedVersion, String reason, String who) {
        Release withdrawn = change(id, expectedVersion, current -> workflow.withdraw(current, reason, now()));
        note(id, who, "withdrew", reason);
        return withdrawn;
    }

    /** The release, for someone in the press office to preview: the preview is noted in its access record. */
    public Release preview(String id, String who) {
        Release release = get(id);
        note(id, who, "previewed", "version " + release.version());
        return release;
    }

    public void delete(String id, long expectedVersion) {
        Release current = get(id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id);
        }
        workflow.checkDeletable(current);
        releases.delete(current, expectedVersion);
    }

    /** An attachment just declared, and the release it now belongs to. */
    public record DeclaredAttachment(Release release, Attachment attachment) {
    }

    /**
     * Declares a file the press office is about to upload: a new attachment with its own id, its
     * name and type tidied, added to the release.
     *
     * @throws InvalidRequestException when the size is missing or the file is not acceptable
     */
    public DeclaredAttachment declareAttachment(String id, String fileName, String contentType, Long size,
                                                String description, Actor actor) {
        return declareAttachment(id, fileName, contentType, size, description, null, null, actor);
    }

    /** The same, with the change note a published release needs. */
    public DeclaredAttachment declareAttachment(String id, String fileName, String contentType, Long size,
                                                String description, String changeNote, String changeType,
                                                Actor actor) {
        if (size == null) {
            throw new InvalidRequestException(List.of(new FieldError("size", "is required: the file's size in bytes")));
        }
        Attachment attachment = new Attachment(UUID.randomUUID().toString(),
                fileName == null ? null : fileName.strip(),
                contentType == null ? null : contentType.strip().toLowerCase(Locale.ROOT),
                size, description);
        return new DeclaredAttachment(addAttachment(id, attachment, changeNote, changeType, actor), attachment);
    }

    /**
     * Adds (or replaces) an attachment. Not tied to an ETag, since the caller changes only the
     * attachment list: a concurrent edit is retried on the fresh release rather than refused.
     * Under the two-person rule, for a published release, it is proposed like an edit.
     */
    public Release addAttachment(String id, Attachment attachment, String changeNote, String changeType,
                                 Actor actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                return changeOrPropose(get(id), actor, PendingChange.addAttachment(attachment, changeNote, changeType));
            } catch (VersionConflictException e) {
                if (attempt >= ATTACHMENT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    public Page<Release> list(ReleaseStatus status, String category, int limit, String cursor) {
        return releases.list(status, category, limit, cursor);
    }

    public List<ReleaseVersion> versions(String id) {
        get(id);
        return releases.versions(id);
    }

    /**
     * The embargo sweep: publishes every scheduled release whose time has come. A release changed
     * meanwhile (edited, withdrawn) is left for its new state; the next sweep looks again.
     */
    public int publishDue(int limit) {
        Instant now = now();
        int published = 0;
        for (Release due : releases.dueForPublication(now, limit)) {
            try {
                Release current = get(due.id());
                if (current.isDueAt(now)) {
                    releases.save(workflow.publishDue(current, now), current.version());
                    note(current.id(), "embargo sweep", "published", "the embargo ended at " + current.embargoUntil());
                    published++;
                    LOG.info("embargo ended: published", "releaseId", current.id(), "embargoUntil", current.embargoUntil());
                }
            } catch (VersionConflictException | ReleaseNotFoundException changedMeanwhile) {
                LOG.info("release changed during the sweep; left for the next one", "releaseId", due.id());
            }
        }
        return published;
    }

    private Release change(String id, long expectedVersion, UnaryOperator<Release> step) {
        Release current = get(id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id);
        }
        Release changed = step.apply(current);
        releases.save(changed, expectedVersion);
        LOG.info("release changed", "releaseId", id, "status", changed.status(), "version", changed.version());
        return changed;
    }
}
