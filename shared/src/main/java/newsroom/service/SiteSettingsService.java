package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import newsroom.domain.SiteSettings;
import newsroom.domain.SiteSettingsRules;
import newsroom.domain.VersionConflictException;
import newsroom.log.JsonLog;
import newsroom.render.SiteRenderer;
import newsroom.service.port.SettingsRepository;

/**
 * The site's settings: read (the defaults until someone saves them), changed against the version
 * read (its ETag), and followed by the functions that render pages. A change is a stream record
 * like any other, and the site rebuilder rebuilds every page with the new chrome.
 */
public final class SiteSettingsService {
    private static final JsonLog LOG = JsonLog.of(SiteSettingsService.class);

    private final SettingsRepository repository;
    private final SiteSettings defaults;
    private final Clock clock;
    private final Duration followEvery;
    private volatile long followedVersion = -1;
    private volatile Instant followedAt = Instant.MIN;

    public SiteSettingsService(SettingsRepository repository, String siteName, String timeZone, Clock clock) {
        this(repository, siteName, timeZone, clock, Duration.ZERO);
    }

    /** {@code followEvery}: how long {@link #follow} trusts what it read (the API: seconds; publishers: each batch). */
    public SiteSettingsService(SettingsRepository repository, String siteName, String timeZone, Clock clock,
                               Duration followEvery) {
        this.repository = repository;
        this.defaults = SiteSettings.defaults(siteName, timeZone);
        this.clock = clock;
        this.followEvery = followEvery;
    }

    public SiteSettings current() {
        return repository.find().orElse(defaults);
    }

    /**
     * Replaces the settings, if they are still at {@code expectedVersion} (0: never saved).
     *
     * @throws newsroom.domain.InvalidRequestException naming every field at fault
     * @throws VersionConflictException when they changed since they were read
     */
    public SiteSettings update(long expectedVersion, SiteSettings draft, String who) {
        SiteSettingsRules.check(draft);
        SiteSettings current = current();
        if (current.version() != expectedVersion) {
            throw new VersionConflictException("settings");
        }
        SiteSettings saved = draft.saved(expectedVersion + 1, clock.instant(), who);
        repository.save(saved, expectedVersion);
        LOG.info("site settings changed; the site is rebuilt", "version", saved.version());
        return saved;
    }

    public Optional<SettingsRepository.RebuildStatus> rebuildStatus() {
        return repository.rebuildStatus();
    }

    public void recordRebuild(SettingsRepository.RebuildStatus status) {
        repository.recordRebuild(status);
    }

    /**
     * Brings the renderer's chrome up to the saved settings (at most one read per
     * {@code followEvery}); returns the settings in use.
     */
    public SiteSettings follow(SiteRenderer renderer, boolean search) {
        Instant now = clock.instant();
        if (followedVersion >= 0 && followedAt.plus(followEvery).isAfter(now)) {
            return renderer.settings();
        }
        SiteSettings settings = current();
        if (settings.version() != followedVersion) {
            renderer.useSettings(settings, search);
            followedVersion = settings.version();
        }
        followedAt = now;
        return settings;
    }
}
