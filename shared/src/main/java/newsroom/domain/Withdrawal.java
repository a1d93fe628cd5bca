package newsroom.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Why and when a release was taken down; the public reason replaces it at the same URL.
 * {@code wasPublic} says whether it had gone public by then: a scheduled release withdrawn before
 * the sweep published it never had a page, and gets none. (Null on records made before it was
 * kept: then the publication time decides.) It is the site's business, not the API's.
 */
public record Withdrawal(Instant at, String reason, @JsonIgnore Boolean wasPublic) {

    public Withdrawal(Instant at, String reason) {
        this(at, reason, null);
    }
}
