package newsroom.service.port;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import newsroom.domain.NoPendingChangeException;
import newsroom.domain.Page;
import newsroom.domain.PendingChange;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseVersion;
import newsroom.domain.SlugTakenException;
import newsroom.domain.VersionConflictException;

/** Where releases and their versions are kept. */
public interface ReleaseRepository {

    /**
     * Stores a new release with its first version and claims its slug, in one transaction.
     *
     * @throws SlugTakenException when another release already has the slug; nothing is written
     */
    void create(Release release);

    /**
     * {@link #create}, with the first entries of the release's access log ("created", and
     * "published" when it is released in the same step). A store that keeps both writes them in
     * the one transaction: half the requests of a create in a burst, and no release is ever
     * without its "created" entry. Otherwise the entries follow the create.
     *
     * @throws SlugTakenException when another release already has the slug; nothing is written
     */
    default void create(Release release, AccessLog log, List<AccessLog.Entry> entries) {
        create(release);
        log.recordAll(release.id(), entries);
    }

    Optional<Release> find(String id);

    /** These releases as they are now (a consistent read), in the order asked, leaving out any that are gone. */
    List<Release> findAll(List<String> ids);

    /**
     * The version each of these releases is at now (a consistent read), leaving out any that are
     * gone: what a check that nothing changed needs, without reading the releases whole.
     */
    default java.util.Map<String, Long> versionsOf(List<String> ids) {
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        findAll(ids).forEach(release -> versions.put(release.id(), release.version()));
        return versions;
    }

    /**
     * Saves a changed release, and a copy as its new version, if the stored one is still at
     * {@code expectedVersion}.
     *
     * @throws VersionConflictException when it has moved on (or is gone); nothing is written
     */
    void save(Release changed, long expectedVersion);

    /**
     * Saves a changed release under a new slug: claims the new slug and gives up the old one, in
     * the same transaction as the save.
     *
     * @throws SlugTakenException when another release has the new slug; nothing is written
     * @throws VersionConflictException when the release has moved on; nothing is written
     */
    void saveWithSlug(Release changed, long expectedVersion, String previousSlug);

    /** Releases with a change waiting for approval (oldest proposal first), or that had one and moved on. */
    List<String> withPendingChanges(int limit);

    /** The change awaiting a second person's approval, if one does. */
    Optional<PendingChange> pendingChange(String releaseId);

    /**
     * Stores a proposed change (replacing any that waits), if the release is still published at
     * the change's {@code basedOn} version.
     *
     * @throws VersionConflictException when the release has moved on; nothing is written
     */
    void propose(String releaseId, PendingChange change);

    /**
     * Saves an approved change and removes it from waiting, in one transaction, if the release is
     * still at {@code expectedVersion} and the change waiting is still {@code changeId}.
     *
     * @throws VersionConflictException when the release has moved on; nothing is written
     * @throws NoPendingChangeException when another change (or none) waits now; nothing is written
     */
    void saveApproved(Release changed, long expectedVersion, String changeId);

    /**
     * Deletes a draft with its slug claim and versions, if it is still at {@code expectedVersion}.
     *
     * @throws VersionConflictException when it has moved on or is no longer a draft
     */
    void delete(Release release, long expectedVersion);

    /** The newest published releases, newest first. */
    List<Release> latestPublished(int limit);

    /** Releases by status (or all, most recently changed first), optionally in one category. */
    Page<Release> list(ReleaseStatus status, String category, int limit, String cursor);

    /** Scheduled releases whose embargo has passed at {@code now}, oldest first. */
    List<Release> dueForPublication(Instant now, int limit);

    /** Published releases in a month of the archive, newest first. */
    List<Release> publishedInMonth(YearMonth month);

    /** The newest published releases in a category, newest first. */
    List<Release> latestInCategory(String category, int limit);

    /** Notes that a month has releases, for the archive index and the sitemap index. Idempotent. */
    void recordMonth(YearMonth month);

    /** Every month that has had a release published, oldest first. */
    List<YearMonth> months();

    /** Every saved version, oldest first. */
    List<ReleaseVersion> versions(String id);
}
