package newsroom.api.http;

import java.time.Instant;
import java.util.List;
import newsroom.domain.Attachment;
import newsroom.domain.ContactBlock;
import newsroom.domain.HeroImage;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
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
        String url) {

    static ReleaseView of(Release r, String url) {
        return new ReleaseView(r.id(), r.slug(), r.status().name(), r.title(), r.summary(), r.body(),
                r.category(), r.tags(), r.contact(), r.heroImage(), r.attachments(), r.author(), r.createdAt(),
                r.updatedAt(), r.publishedAt(), r.embargoUntil(), r.changes(), r.withdrawal(), r.version(), url);
    }
}
