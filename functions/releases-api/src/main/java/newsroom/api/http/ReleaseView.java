package newsroom.api.http;

import java.time.Instant;
import java.util.List;
import newsroom.domain.Attachment;
import newsroom.domain.ContactBlock;
import newsroom.domain.HeroImage;
import newsroom.domain.PendingChange;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseEdit;
import newsroom.domain.Withdrawal;

/** A release as the API shows it; {@code url} is its public page, once it has one. */
public record ReleaseView(
        String id,
        String slug,
        String status,
        String title,
        String summary,
        String body,
        String category,
        List<String> tags,
        ContactBlock contact,
        HeroImage heroImage,
        List<Attachment> attachments,
        String author,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant embargoUntil,
        List<ReleaseChange> changes,
        Withdrawal withdrawal,
        long version,
        String url,
        String editedBy,
        PendingChangeView pendingChange) {

    static ReleaseView of(Release r, String url) {
        return of(r, url, null);
    }

    /** With the change that waits for a second person's approval, if one does. */
    static ReleaseView of(Release r, String url, PendingChange pending) {
        return new ReleaseView(r.id(), r.slug(), r.status().name(), r.title(), r.summary(), r.body(),
                r.category(), r.tags(), r.contact(), r.heroImage(), r.attachments(), r.author(), r.createdAt(),
                r.updatedAt(), r.publishedAt(), r.embargoUntil(), r.changes(), r.withdrawal(), r.version(), url,
                r.editedBy(), pending == null ? null : PendingChangeView.of(pending));
    }

    /** What a waiting change would do, for the approver to review, and its id to name when publishing it. */
    record PendingChangeView(String id, String kind, String proposedBy, Instant proposedAt, String changeNote,
                             String changeType, ProposedContent edit, Attachment attachment, String attachmentId) {
        static PendingChangeView of(PendingChange p) {
            ReleaseEdit e = p.edit();
            return new PendingChangeView(p.id(), p.kind().name(), p.proposedBy(), p.proposedAt(), p.changeNote(),
                    p.changeType(), e == null ? null : new ProposedContent(e.title(), e.summary(), e.body(),
                            e.category(), e.tags(), e.contact(), e.heroImage()),
                    p.attachment(), p.attachmentId());
        }
    }

    /** The content an edit proposes. */
    record ProposedContent(String title, String summary, String body, String category, List<String> tags,
                           ContactBlock contact, HeroImage heroImage) {
    }
}
