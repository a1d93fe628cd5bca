package newsroom.store;

import java.time.Instant;
import newsroom.domain.Release;

/** A release as it was saved at one version. */
public record ReleaseVersion(long version, Instant savedAt, Release release) {
}
