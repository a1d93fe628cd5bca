package newsroom.aws;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactBlock;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.log.JsonLog;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. With SnapStart on (template.yaml), Lambda runs a function's constructor once
 * per published version, calls every registered CRaC {@code beforeCheckpoint} hook and snapshots
 * the JVM; cold starts then resume from that snapshot. Work done in the hook is therefore paid once
 * per deploy instead of on the first request of every new instance: each handler's hook makes the
 * calls its first request would make (same SDK clients, same marshalling, signing and HTTP code,
 * same templates) but only reads, so a checkpoint changes nothing anywhere.
 */
public final class SnapStartPriming {
    private static final JsonLog LOG = JsonLog.of(SnapStartPriming.class);
    /** An id nothing has: priming reads it and finds nothing. */
    public static final String NO_SUCH_ID = "00000000-0000-4000-8000-0000000000ff";

    private SnapStartPriming() {
    }

    /**
     * Registers a handler's hooks. The CRaC context holds resources weakly; the Lambda runtime
     * holds the handler for the life of the instance, so registering the handler itself is safe.
     */
    public static void register(Resource handler) {
        Core.getGlobalContext().register(handler);
    }

    /**
     * Runs a priming step. A failure is logged, never thrown: a missed warm-up costs one slower
     * request, while a failed checkpoint would fail the deploy.
     */
    public static void prime(String function, Runnable step) {
        long start = System.nanoTime();
        try {
            step.run();
            LOG.info("primed for snapshot", "function", function, "millis", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first request will warm up instead", "function", function,
                    "error", e.toString());
        }
    }

    /** A realistic release to render (never stored): Markdown with a quote and a list, a contact block. */
    public static Release sampleRelease(Instant now) {
        return new Release(NO_SUCH_ID, "priming-sample", "Priming sample: appeal after collision",
                "Officers are appealing for witnesses.",
                "Officers are appealing for **witnesses** after a collision.\n\n"
                        + "> \u201cWe would like to hear from anyone who saw it,\u201d said an officer.\n\n"
                        + "- Call 101\n- Quote reference 123\n\n[More](https://example.org/more)",
                "Appeals", List.of("roads"), new ContactBlock("Press office", "0800 000 0000", "press@example.org"),
                null, List.of(), ReleaseStatus.PUBLISHED, "priming", now, now, now, null, List.of(), null, 2);
    }

    /** A contact to address a sample email to (never stored). */
    public static MediaContact sampleContact(Instant now) {
        return new MediaContact(NO_SUCH_ID, "priming@example.org", "Priming", "Example", null, Set.of("*"), false,
                ContactStatus.ACTIVE, "priming", now, now);
    }
}
