package newsroom.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A legal flag on one release and the date by which the release must be reviewed for it. A
 * review is one (release, flag, reviewOn): a decision to keep it sets a new date, a new review.
 */
public record ReleaseFlag(String releaseId, String flag, String label, LocalDate reviewOn, String setBy,
                          Instant setAt) {

    /** What tells one review from another: the reminder for it is sent once. */
    public String reviewKey() {
        return releaseId + "#" + flag + "#" + reviewOn;
    }
}
