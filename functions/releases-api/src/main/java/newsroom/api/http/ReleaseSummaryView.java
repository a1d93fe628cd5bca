package newsroom.api.http;

import java.time.Instant;
import newsroom.domain.PendingChange;
import newsroom.domain.Release;

/** A release in a list: everything but the body. */
public record ReleaseSummaryView(String id, String slug, String status, String title, String summary,
                                 String category, String author, Instant updatedAt, Instant publishedAt,
                                 Instant embargoUntil, long version, String url, String editedBy,
                                 PendingChangeSummary pendingChange) {

    /** Who proposed the change that waits, and when (the approval queue). */
    record PendingChangeSummary(String id, String proposedBy, Instant proposedAt, String changeNote) {
    }

    static ReleaseSummaryView of(Release r, String url) {
        return of(r, url, null);
    }

    static ReleaseSummaryView of(Release r, String url, PendingChange pending) {
        return new ReleaseSummaryView(r.id(), r.slug(), r.status().name(), r.title(), r.summary(), r.category(),
                r.author(), r.updatedAt(), r.publishedAt(), r.embargoUntil(), r.version(), url, r.editedBy(),
                pending == null ? null : new PendingChangeSummary(pending.id(), pending.proposedBy(),
                        pending.proposedAt(), pending.changeNote()));
    }
}
