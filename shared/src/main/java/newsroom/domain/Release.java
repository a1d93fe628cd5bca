package newsroom.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A news release as the press office wrote it, with its place in the workflow.
 *
 * <p>{@code body} is Markdown; it is made safe only when rendered. {@code publishedAt} is the
 * time the release became (or becomes, when scheduled) public and fixes its URL. {@code version}
 * counts saved changes and is the release's ETag.
 */
public record Release(
        String id,
        String slug,
        String title,
        String summary,
        String body,
        String category,
        List<String> tags,
        ContactBlock contact,
        HeroImage heroImage,
        List<Attachment> attachments,
        ReleaseStatus status,
        String author,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant embargoUntil,
        List<ReleaseChange> changes,
        Withdrawal withdrawal,
        long version,
        String editedBy) {

    /** A release last changed by its author. */
    public Release(String id, String slug, String title, String summary, String body, String category,
                   List<String> tags, ContactBlock contact, HeroImage heroImage, List<Attachment> attachments,
                   ReleaseStatus status, String author, Instant createdAt, Instant updatedAt, Instant publishedAt,
                   Instant embargoUntil, List<ReleaseChange> changes, Withdrawal withdrawal, long version) {
        this(id, slug, title, summary, body, category, tags, contact, heroImage, attachments, status, author,
                createdAt, updatedAt, publishedAt, embargoUntil, changes, withdrawal, version, author);
    }

    public Release {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(status, "status");
        tags = tags == null ? List.of() : List.copyOf(tags);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** True when the public may read this release at {@code now}: published and past any embargo. */
    public boolean isPublicAt(Instant now) {
        return status.isPublic() && (embargoUntil == null || !embargoUntil.isAfter(now));
    }

    /** True when a scheduled release's time has come. */
    public boolean isDueAt(Instant now) {
        return status == ReleaseStatus.SCHEDULED && embargoUntil != null && !embargoUntil.isAfter(now);
    }

    public Optional<Attachment> attachment(String fileName) {
        return attachments.stream().filter(a -> a.fileName().equals(fileName)).findFirst();
    }

    /** The same release under another slug (its public one, made when it is first released). */
    public Release withSlug(String newSlug) {
        return new Release(id, newSlug, title, summary, body, category, tags, contact, heroImage, attachments, status,
                author, createdAt, updatedAt, publishedAt, embargoUntil, changes, withdrawal, version, editedBy);
    }

    /** The same release, last changed by {@code editor} (the two-person rule asks who). */
    public Release withEditor(String editor) {
        return new Release(id, slug, title, summary, body, category, tags, contact, heroImage, attachments, status,
                author, createdAt, updatedAt, publishedAt, embargoUntil, changes, withdrawal, version,
                editor == null ? editedBy : editor);
    }

    /** Whether the slug is still the draft's stand-in, not yet a public one. */
    public boolean hasDraftSlug() {
        return Slugs.isDraftSlug(slug);
    }

    /** The latest change, if the release has been updated since it was published. */
    public Optional<ReleaseChange> lastChange() {
        return changes.isEmpty() ? Optional.empty() : Optional.of(changes.get(changes.size() - 1));
    }

    /** A copy with the given content and status fields; everything else kept. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a release with some fields changed: workflow transitions read as a list of what changes. */
    public static final class Builder {
        private String title;
        private String summary;
        private String body;
        private String category;
        private List<String> tags;
        private ContactBlock contact;
        private HeroImage heroImage;
        private List<Attachment> attachments;
        private ReleaseStatus status;
        private Instant updatedAt;
        private Instant publishedAt;
        private Instant embargoUntil;
        private List<ReleaseChange> changes;
        private Withdrawal withdrawal;
        private long version;
        private String editedBy;
        private final Release from;

        private Builder(Release r) {
            this.from = r;
            this.title = r.title;
            this.summary = r.summary;
            this.body = r.body;
            this.category = r.category;
            this.tags = r.tags;
            this.contact = r.contact;
            this.heroImage = r.heroImage;
            this.attachments = r.attachments;
            this.status = r.status;
            this.updatedAt = r.updatedAt;
            this.publishedAt = r.publishedAt;
            this.embargoUntil = r.embargoUntil;
            this.changes = r.changes;
            this.withdrawal = r.withdrawal;
            this.version = r.version;
            this.editedBy = r.editedBy;
        }

        public Builder content(String title, String summary, String body, String category, List<String> tags,
                               ContactBlock contact, HeroImage heroImage) {
            this.title = title;
            this.summary = summary;
            this.body = body;
            this.category = category;
            this.tags = tags;
            this.contact = contact;
            this.heroImage = heroImage;
            return this;
        }

        public Builder attachments(List<Attachment> attachments) {
            this.attachments = attachments;
            return this;
        }

        public Builder status(ReleaseStatus status) {
            this.status = status;
            return this;
        }

        public Builder publishedAt(Instant publishedAt) {
            this.publishedAt = publishedAt;
            return this;
        }

        public Builder embargoUntil(Instant embargoUntil) {
            this.embargoUntil = embargoUntil;
            return this;
        }

        public Builder changes(List<ReleaseChange> changes) {
            this.changes = changes;
            return this;
        }

        public Builder editedBy(String editor) {
            this.editedBy = editor;
            return this;
        }

        public Builder withdrawal(Withdrawal withdrawal) {
            this.withdrawal = withdrawal;
            return this;
        }

        /** Every saved change gets the next version and the time it was made. */
        public Release saved(Instant now) {
            return new Release(from.id, from.slug, title, summary, body, category, tags, contact, heroImage,
                    attachments, status, from.author, from.createdAt, now, publishedAt, embargoUntil, changes,
                    withdrawal, version + 1, editedBy);
        }
    }
}
