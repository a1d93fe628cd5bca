package newsroom.domain;

import java.time.Instant;

/** Why and when a release was taken down; the public reason replaces it at the same URL. */
public record Withdrawal(Instant at, String reason) {
}
