package newsroom.store;

import java.util.List;
import java.util.Optional;
import newsroom.domain.Release;

/** Where releases are kept. */
public interface ReleaseRepository {

    /**
     * Stores a new release and claims its slug in one transaction.
     *
     * @throws SlugTakenException when another release already has the slug; nothing is written
     */
    void create(Release release);

    Optional<Release> find(String id);

    /** The newest published releases, newest first. */
    List<Release> latestPublished(int limit);
}
