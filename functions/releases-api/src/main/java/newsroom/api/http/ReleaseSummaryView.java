package newsroom.api.http;

import java.time.Instant;
import newsroom.domain.Release;

/** A release in a list: everything but the body. */
public record ReleaseSummaryView(String id, String slug, String status, String title, String summary,
                                 String category, String author, Instant updatedAt, Instant publishedAt,
                                 Instant embargoUntil, long version, String url, String editedBy) {

    static ReleaseSummaryView of(Release r, String url) {
        return new ReleaseSummaryView(r.id(), r.slug(), r.status().name(), r.title(), r.summary(), r.category(),
                r.author(), r.updatedAt(), r.publishedAt(), r.embargoUntil(), r.version(), url, r.editedBy());
    }
}
