package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemorySearchCopies;
import newsroom.fakes.InMemorySearchDocs;
import newsroom.fakes.InMemorySiteBucket;
import newsroom.fakes.Samples;
import newsroom.json.Json;
import newsroom.render.SearchDictionary;
import newsroom.render.SearchPostings;
import newsroom.render.SitePaths;
import newsroom.service.port.Cdn;
import newsroom.service.port.SearchCopies;
import newsroom.service.port.SiteBucket;
import org.junit.jupiter.api.Test;

class SearchIndexerTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String[] WORDS = {"burglary", "collision", "appeal", "witnesses", "fraud", "arrest",
        "Exampleton", "Millford", "bridge", "school", "theft", "warehouse"};

    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final InMemorySearchDocs docs = new InMemorySearchDocs();

    private SearchIndexer indexer(List<Release> releases) {
        return new SearchIndexer(InMemoryReleaseRepository.of(releases, ZONE), docs, bucket, Cdn.NONE,
                new SitePaths(ZONE), CLOCK);
    }

    private static List<Release> archive(int size) {
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String title = WORDS[i % WORDS.length] + " " + WORDS[(i * 7 + 3) % WORDS.length] + " case " + i;
            releases.add(Samples.published(String.format("%08d-0000-4000-8000-000000000000", i), title, "Appeals",
                    NOW.minus(Duration.ofHours(size - i))));
        }
        return releases;
    }

    private int objectsForOneMorePublish(int archive) {
        List<Release> releases = archive(archive);
        indexer(releases).rebuild();
        Release next = Samples.published("ffffffff-0000-4000-8000-000000000001", "Appeal after burglary in Millford",
                "Appeals", NOW.minusSeconds(5));
        List<Release> after = new ArrayList<>(releases);
        after.add(next);
        return indexer(after).apply(List.of(next.id())).keys().size();
    }

    private Map<String, Object> manifest() {
        return Json.read(bucket.objects().get(SearchIndexer.MANIFEST).text(),
                new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    private List<SearchPostings.Posting> postings(String word) {
        @SuppressWarnings("unchecked")
        Map<String, String> words = (Map<String, String>) manifest().get("words");
        String hash = words.get(word.substring(0, 2));
        if (hash == null) {
            return List.of();
        }
        SearchDictionary dictionary = SearchDictionary.parse(
                bucket.objects().get("search/p/" + word.substring(0, 2) + "." + hash + ".json").content());
        SearchDictionary.Entry entry = dictionary.get(word);
        if (entry == null) {
            return List.of();
        }
        return SearchPostings.parse(bucket.objects().get("search/t/" + word + "." + entry.hash() + ".json").content())
                .postings();
    }

    /** The bucket, counting the files read from it. */
    private final class CountingBucket implements SiteBucket {
        final List<String> reads = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void put(String key, byte[] content, String contentType, String cacheControl) {
            bucket.put(key, content, contentType, cacheControl);
        }

        @Override
        public boolean exists(String key) {
            return bucket.exists(key);
        }

        @Override
        public Optional<byte[]> read(String key) {
            reads.add(key);
            return bucket.read(key);
        }

        @Override
        public void delete(String key) {
            bucket.delete(key);
        }

        @Override
        public List<String> keys(String prefix) {
            return bucket.keys(prefix);
        }
    }

    /**
     * A change reads the copies of its words' files together, and a file only where the copy is
     * missing or is not the file the index names (a rebuild since, or a copy left behind): what it
     * finds is the same either way.
     */
    @Test
    void aChangeReadsItsFilesFromTheirCopiesAndOnlyAStaleCopysFileFromTheBucket() {
        List<Release> releases = new ArrayList<>(archive(20));
        indexer(releases).rebuild();
        InMemorySearchCopies copies = new InMemorySearchCopies();
        assertTrue(copies.copies.isEmpty());
        CountingBucket counting = new CountingBucket();
        java.util.function.Supplier<SearchIndexer> indexer = () -> new SearchIndexer(
                InMemoryReleaseRepository.of(releases, ZONE), docs, counting, Cdn.NONE, new SitePaths(ZONE), CLOCK)
                .withCopies(copies);

        Release first = Samples.published("ffffffff-0000-4000-8000-000000000011", "Appeal after burglary in Millford",
                "Appeals", NOW.minusSeconds(50));
        releases.add(first);
        indexer.get().apply(List.of(first.id()));
        assertTrue(counting.reads.stream().anyMatch(k -> k.startsWith("search/p/")),
                "after a rebuild there are no copies yet: the files are read");
        assertTrue(copies.copies.containsKey("t:burglary") && copies.copies.containsKey("p:bu")
                && copies.copies.containsKey("f"), "and copied, with what the change wrote");

        counting.reads.clear();
        Release second = Samples.published("ffffffff-0000-4000-8000-000000000012", "Second burglary appeal in Millford",
                "Appeals", NOW.minusSeconds(40));
        releases.add(second);
        indexer.get().apply(List.of(second.id()));
        assertEquals(List.of(SearchIndexer.MANIFEST), counting.reads, "only the manifest: every other file from its copy");
        int one = docs.find(first.id()).orElseThrow().number();
        int two = docs.find(second.id()).orElseThrow().number();
        Set<Integer> millford = postings("millford").stream().map(SearchPostings.Posting::doc)
                .collect(java.util.stream.Collectors.toSet());
        assertTrue(millford.containsAll(Set.of(one, two)), millford.toString());

        // A copy that is not the file the index names (here: left from before) is not used.
        copies.copies.put("t:millford", new SearchCopies.Copy("000000000000", new SearchPostings().toJson()));
        counting.reads.clear();
        Release third = Samples.published("ffffffff-0000-4000-8000-000000000013", "Millford road closed",
                "Appeals", NOW.minusSeconds(30));
        releases.add(third);
        indexer.get().apply(List.of(third.id()));
        assertTrue(counting.reads.stream().anyMatch(k -> k.startsWith("search/t/millford.")), counting.reads.toString());
        int three = docs.find(third.id()).orElseThrow().number();
        Set<Integer> expected = new java.util.HashSet<>(millford);
        expected.add(three);
        assertEquals(expected, postings("millford").stream().map(SearchPostings.Posting::doc)
                .collect(java.util.stream.Collectors.toSet()), "nothing lost to the stale copy");
    }

    @Test
    void onePublishWritesTheSameNumberOfObjectsIntoASmallAndALargeArchive() {
        int small = objectsForOneMorePublish(50);
        int large = new SearchIndexerTest().objectsForOneMorePublish(3000);
        assertEquals(small, large, "bounded work: the count depends on the release, not the archive");
    }

    @Test
    void aWithdrawnReleaseLeavesEveryWordAtOnceAndItsResultFileGoes() {
        List<Release> releases = archive(20);
        indexer(releases).rebuild();
        Release target = Samples.published("ffffffff-0000-4000-8000-000000000002", "Quayside smugglers arrested",
                "Crime Operations", NOW.minusSeconds(60));
        List<Release> withTarget = new ArrayList<>(releases);
        withTarget.add(target);
        indexer(withTarget).apply(List.of(target.id()));
        int number = docs.find(target.id()).orElseThrow().number();
        assertEquals(List.of(new SearchPostings.Posting(number, 3)), postings("quayside"));
        assertTrue(bucket.objects().containsKey("search/d/" + number + ".json"));

        Release withdrawn = target.toBuilder().status(ReleaseStatus.WITHDRAWN)
                .withdrawal(new Withdrawal(NOW, "Issued in error.")).saved(NOW);
        withTarget.set(withTarget.size() - 1, withdrawn);
        indexer(withTarget).apply(List.of(target.id()));
        assertEquals(List.of(), postings("quayside"), "gone from its words");
        assertEquals(List.of(), postings("smugglers"));
        assertFalse(bucket.objects().containsKey("search/d/" + number + ".json"), "and its result file");
        assertEquals(20, ((Number) manifest().get("docs")).intValue());
    }

    @Test
    void anEmbargoedReleaseIsNeverIndexed() {
        Release embargoed = Samples.published("ffffffff-0000-4000-8000-000000000003", "Dawn raids on Quayside",
                "Crime Operations", null).toBuilder().status(ReleaseStatus.SCHEDULED)
                .embargoUntil(NOW.plus(Duration.ofHours(6))).saved(NOW);
        List<Release> releases = new ArrayList<>(archive(5));
        releases.add(embargoed);
        SearchIndexer indexer = indexer(releases);
        indexer.rebuild();
        assertEquals(SearchIndexer.Result.class, indexer.apply(List.of(embargoed.id())).getClass());
        assertEquals(List.of(), postings("quayside"));
        assertTrue(bucket.objects().keySet().stream().noneMatch(k -> k.contains("quayside") || k.contains("dawn")));
        assertTrue(docs.find(embargoed.id()).isEmpty());
    }

    @Test
    void aRebuildOfAnUnchangedArchiveWritesTheSameFilesAndAChangedWordGetsANewName() {
        List<Release> releases = archive(30);
        indexer(releases).rebuild();
        Map<String, String> first = new java.util.TreeMap<>();
        bucket.objects().forEach((k, v) -> first.put(k, v.text()));
        indexer(releases).rebuild();
        Map<String, String> second = new java.util.TreeMap<>();
        bucket.objects().forEach((k, v) -> second.put(k, v.text()));
        assertEquals(first, second, "the same names and contents: every release kept its number");

        Set<String> before = Set.copyOf(bucket.objects().keySet());
        Release next = Samples.published("ffffffff-0000-4000-8000-000000000009", "Burglary in Westgate",
                "Appeals", NOW.minusSeconds(5));
        List<Release> after = new ArrayList<>(releases);
        after.add(next);
        indexer(after).apply(List.of(next.id()));
        List<String> added = bucket.objects().keySet().stream().filter(k -> !before.contains(k)).toList();
        assertTrue(added.stream().anyMatch(k -> k.startsWith("search/t/burglary.")), "a changed word: a new file "
                + added);
        assertTrue(added.stream().noneMatch(k -> k.startsWith("search/t/fraud.")), "an unchanged word: none");
        assertEquals(1, postings("westgate").size());
    }
}
