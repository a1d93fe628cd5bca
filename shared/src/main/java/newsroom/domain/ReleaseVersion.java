package newsroom.domain;

import java.time.Instant;

/** A release as it was saved at one version. */
public record ReleaseVersion(long version, Instant savedAt, Release release) {
}
