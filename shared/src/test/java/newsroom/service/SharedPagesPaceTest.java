package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import newsroom.fakes.ForwardingSiteBucket;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemoryRenderQueue;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.InMemorySiteIndex;
import newsroom.fakes.RecordingCdn;
import newsroom.render.SiteAssets;
import newsroom.render.SitePages;
import newsroom.render.SiteRenderer;
import newsroom.service.port.SiteBucket;
import org.junit.jupiter.api.Test;

/**
 * In a burst the lists' writer runs at most a round a second: what is marked while a round runs,
 * and in the second after it began, is done by one more round, not one each. Each round reads the
 * month's and the categories' listings whatever it covers.
 */
class SharedPagesPaceTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void marksOfTheSecondAfterARoundBeganAreDoneInOneMoreRound() throws InterruptedException {
        InMemoryRenderQueue queue = new InMemoryRenderQueue();
        RecordingCdn cdn = new RecordingCdn();
        AtomicBoolean marked = new AtomicBoolean();
        Thread[] later = new Thread[1];
        SiteBucket bucket = new ForwardingSiteBucket(new InMemorySiteBucket()) {
            @Override
            public void put(String key, byte[] content, String contentType, String cacheControl) {
                super.put(key, content, contentType, cacheControl);
                if (marked.compareAndSet(false, true)) {
                    queue.markDirty(Set.of(SharedPages.category("Community"))); // a publish during the round
                    later[0] = new Thread(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        queue.markDirty(Set.of(SharedPages.category("Appeals"))); // and one just after it
                    });
                    later[0].start();
                }
            }
        };
        SiteAssets assets = new SiteAssets();
        SharedPages lists = new SharedPages(new InMemorySiteIndex(ZONE), queue, new InMemoryReleaseRepository(ZONE),
                new SitePages(new SiteRenderer(assets, "Example Police", "https://news.example", ZONE)), bucket, cdn,
                CLOCK);

        lists.update(List.of(SharedPages.category("Road Safety")));
        later[0].join();
        if (!queue.dirty().isEmpty()) {
            lists.update(List.of());
        }

        assertTrue(queue.dirty().isEmpty());
        List<List<String>> rounds = cdn.invalidations().stream().map(RecordingCdn.Invalidation::paths).toList();
        assertEquals(2, rounds.size(), "the first round, then one for both marks: " + rounds);
        assertTrue(rounds.get(1).stream().anyMatch(p -> p.contains("category/community/"))
                && rounds.get(1).stream().anyMatch(p -> p.contains("category/appeals/")), rounds.get(1).toString());
    }
}
