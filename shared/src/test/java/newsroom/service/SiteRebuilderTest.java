package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.domain.Categories;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import newsroom.fakes.InMemoryDownloads;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemorySearchDocs;
import newsroom.fakes.InMemoryRenderQueue;
import newsroom.fakes.InMemorySiteIndex;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.RecordingCdn;
import newsroom.fakes.Samples;
import newsroom.render.SiteAssets;
import newsroom.render.SitePages;
import newsroom.render.SiteRenderer;
import org.junit.jupiter.api.Test;

/** The full rebuild, against in-memory ports. Pure. */
class SiteRebuilderTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final RecordingCdn cdn = new RecordingCdn();
    private final InMemorySiteIndex index = new InMemorySiteIndex(ZONE);
    private final InMemoryRenderQueue queue = new InMemoryRenderQueue();
    private final SiteAssets assets = new SiteAssets();
    private final SiteRenderer renderer = new SiteRenderer(assets, "Example Police", "https://news.example", ZONE);

    private SiteRebuilder rebuilder(List<Release> releases) {
        return new SiteRebuilder(InMemoryReleaseRepository.of(releases, ZONE), index, queue, bucket,
                new InMemoryDownloads(), renderer, assets, Samples.CATEGORIES, cdn, Clock.fixed(NOW, ZoneOffset.UTC), 4);
    }

    /** The search index's writer, with its own queue, as the functions build it. */
    private SearchRounds search(List<Release> releases, InMemoryRenderQueue searchQueue) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new SearchRounds(new SearchIndexer(InMemoryReleaseRepository.of(releases, ZONE), new InMemorySearchDocs(),
                bucket, cdn, renderer.paths(), clock), index, searchQueue, clock);
    }

    @Test
    void aRebuildThatLeavesTheListsToTheirRendererMarksThemAndNudgesItOnce() {
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            releases.add(Samples.published("p" + i, "Release number " + i, i % 2 == 0 ? "Appeals" : "Community",
                    NOW.minusSeconds(86_400L * 5 * i)));
        }
        AtomicInteger nudges = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        InMemoryRenderQueue searchQueue = new InMemoryRenderQueue();

        SiteRebuilder.Result result = rebuilder(releases).withSearch(search(releases, searchQueue))
                .rebuildMarkingLists(progress::add, nudges::incrementAndGet);

        assertEquals(1, nudges.get());
        assertEquals(12, result.releases());
        assertFalse(result.listsRendered());
        assertTrue(bucket.exists("news/2026/11/slug-p0/index.html"), "the release pages are written here");
        assertTrue(bucket.exists("404.html"), "and the fixed pages");
        for (String key : List.of("news/index.html", "feeds/news.atom", "sitemap.xml", "news/archive/index.html",
                "news/category/appeals/index.html")) {
            assertFalse(bucket.exists(key), key + " is the renderer's to write");
        }
        assertFalse(bucket.exists(SearchIndexer.MANIFEST), "the search index is its own writer's to build");
        Set<String> marked = queue.dirty().keySet();
        assertEquals(result.parts(), marked.size(), "every part but the search index, and the latest list");
        assertTrue(marked.containsAll(List.of(SharedPages.LATEST,
                SharedPages.category("Appeals"), SharedPages.wholeMonth(YearMonth.of(2026, 11)))));
        assertEquals(Set.of(SharedPages.SEARCH_ALL), searchQueue.dirty().keySet(), "the search index, in its own queue");
        assertTrue(progress.get(progress.size() - 1).startsWith("Rebuilt " + result.objects() + " objects"));

        // The renderer's round (the shared pages' function): every list from the marks alone.
        new SharedPages(index, queue, InMemoryReleaseRepository.of(releases, ZONE),
                new SitePages(renderer), bucket, cdn, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(Set.of());
        assertTrue(queue.dirty().isEmpty());
        assertTrue(bucket.text("news/index.html").contains("Release number 0"));
        assertTrue(bucket.text("news/category/appeals/index.html").contains("Release number 10"));
        assertTrue(bucket.exists("sitemap.xml"));
        assertFalse(searchQueue.dirty().isEmpty(), "the lists' round leaves the search index's marks alone");
        assertFalse(bucket.exists(SearchIndexer.MANIFEST));

        // The search index's round (its own function): the whole index again, from its mark.
        search(releases, searchQueue).update();
        assertTrue(searchQueue.dirty().isEmpty());
        assertTrue(bucket.text(SearchIndexer.MANIFEST).contains("\"docs\":12"));
    }

    @Test
    void everyPublicPageIsWrittenAndNothingEmbargoedOrDraft() {
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            releases.add(Samples.published("p" + i, "Release number " + i, i % 2 == 0 ? "Appeals" : "Community",
                    NOW.minusSeconds(86_400L * 3 * i)));
        }
        Release gone = Samples.published("w1", "Withdrawn later", "Appeals", NOW.minusSeconds(7200))
                .toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW.minusSeconds(3600), "Published in error.")).saved(NOW);
        Release embargoed = Samples.published("s1", "Secret until tomorrow", "Appeals", NOW.plusSeconds(86_400))
                .toBuilder().status(ReleaseStatus.SCHEDULED).embargoUntil(NOW.plusSeconds(86_400)).saved(NOW);
        releases.add(gone);
        releases.add(embargoed);
        List<String> progress = new ArrayList<>();

        SiteRebuilder.Result result = rebuilder(releases).rebuild(progress::add);

        assertEquals(30, result.releases());
        for (int i = 0; i < 30; i++) {
            Release release = releases.get(i);
            String key = "news/" + release.publishedAt().atZone(ZONE).getYear() + "/"
                    + String.format("%02d", release.publishedAt().atZone(ZONE).getMonthValue()) + "/slug-p" + i + "/index.html";
            assertTrue(bucket.exists(key), key);
        }
        assertTrue(bucket.text("news/2026/11/slug-w1/index.html").contains("Published in error."));
        assertTrue(bucket.objects().values().stream().noneMatch(o -> o.text().contains("Secret until tomorrow")),
                "no page, list or feed carries embargoed text");
        for (String category : Samples.CATEGORIES.names()) {
            assertTrue(bucket.exists("news/category/" + Categories.slugOf(category) + "/index.html"));
        }
        for (String key : List.of("news/index.html", "feeds/news.atom", "feeds/news.rss", "sitemap.xml",
                "news/archive/index.html", "404.html", "robots.txt", "news/2026/09/index.html", "sitemaps/2026-09.xml")) {
            assertTrue(bucket.exists(key), key);
        }
        assertFalse(bucket.text("news/index.html").contains("Withdrawn later"));
        assertTrue(progress.get(progress.size() - 1).startsWith("Rebuilt " + result.objects() + " objects"));
    }

    @Test
    void everyPathWrittenIsInvalidatedInBatchesNeverAsAWildcard() {
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            releases.add(Samples.published("p" + i, "Release " + i, "Appeals", NOW.minusSeconds(3_600L * i)));
        }
        SiteRebuilder.Result result = rebuilder(releases).rebuild(line -> { });
        Set<String> invalidated = new HashSet<>();
        cdn.invalidations().forEach(i -> {
            assertTrue(i.paths().size() <= SiteRebuilder.INVALIDATION_BATCH);
            invalidated.addAll(i.paths());
        });
        assertEquals(2, cdn.invalidations().stream().filter(i -> i.reference().startsWith("rebuild-")).count(),
                "the release pages, in two batches (the lists are invalidated by their own render)");
        assertTrue(invalidated.size() > result.objects());
        assertFalse(invalidated.contains("/*"));
        assertTrue(invalidated.contains("/news/index.html"));
    }
}
