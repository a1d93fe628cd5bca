package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Slugs;
import newsroom.store.ReleaseRepository;
import newsroom.store.SlugTakenException;
import newsroom.store.Table;

/** Creating and reading releases: the rules, the workflow state and the unique slug. */
public final class ReleaseService {
    private static final int SLUG_ATTEMPTS = 20;

    private final ReleaseRepository releases;
    private final ReleaseRules rules;
    private final Clock clock;

    public ReleaseService(ReleaseRepository releases, ReleaseRules rules, Clock clock) {
        this.releases = releases;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Checks and stores a new release. With {@code publish} it is public at once, or scheduled
     * when its embargo lies in the future; otherwise it is a draft.
     *
     * @throws newsroom.domain.InvalidRequestException listing every field at fault; nothing stored
     */
    public Release create(ReleaseDraft draft, String author) {
        ReleaseRules.Checked checked = rules.check(draft);
        Instant now = Table.truncate(clock.instant());
        Instant embargo = Table.truncate(checked.embargoUntil());
        ReleaseStatus status;
        Instant publishedAt;
        if (!Boolean.TRUE.equals(draft.publish())) {
            status = ReleaseStatus.DRAFT;
            publishedAt = null;
        } else if (embargo != null && embargo.isAfter(now)) {
            status = ReleaseStatus.SCHEDULED;
            publishedAt = embargo;
        } else {
            status = ReleaseStatus.PUBLISHED;
            publishedAt = now;
        }
        String id = UUID.randomUUID().toString();
        String baseSlug = Slugs.fromTitle(draft.title());
        for (int attempt = 1; attempt <= SLUG_ATTEMPTS + 1; attempt++) {
            String slug = attempt <= SLUG_ATTEMPTS
                    ? Slugs.withSuffix(baseSlug, attempt)
                    : baseSlug + "-" + id.substring(0, 8);
            Release release = new Release(id, slug, draft.title().strip(),
                    draft.summary() == null ? null : draft.summary().strip(), draft.body(),
                    checked.category(), draft.tags(), draft.contact(), status, author,
                    now, now, publishedAt, embargo, 1);
            try {
                releases.create(release);
                return release;
            } catch (SlugTakenException taken) {
                // Another release has this slug: try the next suffix.
            }
        }
        throw new IllegalStateException("no free slug for " + baseSlug);
    }

    public Optional<Release> find(String id) {
        return releases.find(id);
    }
}
