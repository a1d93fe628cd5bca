package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import newsroom.domain.Release;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.Samples;
import org.junit.jupiter.api.Test;

/** A round's parts share their reads: each release is read once, whoever asks first. */
class RoundReadsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** The releases, counting every id each read asks for. */
    private static final class Counting extends InMemoryReleaseRepository {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile RuntimeException failure;

        Counting(List<Release> releases) {
            super(ZONE);
            releases.forEach(this::create);
        }

        @Override
        public List<Release> findAll(List<String> ids) {
            asked.addAll(ids);
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return super.findAll(ids);
        }
    }

    private static List<Release> releases(int count) {
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            releases.add(Samples.published(String.format("%08d-0000-4000-8000-000000000000", i), "Release " + i,
                    "Appeals", NOW.minusSeconds(60L * (count - i))));
        }
        return releases;
    }

    private static List<String> ids(List<Release> releases) {
        return releases.stream().map(Release::id).toList();
    }

    @Test
    void partsAskingAtOnceReadEachReleaseOnceAndEachGetsItsOwnInItsOrder() throws Exception {
        List<Release> all = releases(30);
        Counting repository = new Counting(all);
        repository.hold = new CountDownLatch(1); // the first read is still under way when the second asks
        RoundReads reads = new RoundReads(repository);
        List<String> newest = new ArrayList<>(ids(all.subList(10, 30)));
        Collections.reverse(newest);
        List<String> month = ids(all);

        CompletableFuture<List<Release>> latest = CompletableFuture.supplyAsync(() -> reads.findAll(newest));
        while (repository.asked.size() < newest.size()) {
            Thread.sleep(5);
        }
        CompletableFuture<List<Release>> monthPage = CompletableFuture.supplyAsync(() -> reads.findAll(month));
        while (repository.asked.size() < month.size()) {
            Thread.sleep(5);
        }
        repository.hold.countDown();

        assertEquals(newest, ids(latest.get(5, TimeUnit.SECONDS)));
        assertEquals(month, ids(monthPage.get(5, TimeUnit.SECONDS)), "its own order, its own releases");
        assertEquals(30, repository.asked.size(), "each read once: " + repository.asked);
        assertEquals(30, repository.asked.stream().distinct().count());
        assertSame(latest.get().get(0), monthPage.get().get(29), "the one read, shared");
        assertEquals(ids(all.subList(0, 5)), ids(reads.findAll(ids(all.subList(0, 5)))));
        assertEquals(30, repository.asked.size(), "asked again in the round: no read");
    }

    @Test
    void aReleaseThatIsNotThereIsLeftOutAndNotAskedForTwice() {
        List<Release> all = releases(3);
        Counting repository = new Counting(all);
        RoundReads reads = new RoundReads(repository);
        List<String> asked = List.of(all.get(0).id(), "ffffffff-0000-4000-8000-00000000dead", all.get(2).id());
        assertEquals(List.of(all.get(0).id(), all.get(2).id()), ids(reads.findAll(asked)));
        assertEquals(List.of(all.get(0).id(), all.get(2).id()), ids(reads.findAll(asked)));
        assertEquals(3, repository.asked.size());
    }

    @Test
    void aFailedReadFailsEveryPartWaitingForIt() throws Exception {
        List<Release> all = releases(4);
        Counting repository = new Counting(all);
        repository.hold = new CountDownLatch(1);
        repository.failure = new IllegalStateException("the table is unavailable");
        RoundReads reads = new RoundReads(repository);
        CompletableFuture<List<Release>> first = CompletableFuture.supplyAsync(() -> reads.findAll(ids(all)));
        while (repository.asked.size() < 4) {
            Thread.sleep(5);
        }
        CompletableFuture<List<Release>> second = CompletableFuture.supplyAsync(() -> reads.findAll(ids(all.subList(0, 2))));
        Thread.sleep(50);
        repository.hold.countDown();
        for (CompletableFuture<List<Release>> part : List.of(first, second)) {
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> part.get(5, TimeUnit.SECONDS));
            assertSame(repository.failure, e.getCause(), "the read's own failure, not a wait for ever");
        }
    }
}
