package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import newsroom.domain.Release;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemoryRenderQueue;
import newsroom.fakes.InMemorySearchDocs;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.InMemorySiteIndex;
import newsroom.fakes.RecordingCdn;
import newsroom.fakes.Samples;
import newsroom.render.SiteAssets;
import newsroom.render.SitePages;
import newsroom.render.SiteRenderer;
import newsroom.service.port.SiteIndex;
import org.junit.jupiter.api.Test;

/**
 * The search index's own writer beside the lists': its marks in its own queue, its own lease, and
 * the lists rendered without waiting for it.
 */
class SearchRoundsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemorySiteIndex index = new InMemorySiteIndex(ZONE);
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final InMemoryRenderQueue listsQueue = new InMemoryRenderQueue();
    private final InMemoryRenderQueue searchQueue = new InMemoryRenderQueue();
    private final SiteRenderer renderer = new SiteRenderer(new SiteAssets(), "Example Police", "https://news.example", ZONE);
    private final List<Release> releases = new ArrayList<>(List.of(
            Samples.published("p1", "Witness appeal after collision", "Appeals", NOW.minusSeconds(3600))));

    private SearchRounds search(Duration patience) {
        return new SearchRounds(new SearchIndexer(InMemoryReleaseRepository.of(releases, ZONE), new InMemorySearchDocs(),
                bucket, new RecordingCdn(), renderer.paths(), CLOCK), index, searchQueue, CLOCK,
                Duration.ofMillis(5), patience, Duration.ZERO);
    }

    private SharedPages lists(SearchRounds search) {
        return new SharedPages(index, listsQueue, InMemoryReleaseRepository.of(releases, ZONE), new SitePages(renderer),
                bucket, new RecordingCdn(), CLOCK).withSearch(search);
    }

    /** What a publish of the one release leaves: it listed, and the parts it changes. */
    private Set<String> publishScopes() {
        Release release = releases.get(0);
        index.list(new SiteIndex.Listing(release.id(), release.version(), release.publishedAt(), release.category()));
        return Set.of(SharedPages.monthAt(YearMonth.of(2026, 11), releases.get(0).publishedAt()),
                SharedPages.category("Appeals"), SharedPages.search("p1"));
    }

    @Test
    void aPublishMarksTheListsAndTheSearchIndexEachInItsOwnQueue() {
        lists(search(Duration.ofSeconds(1))).mark(publishScopes());

        assertEquals(Set.of(SharedPages.LATEST, SharedPages.category("Appeals"),
                SharedPages.monthAt(YearMonth.of(2026, 11), releases.get(0).publishedAt())), listsQueue.dirty().keySet());
        assertEquals(Set.of(SharedPages.search("p1")), searchQueue.dirty().keySet());
    }

    @Test
    void theListsAreRenderedWhileTheSearchIndexsWriterHoldsItsLease() {
        SharedPages shared = lists(search(Duration.ofMillis(50)));
        shared.mark(publishScopes());
        assertTrue(searchQueue.tryLease("a search round elsewhere", NOW, Duration.ofMinutes(1)));

        shared.updateLists();

        assertTrue(bucket.text("news/index.html").contains("Witness appeal after collision"));
        assertTrue(listsQueue.dirty().isEmpty());
        assertEquals(Set.of(SharedPages.search("p1")), searchQueue.dirty().keySet(), "left to the search index's writer");
        assertFalse(bucket.exists(SearchIndexer.MANIFEST));
        // Its own callers wait for it, and give up in time, their marks kept.
        assertThrows(TryAgainLater.class, () -> search(Duration.ofMillis(50)).update(Set.of(SharedPages.search("p1"))));
        assertTrue(searchQueue.dirty().containsKey(SharedPages.search("p1")));
    }

    @Test
    void aRoundOfTheSearchIndexBringsItUpToItsMarksAndClearsThem() {
        SharedPages shared = lists(search(Duration.ofSeconds(1)));
        shared.mark(publishScopes());

        search(Duration.ofSeconds(1)).update();

        assertTrue(searchQueue.dirty().isEmpty());
        assertTrue(bucket.text(SearchIndexer.MANIFEST).contains("\"docs\":1"));
        assertFalse(listsQueue.dirty().isEmpty(), "the lists are their own writer's");
        assertFalse(bucket.exists("news/index.html"));
    }

    @Test
    void aSearchMarkFoundAmongTheListsIsPassedOnNotLost() {
        publishScopes();
        listsQueue.markDirty(Set.of(SharedPages.search("p1"))); // as a publisher from before the split left it

        lists(search(Duration.ofSeconds(1))).updateLists();

        assertTrue(listsQueue.dirty().isEmpty());
        assertEquals(Set.of(SharedPages.search("p1")), searchQueue.dirty().keySet());
    }

    @Test
    void anUpdateThatWaitsBringsBothTheListsAndTheIndexUpToItsChange() {
        lists(search(Duration.ofSeconds(1))).update(publishScopes());

        assertTrue(bucket.text("news/index.html").contains("Witness appeal after collision"));
        assertTrue(bucket.text(SearchIndexer.MANIFEST).contains("\"docs\":1"));
        assertTrue(listsQueue.dirty().isEmpty());
        assertTrue(searchQueue.dirty().isEmpty());
    }
}
