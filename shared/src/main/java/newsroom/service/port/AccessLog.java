package newsroom.service.port;

import java.time.Instant;
import java.util.List;

/** Who opened an advance copy of a release, and when: kept as a record, never changed. */
public interface AccessLog {

    /** One opening of one journalist's advance-copy link. */
    record Opening(String contactId, Instant at, String userAgent) {
    }

    void opened(String releaseId, String contactId, Instant at, String userAgent);

    /** A release's openings, oldest first, up to {@code limit}. */
    List<Opening> openings(String releaseId, int limit);

    /** Withdraws one journalist's advance copy of a release, or (contactId null) every one. */
    void revoke(String releaseId, String contactId, Instant at);

    /** Whether this journalist's copy (or every copy) of the release was withdrawn. */
    boolean revoked(String releaseId, String contactId);
}
