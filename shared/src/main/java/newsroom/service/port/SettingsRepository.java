package newsroom.service.port;

import java.util.Optional;
import newsroom.domain.SiteSettings;
import newsroom.domain.VersionConflictException;

/** Where the site settings, and the state of the rebuild they cause, are kept. */
public interface SettingsRepository {

    /** The settings as saved, if they ever were. */
    Optional<SiteSettings> find();

    /**
     * Saves the settings if the stored ones are still at {@code expectedVersion} (0: none saved).
     *
     * @throws VersionConflictException when they have moved on
     */
    void save(SiteSettings settings, long expectedVersion);

    /** A rebuild of the site after a change of settings, as far as it has got. */
    record RebuildStatus(String state, long settingsVersion, java.time.Instant startedAt, java.time.Instant finishedAt,
                         long objects, String message) {
    }

    Optional<RebuildStatus> rebuildStatus();

    void recordRebuild(RebuildStatus status);
}
