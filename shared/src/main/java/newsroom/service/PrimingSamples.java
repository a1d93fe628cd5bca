package newsroom.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;

/**
 * What SnapStart priming reads and renders: an id nothing has, and a release and a contact that
 * are never stored. Every function's priming hook uses these, so that a checkpoint changes nothing.
 */
public final class PrimingSamples {
    /** An id nothing has: priming reads it and finds nothing. */
    public static final String NO_SUCH_ID = "00000000-0000-4000-8000-0000000000ff";

    private PrimingSamples() {
    }

    /** A realistic release to render (never stored): Markdown with a quote and a list, a contact block. */
    public static Release release(Instant now) {
        return new Release(NO_SUCH_ID, "priming-sample", "Priming sample: appeal after collision",
                "Officers are appealing for witnesses.",
                "Officers are appealing for **witnesses** after a collision.\n\n"
                        + "> \u201cWe would like to hear from anyone who saw it,\u201d said an officer.\n\n"
                        + "- Call 101\n- Quote reference 123\n\n[More](https://example.org/more)",
                "Appeals", List.of("roads"), new ContactBlock("Press office", "0800 000 0000", "press@example.org"),
                null, List.of(), ReleaseStatus.PUBLISHED, "priming", now, now, now, null, List.of(), null, 2);
    }

    /** A contact to address a sample email to (never stored). */
    public static MediaContact contact(Instant now) {
        return new MediaContact(NO_SUCH_ID, "priming@example.org", "Priming", "Example", null, Set.of("*"), false,
                ContactStatus.ACTIVE, "priming", now, now);
    }
}
