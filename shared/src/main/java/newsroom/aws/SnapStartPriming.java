package newsroom.aws;

import newsroom.json.Json;
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
            // Most first requests map some JSON; log lines and a few messages no longer start the
            // object mapping (LightJson), so it is started here, into the snapshot.
            Json.warmUp();
            LOG.info("primed for snapshot", "function", function, "millis", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first request will warm up instead", "function", function,
                    "error", e.toString());
        }
    }
}
