package newsroom.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a release moves: draft → published (or scheduled, then published when its embargo ends) →
 * updated → withdrawn. Pure: each step takes the current release and returns the next one, or
 * refuses with the reason.
 */
public final class ReleaseWorkflow {
    public static final int MAX_NOTE = 500;
    public static final int MAX_REASON = 1000;
    public static final int MAX_ATTACHMENTS = 20;

    private final ReleaseRules rules;
    private final boolean twoPersonRule;

    public ReleaseWorkflow(ReleaseRules rules, boolean twoPersonRule) {
        this.rules = rules;
        this.twoPersonRule = twoPersonRule;
    }

    public ReleaseRules rules() {
        return rules;
    }

    /** The status and publication time a release gets when it is published at {@code now}. */
    private static Release.Builder published(Release.Builder release, Instant embargo, Instant now) {
        if (embargo != null && embargo.isAfter(now)) {
            return release.status(ReleaseStatus.SCHEDULED).publishedAt(embargo);
        }
        return release.status(ReleaseStatus.PUBLISHED).publishedAt(now);
    }

    /**
     * With the two-person rule, a scheduled release was approved as it stood: a change to it (its
     * text, files or embargo) sends it back to draft, so a second person must schedule it again and
     * the sweep never publishes text no second person approved. The embargo stays as set.
     */
    private void backToApproval(Release current, Release.Builder next) {
        if (twoPersonRule && current.status() == ReleaseStatus.SCHEDULED) {
            next.status(ReleaseStatus.DRAFT).publishedAt(null);
        }
    }

    /**
     * Checks the two-person rule for someone publishing a release: neither who wrote it nor who
     * changed it last may be the one who approves it.
     */
    public void checkPublisher(Release current, String publisher) {
        if (twoPersonRule && publisher != null
                && (publisher.equals(current.author()) || publisher.equals(current.editedBy()))) {
            throw new TwoPersonRuleException();
        }
    }

    /**
     * With the two-person rule, a published release was approved as it stands: a change to it
     * waits (as a {@link PendingChange}) until someone else publishes it.
     */
    public boolean changeNeedsApproval(Release current) {
        return twoPersonRule && current.status() == ReleaseStatus.PUBLISHED;
    }

    /** Makes a change that waited for approval, approved by {@code approver}: never by who proposed it. */
    public Release approve(Release current, PendingChange change, String approver, Instant now) {
        if (current.status() != ReleaseStatus.PUBLISHED) {
            throw new WorkflowException("Only a change to a published release waits for approval; this release is "
                    + current.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (approver != null && approver.equals(change.proposedBy())) {
            throw new TwoPersonRuleException("With the two-person rule on, a change to a published release must be"
                    + " published by someone other than who proposed it.");
        }
        return change.applyTo(current, this, now).withEditor(change.proposedBy());
    }

    public Release publish(Release current, String publisher, Instant now) {
        if (current.status() != ReleaseStatus.DRAFT) {
            throw new WorkflowException("Only a draft can be published; this release is "
                    + current.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        checkPublisher(current, publisher);
        return published(current.toBuilder(), current.embargoUntil(), now).saved(now);
    }

    /** The embargo sweep: a scheduled release whose time has come goes public at its embargo time. */
    public Release publishDue(Release current, Instant now) {
        if (!current.isDueAt(now)) {
            throw new WorkflowException("This release is not due for publication.");
        }
        return current.toBuilder().status(ReleaseStatus.PUBLISHED).publishedAt(current.embargoUntil()).saved(now);
    }

    public Release edit(Release current, ReleaseEdit edit, Instant now) {
        if (current.status() == ReleaseStatus.WITHDRAWN) {
            throw new WorkflowException("A withdrawn release cannot be changed.");
        }
        List<FieldError> errors = new ArrayList<>();
        ReleaseRules.Checked checked;
        try {
            checked = rules.check(edit.asDraft());
        } catch (InvalidRequestException e) {
            errors.addAll(e.errors());
            checked = null;
        }
        checkHero(current, edit.heroImage(), errors);
        boolean published = current.status() == ReleaseStatus.PUBLISHED;
        ReleaseChange change = changeOf(current, edit.changeNote(), edit.changeType(), errors);
        if (published) {
            if (checked != null && !sameInstant(checked.embargoUntil(), current.embargoUntil())
                    && checked.embargoUntil() != null) {
                errors.add(new FieldError("embargoUntil", "cannot change once a release is public"));
            }
        } else if (current.status() == ReleaseStatus.SCHEDULED && checked != null && checked.embargoUntil() == null) {
            errors.add(new FieldError("embargoUntil", "is required while the release is scheduled"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Release.Builder next = current.toBuilder().content(edit.title().strip(), strip(edit.summary()), edit.body(),
                checked.category(), edit.tags(), edit.contact(), edit.heroImage());
        noteChange(current, next, change, now);
        if (!published) {
            next.embargoUntil(checked.embargoUntil());
            if (current.status() == ReleaseStatus.SCHEDULED) {
                next.publishedAt(checked.embargoUntil());
            }
        }
        backToApproval(current, next);
        return next.saved(now);
    }

    public Release withdraw(Release current, String reason, Instant now) {
        if (current.status() != ReleaseStatus.PUBLISHED && current.status() != ReleaseStatus.SCHEDULED) {
            throw new WorkflowException("Only a published or scheduled release can be withdrawn; this release is "
                    + current.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (ReleaseRules.isBlank(reason)) {
            throw new InvalidRequestException(List.of(new FieldError("reason",
                    "is required; it is shown to the public in place of the release")));
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidRequestException(List.of(new FieldError("reason",
                    "must be at most " + MAX_REASON + " characters")));
        }
        return current.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(now, reason.strip(), current.status() == ReleaseStatus.PUBLISHED))
                .saved(now);
    }

    public void checkDeletable(Release current) {
        if (current.status() != ReleaseStatus.DRAFT) {
            throw new WorkflowException("Only a draft can be deleted; withdraw a published release instead.");
        }
    }

    public Release addAttachment(Release current, Attachment attachment, Instant now) {
        return addAttachment(current, attachment, null, null, now);
    }

    /** Adds (or replaces) an attachment; a published release records the change with its note. */
    public Release addAttachment(Release current, Attachment attachment, String changeNote, String changeType,
                                 Instant now) {
        if (current.status() == ReleaseStatus.WITHDRAWN) {
            throw new WorkflowException("A withdrawn release cannot take attachments.");
        }
        List<FieldError> errors = new ArrayList<>();
        ReleaseChange change = changeOf(current, changeNote, changeType, errors);
        if (ReleaseRules.isBlank(attachment.fileName()) || attachment.fileName().length() > 200
                || !attachment.fileName().matches("[A-Za-z0-9][A-Za-z0-9._ -]*\\.[A-Za-z0-9]+")) {
            errors.add(new FieldError("fileName",
                    "must be a plain file name with an extension (letters, digits, spaces, '.', '_', '-')"));
        }
        if (!Attachment.allowedType(attachment.contentType())) {
            errors.add(new FieldError("contentType", "must be one of " + Attachment.allowedTypes()));
        } else if (attachment.fileName() != null
                && !Attachment.extensionMatches(attachment.fileName(), attachment.contentType())) {
            errors.add(new FieldError("fileName", "must end in ." + String.join(" or .",
                    Attachment.extensionsOf(attachment.contentType())) + " for " + attachment.contentType()));
        }
        if (attachment.size() <= 0 || attachment.size() > Attachment.MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 byte and 50 MB"));
        }
        if (attachment.description() != null && attachment.description().length() > 300) {
            errors.add(new FieldError("description", "must be at most 300 characters"));
        }
        if (current.attachments().size() >= MAX_ATTACHMENTS) {
            errors.add(new FieldError("fileName", "a release can have at most " + MAX_ATTACHMENTS + " attachments"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<Attachment> attachments = new ArrayList<>(current.attachments());
        // Uploading a file of the same name again replaces it.
        attachments.removeIf(a -> a.fileName().equals(attachment.fileName()));
        attachments.add(attachment);
        Release.Builder next = current.toBuilder().attachments(attachments);
        noteChange(current, next, change, now);
        backToApproval(current, next);
        return next.saved(now);
    }

    /** Adds the change (a published release's note) to its history, at {@code now}. */
    private static void noteChange(Release current, Release.Builder next, ReleaseChange change, Instant now) {
        if (change != null) {
            List<ReleaseChange> changes = new ArrayList<>(current.changes());
            changes.add(new ReleaseChange(now, change.note(), change.type()));
            next.changes(changes);
        }
    }

    /**
     * The change note a published release needs for any change (shown on its page), checked; null
     * for a release not yet public, which must not be given one.
     */
    private static ReleaseChange changeOf(Release current, String changeNote, String changeType,
                                          List<FieldError> errors) {
        if (current.status() == ReleaseStatus.PUBLISHED) {
            if (ReleaseRules.isBlank(changeNote)) {
                errors.add(new FieldError("changeNote", "is required to change a published release; it is shown on the page"));
            } else if (changeNote.length() > MAX_NOTE) {
                errors.add(new FieldError("changeNote", "must be at most " + MAX_NOTE + " characters"));
            }
            ReleaseChange.ChangeType type = changeType(changeType, errors);
            return ReleaseRules.isBlank(changeNote) || type == null ? null
                    : new ReleaseChange(null, changeNote.strip(), type);
        }
        if (changeNote != null) {
            errors.add(new FieldError("changeNote", "only applies to a published release"));
        }
        if (changeType != null) {
            errors.add(new FieldError("changeType", "only applies to a published release"));
        }
        return null;
    }

    /**
     * Takes an attachment off the release (its file leaves the site when the page is next written).
     * A published release records the change with its note, as an edit does.
     */
    public Release removeAttachment(Release current, String attachmentId, String changeNote, String changeType,
                                    Instant now) {
        if (current.status() == ReleaseStatus.WITHDRAWN) {
            throw new WorkflowException("A withdrawn release's attachments are already gone from the site.");
        }
        Attachment removed = current.attachments().stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new AttachmentNotFoundException(current.id(), attachmentId));
        List<FieldError> errors = new ArrayList<>();
        if (current.heroImage() != null && removed.fileName().equals(current.heroImage().fileName())) {
            errors.add(new FieldError("attachmentId", "is the release's hero image: change the hero image first"));
        }
        ReleaseChange change = changeOf(current, changeNote, changeType, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<Attachment> attachments = new ArrayList<>(current.attachments());
        attachments.remove(removed);
        Release.Builder next = current.toBuilder().attachments(attachments);
        noteChange(current, next, change, now);
        backToApproval(current, next);
        return next.saved(now);
    }

    private static void checkHero(Release current, HeroImage hero, List<FieldError> errors) {
        if (hero == null) {
            return;
        }
        if (ReleaseRules.isBlank(hero.alt())) {
            errors.add(new FieldError("heroImage.alt", "is required: describe the image for people who cannot see it"));
        } else if (hero.alt().length() > 300) {
            errors.add(new FieldError("heroImage.alt", "must be at most 300 characters"));
        }
        var attachment = hero.fileName() == null ? null : current.attachment(hero.fileName()).orElse(null);
        if (attachment == null) {
            errors.add(new FieldError("heroImage.fileName", "must name one of the release's attachments"));
        } else if (!attachment.isImage()) {
            errors.add(new FieldError("heroImage.fileName", "must be an image attachment"));
        }
    }

    private static ReleaseChange.ChangeType changeType(String value, List<FieldError> errors) {
        if (value != null) {
            for (ReleaseChange.ChangeType type : ReleaseChange.ChangeType.values()) {
                if (type.name().equalsIgnoreCase(value)) {
                    return type;
                }
            }
        }
        errors.add(new FieldError("changeType", "must be \"minor\" or \"major\""));
        return null;
    }

    private static boolean sameInstant(Instant a, Instant b) {
        return a == null ? b == null : b != null && a.toEpochMilli() == b.toEpochMilli();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
