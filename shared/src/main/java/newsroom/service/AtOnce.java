package newsroom.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Independent requests made a few at once instead of one after another: the pools are daemon
 * threads, named for what they do, and a batch's first failure is thrown once every request in it
 * has finished (so none is left running unseen).
 */
public final class AtOnce {
    private AtOnce() {
    }

    /** A pool of this many daemon threads named {@code name}. */
    public static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the task for each item on the pool and waits for all of them. */
    public static <T> void each(ExecutorService pool, Collection<T> items, Consumer<T> task) {
        if (items.size() == 1) {
            task.accept(items.iterator().next());
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (T item : items) {
            running.add(pool.submit(() -> task.accept(item)));
        }
        awaitAll(running);
    }

    /** Waits for every piece of work, then throws the first failure among them, if any. */
    public static void awaitAll(List<? extends Future<?>> running) {
        RuntimeException failure = null;
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for requests made at once", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The result of work done on a pool, its failure thrown as it was thrown there. */
    public static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for work done at once", e);
        }
    }
}
