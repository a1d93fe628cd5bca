package newsroom.service.port;

import java.time.Instant;
import java.util.List;

/**
 * Who had a release's text, and when: the press office's work on it and journalists' openings of
 * their advance copies. Entries are only ever added, never changed.
 */
public interface AccessLog {

    /** One thing someone in the press office did with the release (created, edited, previewed...). */
    record Entry(Instant at, String who, String action, String detail) {
    }

    /** Adds an entry to the release's record. */
    void record(String releaseId, Entry entry);

    /** Adds several entries at once (created and published, say), in this order, in as few requests as the store allows. */
    default void recordAll(String releaseId, List<Entry> entries) {
        entries.forEach(entry -> record(releaseId, entry));
    }

    /** The release's press-office entries, oldest first. */
    List<Entry> entries(String releaseId);

    /** One opening of one journalist's advance-copy link. */
    record Opening(String contactId, Instant at, String userAgent, String what) {
        public Opening {
            what = what == null || what.isBlank() ? ADVANCE_COPY : what;
        }

        public Opening(String contactId, Instant at, String userAgent) {
            this(contactId, at, userAgent, ADVANCE_COPY);
        }
    }

    /** What a journalist opened, when it was the copy itself. */
    String ADVANCE_COPY = "the advance copy";

    /** One opening of a journalist's advance copy. */
    default void opened(String releaseId, String contactId, Instant at, String userAgent) {
        opened(releaseId, contactId, at, userAgent, ADVANCE_COPY);
    }

    /** One opening of part of it: {@code what} is e.g. "attachment map.pdf" or "the ninjs copy". */
    void opened(String releaseId, String contactId, Instant at, String userAgent, String what);

    /** A release's openings, oldest first, up to {@code limit}. */
    List<Opening> openings(String releaseId, int limit);

    /** Withdraws one journalist's advance copy of a release, or (contactId null) every one. */
    void revoke(String releaseId, String contactId, Instant at);

    /** Whether this journalist's copy (or every copy) of the release was withdrawn. */
    boolean revoked(String releaseId, String contactId);

    /** Gives one journalist an advance copy of this release, though they are not on the embargo list. */
    void grant(String releaseId, String contactId, Instant at);

    /** Whether this journalist was given an advance copy of this release by name. */
    boolean granted(String releaseId, String contactId);
}
