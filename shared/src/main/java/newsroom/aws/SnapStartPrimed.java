package newsroom.aws;

import org.crac.Context;
import org.crac.Resource;

/**
 * A handler that primes its SnapStart snapshot: Lambda calls {@code beforeCheckpoint} once per
 * published version, after the constructor, and the handler runs {@link #prime()} there (see
 * {@link SnapStartPriming}). Its Lambda constructor registers it with {@link SnapStartPriming#register}.
 */
public interface SnapStartPrimed extends Resource {

    /** Makes the calls the first request would make, reading only. Public so that tests can run it. */
    void prime();

    @Override
    default void beforeCheckpoint(Context<? extends Resource> checkpoint) {
        SnapStartPriming.prime(getClass().getSimpleName(), this::prime);
    }

    @Override
    default void afterRestore(Context<? extends Resource> restore) {
        // Nothing to renew: clients reconnect on demand and credentials are fetched when needed.
    }
}
