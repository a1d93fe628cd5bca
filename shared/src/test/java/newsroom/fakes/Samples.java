package newsroom.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import newsroom.domain.Categories;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseStatus;

/** Releases, drafts and contacts for unit tests, with the defaults a press office would use. */
public final class Samples {
    public static final Categories CATEGORIES =
            new Categories(List.of("Crime Operations", "Appeals", "Road Safety", "Court Results", "Community", "Corporate"));
    public static final ContactBlock PRESS_OFFICE = new ContactBlock("Press office", "0800 000 0000", "press@example.gov.uk");

    private Samples() {
    }

    public static ReleaseDraft draft(String title, String category) {
        return new ReleaseDraft(title, "A summary.", "Officers are appealing for witnesses.", category, List.of(),
                PRESS_OFFICE, null, null);
    }

    /** A release that went public at {@code publishedAt}. */
    public static Release published(String id, String title, String category, Instant publishedAt) {
        return new Release(id, "slug-" + id, title, "Summary of " + title, "Body of **" + title + "**.", category,
                List.of(), PRESS_OFFICE, null, List.of(), ReleaseStatus.PUBLISHED, "author", publishedAt, publishedAt,
                publishedAt, null, List.of(), null, 2);
    }

    public static MediaContact contact(String id, String email, Set<String> topics, boolean embargoAccess,
                                       ContactStatus status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new MediaContact(id, email, "Reporter " + id, "The Paper", null, topics, embargoAccess, status,
                "signed form", at, at);
    }
}
