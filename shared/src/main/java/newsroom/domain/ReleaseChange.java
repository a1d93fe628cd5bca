package newsroom.domain;

import java.time.Instant;

/** A change to a published release, shown on its page as "Updated <date>: <note>". */
public record ReleaseChange(Instant at, String note, ChangeType type) {

    /** A minor change (a typo) only updates the page; a major one is news to the journalists who got it. */
    public enum ChangeType {
        MINOR,
        MAJOR
    }
}
